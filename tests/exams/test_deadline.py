"""At the deadline the server submits the attempt with what was saved, with no browser open."""
import datetime
import time

import pytest
from django.core import mail
from django.utils import timezone

from assessments.services import case_enrol
from exams.models import Attempt, ItemType
from exams.services import answer_save, attempt_close_overdue
from exams.tasks import close_overdue_attempts
from tests.exams.factories import answer_of, right_value, start


def _wait_for(condition, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError("the worker did not finish in time")


@pytest.mark.django_db(transaction=True)
def test_the_periodic_task_submits_an_abandoned_attempt_through_the_worker(
    settings, case, other_candidate, objective_only, celery_worker
):
    settings.EXAM_GRACE_SECONDS = 30
    attempt = start(case, objective_only)
    for item_type in (ItemType.SINGLE_CHOICE, ItemType.TRUE_FALSE):
        answer = answer_of(attempt, item_type)
        answer_save(attempt=attempt, item_version_id=answer.item_version_id, value=right_value(answer))
    # The candidate closed the browser; the time and then the grace period ran out.
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - datetime.timedelta(seconds=31))
    still_running = start(case_enrol(candidate=other_candidate, unit_code="DG-EJJM-026"), objective_only)

    close_overdue_attempts.delay()

    _wait_for(lambda: Attempt.objects.get(pk=attempt.pk).status == Attempt.Status.SUBMITTED)
    attempt.refresh_from_db()
    assert attempt.closed_by == Attempt.ClosedBy.DEADLINE
    assert attempt.score == 2  # the two answers saved before the browser went away
    assert attempt.released_at is not None
    _wait_for(lambda: len(mail.outbox) == 1)  # the result notice, sent after the commit
    assert mail.outbox[0].to == [case.candidate.email]
    assert Attempt.objects.get(pk=still_running.pk).is_open


@pytest.mark.django_db
def test_an_attempt_within_its_grace_period_is_left_open(settings, case, objective_only):
    settings.EXAM_GRACE_SECONDS = 30
    attempt = start(case, objective_only)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - datetime.timedelta(seconds=5))
    assert attempt_close_overdue(attempt_id=attempt.pk) is False
    attempt.refresh_from_db()
    assert attempt.is_open


@pytest.mark.django_db
def test_closing_twice_closes_once(settings, case, objective_only):
    settings.EXAM_GRACE_SECONDS = 0
    attempt = start(case, objective_only)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - datetime.timedelta(seconds=1))
    assert attempt_close_overdue(attempt_id=attempt.pk) is True
    submitted_at = Attempt.objects.get(pk=attempt.pk).submitted_at
    assert attempt_close_overdue(attempt_id=attempt.pk) is False
    assert Attempt.objects.get(pk=attempt.pk).submitted_at == submitted_at


def test_the_beat_schedule_runs_the_task_every_half_minute():
    from django.conf import settings

    entry = next(e for e in settings.CELERY_BEAT_SCHEDULE.values() if e["task"] == "exams.tasks.close_overdue_attempts")
    assert entry["schedule"] <= 30
