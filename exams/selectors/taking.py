"""Reads of a candidate sitting the exam: their attempts, the exams they are offered, and the state of an attempt."""
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.http import Http404
from django.utils import timezone

from assessments.models import AssessmentCase

from ..conf import grace_period
from ..models import Accommodation, Attempt, ExamDefinition
from .rules import EXAM_CASE_STATES, current_accommodations, remaining_seconds, start_refusal


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

    @property
    def in_progress(self) -> Attempt | None:
        return next((a for a in self.attempts if a.is_open), None)


def exam_offers_for_candidate(user) -> list[ExamOffer]:
    """Each exam of each case: those the candidate can still sit, and those they sat, with their results."""
    cases = list(AssessmentCase.objects.filter(candidate=user).select_related("unit"))
    # Four queries however many cases and exams the candidate has.
    definitions_by_code = defaultdict(list)
    definitions = ExamDefinition.objects.filter(unit__code__in={case.unit_code for case in cases})
    for definition in definitions.select_related("unit"):
        definitions_by_code[definition.unit.code].append(definition)
    attempts_by_pair = defaultdict(list)
    for attempt in Attempt.objects.filter(case__in=cases).order_by("number"):
        attempts_by_pair[(attempt.case_id, attempt.definition_id)].append(attempt)
    accommodations = current_accommodations([case.pk for case in cases])
    offers = []
    for case in cases:
        for definition in definitions_by_code[case.unit_code]:
            attempts = attempts_by_pair[(case.pk, definition.pk)]
            accommodation = accommodations.get((case.pk, definition.pk))
            if attempts or (definition.is_active and case.state in EXAM_CASE_STATES):
                offers.append(ExamOffer(case, definition, attempts,
                                        start_refusal(case, definition, attempts, accommodation), accommodation))
    return offers


def exam_offer(*, user, case_id: int, definition_id: int) -> ExamOffer:
    offer = next(
        (o for o in exam_offers_for_candidate(user) if o.case.pk == case_id and o.definition.pk == definition_id), None
    )
    if offer is None:
        raise Http404("No such exam")
    return offer


def attempt_state(attempt: Attempt) -> dict:
    """What the page needs to stay in step with the server: its clock and whether the attempt is still open."""
    return {
        "status": attempt.status,
        "remaining_seconds": remaining_seconds(attempt),
        "answered": attempt.answers.filter(response__isnull=False).count(),
    }
