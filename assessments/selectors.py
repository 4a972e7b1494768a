"""Reads of assessment cases, each fetched for one user so outsiders get a 404."""
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404

from accounts.permissions import is_administrator

from .models import Allocation, AssessmentCase


def cases_of_candidate(*, candidate) -> QuerySet[AssessmentCase]:
    return AssessmentCase.objects.filter(candidate=candidate).select_related("unit").order_by("-created_at")


def units_open_for_enrolment(*, candidate) -> list:
    """The current revision of every unit the candidate holds no open case in (one open case per unit)."""
    from competency.selectors import unit_current_revisions

    open_codes = set(
        AssessmentCase.objects.filter(candidate=candidate, state__in=AssessmentCase.OPEN_STATES)
        .values_list("unit_code", flat=True)
    )
    return [unit for unit in unit_current_revisions() if unit.code not in open_codes]


def open_cases_per_revision(*, code: str) -> dict[int, int]:
    """How many open cases each revision of the unit holds: they stay on it when a newer one is published."""
    rows = (
        AssessmentCase.objects.filter(unit_code=code, state__in=AssessmentCase.OPEN_STATES)
        .values("unit_id").annotate(count=Count("pk"))
    )
    return {row["unit_id"]: row["count"] for row in rows}


def case_is_allocated_to(*, case: AssessmentCase, user) -> bool:
    return Allocation.objects.filter(case=case, assessor=user, active=True).exists()


def cases_visible_to(user) -> QuerySet[AssessmentCase]:
    """Cases a user may read: their own, those allocated to them, or all for an administrator."""
    cases = AssessmentCase.objects.select_related("unit", "candidate")
    if not user.is_authenticated:
        return cases.none()
    if is_administrator(user):
        return cases
    allocated = Allocation.objects.filter(case=OuterRef("pk"), assessor=user, active=True)
    return cases.filter(Q(candidate=user) | Q(Exists(allocated)))


def case_for_viewer(*, user, case_id: int) -> AssessmentCase:
    case = cases_visible_to(user).filter(pk=case_id).first()
    if case is None:
        raise Http404("No such case")
    return case


def case_for_candidate(*, user, case_id: int) -> AssessmentCase:
    """The case if this user is its candidate; anyone else, assessors included, gets a 404."""
    case = AssessmentCase.objects.select_related("unit").filter(pk=case_id, candidate=user).first()
    if case is None or not user.is_authenticated:
        raise Http404("No such case")
    return case
