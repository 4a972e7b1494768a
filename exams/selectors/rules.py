"""The rules of sitting an exam that pages and services both ask: the clock, the grace period, who may start and,
for a candidate seated in a sitting, from what moment."""
import hashlib
import math
from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.models import AssessmentCase
from core.dates import format_datetime

from ..conf import grace_period
from ..models import Accommodation, Attempt, ExamDefinition, Seat, Sitting

State = AssessmentCase.State
# A case may sit the exam while it is being built or assessed, not once the unit has been decided.
EXAM_CASE_STATES = (
    State.DRAFT, State.SUBMITTED, State.UNDER_ASSESSMENT, State.MORE_EVIDENCE_REQUESTED, State.RESUBMITTED,
)


def current_accommodation(*, case_id: int, definition_id: int) -> Accommodation | None:
    """The candidate's accommodation for this exam in force now: the latest grant not withdrawn."""
    return (Accommodation.objects.filter(case_id=case_id, definition_id=definition_id, withdrawn_at__isnull=True)
            .order_by("-granted_at", "-pk").first())


def current_accommodations(case_ids) -> dict[tuple[int, int], Accommodation]:
    """The accommodation in force for each (case, exam) pair of these cases, in one query."""
    current: dict[tuple[int, int], Accommodation] = {}
    rows = Accommodation.objects.filter(case_id__in=case_ids, withdrawn_at__isnull=True).order_by("granted_at", "pk")
    for row in rows:
        current[(row.case_id, row.definition_id)] = row  # later grants supersede earlier ones
    return current


def current_seats(case_ids) -> dict[tuple[int, int], Seat]:
    """The seat that governs each (case, exam) pair of these cases: the one in the latest sitting, in one query."""
    current: dict[tuple[int, int], Seat] = {}
    seats = (Seat.objects.filter(case_id__in=case_ids).select_related("sitting")
             .order_by("sitting__opens_at", "sitting_id"))
    for seat in seats:
        current[(seat.case_id, seat.sitting.definition_id)] = seat  # a later sitting (a retake) governs
    return current


def current_seat(*, case_id: int, definition_id: int) -> Seat | None:
    return current_seats([case_id]).get((case_id, definition_id))


def admission_moment(sitting: Sitting, case_id: int) -> datetime:
    """When this candidate is let in: a moment spread evenly over the sitting's admission window, fixed by the
    sitting and the case, so that a reload never moves it and nothing has to be written to keep it."""
    digest = hashlib.sha256(f"{sitting.pk}:{case_id}".encode()).digest()
    share = int.from_bytes(digest[:4], "big") / 2**32
    return sitting.opens_at + timedelta(seconds=round(share * sitting.admission_minutes * 60))


def seat_in_force(seat: Seat | None, accommodation: Accommodation | None) -> Seat | None:
    """A sitting window of the candidate's own replaces the round they were seated in."""
    if seat is None or (accommodation is not None and accommodation.has_window):
        return None
    return seat


def extra_time(definition: ExamDefinition, accommodation: Accommodation | None) -> timedelta:
    if accommodation is None:
        return timedelta(0)
    if accommodation.extra_minutes:
        return timedelta(minutes=accommodation.extra_minutes)
    if accommodation.extra_percent:
        return definition.time_limit * accommodation.extra_percent / 100
    return timedelta(0)


def attempt_deadline(*, definition: ExamDefinition, started_at: datetime,
                     accommodation: Accommodation | None) -> datetime:
    """The one rule for when an attempt's time is up: the time limit plus any extra time granted, cut at the end of
    the candidate's own sitting window if they have one, else at the exam's close moved on by their extra time.

    Stored on the attempt (Attempt.deadline) when it starts and whenever its accommodation changes, so the page's
    clock, saving, submitting and the beat task that closes overdue attempts all read the same moment."""
    extra = extra_time(definition, accommodation)
    deadline = started_at + definition.time_limit + extra
    if accommodation is not None and accommodation.has_window:
        closes = accommodation.window_closes_at
    else:
        closes = definition.closes_at + extra if definition.closes_at else None
    return min(deadline, closes) if closes else deadline


def attempt_is_overdue(attempt: Attempt, now: datetime | None = None) -> bool:
    """Past the deadline and the grace period: no answer is accepted and the server submits it."""
    return (now or timezone.now()) > attempt.deadline + grace_period()


def remaining_seconds(attempt: Attempt, now: datetime | None = None) -> int:
    if not attempt.is_open:
        return 0
    return max(0, math.ceil((attempt.deadline - (now or timezone.now())).total_seconds()))


def definition_is_open(definition: ExamDefinition, now: datetime | None = None,
                       accommodation: Accommodation | None = None) -> bool:
    """Whether a sitting may start now: in the exam's window, or in the candidate's own window if granted one."""
    now = now or timezone.now()
    if accommodation is not None and accommodation.has_window:
        return definition.is_active and accommodation.window_opens_at <= now < accommodation.window_closes_at
    closed = definition.closes_at is not None and now >= definition.closes_at
    return definition.is_active and definition.opens_at <= now and not closed


def start_refusal(case: AssessmentCase, definition: ExamDefinition, attempts: list[Attempt],
                  accommodation: Accommodation | None = None, seat: Seat | None = None) -> str | None:
    """Why the candidate may not start a new attempt now, or None. An attempt in progress is resumed instead."""
    if definition.unit.code != case.unit_code:
        return _("This exam is for another unit.")
    if case.state not in EXAM_CASE_STATES:
        return _("The exam can no longer be taken in this case: the unit has been decided.")
    if not definition_is_open(definition, accommodation=accommodation):
        return _("The exam is not open at the moment.")
    if any(a.passed for a in attempts):
        return _("You have already passed this exam.")
    if any(not a.is_open and not a.is_released for a in attempts):
        return _("Your previous attempt is still being marked; you can try again once its result is out.")
    if len(attempts) >= definition.attempts_allowed:
        return _("You have used all %(n)s attempts allowed.") % {"n": definition.attempts_allowed}
    return admission_refusal(case, seat_in_force(seat, accommodation))


def admission_refusal(case: AssessmentCase, seat: Seat | None) -> str | None:
    """Why a candidate seated in a sitting must wait: their moment of admission has not come."""
    if seat is None:
        return None
    moment = admission_moment(seat.sitting, case.pk)
    if timezone.now() >= moment:
        return None
    return _("You are seated in the sitting “%(sitting)s”. You will be let in at %(moment)s.") % {
        "sitting": seat.sitting.name, "moment": format_datetime(moment, seconds=True)}
