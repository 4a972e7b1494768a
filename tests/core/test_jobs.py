"""The job layer: one claim per job, a finish only for the claim that holds it, transient errors retried by the
task and any other recorded on the job, one retry policy for every task that does owed work."""
import datetime
import importlib

import pytest
from django.db import OperationalError
from django.utils import timezone

from certificates import documents
from certificates.models import Report
from certificates.tasks import render_report
from core import jobs
from core.jobs import JobState

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(superuser):
    """An agency report owed a PDF, as the request leaves it."""
    return Report.objects.create(kind=Report.Kind.AGENCY, requested_by=superuser, enqueued_at=timezone.now(),
                                 period_start=datetime.date(2026, 1, 1), period_end=datetime.date(2026, 12, 31))


def _state(report: Report) -> str:
    report.refresh_from_db()
    return report.state


def test_a_second_claim_gets_nothing(report):
    first = jobs.claim(Report.objects.all(), report.pk, task_id="first")
    assert first is not None and _state(report) == JobState.RUNNING
    assert jobs.claim(Report.objects.all(), report.pk, task_id="second") is None


def test_a_retry_of_the_same_task_takes_its_claim_back(report):
    first = jobs.claim(Report.objects.all(), report.pk, task_id="task")
    again = jobs.claim(Report.objects.all(), report.pk, task_id="task")
    assert again is not None and again.attempt == first.attempt + 1
    assert not first.finish(), "the earlier run was overtaken and must not finish"
    assert again.finish() and _state(report) == JobState.READY


def test_a_job_whose_worker_is_gone_may_be_claimed_by_another(report):
    jobs.claim(Report.objects.all(), report.pk, task_id="gone")
    Report.objects.filter(pk=report.pk).update(started_at=timezone.now() - jobs.STUCK_AFTER * 2)
    assert jobs.claim(Report.objects.all(), report.pk, task_id="fresh") is not None


def test_a_ready_or_failed_job_is_not_claimed(report):
    claim = jobs.claim(Report.objects.all(), report.pk)
    claim.finish()
    assert jobs.claim(Report.objects.all(), report.pk) is None
    Report.objects.filter(pk=report.pk).update(state=JobState.FAILED)
    assert jobs.claim(Report.objects.all(), report.pk) is None


def test_a_transient_error_goes_to_the_task_and_a_permanent_one_fails_the_job(report):
    claim = jobs.claim(Report.objects.all(), report.pk)

    def lost_connection():
        raise OperationalError("server closed the connection unexpectedly")

    with pytest.raises(OperationalError):
        claim.run(lost_connection)
    assert _state(report) == JobState.RUNNING, "still owed: the task retries it"

    def broken():
        raise ValueError("no such font")

    assert claim.run(broken) is None
    report.refresh_from_db()
    assert report.state == JobState.FAILED and report.error == "no such font"


# The task closes its connection when it ends (config/celery.py), which a test transaction would not survive.
@pytest.mark.django_db(transaction=True)
def test_the_task_retries_a_lost_database_connection_and_then_renders(report, monkeypatch):
    render, calls = documents.agency_report_pdf, []

    def drops_once(row):
        calls.append(row.pk)
        if len(calls) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return render(row)

    monkeypatch.setattr(documents, "agency_report_pdf", drops_once)
    render_report.apply(args=[report.pk])
    assert len(calls) == 2 and _state(report) == JobState.READY


@pytest.mark.django_db(transaction=True)
def test_a_permanent_error_is_not_retried_and_the_job_says_why(report, monkeypatch):
    calls = []

    def broken(row):
        calls.append(row.pk)
        raise ValueError("no such font")

    monkeypatch.setattr(documents, "agency_report_pdf", broken)
    render_report.apply(args=[report.pk])
    report.refresh_from_db()
    assert calls == [report.pk] and report.state == JobState.FAILED and "no such font" in report.error


@pytest.mark.parametrize("task", [
    "assessments.tasks.send_submission_receipt", "judging.tasks.send_decision_feedback",
    "exams.tasks.send_result_notice", "certificates.tasks.send_revocation_notice",
    "certificates.tasks.render_certificate", "certificates.tasks.render_report",
    "certificates.tasks.build_bulk_download", "blueprints.tasks.render_blueprint",
    "exams.tasks.close_overdue_attempt",
])
def test_every_task_doing_owed_work_retries_a_lost_database_connection(task):
    module, name = task.rsplit(".", 1)
    autoretry_for = getattr(importlib.import_module(module), name).autoretry_for
    assert autoretry_for == jobs.TRANSIENT_ERRORS and OperationalError in autoretry_for


def test_a_lost_job_is_queued_again_once_per_sweep(report, settings):
    Report.objects.filter(pk=report.pk).update(enqueued_at=timezone.now() - datetime.timedelta(hours=1))
    assert list(jobs.lost_jobs(Report.objects.all())) == [report]
    Report.objects.filter(pk=report.pk).update(enqueued_at=timezone.now())
    assert not jobs.lost_jobs(Report.objects.all()).exists(), "queued again just now: not lost yet"


def test_a_caller_that_needs_the_result_now_takes_over_a_failed_or_running_job(report):
    held = jobs.claim(Report.objects.all(), report.pk, task_id="elsewhere")
    taken = jobs.claim(Report.objects.all(), report.pk, take_over=True)
    assert taken is not None and not held.finish() and taken.fail("broken")
    assert jobs.claim(Report.objects.all(), report.pk, take_over=True) is not None


def test_templates_read_job_properties_rather_than_state_strings(settings):
    import re
    from pathlib import Path

    comparison = re.compile(r"""(state|status)\s*[!=]=\s*["'](pending|running|rendering|ready|failed)["']""")
    offenders = [str(path) for path in Path(settings.BASE_DIR, "templates").rglob("*.html")
                 if comparison.search(path.read_text(encoding="utf-8"))]
    assert offenders == []
