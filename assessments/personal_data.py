"""The person's assessment cases and every move each case made, for their personal-data archive."""
from .models import AssessmentCase


def export(user) -> list[dict]:
    cases = AssessmentCase.objects.filter(candidate=user).select_related("unit").prefetch_related("transitions")
    return [
        {
            "id": case.pk,
            "unit": f"{case.unit_code} {case.unit.revision_label}",
            "state": case.state,
            "round": case.round,
            "summary": case.summary,
            "enrolled_at": case.created_at,
            "submitted_at": case.submitted_at,
            "transitions": [
                {"from": t.from_state, "to": t.to_state, "at": t.at, "reason": t.reason} for t in case.transitions.all()
            ],
        }
        for case in cases
    ]
