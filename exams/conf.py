"""The exams app's settings, each with the default used when the project's settings do not name it."""
from datetime import timedelta
from pathlib import Path

from django.conf import settings


def grace_period() -> timedelta:
    """How long after the deadline answers still in flight are accepted; after it nothing is."""
    return timedelta(seconds=getattr(settings, "EXAM_GRACE_SECONDS", 30))


def analysis_min_responses() -> int:
    """How many responses an item needs before its statistics can flag it for review."""
    return getattr(settings, "EXAM_ANALYSIS_MIN_RESPONSES", 20)


def seed_bank_files() -> tuple[Path, Path]:
    """The seed bank as data: its items in the CSV the bank's importer reads, and its default exam as JSON."""
    folder = Path(getattr(settings, "EXAM_SEED_BANK_DIR", settings.BASE_DIR / "fixtures" / "exam_bank"))
    return folder / "dg_ejjm_026_items.csv", folder / "dg_ejjm_026_written.json"
