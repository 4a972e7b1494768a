"""The main pages of every role on the full scale data set (50,000 candidates, 300 agencies, 200,000 cases,
1,000,000 evidence files, 100,000 certificates): query count and p95 time of each, against a 300 ms target.

Seeds its database with `bench/seed_scale.py` the first time (a few minutes), then reuses it.

Usage: .venv/bin/python bench/role_pages.py [requests per page, default 30] [--only TEXT ...]
(--only keeps the pages whose role or label contains one of the texts, e.g. `--only dashboard "marker agreement"`)
(DATABASE_URL defaults to postgres://postgres@127.0.0.1:5432/dg_portal_scale)"""
import argparse
import os
import statistics
import subprocess
import sys
import time

from _setup import ROOT, bench_environment, create_database, django_setup

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/dg_portal_scale")
# The verification page answers 30 requests a minute per address; the bench measures the page, not the limit.
os.environ.setdefault("CERTIFICATE_VERIFY_LIMIT_PER_MINUTE", "100000")
TARGET_MS = 300


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("requests", nargs="?", type=int, default=30, help="requests per page (default 30)")
    parser.add_argument("--only", nargs="+", default=[], metavar="TEXT",
                        help="measure only the pages whose role or label contains one of these texts")
    return parser.parse_args()


def seed_if_needed(env: dict[str, str]) -> None:
    started = time.perf_counter()
    # --force: the bench runs with DEBUG off, like production, on a database of its own. A seeded one is kept.
    subprocess.run([sys.executable, "bench/seed_scale.py", "--force"], cwd=ROOT, env=env, check=True)
    print(f"seeded (or found seeded) in {time.perf_counter() - started:.0f} s")


def vacuum_if_autovacuum_is_off() -> None:
    """Index-only scans need the visibility map, and the planner the statistics, that autovacuum keeps; a server
    run with it off (as test servers often are) would make pages look slower than in production, so the bench
    vacuums and analyses in its place (quick once nothing has changed)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW autovacuum")
        if cursor.fetchone()[0] == "on":
            return
        started = time.perf_counter()
        cursor.execute("VACUUM (ANALYZE)")
    print(f"autovacuum is off: vacuumed and analysed in {time.perf_counter() - started:.0f} s")


def main() -> None:
    arguments = parse_arguments()
    env = bench_environment()
    create_database(env)
    seed_if_needed(env)
    django_setup()
    vacuum_if_autovacuum_is_off()
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User
    from bench.scale import KNOWN_ACCOUNTS, role_pages
    from bench.sign_in import force_login_with_second_factor

    clients = {"public": Client()}
    for role, username in KNOWN_ACCOUNTS.items():
        clients[role] = Client()
        force_login_with_second_factor(clients[role], User.objects.get(username=username))
    pages = [page for page in role_pages()
             if not arguments.only or any(text.lower() in f"{page.role} {page.label}".lower()
                                          for text in arguments.only)]
    print(f"{arguments.requests} requests per page, after one to warm up; target p95 < {TARGET_MS} ms")
    print(f"{'role':<10} {'page':<36} {'status':>6} {'queries':>8} {'p50 ms':>8} {'p95 ms':>8}  ok")
    slow = 0
    for page in pages:
        client = clients[page.role]
        status = client.get(page.path).status_code
        reset_queries()
        with CaptureQueriesContext(connection) as captured:
            client.get(page.path)
        queries = len(captured)  # read now: the next request clears the log the capture reads from
        timings, statuses = [], {status}
        for _ in range(arguments.requests):
            started = time.perf_counter()
            statuses.add(client.get(page.path).status_code)
            timings.append((time.perf_counter() - started) * 1000)
        status = max(statuses, key=lambda code: code != 200)  # any answer other than 200 shows
        p95 = statistics.quantiles(timings, n=20)[18]
        ok = status == 200 and p95 < TARGET_MS
        slow += not ok
        print(f"{page.role:<10} {page.label:<36} {status:>6} {queries:>8} {statistics.median(timings):>8.1f} "
              f"{p95:>8.1f}  {'yes' if ok else 'NO'}")
    print(f"{slow} page(s) over {TARGET_MS} ms or not answering 200")


if __name__ == "__main__":
    main()
