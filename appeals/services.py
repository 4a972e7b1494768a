"""Writes of appeals and complaints: lodging an appeal, giving it to a panel member, the panel's ruling, and a
complaint recorded, acknowledged and answered. Every step is an event of the case's timeline."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import may_manage_appeals, may_sit_on_appeal_panel
from assessments.models import AssessmentCase
from assessments.services import case_lock
from core.refusals import NotYours, Refusal
from evidence.files import InspectedUpload, UploadRefused, upload_inspect
from judging.services import decision_amend_on_appeal

from .models import Appeal, AppealDocument, CaseEvent, Complaint
from .selectors import appeal_window_open, appealable_decision, case_participants, criteria_to_appeal

MAX_DOCUMENTS = 10


class AppealRefused(Refusal):
    """An appeal or complaint step the rules do not allow; the message says why."""


class AppealConflict(AppealRefused):
    """The request conflicts with the appeal's or the case's current state."""

    status = 409


def _event(case: AssessmentCase, kind: str, by, note: str = "", *, appeal=None, complaint=None) -> CaseEvent:
    return CaseEvent.objects.create(case=case, kind=kind, by=by, note=note, appeal=appeal, complaint=complaint)


# --- Appeals ----------------------------------------------------------------------------------------------


def _inspect_documents(uploads: list) -> list[InspectedUpload]:
    """The portfolio's own checks on each new document (type from content, size, readability)."""
    if len(uploads) > MAX_DOCUMENTS:
        raise UploadRefused(_("Attach at most %(count)s documents to an appeal.") % {"count": MAX_DOCUMENTS})
    inspected = [upload_inspect(upload) for upload in uploads]
    hashes = [one.sha256 for one in inspected]
    if len(set(hashes)) != len(hashes):
        raise UploadRefused(_("The same file was chosen twice."))
    return inspected


def _store_documents(appeal: Appeal, inspected: list[InspectedUpload], stored: list[str]) -> None:
    field = AppealDocument._meta.get_field("file")
    for one in inspected:
        document = AppealDocument(appeal=appeal, original_name=one.original_name, content_type=one.content_type,
                                  extension=one.extension, size=one.size, sha256=one.sha256)
        document.file = field.storage.save(field.generate_filename(document, "upload"), one.upload,
                                           max_length=field.max_length)
        stored.append(document.file.name)
        document.save()


def appeal_lodge(*, case: AssessmentCase, by, grounds: str, criterion_id: int | None = None,
                 uploads: list | None = None) -> Appeal:
    """The candidate appeals the case's released decision (one criterion's verdict, or the whole decision) with
    grounds and any new documents, within the appeal window; once per decision. All or nothing."""
    stored: list[str] = []
    try:
        with transaction.atomic():
            return _appeal_lodge(case, by, grounds, criterion_id, uploads or [], stored)
    except BaseException:
        storage = AppealDocument._meta.get_field("file").storage
        for name in stored:  # the rows rolled back; their files go too
            storage.delete(name)
        raise


def _appeal_lodge(case, by, grounds, criterion_id, uploads, stored) -> Appeal:
    case = case_lock(case.pk)
    if case.candidate_id != by.pk:
        raise NotYours
    decision = appealable_decision(case)
    if decision is None:
        raise AppealConflict(_("Only a released decision of not yet competent can be appealed."),
                             code="not_appealable")
    if Appeal.objects.filter(decision=decision).exists():
        raise AppealConflict(_("This decision has already been appealed; it can be appealed only once."),
                             code="already_appealed")
    if not appeal_window_open(decision):
        raise AppealConflict(_("The time to appeal this decision has passed."), code="window_closed")
    criterion = None
    if criterion_id is not None:
        criterion = next((c for c in criteria_to_appeal(decision) if c.pk == criterion_id), None)
        if criterion is None:
            raise AppealRefused(_("Only a criterion judged not yet competent in this decision can be appealed."))
    grounds = grounds.strip()
    if not grounds:
        raise AppealRefused(_("Give the grounds of your appeal."))
    inspected = _inspect_documents(uploads)
    appeal = Appeal.objects.create(case=case, decision=decision, criterion=criterion, grounds=grounds, lodged_by=by)
    _store_documents(appeal, inspected, stored)
    _event(case, CaseEvent.Kind.APPEAL_LODGED, by, f"{criterion.code}: {grounds}" if criterion else grounds,
           appeal=appeal)
    return appeal


def _lock_appeal(appeal: Appeal) -> Appeal:
    return Appeal.objects.select_for_update(of=("self",)).select_related("case", "decision", "criterion").get(
        pk=appeal.pk)


def _refuse_participant(appeal: Appeal, person) -> None:
    if person.pk in case_participants(appeal.case):
        raise AppealRefused(
            _("%(name)s took part in this case and cannot sit on its appeal panel.") % {"name": person},
            code="took_part",
        )


@transaction.atomic
def appeal_assign(*, appeal: Appeal, panel_member, by) -> Appeal:
    """A moderator or coordinator gives the appeal to a panel member: a moderator who took no part in the case."""
    if not may_manage_appeals(by):
        raise NotYours
    appeal = _lock_appeal(appeal)
    if appeal.decided:
        raise AppealConflict(_("This appeal has already been decided."), code="decided")
    if not may_sit_on_appeal_panel(panel_member):
        raise AppealRefused(_("%(name)s is not a moderator and cannot sit on an appeal panel.") % {"name": panel_member})
    _refuse_participant(appeal, panel_member)
    appeal.panel_member, appeal.assigned_by, appeal.assigned_at = panel_member, by, timezone.now()
    appeal.status = Appeal.Status.WITH_PANEL
    appeal.save(update_fields=["panel_member", "assigned_by", "assigned_at", "status"])
    _event(appeal.case, CaseEvent.Kind.APPEAL_ASSIGNED, by, appeal=appeal)  # the appeal names its panel member
    return appeal


@transaction.atomic
def appeal_decide(*, appeal: Appeal, by, upheld: bool, reasons: str) -> Appeal:
    """The panel member rules, with reasons: upheld amends the decision (and the certificate follows), dismissed
    leaves it. The candidate is emailed after commit."""
    from .tasks import send_appeal_outcome

    appeal = _lock_appeal(appeal)
    if appeal.panel_member_id != by.pk:
        raise NotYours
    if appeal.status != Appeal.Status.WITH_PANEL:
        raise AppealConflict(_("This appeal has already been decided."), code="decided")
    # Checked again at the ruling: taking part after being given the appeal disqualifies as much as before.
    _refuse_participant(appeal, by)
    reasons = reasons.strip()
    if not reasons:
        raise AppealRefused(_("Give the reasons for the panel's decision."))
    if upheld:
        decision_amend_on_appeal(
            decision=appeal.decision, by=by, criterion_id=appeal.criterion_id,
            reason=_("Appeal upheld: %(reasons)s") % {"reasons": reasons},
        )
    appeal.status = Appeal.Status.UPHELD if upheld else Appeal.Status.DISMISSED
    appeal.reasons, appeal.decided_at = reasons, timezone.now()
    appeal.save(update_fields=["status", "reasons", "decided_at"])
    _event(appeal.case, CaseEvent.Kind.APPEAL_UPHELD if upheld else CaseEvent.Kind.APPEAL_DISMISSED, by, reasons,
           appeal=appeal)
    send_appeal_outcome.delay_on_commit(appeal.pk)
    return appeal


# --- Complaints -------------------------------------------------------------------------------------------


@transaction.atomic
def complaint_record(*, case: AssessmentCase, by, text: str) -> Complaint:
    """The candidate complains about how their assessment was run."""
    case = case_lock(case.pk)
    if case.candidate_id != by.pk:
        raise NotYours
    text = text.strip()
    if not text:
        raise AppealRefused(_("Say what the complaint is about."))
    complaint = Complaint.objects.create(case=case, text=text, raised_by=by)
    _event(case, CaseEvent.Kind.COMPLAINT_RECORDED, by, text, complaint=complaint)
    return complaint


def _lock_complaint(complaint: Complaint, by) -> Complaint:
    if not may_manage_appeals(by):
        raise NotYours
    return Complaint.objects.select_for_update(of=("self",)).select_related("case").get(pk=complaint.pk)


@transaction.atomic
def complaint_acknowledge(*, complaint: Complaint, by) -> Complaint:
    """A coordinator or moderator acknowledges the complaint: it is being looked into."""
    complaint = _lock_complaint(complaint, by)
    if complaint.status != Complaint.Status.RECORDED:
        raise AppealConflict(_("This complaint has already been acknowledged."), code="acknowledged")
    complaint.status, complaint.acknowledged_by, complaint.acknowledged_at = (
        Complaint.Status.ACKNOWLEDGED, by, timezone.now())
    complaint.save(update_fields=["status", "acknowledged_by", "acknowledged_at"])
    _event(complaint.case, CaseEvent.Kind.COMPLAINT_ACKNOWLEDGED, by, complaint=complaint)
    return complaint


@transaction.atomic
def complaint_answer(*, complaint: Complaint, by, answer: str) -> Complaint:
    """A coordinator or moderator answers an acknowledged complaint; the candidate is emailed after commit."""
    from .tasks import send_complaint_answer

    complaint = _lock_complaint(complaint, by)
    if complaint.status == Complaint.Status.ANSWERED:
        raise AppealConflict(_("This complaint has already been answered."), code="answered")
    if complaint.status != Complaint.Status.ACKNOWLEDGED:
        raise AppealConflict(_("Acknowledge the complaint before answering it."), code="not_acknowledged")
    answer = answer.strip()
    if not answer:
        raise AppealRefused(_("Write the answer to the complaint."))
    complaint.status, complaint.answer, complaint.answered_by, complaint.answered_at = (
        Complaint.Status.ANSWERED, answer, by, timezone.now())
    complaint.save(update_fields=["status", "answer", "answered_by", "answered_at"])
    _event(complaint.case, CaseEvent.Kind.COMPLAINT_ANSWERED, by, answer, complaint=complaint)
    send_complaint_answer.delay_on_commit(complaint.pk)
    return complaint
