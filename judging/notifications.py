"""The email that tells a candidate their decision, with the verdict and comment on every criterion."""
from core.emails import send_once

from .models import Decision
from .selectors import candidate_feedback


def decision_feedback_send(*, decision_id: int) -> bool:
    """Email a released decision to its candidate, once however often it is called."""
    return send_once(
        Decision.objects.select_related("case__candidate", "case__unit"), decision_id,
        template="judging/email/decision", to=lambda decision: decision.case.candidate.email,
        context=lambda decision: {"decision": decision,
                                  "feedback": candidate_feedback(decision.case, round_number=decision.round)},
        stamp="feedback_sent_at", due=lambda decision: decision.status == Decision.Status.RELEASED,
    )
