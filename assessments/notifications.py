"""Emails about a case, each sent in the language the portal speaks to Thai civil servants first."""
from core.emails import send_once

from .models import AssessmentCase


def submission_receipt_send(*, case_id: int, round_number: int) -> bool:
    """Email the candidate a receipt for a submission, once per round however often it is called."""
    return send_once(
        AssessmentCase.objects.select_related("candidate", "unit"), case_id,
        template="assessments/email/submission_receipt", to=lambda case: case.candidate.email,
        context=lambda case: {"case": case, "items": case.evidence_items.count()},
        stamp="receipt_sent_round", stamp_value=round_number,
    )
