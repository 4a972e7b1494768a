"""Query count and render time of the evidence matrix page with 1, 10 and 100 evidence items.

Usage: .venv/bin/python bench/matrix_queries.py   (DATABASE_URL defaults to a PostgreSQL bench database)"""
import statistics
import time
import uuid

from _setup import bench_environment, create_database, django_setup


def main() -> None:
    create_database(bench_environment())
    django_setup()
    from django.contrib.auth.models import Group
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from accounts.models import User
    from assessments.services import case_enrol
    from evidence.models import EvidenceFile, EvidenceItem, EvidenceMapping

    # A new candidate each run, so the counts start from an empty portfolio.
    candidate = User.objects.create(username=f"bench-{uuid.uuid4().hex[:12]}", first_name_th="ทดสอบ",
                                    last_name_th="สมรรถนะ", email="bench@example.go.th")
    candidate.groups.add(Group.objects.get(name="Candidate"))
    case = case_enrol(candidate=candidate, unit_code="DG-EJJM-026")
    criteria = list(case.unit.criteria.all())
    client = Client()
    client.force_login(candidate)
    url = reverse("assessments:case_detail", args=[case.pk])

    def add_items(upto: int) -> None:
        have = EvidenceItem.objects.filter(case=case).count()
        for n in range(have, upto):
            item = EvidenceItem.objects.create(case=case, title=f"หลักฐานที่ {n + 1}", kind="performance")
            EvidenceMapping.objects.create(item=item, criterion=criteria[n % len(criteria)], statement="ทดสอบ")
            # Metadata only: the matrix never opens the files themselves.
            EvidenceFile.objects.create(item=item, file=f"evidence/{case.pk}/bench-{n}.pdf", original_name=f"{n}.pdf",
                                        content_type="application/pdf", extension=".pdf", size=1000,
                                        sha256=f"{n:064d}", uploaded_by=candidate)

    print(f"{'items':>6} {'queries':>8} {'median ms':>10}")
    for count in (1, 10, 100):
        add_items(count)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        # Read the count now: the next requests clear Django's query log.
        queries = len(captured)
        timings = []
        for _ in range(10):
            started = time.perf_counter()
            assert client.get(url).status_code == 200
            timings.append((time.perf_counter() - started) * 1000)
        print(f"{count:>6} {queries:>8} {statistics.median(timings):>10.1f}")


if __name__ == "__main__":
    main()
