"""Celery task of the blueprints: a thin door onto the service that produces the blueprint document."""
from celery import shared_task
from celery.contrib.django.task import DjangoTask

from core.jobs import RETRY

from .services import blueprint_render_fail, blueprint_render_run


class _RenderTask(DjangoTask):
    def on_failure(self, exc, task_id, args, kwargs, einfo) -> None:
        # Retries are spent or the error was not transient: say so on the page, which offers a retry.
        blueprint_render_fail(render_id=args[0], error=exc)


@shared_task(bind=True, base=_RenderTask, **RETRY)
def render_blueprint(self, render_id: int) -> None:
    blueprint_render_run(render_id=render_id, task_id=self.request.id or "")
