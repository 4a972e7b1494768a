"""The HR desk with 100,000 certificates in PostgreSQL: the list page's query count (the same for one row as for
a page of 50 out of 100,000) and its p95 time, unfiltered and for each filter, for an administrator and for an
agency's HR officer.

Usage: .venv/bin/python bench/certificates_desk.py [total]   (DATABASE_URL defaults to a PostgreSQL bench database)"""
import datetime
import random
import statistics
import sys
import time
import uuid

from _setup import bench_environment, create_database, django_setup

TOTAL = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
AGENCIES = 20
FIRST_NAMES = ["สมชาย", "สมหญิง", "วิไล", "ประเสริฐ", "กมลชนก", "อรุณี", "ธนพล", "ศิริพร", "กำพล", "น้ำฝน"]
LAST_NAMES = ["ใจดี", "รักเรียน", "ศรีสุข", "มั่นคง", "วงศ์ไทย", "แสงทอง", "บุญมา", "ทองคำ"]


def populate(upto: int) -> None:
    """Add certificates (with their holders and cases) until the bench holds `upto` of them."""
    from django.contrib.auth.hashers import make_password

    from accounts.models import Department, Ministry, User
    from assessments.models import AssessmentCase
    from certificates.models import Certificate
    from competency.selectors import unit_current

    have = Certificate.objects.filter(number__contains="-B").count()
    if have >= upto:
        return
    ministry, _ = Ministry.objects.get_or_create(name_th="กระทรวงทดสอบภาระ")
    agencies = [Department.objects.get_or_create(ministry=ministry, name_th=f"กรมทดสอบภาระ {n}")[0]
                for n in range(AGENCIES)]
    unit = unit_current(code="DG-EJJM-026")
    admin = User.objects.filter(is_superuser=True).first()
    password = make_password(None)
    rng = random.Random(have)
    for start in range(have, upto, 5000):
        batch = range(start, min(start + 5000, upto))
        people = User.objects.bulk_create([
            User(username=f"desk-{uuid.uuid4().hex[:16]}", email=f"desk{n}@example.go.th", password=password,
                 name_prefix_th="นาย", first_name_th=rng.choice(FIRST_NAMES), last_name_th=f"{rng.choice(LAST_NAMES)}{n}",
                 first_name_en="Bench", last_name_en=f"Person{n}", department=agencies[n % AGENCIES])
            for n in batch])
        cases = AssessmentCase.objects.bulk_create([
            AssessmentCase(candidate=person, unit=unit, unit_code=unit.code, state=AssessmentCase.State.CERTIFIED)
            for person in people])
        now = datetime.datetime.now(datetime.timezone.utc)
        certificates = []
        for n, person, case in zip(batch, people, cases):
            issued = datetime.date(2023, 1, 1) + datetime.timedelta(days=rng.randrange(1400))
            revoked = now if rng.random() < 0.05 else None
            certificates.append(Certificate(
                number=f"DG-EJJM-026-B{issued.year + 543}-{n + 1:06d}", series="DG-EJJM-026-B",
                year_be=issued.year + 543, sequence=n + 1, code=uuid.uuid4().hex[:20].upper(), case=case,
                holder=person, holder_name_th=f"นาย{person.first_name_th} {person.last_name_th}",
                holder_name_en=f"Mr Bench Person{n}", department=person.department, unit=unit, unit_code=unit.code,
                unit_title_th=unit.title_th, unit_title_en=unit.title_en, unit_revision_number=unit.revision_number,
                unit_revision_year_be=unit.revision_year_be, issued_at=now, issued_on=issued,
                expires_on=issued + datetime.timedelta(days=3 * 365), issued_by=admin, revoked_at=revoked,
                revoked_by=admin if revoked else None, revocation_reason="ทดสอบ" if revoked else ""))
        Certificate.objects.bulk_create(certificates)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE certificates_certificate")


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
    create_database(bench_environment())
    django_setup()
    from django.contrib.auth.models import Group
    from django.test import Client
    from django.urls import reverse

    from accounts.models import Department, User
    from certificates.models import Certificate

    populate(TOTAL)
    agency = Department.objects.get(name_th="กรมทดสอบภาระ 0")
    officer, _ = User.objects.get_or_create(username="bench-desk-hr", defaults={
        "first_name_th": "เจ้าหน้าที่", "last_name_th": "บุคคล", "department": agency})
    officer.groups.add(Group.objects.get(name="HR officer"))
    admin = User.objects.filter(is_superuser=True).first()
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
    clients["admin"].force_login(admin)
    clients["hr"].force_login(officer)
    total = Certificate.objects.count()
    print(f"{total} certificates; 30 requests per page")
    print(f"{'page':<30} {'rows':>6} {'queries':>8} {'p95 ms':>8}")
    for who, label, params in cases:
        queries, p95 = measure(clients[who], params)
        rows = clients[who].get(reverse("certificates:desk"), params).content.decode().count("<tr data-certificate=")
        print(f"{label:<30} {rows:>6} {queries:>8} {p95:>8.1f}")


if __name__ == "__main__":
    main()
