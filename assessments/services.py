"""Writes about assessment cases: enrolment, and the one function that moves a case between states."""
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import is_candidate
from competency.selectors import unit_current
from core.jobs import lost_job_window, requeue
from core.refusals import Refusal

from .models import AssessmentCase, CaseTransition

State = AssessmentCase.State

# The only moves a case can make; everything else is refused.
ALLOWED_TRANSITIONS: dict[str, set[str]] = {
    State.DRAFT: {State.SUBMITTED},
    State.SUBMITTED: {State.UNDER_ASSESSMENT},
    State.RESUBMITTED: {State.UNDER_ASSESSMENT},
    State.UNDER_ASSESSMENT: {State.MORE_EVIDENCE_REQUESTED, State.COMPETENT, State.NOT_YET_COMPETENT},
    State.MORE_EVIDENCE_REQUESTED: {State.RESUBMITTED},
    # Between the two outcomes only through a moderator's recorded amendment (judging.services).
    State.COMPETENT: {State.CERTIFIED, State.NOT_YET_COMPETENT},
    State.NOT_YET_COMPETENT: {State.COMPETENT},
    # Only when a moderator's amendment also revokes the certificate (judging.services.decision_amend).
    State.CERTIFIED: {State.NOT_YET_COMPETENT},
}


class CaseStateError(Refusal):
    """A transition the rules do not allow from the case's current state."""

    status = 409


@transaction.atomic
def case_enrol(*, candidate, unit_code: str, renews: AssessmentCase | None = None) -> AssessmentCase:
    """Open a case for the candidate in the newest published revision of the unit; `renews` links a
    recertification to the case whose certificate it renews."""
    if not is_candidate(candidate):
        raise Refusal(_("Only candidates can enrol."), code="not_candidate")
    unit = unit_current(code=unit_code)
    if unit is None:
        raise Refusal(_("There is no published unit %(code)s to enrol in.") % {"code": unit_code})
    existing = AssessmentCase.objects.filter(
        candidate=candidate, unit_code=unit.code, state__in=AssessmentCase.OPEN_STATES
    ).first()
    if existing:
        raise Refusal(_("You already have an open case for %(code)s.") % {"code": unit.code}, code="open_case")
    try:
        with transaction.atomic():
            case = AssessmentCase.objects.create(candidate=candidate, unit=unit, unit_code=unit.code, renews=renews)
    except IntegrityError as exc:  # a second enrolment raced this one
        raise Refusal(
            _("You already have an open case for %(code)s.") % {"code": unit.code}, code="open_case"
        ) from exc
    CaseTransition.objects.create(
        case=case, from_state=State.DRAFT, to_state=State.DRAFT, by=candidate,
        reason="enrolled" if renews is None else f"recertification of case #{renews.pk}",
    )
    return case


@transaction.atomic
def case_transition(*, case: AssessmentCase, to_state: str, by, reason: str = "") -> AssessmentCase:
    """Move the case to another state if the rules allow it, recording who, when and why.

    The rule is checked against the row as it is in the database, locked, never against a stale copy."""
    current = case_lock(case.pk)
    if to_state not in ALLOWED_TRANSITIONS[current.state]:
        raise CaseStateError(
            _("A case that is “%(current)s” cannot become “%(target)s”.")
            % {"current": current.get_state_display(), "target": State(to_state).label},
            code="transition_not_allowed",
        )
    from_state = current.state
    current.state = to_state
    fields = ["state"]
    if to_state in (State.SUBMITTED, State.RESUBMITTED):
        current.submitted_at = timezone.now()
        fields.append("submitted_at")
    if to_state == State.MORE_EVIDENCE_REQUESTED:
        # The candidate now prepares the next round; what was judged stays with the earlier one.
        current.round += 1
        fields.append("round")
    current.save(update_fields=fields)
    CaseTransition.objects.create(case=current, from_state=from_state, to_state=to_state, by=by, reason=reason)
    if current is not case:
        case.refresh_from_db()
    return current


def case_lock(case_id: int) -> AssessmentCase:
    """Re-read the case with its row locked until the surrounding transaction ends."""
    # `of=("self",)`: without it PostgreSQL locks the joined unit and candidate rows too, and every change to any
    # case of the unit, across the portal, waited for every other.
    return AssessmentCase.objects.select_for_update(of=("self",)).select_related("unit", "candidate").get(pk=case_id)


@transaction.atomic
def case_submit(*, case: AssessmentCase, by, summary: str) -> AssessmentCase:
    """The candidate hands in the portfolio: it locks, and a receipt is emailed after commit."""
    from .tasks import send_submission_receipt

    case = case_lock(case.pk)
    if case.candidate_id != by.pk:
        raise CaseStateError(_("Only the candidate can submit this portfolio."))
    if case.state not in (State.DRAFT, State.MORE_EVIDENCE_REQUESTED):
        raise CaseStateError(_("This portfolio has already been submitted."), code="already_submitted")
    if not case.evidence_items.exists():
        raise CaseStateError(_("Add at least one evidence item before submitting."), code="empty_portfolio")
    target = State.SUBMITTED if case.state == State.DRAFT else State.RESUBMITTED
    case.summary = summary
    case.save(update_fields=["summary"])
    case_transition(case=case, to_state=target, by=by, reason=summary)
    send_submission_receipt.delay_on_commit(case.pk, case.round)
    return case


def lost_receipts_requeue() -> int:
    """Queue again the submission receipts of recent submissions that were never sent."""
    from .tasks import send_submission_receipt

    owed = AssessmentCase.objects.filter(submitted_at__range=lost_job_window(), receipt_sent_round__lt=F("round"))
    return requeue(send_submission_receipt, owed.values_list("pk", "round"))
