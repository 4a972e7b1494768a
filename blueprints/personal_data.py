"""The person's blueprints and the documents produced from them, for their personal-data archive."""
from .models import Blueprint


def export(user) -> list[dict]:
    blueprints = Blueprint.objects.filter(owner=user).prefetch_related("sections", "renders")
    return [
        {
            "title": blueprint.title,
            "case": blueprint.case_id,
            "created_at": blueprint.created_at,
            "updated_at": blueprint.updated_at,
            "sections": {section.kind: section.content for section in blueprint.sections.all()},
            # The PDFs themselves are evidence files, which the evidence app puts in the archive.
            "documents": [
                {"requested_at": r.requested_at, "status": r.status, "evidence_file": r.evidence_file_id}
                for r in blueprint.renders.all()
            ],
        }
        for blueprint in blueprints
    ]
