"""Reads of appeals and complaints: the appeal window, who took part in a case, the case's timeline, the case
page's panel, and each object fetched for one user so outsiders get a 404."""
import datetime
from datetime import timedelta

from django.conf import settings
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from accounts.permissions import is_administrator, may_manage_appeals
from assessments.models import Allocation, AssessmentCase, CaseTransition
from judging.models import Decision, Disagreement, Judgment, VerdictAmendment
from judging.selectors import TimelineEntry, candidate_feedback, released_decision

from .models import Appeal, AppealDocument, CaseEvent, Complaint


def appeal_deadline(decision: Decision) -> datetime.datetime:
    """The last moment the decision may be appealed: APPEAL_WINDOW_DAYS after its release."""
    return decision.released_at + timedelta(days=settings.APPEAL_WINDOW_DAYS)


def appeal_window_open(decision: Decision, *, now: datetime.datetime | None = None) -> bool:
    return (now or timezone.now()) <= appeal_deadline(decision)


def appeal_refusal_reason(decision: Decision | None) -> str:
    """Why the decision cannot be appealed now, for the appeal page; empty when it can."""
    from django.utils.translation import gettext as _

    if decision is None:
        return _("Only a released decision of not yet competent can be appealed.")
    if Appeal.objects.filter(decision=decision).exists():
        return _("This decision has already been appealed; it can be appealed only once.")
    if not appeal_window_open(decision):
        return _("The time to appeal this decision has passed.")
    return ""


def appealable_decision(case: AssessmentCase) -> Decision | None:
    """The case's latest released decision, if it is one an appeal can be against (not yet competent)."""
    decision = released_decision(case)
    if decision is None or decision.outcome != Decision.Outcome.NOT_YET_COMPETENT:
        return None
    return decision


def criteria_to_appeal(decision: Decision) -> list:
    """The criteria of the decision judged not yet competent, each of which may be appealed."""
    return [item.criterion for item in candidate_feedback(decision.case, round_number=decision.round)
            if item.verdict != "competent"]


def case_participants(case: AssessmentCase) -> set[int]:
    """Everyone who took part in the case's assessment: its candidate, every marker ever allocated or who judged
    it, and whoever confirmed, released, moderated or amended its decisions."""
    people = {case.candidate_id}
    people |= set(Allocation.objects.filter(case=case).values_list("assessor_id", flat=True))
    people |= set(Judgment.objects.filter(case=case).values_list("assessor_id", flat=True))
    people |= set(Disagreement.objects.filter(case=case, settled_by__isnull=False).values_list("settled_by_id", flat=True))
    for confirmed, released in Decision.objects.filter(case=case).values_list("confirmed_by_id", "released_by_id"):
        people |= {confirmed, released}
    people |= set(Decision.history.filter(case_id=case.pk, history_user__isnull=False)
                  .values_list("history_user_id", flat=True))
    people |= set(VerdictAmendment.objects.filter(case=case).values_list("amended_by_id", flat=True))
    people.discard(None)
    return people


def panel_candidates(appeal: Appeal) -> QuerySet:
    """The moderators who may sit on the appeal's panel: none who took part in the case."""
    from accounts.models import User

    moderators = User.objects.filter(
        Q(groups__permissions__codename="moderate", groups__permissions__content_type__app_label="judging")
        | Q(is_superuser=True), is_active=True,
    ).distinct().order_by("username")
    return moderators.exclude(pk__in=case_participants(appeal.case))


def case_timeline(case: AssessmentCase) -> list[TimelineEntry]:
    """The case's state transitions and every step of its appeals and complaints, oldest first."""
    entries = [
        TimelineEntry(t.at, t.by, f"{t.get_from_state_display()} → {t.get_to_state_display()}", after=t.reason)
        for t in CaseTransition.objects.filter(case=case).select_related("by")
    ]
    entries += [TimelineEntry(event.at, event.by, event.get_kind_display(), after=event.note)
                for event in CaseEvent.objects.filter(case=case).select_related("by")]
    return sorted(entries, key=lambda entry: entry.at)


def case_page_panel(case: AssessmentCase, viewer) -> dict:
    """What the case page shows of appeals and complaints: to the candidate, whether and until when they may
    appeal, their appeal and complaints; to the candidate and administrators, the timeline."""
    mine = case.candidate_id == getattr(viewer, "pk", None)
    if not (mine or is_administrator(viewer)):
        return {}
    decision = appealable_decision(case)
    appeal = Appeal.objects.filter(case=case).select_related("criterion", "decision").first()
    may_appeal = bool(mine and decision and not hasattr(decision, "appeal") and appeal_window_open(decision))
    return {
        "appeals_panel": {
            "appeal": appeal,
            "may_appeal": may_appeal,
            "deadline": appeal_deadline(decision) if may_appeal else None,
            "may_complain": mine,
            "complaints": list(Complaint.objects.filter(case=case)),
            "timeline": case_timeline(case),
            # The candidate reads what was done; who among the staff did it is for the staff.
            "show_who": not mine,
        }
    }


def appeal_for_viewer(*, user, appeal_id: int) -> Appeal:
    """The appeal for its candidate, its panel member, and those who manage appeals; 404 for anyone else."""
    appeal = Appeal.objects.select_related("case__candidate", "case__unit", "criterion", "decision",
                                           "panel_member").filter(pk=appeal_id).first()
    if appeal is None or not user.is_authenticated or not (
        appeal.case.candidate_id == user.pk or appeal.panel_member_id == user.pk or may_manage_appeals(user)
    ):
        raise Http404("No such appeal")
    return appeal


def appeal_document_for_viewer(*, user, document_id: int) -> AppealDocument:
    document = AppealDocument.objects.select_related("appeal").filter(pk=document_id).first()
    if document is None:
        raise Http404("No such document")
    appeal_for_viewer(user=user, appeal_id=document.appeal_id)
    return document


def complaint_for_viewer(*, user, complaint_id: int) -> Complaint:
    """The complaint for the candidate who raised it and those who answer complaints; 404 for anyone else."""
    complaint = Complaint.objects.select_related("case__candidate", "case__unit").filter(pk=complaint_id).first()
    if complaint is None or not user.is_authenticated or not (
        complaint.raised_by_id == user.pk or may_manage_appeals(user)
    ):
        raise Http404("No such complaint")
    return complaint


def appeals_desk(user) -> dict[str, QuerySet]:
    """The appeals and complaints page: open appeals and complaints for those who manage them, and the appeals
    given to this panel member."""
    appeals = Appeal.objects.select_related("case__candidate", "case__unit", "criterion", "panel_member")
    return {
        "waiting": appeals.filter(status=Appeal.Status.LODGED).order_by("lodged_at")
        if may_manage_appeals(user) else appeals.none(),
        "on_panel": appeals.filter(status=Appeal.Status.WITH_PANEL, panel_member=user).order_by("lodged_at"),
        "open_complaints": Complaint.objects.exclude(status=Complaint.Status.ANSWERED).select_related(
            "case__candidate", "case__unit").order_by("raised_at") if may_manage_appeals(user) else Complaint.objects.none(),
        "decided": appeals.filter(status__in=Appeal.DECIDED).order_by("-decided_at")[:50]
        if may_manage_appeals(user) else appeals.none(),
    }
