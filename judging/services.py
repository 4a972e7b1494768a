"""Writes of the judging workflow: allocation, leases, judgments, decisions, moderation and release."""
import random
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from accounts.permissions import has_role, may_allocate, may_judge, may_moderate, may_override_same_agency
from accounts.roles import Role
from assessments.models import Allocation, AssessmentCase
from assessments.services import case_lock, case_transition
from competency.models import PerformanceCriterion
from core.jobs import lost_job_window, requeue
from core.refusals import NotYours, Refusal, refusal_text
from evidence.models import EvidenceItem

from .models import (
    NO_CONFLICT_DECLARATION,
    CaseLease,
    Decision,
    Disagreement,
    ImpartialityDeclaration,
    Judgment,
    Verdict,
    VerdictAmendment,
)
from .rules import rubric_level, unit_outcome, verdict_for
from .selectors import active_allocation, marking_done
from .signals import case_outcome_changed

State = AssessmentCase.State
Marking = Allocation.Marking
JUDGEABLE_STATES = (State.SUBMITTED, State.RESUBMITTED, State.UNDER_ASSESSMENT)


class JudgingRefused(Refusal):
    """A judging action the rules do not allow; the message says why."""


class LeaseRefused(JudgingRefused):
    """Someone else holds the case, or this page's hold on it has passed: the request conflicts with the case."""

    status = 409


def _same_agency(case: AssessmentCase, assessor) -> bool:
    return bool(assessor.department_id) and assessor.department_id == case.candidate.department_id


def _save(instance, *, by, **kwargs) -> None:
    # Services run outside requests too (tasks, commands): name the author of each history entry explicitly.
    instance._history_user = by
    instance.save(**kwargs)


# --- Allocation -------------------------------------------------------------------------------------------


@transaction.atomic
def allocation_assign(*, case: AssessmentCase, assessor, by, marking: str = Marking.FIRST,
                      override_reason: str = "") -> Allocation:
    """Give a case to an assessor; someone from the candidate's agency needs an administrator's reason."""
    if not may_allocate(by):
        raise NotYours
    case = case_lock(case.pk)
    if not has_role(assessor, Role.ASSESSOR):
        raise JudgingRefused(_("%(name)s is not an assessor.") % {"name": assessor})
    if case.state not in JUDGEABLE_STATES:
        raise JudgingRefused(_("Only submitted cases can be allocated; this one is “%(state)s”.")
                             % {"state": case.get_state_display()})
    override_reason = override_reason.strip()
    if _same_agency(case, assessor) and not (may_override_same_agency(by) and override_reason):
        raise JudgingRefused(
            _("%(name)s works in the candidate's own agency. Only an administrator can allow this, with a reason.")
            % {"name": assessor}
        )
    other = Allocation.objects.filter(case=case, active=True).exclude(marking=marking).first()
    if other and other.assessor_id == assessor.pk:
        raise JudgingRefused(_("The second marker must be a different assessor from the first."))
    Allocation.objects.filter(case=case, marking=marking, active=True).update(active=False)
    return Allocation.objects.create(case=case, assessor=assessor, marking=marking, assigned_by=by,
                                     override_reason=override_reason if _same_agency(case, assessor) else "")


def allocation_assign_many(*, cases, assessor, by, marking: str = Marking.FIRST,
                           override_reason: str = "") -> tuple[int, list[str]]:
    """Give each case to the assessor, each on its own: a case refused leaves the others allocated.

    Returns how many were allocated, and why each refused one was, as "#case: reason"."""
    allocated, refused = 0, []
    for case in cases:
        try:
            allocation_assign(case=case, assessor=assessor, by=by, marking=marking, override_reason=override_reason)
            allocated += 1
        except ValidationError as exc:
            refused.append(f"#{case.pk}: {refusal_text(exc)}")
    return allocated, refused


@transaction.atomic
def allocation_claim(*, case: AssessmentCase, assessor) -> Allocation:
    """An assessor takes a case from the pool: first marking, or second marking where moderation waits."""
    case = case_lock(case.pk)
    if not may_judge(assessor):
        raise NotYours
    if case.state not in JUDGEABLE_STATES:
        raise JudgingRefused(_("This case is no longer waiting for an assessor."))
    if _same_agency(case, assessor):
        raise JudgingRefused(_("You cannot claim a case from your own agency."))
    wanted = _marking_waiting(case)
    if wanted is None:
        raise JudgingRefused(_("Another assessor has already claimed this case."))
    if Allocation.objects.filter(case=case, assessor=assessor, active=True).exists():
        raise JudgingRefused(_("The second marker must be a different assessor from the first."))
    return Allocation.objects.create(case=case, assessor=assessor, marking=wanted)


def _marking_waiting(case: AssessmentCase) -> str | None:
    active = set(Allocation.objects.filter(case=case, active=True).values_list("marking", flat=True))
    if Marking.FIRST not in active:
        return Marking.FIRST
    awaiting_second = Decision.objects.filter(
        case=case, round=case.round, status=Decision.Status.AWAITING_SECOND_MARKING
    ).exists()
    if awaiting_second and Marking.SECOND not in active:
        return Marking.SECOND
    return None


def allocation_of(*, case: AssessmentCase, assessor) -> Allocation:
    """The assessor's active allocation to the case; anyone else is refused as if the case did not exist."""
    allocation = active_allocation(case=case, assessor=assessor)
    if allocation is None:
        raise NotYours
    return allocation


# --- Lease ------------------------------------------------------------------------------------------------


@transaction.atomic
def lease_acquire(*, case: AssessmentCase, assessor) -> CaseLease:
    """Lock the case to this assessor while they work, and start its assessment if it was only submitted."""
    case = case_lock(case.pk)
    allocation = allocation_of(case=case, assessor=assessor)
    if marking_done(allocation, Decision.objects.filter(case=case, round=case.round).first()):
        raise JudgingRefused(_("Your marking of this case is confirmed: it is no longer yours to take."),
                             code="marking_done")
    lease = CaseLease.objects.select_for_update().filter(case=case).first()
    expires = timezone.now() + timedelta(minutes=settings.JUDGING_LEASE_MINUTES)
    if lease and lease.active and lease.assessor_id != assessor.pk:
        # Never the holder's name: second marking is blind, and the holder may be the other marker.
        raise LeaseRefused(
            _("Another assessor is working on this case until %(time)s. Try again later.")
            % {"time": timezone.localtime(lease.expires_at).strftime("%H:%M")},
            code="leased",
        )
    if lease is None:
        lease = CaseLease(case=case, assessor=assessor, expires_at=expires)
    elif lease.assessor_id != assessor.pk:
        # A new holder gets a new token, so forms opened under the old lease are recognised as stale.
        lease.assessor, lease.token = assessor, CaseLease._meta.get_field("token").default()
    lease.expires_at = expires
    lease.save()
    if case.state in (State.SUBMITTED, State.RESUBMITTED):
        case_transition(case=case, to_state=State.UNDER_ASSESSMENT, by=assessor, reason="assessment started")
    return lease


@transaction.atomic
def case_take(*, case: AssessmentCase, assessor, declared: bool) -> CaseLease:
    """Hold the case to judge it, once the assessor has declared no conflict of interest in it.

    The declaration is kept in the words the assessor read, once per marking of a round (taking the case again
    after a lease lapsed keeps the first); without it nothing is written."""
    allocation = allocation_of(case=case, assessor=assessor)
    if not declared:
        raise JudgingRefused(
            _("Tick the declaration that you have no conflict of interest in this case to take it. Nothing was saved."),
            code="undeclared",
        )
    lease = lease_acquire(case=case, assessor=assessor)
    case = lease.case
    ImpartialityDeclaration.objects.get_or_create(
        case=case, round=case.round, marking=allocation.marking, assessor=assessor,
        defaults={"text": str(NO_CONFLICT_DECLARATION), "language": get_language() or settings.LANGUAGE_CODE},
    )
    return lease


def _lease_hold(case: AssessmentCase, assessor, token) -> None:
    """Refuse a write unless it carries the token of the assessor's own lease; renew the lease."""
    lease = CaseLease.objects.select_for_update().filter(case=case).first()
    if lease is None or lease.assessor_id != assessor.pk or str(lease.token) != str(token):
        raise LeaseRefused(
            _("This page is out of date: the case has since been opened by another assessor. "
              "Nothing was saved. Reload the case to continue."),
            code="stale_lease",
        )
    if not lease.active:
        raise LeaseRefused(
            _("Your hold on this case expired. Nothing was saved. Reload the case to continue."), code="lease_expired"
        )
    lease.expires_at = timezone.now() + timedelta(minutes=settings.JUDGING_LEASE_MINUTES)
    lease.save(update_fields=["expires_at"])


def _judging_context(case_id: int, assessor, lease_token) -> tuple[AssessmentCase, Allocation]:
    case = case_lock(case_id)
    allocation = allocation_of(case=case, assessor=assessor)
    _lease_hold(case, assessor, lease_token)
    if case.state != State.UNDER_ASSESSMENT:
        raise JudgingRefused(_("This case is not under assessment."))
    if marking_done(allocation, Decision.objects.filter(case=case, round=case.round).first()):
        raise JudgingRefused(_("Your decision for this round is confirmed; its judgments can no longer change."))
    return case, allocation


# --- Judgments --------------------------------------------------------------------------------------------


@transaction.atomic
def judgment_record(*, case: AssessmentCase, criterion_id: int, assessor, score: int, comment: str,
                    evidence_item_ids: list[int], lease_token) -> Judgment:
    """Score one criterion on its rubric; the verdict follows from the score, and a low score needs a comment."""
    case, allocation = _judging_context(case.pk, assessor, lease_token)
    criterion = PerformanceCriterion.objects.prefetch_related("rubric_levels").filter(
        pk=criterion_id, unit_id=case.unit_id
    ).first()
    if criterion is None:
        raise JudgingRefused(_("That criterion is not part of the revision this case is assessed against."))
    level = rubric_level(criterion, score)
    if level is None:
        raise JudgingRefused(_("Choose one of the rubric's levels for %(code)s.") % {"code": criterion.code})
    verdict = verdict_for(level)
    comment = comment.strip()
    if verdict == Verdict.NOT_YET_COMPETENT and not comment:
        raise JudgingRefused(
            _("Say why %(code)s is not yet competent: the candidate needs the comment to improve.")
            % {"code": criterion.code}
        )
    items = list(EvidenceItem.objects.filter(case=case, pk__in=evidence_item_ids))
    if len(items) != len(set(evidence_item_ids)):
        raise JudgingRefused(_("Only this case's own evidence can be relied on."))
    judgment = Judgment.objects.filter(
        case=case, round=case.round, criterion=criterion, marking=allocation.marking
    ).first() or Judgment(case=case, round=case.round, criterion=criterion, marking=allocation.marking)
    judgment.assessor, judgment.score, judgment.verdict, judgment.comment = assessor, score, verdict, comment
    _save(judgment, by=assessor)
    judgment.evidence_relied_on.set(items)
    return judgment


def _round_judgments(case: AssessmentCase, marking: str) -> dict[int, Judgment]:
    return {
        j.criterion_id: j
        for j in Judgment.objects.filter(case=case, round=case.round, marking=marking).select_related("criterion")
    }


def _unjudged(case: AssessmentCase, marking: str) -> list[str]:
    judged = _round_judgments(case, marking)
    return [c.code for c in case.unit.criteria.order_by("order") if c.pk not in judged]


# --- Decisions --------------------------------------------------------------------------------------------


def _exam_passed(case: AssessmentCase) -> tuple[bool | None, bool]:
    """The exam's pass, and whether anything of it is still unmarked."""
    from exams.selectors import exam_outcome_for_case

    outcome = exam_outcome_for_case(case)
    if outcome is None:
        return False, False
    return outcome.passed, outcome.passed is None


def _moderation_applies() -> bool:
    mode = settings.MODERATION_MODE
    if mode == "all":
        return True
    if mode == "sample":
        return random.SystemRandom().randrange(100) < settings.MODERATION_SAMPLE_PERCENT
    return False


@transaction.atomic
def decision_confirm(*, case: AssessmentCase, assessor, summary: str, lease_token,
                     second_marking: bool | None = None) -> Decision:
    """Confirm the unit decision the rule gives; it waits for second marking and moderation when they apply.

    The second marker confirms with their own summary: agreement releases the decision, any criterion judged
    differently waits for a moderator. `second_marking` overrides the MODERATION_MODE draw (the demo data uses it)."""
    case, allocation = _judging_context(case.pk, assessor, lease_token)
    missing = _unjudged(case, allocation.marking)
    if missing:
        raise JudgingRefused(
            _("Judge every criterion before confirming. Not yet judged: %(codes)s.") % {"codes": ", ".join(missing)}
        )
    exam_passed, exam_unmarked = _exam_passed(case)
    if exam_unmarked:
        raise JudgingRefused(_("The written exam still has answers to mark."))
    if not summary.strip():
        raise JudgingRefused(_("Write a summary of the decision for the candidate."))
    if allocation.marking == Marking.SECOND:
        return _second_marking_complete(case, assessor, summary.strip())
    verdicts = [j.verdict for j in _round_judgments(case, Marking.FIRST).values()]
    outcome = unit_outcome(verdicts, exam_passed=exam_passed)
    decision = Decision(
        case=case, round=case.round, outcome=outcome, summary=summary.strip(), exam_passed=exam_passed,
        confirmed_by=assessor,
        status=(Decision.Status.AWAITING_SECOND_MARKING
                if (_moderation_applies() if second_marking is None else second_marking)
                else Decision.Status.RELEASED),
    )
    _save(decision, by=assessor)
    if decision.status == Decision.Status.RELEASED:
        _release(decision, by=assessor)
    else:
        # This marker is done; the case is free for the second marker.
        CaseLease.objects.filter(case=case, assessor=assessor).delete()
    return decision


def _second_marking_complete(case: AssessmentCase, second_marker, summary: str) -> Decision:
    decision = Decision.objects.select_for_update().filter(
        case=case, round=case.round, status=Decision.Status.AWAITING_SECOND_MARKING
    ).first()
    if decision is None:
        raise JudgingRefused(_("The first marker has not confirmed a decision yet; second marking waits for it."))
    first, second = _round_judgments(case, Marking.FIRST), _round_judgments(case, Marking.SECOND)
    for criterion_id, first_judgment in first.items():
        second_judgment = second[criterion_id]
        if first_judgment.verdict != second_judgment.verdict:
            Disagreement.objects.create(case=case, round=case.round, criterion_id=criterion_id,
                                        first=first_judgment, second=second_judgment)
    decision.second_summary, decision.second_confirmed_by = summary, second_marker
    decision.second_confirmed_at = timezone.now()
    fields = ["second_summary", "second_confirmed_by", "second_confirmed_at"]
    if Disagreement.objects.filter(case=case, round=case.round).exists():
        decision.status = Decision.Status.AWAITING_MODERATION
        _save(decision, by=second_marker, update_fields=[*fields, "status"])
    else:
        _save(decision, by=second_marker, update_fields=fields)
        _release(decision, by=second_marker)
    # This marker is done too: nobody holds the case while it waits for the moderator.
    CaseLease.objects.filter(case=case).delete()
    return decision


@transaction.atomic
def evidence_request(*, case: AssessmentCase, assessor, summary: str, lease_token) -> Decision:
    """Return the case to the candidate with the comments on the criteria not yet competent; a new round follows."""
    case, allocation = _judging_context(case.pk, assessor, lease_token)
    if allocation.marking != Marking.FIRST:
        raise JudgingRefused(_("Only the first marker can ask the candidate for more evidence."))
    judgments = _round_judgments(case, Marking.FIRST)
    if not any(j.verdict == Verdict.NOT_YET_COMPETENT for j in judgments.values()):
        raise JudgingRefused(_("Judge at least one criterion not yet competent, with a comment, to ask for more evidence."))
    if not summary.strip():
        raise JudgingRefused(_("Write a summary of the decision for the candidate."))
    decision = Decision(
        case=case, round=case.round, outcome=Decision.Outcome.MORE_EVIDENCE, summary=summary.strip(),
        exam_passed=_exam_passed(case)[0], confirmed_by=assessor, status=Decision.Status.RELEASED,
    )
    _save(decision, by=assessor)
    _release(decision, by=assessor)
    return decision


def _release(decision: Decision, *, by) -> None:
    """Show the decision to the candidate: the case moves on, and they are told by email after commit."""
    from .tasks import send_decision_feedback

    decision.status = Decision.Status.RELEASED
    decision.released_at = timezone.now()
    decision.released_by = by
    _save(decision, by=by, update_fields=["status", "released_at", "released_by"])
    target = {
        Decision.Outcome.COMPETENT: State.COMPETENT,
        Decision.Outcome.NOT_YET_COMPETENT: State.NOT_YET_COMPETENT,
        Decision.Outcome.MORE_EVIDENCE: State.MORE_EVIDENCE_REQUESTED,
    }[decision.outcome]
    case_transition(case=decision.case, to_state=target, by=by, reason=decision.summary)
    if decision.outcome == Decision.Outcome.COMPETENT:
        case_outcome_changed.send(sender=Decision, case=decision.case, competent=True, by=by, reason="")
    CaseLease.objects.filter(case=decision.case).delete()
    send_decision_feedback.delay_on_commit(decision.pk)


# --- Moderation -------------------------------------------------------------------------------------------


@transaction.atomic
def disagreement_settle(*, disagreement: Disagreement, moderator, verdict: str, reason: str) -> Disagreement:
    """A moderator decides a criterion the markers disagreed on; the last one settled releases the decision."""
    if not may_moderate(moderator):
        raise NotYours
    if verdict not in Verdict.values:
        raise JudgingRefused(_("Choose competent or not yet competent."))
    if not reason.strip():
        raise JudgingRefused(_("Give the reason for settling the disagreement."))
    disagreement = Disagreement.objects.select_for_update().get(pk=disagreement.pk)
    if disagreement.settled_at:
        raise JudgingRefused(_("This disagreement has already been settled."))
    disagreement.settled_verdict, disagreement.reason = verdict, reason.strip()
    disagreement.settled_by, disagreement.settled_at = moderator, timezone.now()
    _save(disagreement, by=moderator)
    case = case_lock(disagreement.case_id)
    if not Disagreement.objects.filter(case=case, round=disagreement.round, settled_at__isnull=True).exists():
        decision = Decision.objects.select_for_update().get(case=case, round=disagreement.round)
        settled = dict(Disagreement.objects.filter(case=case, round=disagreement.round)
                       .values_list("criterion_id", "settled_verdict"))
        verdicts = [settled.get(cid, j.verdict) for cid, j in _round_judgments(case, Marking.FIRST).items()]
        decision.outcome = unit_outcome(verdicts, exam_passed=decision.exam_passed)
        _save(decision, by=moderator, update_fields=["outcome"])
        _release(decision, by=moderator)
    return disagreement


@transaction.atomic
def decision_amend(*, decision: Decision, moderator, outcome: str, reason: str) -> Decision:
    """Change a released decision: only a moderator, only with a reason; the history keeps the old one."""
    if not may_moderate(moderator):
        raise JudgingRefused(_("Only a moderator can change a released decision."))
    if not reason.strip():
        raise JudgingRefused(_("A released decision can only be changed with a moderator's reason."))
    decision = _amendable(decision)
    if outcome not in (Decision.Outcome.COMPETENT, Decision.Outcome.NOT_YET_COMPETENT) or outcome == decision.outcome:
        raise JudgingRefused(_("Choose the other outcome to amend the decision."))
    _outcome_amend(decision, outcome=outcome, by=moderator, reason=reason.strip())
    return decision


def _amendable(decision: Decision) -> Decision:
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    if decision.status != Decision.Status.RELEASED or decision.outcome == Decision.Outcome.MORE_EVIDENCE:
        raise JudgingRefused(_("Only a released competence decision can be amended."))
    return decision


def _outcome_amend(decision: Decision, *, outcome: str, by, reason: str) -> None:
    """Record the new outcome with its reason; the case follows, and certificates hear of it."""
    decision.outcome, decision.amendment_reason = outcome, reason
    decision._change_reason = reason
    _save(decision, by=by, update_fields=["outcome", "amendment_reason"])
    if outcome == Decision.Outcome.COMPETENT:
        case_transition(case=decision.case, to_state=State.COMPETENT, by=by, reason=reason)
        case_outcome_changed.send(sender=Decision, case=decision.case, competent=True, by=by, reason=reason)
    else:
        case_outcome_changed.send(sender=Decision, case=decision.case, competent=False, by=by, reason=reason)
        case_transition(case=decision.case, to_state=State.NOT_YET_COMPETENT, by=by, reason=reason)


@transaction.atomic
def decision_amend_on_appeal(*, decision: Decision, by, reason: str, criterion_id: int | None = None) -> Decision:
    """An appeal upheld: the criterion appealed is found competent and the unit outcome follows the rule again;
    an appeal of the whole decision finds every criterion, and the unit, competent. Only a moderator, with the
    reason; each verdict changed is recorded with it and the history keeps the old ones."""
    from .selectors import candidate_feedback

    if not may_moderate(by):
        raise NotYours
    reason = reason.strip()
    if not reason:
        raise JudgingRefused(_("A released decision can only be changed with a moderator's reason."))
    decision = _amendable(decision)
    feedback = candidate_feedback(decision.case, round_number=decision.round)
    if criterion_id is not None:
        feedback = [item for item in feedback if item.criterion.pk == criterion_id]
        if not feedback:
            raise JudgingRefused(_("That criterion is not part of the revision this case is assessed against."))
        if feedback[0].verdict == Verdict.COMPETENT:
            raise JudgingRefused(_("This criterion is already judged competent."))
    elif decision.outcome == Decision.Outcome.COMPETENT:
        raise JudgingRefused(_("This decision is already competent."))
    for item in feedback:
        if item.verdict != Verdict.COMPETENT:
            amendment = VerdictAmendment(case=decision.case, round=decision.round, criterion=item.criterion,
                                         verdict=Verdict.COMPETENT, reason=reason, amended_by=by)
            _save(amendment, by=by)
    if criterion_id is None:
        outcome = Decision.Outcome.COMPETENT
    else:
        verdicts = [item.verdict for item in candidate_feedback(decision.case, round_number=decision.round)]
        outcome = unit_outcome(verdicts, exam_passed=decision.exam_passed)
    if outcome != decision.outcome:
        _outcome_amend(decision, outcome=outcome, by=by, reason=reason)
    else:  # the outcome stands, but the decision's history says why its feedback changed
        decision.amendment_reason, decision._change_reason = reason, reason
        _save(decision, by=by, update_fields=["amendment_reason"])
    return decision


def lost_feedback_requeue() -> int:
    """Queue again the decision emails of recently released decisions that were never sent."""
    from .tasks import send_decision_feedback

    owed = Decision.objects.filter(status=Decision.Status.RELEASED, released_at__range=lost_job_window(),
                                   feedback_sent_at__isnull=True)
    return requeue(send_decision_feedback, owed.values_list("pk", flat=True))
