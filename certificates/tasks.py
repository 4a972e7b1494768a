"""Celery tasks for certificates: thin doors onto the services, which make each of them safe to run twice."""
from celery import shared_task

from core.jobs import RETRY

from . import services
from .notifications import (
    reinstatement_notice_send,
    renewal_notice_send,
    revocation_notice_send,
    suspension_notice_send,
)


@shared_task(bind=True, **RETRY)
def render_certificate(self, certificate_id: int) -> None:
    services.certificate_render(certificate_id=certificate_id, task_id=self.request.id or "")


@shared_task(bind=True, **RETRY)
def render_report(self, report_id: int) -> None:
    services.report_render(report_id=report_id, task_id=self.request.id or "")


# A ZIP of thousands of PDFs takes longer than the portal's default task limits.
@shared_task(bind=True, time_limit=3 * 3600, soft_time_limit=3 * 3600 - 60, **RETRY)
def build_bulk_download(self, bulk_id: int) -> None:
    services.bulk_download_build(bulk_id=bulk_id, task_id=self.request.id or "")


@shared_task(**RETRY)
def send_revocation_notice(certificate_id: int) -> None:
    revocation_notice_send(certificate_id=certificate_id)


@shared_task(**RETRY)
def send_suspension_notice(suspension_id: int) -> None:
    suspension_notice_send(suspension_id=suspension_id)


@shared_task(**RETRY)
def send_reinstatement_notice(suspension_id: int) -> None:
    reinstatement_notice_send(suspension_id=suspension_id)


@shared_task(**RETRY)
def send_renewal_notice(certificate_id: int) -> None:
    renewal_notice_send(certificate_id=certificate_id)


@shared_task
def send_renewal_notices() -> int:
    """Beat: queue the recertification notice of every certificate now due one; each is sent once."""
    return services.renewal_notices_enqueue()


@shared_task
def purge_expired_downloads() -> int:
    return services.expired_downloads_purge()
