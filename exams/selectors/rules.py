"""The rules of sitting an exam that pages and services both ask: the clock, the grace period, who may start."""
import math
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.models import AssessmentCase

from ..conf import grace_period
from ..models import Attempt, ExamDefinition

State = AssessmentCase.State
# A case may sit the exam while it is being built or assessed, not once the unit has been decided.
EXAM_CASE_STATES = (
    State.DRAFT, State.SUBMITTED, State.UNDER_ASSESSMENT, State.MORE_EVIDENCE_REQUESTED, State.RESUBMITTED,
)


def attempt_is_overdue(attempt: Attempt, now: datetime | None = None) -> bool:
    """Past the deadline and the grace period: no answer is accepted and the server submits it."""
    return (now or timezone.now()) > attempt.deadline + grace_period()


def remaining_seconds(attempt: Attempt, now: datetime | None = None) -> int:
    if not attempt.is_open:
        return 0
    return max(0, math.ceil((attempt.deadline - (now or timezone.now())).total_seconds()))


def definition_is_open(definition: ExamDefinition, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    closed = definition.closes_at is not None and now >= definition.closes_at
    return definition.is_active and definition.opens_at <= now and not closed


def start_refusal(case: AssessmentCase, definition: ExamDefinition, attempts: list[Attempt]) -> str | None:
    """Why the candidate may not start a new attempt now, or None. An attempt in progress is resumed instead."""
    if definition.unit.code != case.unit_code:
        return _("This exam is for another unit.")
    if case.state not in EXAM_CASE_STATES:
        return _("The exam can no longer be taken in this case: the unit has been decided.")
    if not definition_is_open(definition):
        return _("The exam is not open at the moment.")
    if any(a.passed for a in attempts):
        return _("You have already passed this exam.")
    if any(not a.is_open and not a.is_released for a in attempts):
        return _("Your previous attempt is still being marked; you can try again once its result is out.")
    if len(attempts) >= definition.attempts_allowed:
        return _("You have used all %(n)s attempts allowed.") % {"n": definition.attempts_allowed}
    return None
