"""The HR desk with 100,000 certificates in PostgreSQL: the list page's query count (the same for one row as for
a page of 50 out of 100,000) and its p95 time, unfiltered and for each filter, for an administrator and for an
agency's HR officer.

Usage: .venv/bin/python bench/certificates_desk.py [total]   (DATABASE_URL defaults to a PostgreSQL bench database)"""
import datetime
import statistics
import subprocess
import sys
import time

from _setup import ROOT, bench_environment, create_database, django_setup

TOTAL = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
AGENCIES = 20


def populate(env: dict[str, str], total: int) -> None:
    """Seed the certificates (with their holders, cases and judgments) through `bench/seed_scale.py`, once."""
    subprocess.run([sys.executable, "bench/seed_scale.py", "--force", "--quiet", f"--candidates={max(total // 2, 1)}",
                    f"--agencies={AGENCIES}", "--cases=0", "--evidence-files=0", f"--certificates={total}"],
                   cwd=ROOT, env=env, check=True)


def measure(client, params: dict) -> tuple[int, float]:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    url = reverse("certificates:desk")
    assert client.get(url, params).status_code == 200
    reset_queries()  # each request clears the log at its start; the capture must begin from an empty one
    with CaptureQueriesContext(connection) as captured:
        client.get(url, params)
    queries = len(captured)  # read now: the next request clears the log the capture reads from
    timings = []
    for _ in range(30):
        started = time.perf_counter()
        client.get(url, params)
        timings.append((time.perf_counter() - started) * 1000)
    return queries, statistics.quantiles(timings, n=20)[18]


def main() -> None:
    env = bench_environment()
    create_database(env)
    populate(env, TOTAL)
    django_setup()
    from django.test import Client
    from django.urls import reverse

    from accounts.models import User
    from bench.scale import KNOWN_ACCOUNTS
    from bench.sign_in import force_login_with_second_factor
    from certificates.models import Certificate

    officer = User.objects.get(username=KNOWN_ACCOUNTS["hr"])
    agency = officer.department
    admin = User.objects.get(username=KNOWN_ACCOUNTS["admin"])
    one = Certificate.objects.filter(department=agency).order_by("pk").first()
    month = datetime.date(2025, 6, 1)
    cases = [
        ("admin", "one certificate (by number)", {"name": one.number}),
        ("admin", "all, page 1", {}),
        ("admin", "all, page 200", {"page": 200}),
        ("admin", "one agency", {"agency": agency.pk}),
        ("admin", "revoked", {"status": "revoked"}),
        ("admin", "name contains", {"name": "น้ำฝน"}),
        ("admin", "one month", {"issued_from": month.isoformat(),
                                "issued_to": (month + datetime.timedelta(days=30)).isoformat()}),
        ("hr", "own agency, page 1", {}),
        ("hr", "own agency, valid", {"status": "valid"}),
        ("hr", "own agency, name", {"name": "สมหญิง"}),
    ]
    clients = {"admin": Client(), "hr": Client()}
    force_login_with_second_factor(clients["admin"], admin)
    force_login_with_second_factor(clients["hr"], officer)
    total = Certificate.objects.count()
    print(f"{total} certificates; 30 requests per page")
    print(f"{'page':<30} {'rows':>6} {'queries':>8} {'p95 ms':>8}")
    for who, label, params in cases:
        queries, p95 = measure(clients[who], params)
        rows = clients[who].get(reverse("certificates:desk"), params).content.decode().count("<tr data-certificate=")
        print(f"{label:<30} {rows:>6} {queries:>8} {p95:>8.1f}")


if __name__ == "__main__":
    main()
