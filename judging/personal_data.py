"""The judgments and decisions made about the person's cases, for their personal-data archive."""
from .models import Decision
from .selectors import candidate_feedback


def export(user) -> list[dict]:
    decisions = Decision.objects.filter(case__candidate=user, status=Decision.Status.RELEASED).select_related("case")
    return [
        {
            "case": d.case_id,
            "round": d.round,
            "outcome": d.outcome,
            "summary": d.summary,
            "released_at": d.released_at,
            "criteria": [
                {"code": f.criterion.code, "verdict": f.verdict, "comment": f.comment}
                for f in candidate_feedback(d.case, round_number=d.round)
            ],
        }
        for d in decisions
    ]
