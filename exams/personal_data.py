"""The person's exam attempts and their answers, for their personal-data archive (essays are personal data)."""
from .models import Attempt


def export(user) -> list[dict]:
    attempts = Attempt.objects.filter(case__candidate=user).select_related("definition").prefetch_related(
        "answers__item_version")
    return [
        {
            "case": attempt.case_id,
            "exam": attempt.definition.code,
            "attempt": attempt.number,
            "status": attempt.status,
            "started_at": attempt.started_at,
            "submitted_at": attempt.submitted_at,
            # The score is only the candidate's to see once the result is released.
            "score": attempt.score if attempt.released_at else None,
            "passed": attempt.passed if attempt.released_at else None,
            "answers": [
                {"position": a.position, "item": a.item_version.item_id, "response": a.response,
                 "saved_at": a.saved_at, "mark_comment": a.mark_comment if attempt.released_at else None}
                for a in attempt.answers.all()
            ],
        }
        for attempt in attempts
    ]
