"""A Redis restart loses the messages that were waiting: every job committed to the database is still done,
because the beat task finds the rows that are owed a job and queues them again."""
import datetime
import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail
from django.core.management import call_command
from django.db.models import F

from assessments.models import AssessmentCase
from assessments.services import case_enrol
from blueprints.models import Blueprint, BlueprintRender
from blueprints.services import blueprint_copy, blueprint_render_request
from certificates.models import Certificate, JobState
from certificates.services import certificate_revoke
from config.celery import app
from exams.models import Attempt
from judging.models import Decision
from portal.tasks import requeue_lost_jobs
from tests.certificates.factories import released_competent_case_for
from tests.exams.factories import pass_the_exam

pytestmark = pytest.mark.django_db(transaction=True)
AN_HOUR = datetime.timedelta(hours=1)


def _wait_for(condition, seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the worker did not finish the requeued jobs in time"
        time.sleep(0.3)


def test_jobs_whose_messages_a_redis_restart_lost_are_done_after_the_sweep(allocated_case, other_candidate,
                                                                          superuser):
    # Jobs of every kind are committed and their messages published…
    attempt = pass_the_exam(allocated_case)  # the result email
    certified = released_competent_case_for(by=superuser, email="holder@example.go.th")  # its certificate PDF
    certificate = Certificate.objects.get(case=certified)
    certificate_revoke(certificate=certificate, by=superuser, reason="พบการทุจริต")  # the holder's notice
    call_command("loaddata", "blueprint_worked_example", verbosity=0)
    blueprint = blueprint_copy(source=Blueprint.objects.get(worked_example_key__isnull=False), by=other_candidate)
    case_enrol(candidate=other_candidate, unit_code="DG-EJJM-026")
    render = blueprint_render_request(blueprint=blueprint, by=other_candidate, language="th")  # a document
    # …and lost, as when Redis restarts without persistence. The receipt of allocated_case's submission too.
    app.control.purge()

    assert requeue_lost_jobs() == 0, "a job queued a moment ago is not lost yet, merely waiting"

    AssessmentCase.objects.filter(pk=allocated_case.pk).update(submitted_at=F("submitted_at") - AN_HOUR)
    Attempt.objects.filter(pk=attempt.pk).update(released_at=F("released_at") - AN_HOUR)
    decision = Decision.objects.get(case=certified)  # released, its email never sent
    Decision.objects.filter(pk=decision.pk).update(released_at=datetime.datetime.now(datetime.UTC) - AN_HOUR)
    Certificate.objects.filter(pk=certificate.pk).update(revoked_at=F("revoked_at") - AN_HOUR,
                                                         render_enqueued_at=F("render_enqueued_at") - AN_HOUR)
    BlueprintRender.objects.filter(pk=render.pk).update(requested_at=F("requested_at") - AN_HOUR)

    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
        requeue_lost_jobs.delay()  # what beat sends every five minutes
        _wait_for(lambda: BlueprintRender.objects.get(pk=render.pk).status == BlueprintRender.Status.READY
                  and Certificate.objects.get(pk=certificate.pk).render_state == JobState.READY
                  and len(mail.outbox) == 4)

    allocated_case.refresh_from_db()
    assert allocated_case.receipt_sent_round == allocated_case.round
    by_recipient = sorted((message.to[0], message.subject) for message in mail.outbox)
    assert [to for to, _subject in by_recipient] == sorted(
        [allocated_case.candidate.email] * 2 + [certified.candidate.email] * 2)
    assert any(certificate.number in subject for _to, subject in by_recipient)
    assert Attempt.objects.get(pk=attempt.pk).result_notified_at is not None
    assert Decision.objects.get(pk=decision.pk).feedback_sent_at is not None
