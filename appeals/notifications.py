"""The emails that tell a candidate the panel's ruling on their appeal and the answer to their complaint."""
from core.emails import send_once

from .models import Appeal, Complaint


def appeal_outcome_send(*, appeal_id: int) -> bool:
    """Email the appeal's outcome and reasons to its candidate, once however often it is called."""
    return send_once(
        Appeal.objects.select_related("case__candidate", "case__unit", "criterion"), appeal_id,
        template="appeals/email/appeal_outcome", to=lambda appeal: appeal.case.candidate.email,
        context=lambda appeal: {"appeal": appeal}, stamp="outcome_sent_at", due=lambda appeal: appeal.decided,
    )


def complaint_answer_send(*, complaint_id: int) -> bool:
    """Email the answer to a complaint to the candidate who raised it, once."""
    return send_once(
        Complaint.objects.select_related("case__candidate", "case__unit"), complaint_id,
        template="appeals/email/complaint_answer", to=lambda complaint: complaint.raised_by.email,
        context=lambda complaint: {"complaint": complaint}, stamp="answer_sent_at",
        due=lambda complaint: complaint.status == Complaint.Status.ANSWERED,
    )
