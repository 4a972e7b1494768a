"""Reads of a candidate sitting the exam: their attempts, the exams they are offered, and the state of an attempt."""
import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from assessments.models import AssessmentCase
from core.queries import CompiledQuery

from ..conf import grace_period
from ..models import Accommodation, Answer, Attempt, ExamDefinition, Seat
from .rules import (
    EXAM_CASE_STATES,
    admission_moment,
    admission_refusal,
    current_accommodations,
    current_seats,
    remaining_seconds,
    seat_in_force,
    start_refusal,
)


def overdue_attempt_ids(now: datetime | None = None) -> list[int]:
    cutoff = (now or timezone.now()) - grace_period()
    return list(
        Attempt.objects.filter(status=Attempt.Status.IN_PROGRESS, deadline__lt=cutoff).values_list("pk", flat=True)
    )


def attempt_for_candidate(*, user, attempt_id: int) -> Attempt:
    """The attempt if this user is the candidate whose case it belongs to; anyone else gets a 404."""
    if not user.is_authenticated:
        raise Http404("No such attempt")
    attempt = (
        Attempt.objects.select_related("definition", "case").filter(pk=attempt_id, case__candidate=user).first()
    )
    if attempt is None:
        raise Http404("No such attempt")
    return attempt


@dataclass
class ExamOffer:
    """One exam a candidate's case can sit, with the attempts made so far."""

    case: AssessmentCase
    definition: ExamDefinition
    attempts: list[Attempt]
    refusal: str | None
    accommodation: Accommodation | None = None
    seat: Seat | None = None
    waiting: bool = False  # seated in a sitting that has not let them in yet, and nothing else in the way

    @property
    def in_progress(self) -> Attempt | None:
        return next((a for a in self.attempts if a.is_open), None)

    @property
    def admitted_at(self) -> datetime | None:
        """When the sitting the candidate is seated in lets them in, if a sitting governs this exam for them."""
        return admission_moment(self.seat.sitting, self.case.pk) if self.seat else None

    @property
    def waiting_seconds(self) -> int:
        """How long until the candidate is let in, when that moment is all that keeps them from starting."""
        if not self.waiting:
            return 0
        return max(1, math.ceil((self.admitted_at - timezone.now()).total_seconds()))


def exam_offers_for_candidate(user) -> list[ExamOffer]:
    """Each exam of each case: those the candidate can still sit, and those they sat, with their results."""
    cases = list(AssessmentCase.objects.filter(candidate=user).select_related("unit"))
    # Five queries however many cases and exams the candidate has.
    definitions_by_code = defaultdict(list)
    definitions = ExamDefinition.objects.filter(unit__code__in={case.unit_code for case in cases})
    for definition in definitions.select_related("unit"):
        definitions_by_code[definition.unit.code].append(definition)
    attempts_by_pair = defaultdict(list)
    for attempt in Attempt.objects.filter(case__in=cases).order_by("number"):
        attempts_by_pair[(attempt.case_id, attempt.definition_id)].append(attempt)
    accommodations = current_accommodations([case.pk for case in cases])
    seats = current_seats([case.pk for case in cases])
    offers = []
    for case in cases:
        for definition in definitions_by_code[case.unit_code]:
            attempts = attempts_by_pair[(case.pk, definition.pk)]
            accommodation = accommodations.get((case.pk, definition.pk))
            seat = seat_in_force(seats.get((case.pk, definition.pk)), accommodation)
            if attempts or (definition.is_active and case.state in EXAM_CASE_STATES):
                refusal = start_refusal(case, definition, attempts, accommodation)
                waiting = refusal is None and admission_refusal(case, seat)
                offers.append(ExamOffer(case, definition, attempts, refusal or waiting or None, accommodation, seat,
                                        waiting=bool(waiting)))
    return offers


def exam_offer(*, user, case_id: int, definition_id: int) -> ExamOffer:
    offer = next(
        (o for o in exam_offers_for_candidate(user) if o.case.pk == case_id and o.definition.pk == definition_id), None
    )
    if offer is None:
        raise Http404("No such exam")
    return offer


def attempt_state(attempt: Attempt, answered: int | None = None) -> dict:
    """What the page needs to stay in step with the server: its clock and whether the attempt is still open."""
    if answered is None:
        answered = attempt.answers.filter(response__isnull=False).count()
    return {"status": attempt.status, "remaining_seconds": remaining_seconds(attempt), "answered": answered}


def _attempt_with_answered(*, attempt_id, candidate_id):
    answered = (Answer.objects.filter(attempt_id=OuterRef("pk"), response__isnull=False).order_by()
                .values("attempt_id").annotate(n=Count("*")).values("n"))
    return (Attempt.objects.filter(pk=attempt_id, case__candidate_id=candidate_id).only("id", "status", "deadline")
            .annotate(answered=Coalesce(Subquery(answered), 0)))


# The heartbeat every open exam page sends: one query, compiled once per process.
_ATTEMPT_WITH_ANSWERED = CompiledQuery(_attempt_with_answered, "attempt_id", "candidate_id")


def candidate_attempt_state(*, user, attempt_id: int) -> dict:
    """`attempt_state` of the candidate's own attempt, in one query; anyone else gets a 404."""
    attempt = _ATTEMPT_WITH_ANSWERED.first(attempt_id=attempt_id, candidate_id=user.pk) if user.is_authenticated else None
    if attempt is None:
        raise Http404("No such attempt")
    return attempt_state(attempt, attempt.answered)
