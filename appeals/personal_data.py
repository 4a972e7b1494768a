"""The person's appeals (with their documents) and complaints, for their personal-data archive."""
from evidence.files import served_name

from .models import Appeal, AppealDocument, Complaint


def export(user) -> dict:
    appeals = Appeal.objects.filter(lodged_by=user).select_related("criterion", "decision").prefetch_related("documents")
    return {
        "appeals": [
            {"case": a.case_id, "decision_round": a.decision.round, "criterion": a.criterion.code if a.criterion else None,
             "grounds": a.grounds, "lodged_at": a.lodged_at, "status": a.status, "reasons": a.reasons,
             "decided_at": a.decided_at, "documents": [_archive_name(d) for d in a.documents.all()]}
            for a in appeals
        ],
        "complaints": [
            {"case": c.case_id, "text": c.text, "raised_at": c.raised_at, "status": c.status, "answer": c.answer,
             "answered_at": c.answered_at}
            for c in Complaint.objects.filter(raised_by=user)
        ],
    }


def files(user) -> list[tuple[str, object]]:
    return [(_archive_name(d), d.file) for d in AppealDocument.objects.filter(appeal__lodged_by=user)]


def _archive_name(document: AppealDocument) -> str:
    return f"{document.appeal.case_id}/{document.pk}-{served_name(document.original_name, document.extension)}"
