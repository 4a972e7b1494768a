"""The whole pipeline on a real Celery worker and Redis: a released decision ends in a rendered PDF; the holder
of a revoked certificate gets an email; a job whose message was lost is queued again by the beat task."""
import datetime
import time

import pytest
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.core import mail

from certificates.models import Certificate, JobState
from certificates.services import certificate_revoke
from certificates.tasks import render_certificate
from config.celery import app
from portal.tasks import requeue_lost_jobs

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def empty_queue():
    """A broker holding nothing from earlier tests, as after a Redis restart."""
    app.control.purge()


def wait_for(condition, *, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.2)


def _state(certificate: Certificate) -> str:
    return Certificate.objects.values_list("render_state", flat=True).get(pk=certificate.pk)


def test_a_released_decision_ends_in_a_rendered_pdf(empty_queue, celery_worker, competent_case, media_root):
    certificate = competent_case.certificates.get()
    wait_for(lambda: _state(certificate) == JobState.READY)
    certificate.refresh_from_db()
    assert certificate.render_count == 1
    assert (media_root / certificate.pdf.name).read_bytes().startswith(b"%PDF")


def test_the_task_delivered_three_times_leaves_one_file(empty_queue, issue, media_root):
    finished = []

    def count(sender=None, **_kwargs):
        if sender is not None and sender.name == render_certificate.name:
            finished.append(sender.request.id)

    certificate = issue()  # queued once on commit, while the certificate is pending…
    render_certificate.delay(certificate.pk)  # …and twice more, as a redelivery or a second click would
    render_certificate.delay(certificate.pk)
    task_postrun.connect(count, weak=False)
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
            wait_for(lambda: len(finished) == 3)
    finally:
        task_postrun.disconnect(count)
    certificate.refresh_from_db()
    assert certificate.render_state == JobState.READY and certificate.render_count == 1
    assert len(list((media_root / "certificates").rglob("*.pdf"))) == 1


def test_the_holder_of_a_revoked_certificate_is_emailed_by_the_worker(empty_queue, celery_worker, issue, superuser):
    certificate = issue()
    certificate_revoke(certificate=certificate, by=superuser, reason="พบการทุจริต")
    wait_for(lambda: any(certificate.number in message.subject for message in mail.outbox))
    [notice] = [message for message in mail.outbox if certificate.number in message.subject]
    assert notice.to == [certificate.holder.email] and "พบการทุจริต" in notice.body


def test_a_render_whose_message_was_lost_is_done_after_the_sweep(empty_queue, issue):
    certificate = issue()  # its message is published on commit…
    app.control.purge()  # …and lost, as when Redis restarts without persistence
    Certificate.objects.filter(pk=certificate.pk).update(
        render_enqueued_at=certificate.render_enqueued_at - datetime.timedelta(hours=1))
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
        requeue_lost_jobs.delay()  # what beat sends every five minutes
        wait_for(lambda: _state(certificate) == JobState.READY)
