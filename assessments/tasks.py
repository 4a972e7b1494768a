"""Celery tasks for assessment cases: thin doors onto the services."""
from celery import shared_task

from core.jobs import RETRY

from .notifications import submission_receipt_send


@shared_task(bind=True, **RETRY)
def send_submission_receipt(self, case_id: int, round_number: int) -> None:
    submission_receipt_send(case_id=case_id, round_number=round_number)
