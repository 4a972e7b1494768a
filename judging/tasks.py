"""Celery tasks for judging: thin doors onto the notifications."""
from celery import shared_task

from core.jobs import RETRY

from .notifications import decision_feedback_send


@shared_task(**RETRY)
def send_decision_feedback(decision_id: int) -> None:
    decision_feedback_send(decision_id=decision_id)
