"""Celery task of the blueprints: a thin door onto the service that produces the blueprint document."""
from celery import shared_task
from celery.contrib.django.task import DjangoTask
from django.db import InterfaceError, OperationalError

from .services import blueprint_render_fail, blueprint_render_run

# Errors that pass: the database or the broker away for a moment. Anything else will fail again.
TRANSIENT_ERRORS = (OperationalError, InterfaceError, ConnectionError, TimeoutError)


class _RenderTask(DjangoTask):
    def on_failure(self, exc, task_id, args, kwargs, einfo) -> None:
        # Retries are spent or the error was not transient: say so on the page, which offers a retry.
        blueprint_render_fail(render_id=args[0], error=exc)


@shared_task(
    bind=True,
    base=_RenderTask,
    autoretry_for=TRANSIENT_ERRORS,
    retry_backoff=True,
    retry_backoff_max=300,
    max_retries=5,
)
def render_blueprint(self, render_id: int) -> None:
    blueprint_render_run(render_id=render_id, task_id=self.request.id or "")
