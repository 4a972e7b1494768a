"""Query count and render time of the judging screen for a case with 10 criteria and 6, 30 and 60 evidence items.

Usage: .venv/bin/python bench/judging_screen.py   (DATABASE_URL defaults to a PostgreSQL bench database)"""
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
    from assessments.models import Allocation, AssessmentCase
    from assessments.services import case_enrol
    from bench.sign_in import force_login_with_second_factor
    from evidence.models import EvidenceFile, EvidenceItem, EvidenceMapping

    def person(prefix: str, role: str) -> User:
        user = User.objects.create(username=f"{prefix}-{uuid.uuid4().hex[:10]}", first_name_th="ทดสอบ",
                                   last_name_th=prefix, email=f"{prefix}@example.go.th")
        user.groups.add(Group.objects.get(name=role))
        return user

    candidate, assessor = person("bench-candidate", "Candidate"), person("bench-assessor", "Assessor")
    case = case_enrol(candidate=candidate, unit_code="DG-EJJM-026")
    criteria = list(case.unit.criteria.order_by("order"))

    def add_items(upto: int) -> None:
        for n in range(EvidenceItem.objects.filter(case=case).count(), upto):
            item = EvidenceItem.objects.create(case=case, title=f"หลักฐานที่ {n + 1}", kind="performance")
            EvidenceMapping.objects.create(item=item, criterion=criteria[n % len(criteria)], statement="ทดสอบ")
            # Metadata only: the screen lists files but never opens them.
            EvidenceFile.objects.create(item=item, file=f"evidence/{case.pk}/bench-{n}.pdf", original_name=f"{n}.pdf",
                                        content_type="application/pdf", extension=".pdf", size=1000,
                                        sha256=uuid.uuid4().hex * 2, uploaded_by=candidate)

    AssessmentCase.objects.filter(pk=case.pk).update(state=AssessmentCase.State.SUBMITTED)
    Allocation.objects.create(case=case, assessor=assessor)
    client = Client()
    force_login_with_second_factor(client, assessor)
    url = reverse("judging:screen", args=[case.pk])
    add_items(6)
    assert client.post(reverse("judging:take", args=[case.pk]), {"declaration": "on"}).status_code == 302  # starts the assessment
    assert client.get(url).status_code == 200

    print(f"{'items':>6} {'queries':>8} {'median ms':>10}")
    for count in (6, 30, 60):
        add_items(count)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        queries = len(captured)  # read now: later requests clear Django's query log
        timings = []
        for _ in range(10):
            started = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        print(f"{count:>6} {queries:>8} {statistics.median(timings):>10.1f}")


if __name__ == "__main__":
    main()
