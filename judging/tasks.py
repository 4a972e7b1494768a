"""Celery tasks for judging: thin doors onto the notifications."""
from celery import shared_task

from .notifications import decision_feedback_send


@shared_task(autoretry_for=(ConnectionError, TimeoutError), retry_backoff=True, max_retries=5)
def send_decision_feedback(decision_id: int) -> None:
    decision_feedback_send(decision_id=decision_id)
