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


def pass_the_exam(case):
    """The candidate sits an objective-only written exam and answers every item right."""
    from exams.services import answer_save, attempt_start, attempt_submit, seed_bank_load
    from tests.exams.conftest import definition_for, right_value
    from exams.models import DefinitionRule

    seed_bank_load(unit=case.unit)
    definition = definition_for(case.unit, code="judging-exam", kinds=[
        DefinitionRule.Kind.SINGLE_CHOICE, DefinitionRule.Kind.TRUE_FALSE, DefinitionRule.Kind.SHORT_ANSWER])
    attempt = attempt_start(case=case, definition=definition)
    for answer in attempt.answers.select_related("item_version"):
        answer_save(attempt=attempt, item_version_id=answer.item_version_id, value=right_value(answer))
    return attempt_submit(attempt=attempt)
