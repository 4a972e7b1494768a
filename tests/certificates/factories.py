"""Building blocks for certificate tests: candidates whose competent decision is released."""
from accounts.roles import Role
from assessments.models import AssessmentCase
from judging.models import Decision
from tests.factories import UserFactory


def competent_case_for(*, by, **person) -> AssessmentCase:
    """A new candidate's case in DG-EJJM-026 with a released decision of competent, not yet certified.

    The judgments are left out: this builds many certificates quickly for the desk, the API and bulk downloads;
    the whole workflow is exercised by the `competent_case` fixture."""
    from competency.selectors import unit_current

    candidate = UserFactory(roles=[Role.CANDIDATE], **person)
    unit = unit_current(code="DG-EJJM-026")
    case = AssessmentCase.objects.create(candidate=candidate, unit=unit, unit_code=unit.code,
                                         state=AssessmentCase.State.COMPETENT)
    Decision.objects.create(case=case, round=1, outcome=Decision.Outcome.COMPETENT, summary="ผ่าน", exam_passed=True,
                            confirmed_by=by, status=Decision.Status.RELEASED)
    return case


def released_competent_case_for(*, by, **person) -> AssessmentCase:
    """As competent_case_for, and certified."""
    from certificates.services import certificate_issue

    case = competent_case_for(by=by, **person)
    certificate_issue(case=case, by=by)
    return case
