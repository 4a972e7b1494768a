"""Celery tasks of the portal as a whole: the sweep that finds the jobs every app is still owed."""
from celery import shared_task


@shared_task
def requeue_lost_jobs() -> int:
    from assessments.services import lost_receipts_requeue
    from blueprints.services import lost_renders_requeue
    from certificates.services import stale_jobs_requeue
    from exams.services import lost_result_notices_requeue
    from judging.services import lost_feedback_requeue

    return sum(sweep() for sweep in (lost_receipts_requeue, lost_renders_requeue, stale_jobs_requeue,
                                     lost_result_notices_requeue, lost_feedback_requeue))
