"""The Celery application: configured from Django settings, tasks found in every app."""
import os
from pathlib import Path

from celery import Celery
from celery.signals import task_postrun

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.on_after_configure.connect
def _make_filesystem_broker_folders(sender, **kwargs):
    # kombu's filesystem transport expects its folders to exist already.
    options = sender.conf.broker_transport_options or {}
    for key in ("data_folder_in", "data_folder_out", "processed_folder"):
        if options.get(key):
            Path(options[key]).mkdir(parents=True, exist_ok=True)


@task_postrun.connect
def _close_old_database_connections(**kwargs):
    # As after a web request: a broken connection (a restarted database) or one past CONN_MAX_AGE is closed,
    # a healthy one is kept for the next task instead of paying for a new connection every time.
    from django.db import close_old_connections

    close_old_connections()
