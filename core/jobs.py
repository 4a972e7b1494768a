"""Jobs whose broker message may have been lost: each is a row that says it is owed, found again by a sweep.

Every task is idempotent, so queuing one that is merely slow, not lost, costs a run that does nothing."""
import datetime

from django.conf import settings
from django.utils import timezone


def lost_job_window() -> tuple[datetime.datetime, datetime.datetime]:
    """Jobs queued between these two moments and still owed count as lost."""
    now = timezone.now()
    return (now - datetime.timedelta(days=settings.JOB_LOOKBACK_DAYS),
            now - datetime.timedelta(minutes=settings.JOB_LOST_AFTER_MINUTES))


def requeue(task, owed, limit: int = 1000) -> int:
    """Queue the task again for each of the owed rows' keys (a value list of ids or of argument tuples)."""
    count = 0
    for arguments in owed[:limit]:
        task.delay(*(arguments if isinstance(arguments, tuple) else (arguments,)))
        count += 1
    return count
