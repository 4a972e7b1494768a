"""A worker killed in the middle of a render (SIGKILL: no chance to clean up) loses nothing: the message was not
acknowledged, so Redis hands it to the next worker after the visibility timeout, and the job is done once."""
import os
import signal
import subprocess
import sys
import time

import pytest
import redis
from django.conf import settings
from django.db import connection

from certificates.models import Certificate, JobState
from config.celery import app
from tests.certificates.test_pipeline import wait_for

pytestmark = pytest.mark.django_db(transaction=True)

VISIBILITY_TIMEOUT = 3


def _worker(name: str, media_root, *, slow: bool = False) -> subprocess.Popen:
    database = connection.settings_dict
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}",
        "REDIS_URL": settings.REDIS_URL,
        "MEDIA_ROOT": str(media_root),
        "PORTAL_BASE_URL": settings.PORTAL_BASE_URL,
        "DEBUG": "false",
        "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT),
        "SLOW_RENDER_SECONDS": "120",
    }
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo", "--without-gossip",
         "--without-mingle", "--without-heartbeat", "--loglevel=WARNING", "-n", f"{name}@%h",
         *(["--include", "tests.certificates.slow_render"] if slow else [])],
        cwd=settings.BASE_DIR, env=environment, start_new_session=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )


def _stop(worker: subprocess.Popen, sig=signal.SIGTERM) -> None:
    if worker.poll() is None:
        os.killpg(worker.pid, sig)
        worker.wait(timeout=30)


def test_a_worker_killed_mid_render_leaves_the_job_to_the_next_worker(issue, media_root):
    assert connection.vendor == "postgresql" and settings.REDIS_URL, "needs PostgreSQL and Redis"
    app.control.purge()
    broker = redis.Redis.from_url(settings.REDIS_URL)
    broker.delete("unacked", "unacked_index")  # nothing left over from earlier runs
    certificate = issue()  # the render is queued on commit

    first = _worker("first", media_root, slow=True)
    try:
        # Delivered and not acknowledged, and claimed: the worker is inside the (slowed) render.
        wait_for(lambda: broker.hlen("unacked") == 1
                 and Certificate.objects.get(pk=certificate.pk).render_state == JobState.RUNNING)
        _stop(first, signal.SIGKILL)
    finally:
        _stop(first, signal.SIGKILL)
    assert Certificate.objects.get(pk=certificate.pk).render_state == JobState.RUNNING  # claimed, never finished
    # Redis returns an unacknowledged message once the visibility timeout has passed since its delivery.
    time.sleep(VISIBILITY_TIMEOUT + 1)

    second = _worker("second", media_root)
    try:
        wait_for(lambda: Certificate.objects.get(pk=certificate.pk).render_state == JobState.READY, seconds=90)
    finally:
        _stop(second)
    certificate.refresh_from_db()
    assert certificate.render_count == 1
    assert [path.name for path in (media_root / "certificates").rglob("*.pdf")] == [f"{certificate.number}.pdf"]
