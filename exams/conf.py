"""The exams app's settings, each with the default used when the project's settings do not name it."""
from datetime import timedelta

from django.conf import settings


def grace_period() -> timedelta:
    """How long after the deadline answers still in flight are accepted; after it nothing is."""
    return timedelta(seconds=getattr(settings, "EXAM_GRACE_SECONDS", 30))


def analysis_min_responses() -> int:
    """How many responses an item needs before its statistics can flag it for review."""
    return getattr(settings, "EXAM_ANALYSIS_MIN_RESPONSES", 20)
