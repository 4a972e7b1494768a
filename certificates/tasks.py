"""Celery tasks for certificates: thin doors onto the services, which make each of them safe to run twice."""
from celery import shared_task

from . import services
from .notifications import revocation_notice_send

RETRY = {"autoretry_for": services.TRANSIENT_ERRORS, "retry_backoff": True, "retry_backoff_max": 300,
         "retry_jitter": True, "max_retries": 8}


@shared_task(**RETRY)
def render_certificate(certificate_id: int) -> None:
    services.certificate_render(certificate_id=certificate_id)


@shared_task(**RETRY)
def render_report(report_id: int) -> None:
    services.report_render(report_id=report_id)


# A ZIP of thousands of PDFs takes longer than the portal's default task limits.
@shared_task(time_limit=3 * 3600, soft_time_limit=3 * 3600 - 60, **RETRY)
def build_bulk_download(bulk_id: int) -> None:
    services.bulk_download_build(bulk_id=bulk_id)


@shared_task(**RETRY)
def send_revocation_notice(certificate_id: int) -> None:
    revocation_notice_send(certificate_id=certificate_id)


@shared_task
def purge_expired_downloads() -> int:
    return services.expired_downloads_purge()
