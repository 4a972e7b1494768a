"""Judging fixtures: a submitted case with evidence for every criterion, allocated to an assessor."""
import pytest

from assessments.models import Allocation
from assessments.services import case_submit
from evidence.services import evidence_item_create
from judging.services import lease_acquire
from tests.samples import pdf_upload


@pytest.fixture
def submitted_case(case, candidate):
    for n, criterion in enumerate(case.unit.criteria.order_by("order")):
        evidence_item_create(
            case=case, by=candidate, title=f"หลักฐาน {criterion.code}", kind="performance",
            uploads=[pdf_upload(f"{criterion.code}.pdf", marker=str(n))],
            mappings={criterion.pk: f"แสดง {criterion.code}"},
        )
    case_submit(case=case, by=candidate, summary="หลักฐานครบทุกเกณฑ์")
    case.refresh_from_db()
    return case


@pytest.fixture
def allocated_case(submitted_case, assessor, superuser):
    Allocation.objects.create(case=submitted_case, assessor=assessor, assigned_by=superuser)
    return submitted_case


@pytest.fixture
def lease(allocated_case, assessor):
    lease = lease_acquire(case=allocated_case, assessor=assessor)
    allocated_case.refresh_from_db()
    return lease
