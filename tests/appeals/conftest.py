"""Appeal fixtures: a case released not yet competent through the real judging workflow, and a panel."""
import pytest

from accounts.roles import Role
from tests.factories import UserFactory


@pytest.fixture
def released_case(settings, lease, allocated_case, assessor):
    """The candidate's case judged by the assessor with one criterion (DL201.02) not yet competent, the exam
    passed, and the decision confirmed and released (no second marking): not yet competent."""
    from judging.services import decision_confirm
    from tests.exams.factories import pass_the_exam
    from tests.judging.factories import judge_all

    settings.MODERATION_MODE = "none"
    pass_the_exam(allocated_case)
    judge_all(allocated_case, assessor, lease, not_yet=("DL201.02",))
    decision_confirm(case=allocated_case, assessor=assessor, summary="ยังไม่ผ่าน DL201.02", lease_token=lease.token)
    allocated_case.refresh_from_db()
    assert allocated_case.state == "not_yet_competent"
    return allocated_case


@pytest.fixture
def decision(released_case):
    return released_case.decisions.get()


@pytest.fixture
def panel_member(db):
    """A moderator who took no part in the case."""
    return UserFactory(username="ivy", roles=[Role.MODERATOR])


@pytest.fixture
def criterion(released_case):
    return released_case.unit.criteria.get(code="DL201.02")


@pytest.fixture
def appeal(released_case, candidate, criterion):
    from appeals.services import appeal_lodge

    return appeal_lodge(case=released_case, by=candidate, grounds="หลักฐานแผนอัตรากำลังอยู่ในเอกสารแนบ",
                        criterion_id=criterion.pk)


@pytest.fixture
def assigned_appeal(appeal, panel_member, coordinator):
    from appeals.services import appeal_assign

    return appeal_assign(appeal=appeal, panel_member=panel_member, by=coordinator)
