"""Essays waiting for an assessor's mark, each shown only to an assessor allocated to its case."""
from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404

from accounts.permissions import is_administrator
from assessments.models import Allocation, AssessmentCase

from ..models import Answer, Attempt, ItemType


def _essays_awaiting() -> QuerySet[Answer]:
    return (
        Answer.objects.filter(
            attempt__status=Attempt.Status.SUBMITTED, item_version__item_type=ItemType.ESSAY, marked_at__isnull=True
        )
        .select_related("attempt__case__candidate", "attempt__definition", "item_version")
        .order_by("attempt__submitted_at", "position")
    )


def essays_awaiting_marking(case: AssessmentCase) -> QuerySet[Answer]:
    """Essay answers of the case's submitted attempts that no assessor has marked yet."""
    return _essays_awaiting().filter(attempt__case=case)


def _allocated_cases(user) -> QuerySet[AssessmentCase]:
    if is_administrator(user):
        return AssessmentCase.objects.all()
    allocated = Allocation.objects.filter(case=OuterRef("pk"), assessor=user, active=True)
    return AssessmentCase.objects.filter(Exists(allocated))


def essays_awaiting_marking_for(assessor) -> QuerySet[Answer]:
    return _essays_awaiting().filter(attempt__case__in=_allocated_cases(assessor))


def essay_for_marker(*, user, answer_id: int) -> Answer:
    """An essay answer of a case allocated to this assessor; anyone else gets a 404."""
    answer = (
        Answer.objects.filter(
            pk=answer_id, item_version__item_type=ItemType.ESSAY, attempt__status=Attempt.Status.SUBMITTED,
            attempt__case__in=_allocated_cases(user),
        )
        .select_related("attempt__case__candidate", "attempt__definition", "item_version", "marked_by")
        .first()
    )
    if answer is None:
        raise Http404("No such answer")
    return answer
