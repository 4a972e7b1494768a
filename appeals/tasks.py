"""Celery tasks for appeals and complaints: thin doors onto the notifications."""
from celery import shared_task

from core.jobs import RETRY

from .notifications import appeal_outcome_send, complaint_answer_send


@shared_task(**RETRY)
def send_appeal_outcome(appeal_id: int) -> None:
    appeal_outcome_send(appeal_id=appeal_id)


@shared_task(**RETRY)
def send_complaint_answer(complaint_id: int) -> None:
    complaint_answer_send(complaint_id=complaint_id)
