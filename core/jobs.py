"""The one job layer: a row's state, claiming it, finishing or failing it, the retry policy, and finding lost jobs.

A job is a row that says work is owed (a PDF, a ZIP). A worker claims it with a conditional write, does the work
outside any transaction, then finishes it only if its claim still holds, so running a task twice, or on two
workers at once, leaves one result. Jobs whose broker message was lost are found again by a sweep."""
import dataclasses
import datetime
import logging
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.db import InterfaceError, OperationalError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)
T = TypeVar("T")

# Worth retrying: the database, the broker or another service was briefly unreachable. Anything else would fail
# again, so it is recorded on the job as failed.
TRANSIENT_ERRORS = (OperationalError, InterfaceError, ConnectionError, TimeoutError)

# Every task's retry policy: pass as `@shared_task(**RETRY)`.
RETRY = {"autoretry_for": TRANSIENT_ERRORS, "retry_backoff": True, "retry_backoff_max": 300, "retry_jitter": True,
         "max_retries": 8}

# A job waiting, or running, longer than a task may run has lost its worker: another may take it over.
STUCK_AFTER = datetime.timedelta(seconds=getattr(settings, "CELERY_TASK_TIME_LIMIT", 600) + 60)


class JobState(models.TextChoices):
    PENDING = "pending", _("Pending")
    RUNNING = "running", _("Running")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


ACTIVE = (JobState.PENDING, JobState.RUNNING)


@dataclasses.dataclass(frozen=True)
class JobFields:
    """The names of a model's job columns; a model whose row is more than a job prefixes them."""

    state: str = "state"
    error: str = "error"
    queued: str = "enqueued_at"
    started: str = "started_at"  # also a heartbeat: a long job moves it forward as it progresses
    finished: str = "finished_at"
    attempts: str = "attempts"  # raised by every claim; a run finishing with an older number was overtaken
    task: str = "task_id"  # the task holding the claim: its own retries may take the claim back at once


class Job(models.Model):
    """Base of every model whose row is (or carries) a background job; `job_fields` says where its columns are."""

    job_fields = JobFields()

    class Meta:
        abstract = True

    def _job(self, column: str):
        return getattr(self, getattr(self.job_fields, column))

    @property
    def job_state(self) -> str:
        return self._job("state")

    @property
    def job_ready(self) -> bool:
        return self.job_state == JobState.READY

    @property
    def job_failed(self) -> bool:
        return self.job_state == JobState.FAILED

    @property
    def job_active(self) -> bool:
        return self.job_state in ACTIVE

    @property
    def job_stuck(self) -> bool:
        """Active for longer than any task may run: its worker is gone, and it may be tried again."""
        since = self._job("started") or self._job("queued")
        return self.job_active and since is not None and since < timezone.now() - STUCK_AFTER


@dataclasses.dataclass
class Claim:
    """A job this worker holds, as the claim read it; `attempt` tells it from any later claim."""

    row: Job
    attempt: int

    @property
    def _rows(self) -> models.QuerySet:
        return type(self.row).objects.filter(pk=self.row.pk)

    def finish(self, **values) -> bool:
        """Mark the job ready with these values, unless a later claim overtook this one; True when it did."""
        f = self.row.job_fields
        return bool(self._rows.filter(**{f.state: JobState.RUNNING, f.attempts: self.attempt}).update(
            **{f.state: JobState.READY, f.error: "", f.finished: timezone.now()}, **values))

    def fail(self, error: str) -> bool:
        return fail(self._rows, error=error, attempt=self.attempt)

    def postpone(self, reason: str) -> bool:
        """Give the job back to the queue with the reason it waits (a service it needs did not answer), unless a
        later claim holds it; the task's retry, or the sweep, takes it up again."""
        f = self.row.job_fields
        return bool(self._rows.filter(**{f.state: JobState.RUNNING, f.attempts: self.attempt}).update(
            **{f.state: JobState.PENDING, f.error: reason[:2000], f.task: ""}))

    def run(self, work: Callable[[], T]) -> T | None:
        """The work's result; a transient error goes up for the task to retry (the job pending again, with the reason
        when the error gives one to show), any other fails the job (None)."""
        try:
            return work()
        except TRANSIENT_ERRORS as exc:
            if getattr(exc, "reason_shown", ""):
                self.postpone(exc.reason_shown)
            raise
        except Exception as exc:
            logger.exception("%s %s failed", type(self.row).__name__, self.row.pk)
            self.fail(str(exc))
            return None


@transaction.atomic
def claim(rows: models.QuerySet, pk: int, *, task_id: str = "", take_over: bool = False) -> Claim | None:
    """Take the job for this worker, or None when it is done, failed, or running on a live worker elsewhere.

    `take_over` is for a caller that needs the result now: it claims a job that failed, or that another worker
    is running (whose finish then finds itself overtaken)."""
    model = rows.model
    f = model.job_fields
    row = rows.select_for_update(of=("self",)).filter(pk=pk).first()
    if row is None or row.job_ready or (row.job_failed and not take_over):
        return None
    busy_elsewhere = row.job_state == JobState.RUNNING and row._job("task") != task_id and not row.job_stuck
    if busy_elsewhere and not take_over:
        return None
    now, attempt = timezone.now(), row._job("attempts") + 1
    values = {f.state: JobState.RUNNING, f.started: now, f.task: task_id, f.attempts: attempt}
    model.objects.filter(pk=pk).update(**values)
    for column, value in values.items():
        setattr(row, column, value)
    return Claim(row, attempt)


def fail(rows: models.QuerySet, *, error: str, attempt: int | None = None) -> bool:
    """Record why the job failed, unless it is ready or a later claim holds it; a person may ask again."""
    f = rows.model.job_fields
    if attempt is not None:
        rows = rows.filter(**{f.attempts: attempt})
    return bool(rows.exclude(**{f.state: JobState.READY}).update(
        **{f.state: JobState.FAILED, f.error: error[:2000], f.finished: timezone.now()}))


def again(rows: models.QuerySet) -> int:
    """Put jobs back in the queue's state (a person asked for them again); the caller queues the task."""
    f = rows.model.job_fields
    return rows.update(**{f.state: JobState.PENDING, f.error: "", f.queued: timezone.now(), f.started: None,
                          f.finished: None, f.task: ""})


# --- Lost jobs --------------------------------------------------------------------------------------------


def lost_job_window() -> tuple[datetime.datetime, datetime.datetime]:
    """Jobs queued between these two moments and still owed count as lost."""
    now = timezone.now()
    return (now - datetime.timedelta(days=settings.JOB_LOOKBACK_DAYS),
            now - datetime.timedelta(minutes=settings.JOB_LOST_AFTER_MINUTES))


def requeue(task, owed, limit: int = 1000) -> int:
    """Queue the task again for each of the owed rows' keys (a value list of ids or of argument tuples)."""
    count = 0
    for arguments in owed[:limit]:
        task.delay(*(arguments if isinstance(arguments, tuple) else (arguments,)))
        count += 1
    return count


def lost_jobs(rows: models.QuerySet) -> models.QuerySet:
    """The jobs among these queued recently and still waiting, or running on a worker that is gone."""
    f = rows.model.job_fields
    since, before = lost_job_window()
    return rows.filter(**{f"{f.queued}__gte": since}).filter(
        models.Q(**{f.state: JobState.PENDING, f"{f.queued}__lt": before})
        | models.Q(**{f.state: JobState.RUNNING, f"{f.started}__lt": timezone.now() - STUCK_AFTER}))


def lost_jobs_requeue(rows: models.QuerySet, task, limit: int = 1000) -> int:
    """Queue the task again for each lost job, stamping it queued now so the next sweep waits for it again."""
    f = rows.model.job_fields
    count = 0
    for pk in list(lost_jobs(rows).values_list("pk", flat=True)[:limit]):
        rows.model.objects.filter(pk=pk).update(**{f.queued: timezone.now()})
        task.delay(pk)
        count += 1
    return count
