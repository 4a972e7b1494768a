"""Celery tasks for assessment cases: thin doors onto the services."""
from celery import shared_task

from .notifications import submission_receipt_send


@shared_task(bind=True, autoretry_for=(ConnectionError, TimeoutError), retry_backoff=True, max_retries=5)
def send_submission_receipt(self, case_id: int, round_number: int) -> None:
    submission_receipt_send(case_id=case_id, round_number=round_number)
