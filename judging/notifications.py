"""The email that tells a candidate their decision, with the verdict and comment on every criterion."""
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import Decision
from .selectors import candidate_feedback


def decision_feedback_send(*, decision_id: int) -> bool:
    """Email a released decision to its candidate, once however often it is called."""
    with transaction.atomic():
        decision = Decision.objects.select_for_update().select_related("case__candidate", "case__unit").get(
            pk=decision_id
        )
        if decision.feedback_sent_at or decision.status != Decision.Status.RELEASED:
            return False
        with translation.override("th"):
            context = {"decision": decision, "feedback": candidate_feedback(decision.case, round_number=decision.round)}
            subject = render_to_string("judging/email/decision_subject.txt", context).strip()
            body = render_to_string("judging/email/decision.txt", context)
        send_mail(subject, body, None, [decision.case.candidate.email])
        decision.feedback_sent_at = timezone.now()
        decision.save(update_fields=["feedback_sent_at"])
    return True
