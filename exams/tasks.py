"""Celery tasks of the exams app: thin doors onto the services, safe to run twice."""
from celery import shared_task

from core.jobs import RETRY

from .selectors import overdue_attempt_ids
from .services import attempt_close_overdue, attempt_result_notify


@shared_task
def close_overdue_attempts() -> int:
    """Run by Celery beat: hand each attempt whose time and grace are over to its own task."""
    ids = overdue_attempt_ids()
    for attempt_id in ids:
        close_overdue_attempt.delay_on_commit(attempt_id)
    return len(ids)


@shared_task(bind=True, **RETRY)
def close_overdue_attempt(self, attempt_id: int) -> bool:
    return attempt_close_overdue(attempt_id=attempt_id)


@shared_task(bind=True, **RETRY)
def send_result_notice(self, attempt_id: int) -> None:
    attempt_result_notify(attempt_id=attempt_id)
