"""send_once: one mail per stamp however often it is asked, in the reader's language, from the templates."""
import pytest
from django.core import mail
from django.utils import translation

from assessments.models import AssessmentCase
from core.emails import send_once

pytestmark = pytest.mark.django_db


def _receipt(case: AssessmentCase, round_number: int) -> bool:
    return send_once(
        AssessmentCase.objects.select_related("candidate", "unit"), case.pk,
        template="assessments/email/submission_receipt", to=lambda row: row.candidate.email,
        context=lambda row: {"case": row, "items": 0}, stamp="receipt_sent_round", stamp_value=round_number,
    )


def test_sending_twice_sends_one_mail(submitted_case):
    mail.outbox.clear()
    assert _receipt(submitted_case, submitted_case.round) is True
    assert _receipt(submitted_case, submitted_case.round) is False
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [submitted_case.candidate.email]
    submitted_case.refresh_from_db()
    assert submitted_case.receipt_sent_round == submitted_case.round


def test_a_later_round_is_owed_its_own_mail(submitted_case):
    mail.outbox.clear()
    _receipt(submitted_case, 1)
    assert _receipt(submitted_case, 2) is True and len(mail.outbox) == 2


def test_a_time_stamp_is_set_once_and_a_row_not_due_gets_nothing(allocated_case):
    from exams.models import Attempt
    from exams.services import attempt_result_notify
    from tests.exams.factories import pass_the_exam

    attempt = pass_the_exam(allocated_case)
    mail.outbox.clear()
    assert attempt_result_notify(attempt_id=attempt.pk) and not attempt_result_notify(attempt_id=attempt.pk)
    assert len(mail.outbox) == 1 and Attempt.objects.get(pk=attempt.pk).result_notified_at is not None

    Attempt.objects.filter(pk=attempt.pk).update(released_at=None, result_notified_at=None)
    assert not attempt_result_notify(attempt_id=attempt.pk), "a result not released is not announced"
    assert len(mail.outbox) == 1


def test_the_mail_speaks_thai_whatever_the_sender_spoke(submitted_case):
    mail.outbox.clear()
    with translation.override("en"):
        _receipt(submitted_case, submitted_case.round)
        assert translation.get_language() == "en", "the sender's language is given back"
    assert any("\u0e00" <= character <= "\u0e7f" for character in mail.outbox[0].subject)
