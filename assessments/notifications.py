"""Emails about a case, each sent in the language the portal speaks to Thai civil servants first."""
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from .models import AssessmentCase


def submission_receipt_send(*, case_id: int, round_number: int) -> bool:
    """Email the candidate a receipt for a submission, once per round however often it is called."""
    with transaction.atomic():
        case = AssessmentCase.objects.select_for_update().select_related("candidate", "unit").get(pk=case_id)
        if case.receipt_sent_round >= round_number:
            return False
        with translation.override("th"):
            context = {"case": case, "items": case.evidence_items.count()}
            subject = render_to_string("assessments/email/submission_receipt_subject.txt", context).strip()
            body = render_to_string("assessments/email/submission_receipt.txt", context)
        send_mail(subject, body, None, [case.candidate.email])
        case.receipt_sent_round = round_number
        case.save(update_fields=["receipt_sent_round"])
    return True
