"""The person's evidence items and their files, for their personal-data archive."""
from .files import served_name
from .models import EvidenceFile, EvidenceItem


def export(user) -> list[dict]:
    items = EvidenceItem.objects.filter(case__candidate=user).prefetch_related("mappings__criterion", "files")
    return [
        {
            "case": item.case_id,
            "title": item.title,
            "kind": item.kind,
            "description": item.description,
            "work_date": item.work_date,
            "criteria": {m.criterion.code: m.statement for m in item.mappings.all()},
            "files": [
                {"name": f.original_name, "version": f.version, "sha256": f.sha256, "size": f.size,
                 "uploaded_at": f.uploaded_at, "in_archive": _archive_name(f) if not f.purged_at else None}
                for f in item.files.all()
            ],
        }
        for item in items
    ]


def files(user) -> list[tuple[str, object]]:
    kept = EvidenceFile.objects.filter(item__case__candidate=user, purged_at__isnull=True)
    return [(_archive_name(f), f.file) for f in kept]


def _archive_name(evidence_file: EvidenceFile) -> str:
    name = served_name(evidence_file.original_name, evidence_file.extension)
    return f"{evidence_file.item.case_id}/{evidence_file.pk}-v{evidence_file.version}-{name}"
