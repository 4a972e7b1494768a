"""Reads of the coordinator's sittings pages: the sittings, who is seated in each and when each is let in."""
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, QuerySet
from django.http import Http404
from django.utils import timezone

from accounts.models import Department
from assessments.models import AssessmentCase

from ..models import ExamDefinition, Seat, Sitting
from .accommodations import cases_for_accommodation
from .rules import EXAM_CASE_STATES, admission_moment


@dataclass
class SeatRow:
    """A seated candidate and the moment the sitting lets them in."""

    seat: Seat
    admitted_at: datetime

    @property
    def case(self) -> AssessmentCase:
        return self.seat.case


def sitting_has_opened(sitting: Sitting, now: datetime | None = None) -> bool:
    return sitting.opens_at <= (now or timezone.now())


def _with_seat_counts(sittings: QuerySet[Sitting]) -> QuerySet[Sitting]:
    return sittings.select_related("definition").annotate(seat_count=Count("seats"))


def sittings_upcoming(now: datetime | None = None) -> list[Sitting]:
    """Sittings that have not opened yet, the soonest first, each with its `seat_count`."""
    now = now or timezone.now()
    return list(_with_seat_counts(Sitting.objects.filter(opens_at__gt=now)).order_by("opens_at", "pk"))


def sittings_past(now: datetime | None = None) -> QuerySet[Sitting]:
    """Sittings that have opened, the latest first, each with its `seat_count`; a page at a time."""
    now = now or timezone.now()
    return _with_seat_counts(Sitting.objects.filter(opens_at__lte=now)).order_by("-opens_at", "-pk")


def definitions_to_schedule() -> QuerySet[ExamDefinition]:
    """The exams a sitting may be scheduled for: the active ones."""
    return ExamDefinition.objects.filter(is_active=True).select_related("unit").order_by("unit__code", "code")


def sitting_for_coordinator(*, sitting_id: int) -> Sitting:
    sitting = (Sitting.objects.select_related("definition__unit", "created_by")
               .annotate(seat_count=Count("seats")).filter(pk=sitting_id).first())
    if sitting is None:
        raise Http404("No such sitting")
    return sitting


def seat_for_coordinator(*, sitting: Sitting, seat_id: int) -> Seat:
    seat = Seat.objects.filter(pk=seat_id, sitting=sitting).first()
    if seat is None:
        raise Http404("No such seat")
    return seat


def sitting_seats(sitting: Sitting) -> list[SeatRow]:
    """The sitting's seated candidates in the order the sitting lets them in."""
    seats = Seat.objects.filter(sitting=sitting).select_related("case__candidate")
    rows = [SeatRow(seat, admission_moment(sitting, seat.case_id)) for seat in seats]
    return sorted(rows, key=lambda row: (row.admitted_at, row.seat.pk))


def cases_to_seat(sitting: Sitting, *, query: str = "", department_id: int | None = None) -> QuerySet[AssessmentCase]:
    """Cases that may sit the sitting's exam and are not seated in it yet, found as on the accommodations page
    (name, username or case number), and from one agency when one is chosen."""
    cases = (cases_for_accommodation(query=query)
             .filter(unit_code=sitting.definition.unit.code)
             .exclude(exam_seats__sitting=sitting)
             .select_related("candidate__department"))
    if department_id:
        cases = cases.filter(candidate__department_id=department_id)
    return cases


def agencies_to_seat_from(sitting: Sitting) -> QuerySet[Department]:
    """The agencies of candidates who may sit the sitting's exam: the choices of the agency filter."""
    return (Department.objects.filter(staff__assessment_cases__unit_code=sitting.definition.unit.code,
                                      staff__assessment_cases__state__in=EXAM_CASE_STATES)
            .select_related("ministry").distinct().order_by("ministry__name_th", "name_th"))
