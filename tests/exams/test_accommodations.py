"""A coordinator grants a candidate extra time or a sitting window of their own; the server's one deadline honours
it when saving, submitting and when the beat task closes overdue attempts."""
import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from exams.models import Accommodation, Attempt, ItemType
from exams.selectors import attempt_deadline, current_accommodation, overdue_attempt_ids, remaining_seconds
from exams.services import (
    AccommodationRefused,
    AttemptClosed,
    StartRefused,
    accommodation_grant,
    accommodation_withdraw,
    answer_save,
    attempt_close_overdue,
)
from tests.exams.factories import answer_of, right_value, start

pytestmark = pytest.mark.django_db
MINUTE = datetime.timedelta(minutes=1)


def _grant(case, definition, coordinator, **terms):
    return accommodation_grant(case=case, definition=definition, by=coordinator,
                               reason=terms.pop("reason", "สายตาเลือนราง ใช้โปรแกรมอ่านหน้าจอ"), **terms)


def _started_ago(attempt, minutes: float) -> Attempt:
    """Move the sitting's start into the past, as if the candidate began `minutes` ago, keeping its own deadline."""
    started = timezone.now() - datetime.timedelta(minutes=minutes)
    accommodation = current_accommodation(case_id=attempt.case_id, definition_id=attempt.definition_id)
    deadline = attempt_deadline(definition=attempt.definition, started_at=started, accommodation=accommodation)
    Attempt.objects.filter(pk=attempt.pk).update(started_at=started, deadline=deadline)
    return Attempt.objects.select_related("definition").get(pk=attempt.pk)


def test_extra_minutes_are_added_to_the_limit(case, objective_only, coordinator):
    _grant(case, objective_only, coordinator, extra_minutes=15)
    attempt = start(case, objective_only)
    assert attempt.deadline - attempt.started_at == 45 * MINUTE  # 30 + 15


def test_extra_time_as_a_percentage_of_the_limit(case, objective_only, coordinator):
    _grant(case, objective_only, coordinator, extra_percent=50)
    attempt = start(case, objective_only)
    assert attempt.deadline - attempt.started_at == 45 * MINUTE  # 30 × 1.5


def test_a_sitting_window_of_their_own_lets_the_candidate_start_after_the_exam_closed(case, objective_only,
                                                                                     coordinator):
    now = timezone.now()
    objective_only.closes_at = now - MINUTE
    objective_only.save()
    with pytest.raises(StartRefused):
        start(case, objective_only)
    _grant(case, objective_only, coordinator, window_opens_at=now - MINUTE, window_closes_at=now + 20 * MINUTE)
    attempt = start(case, objective_only)
    # Thirty minutes would run past the end of the window: the window's end is the deadline.
    assert attempt.deadline == now + 20 * MINUTE


def test_a_sitting_window_not_yet_open_refuses_the_start(case, objective_only, coordinator):
    now = timezone.now()
    _grant(case, objective_only, coordinator, window_opens_at=now + 60 * MINUTE, window_closes_at=now + 120 * MINUTE)
    with pytest.raises(StartRefused, match="not open"):
        start(case, objective_only)


def test_extra_time_moves_the_exams_close_on_by_as_much(case, objective_only, coordinator):
    objective_only.closes_at = timezone.now() + 10 * MINUTE
    objective_only.save()
    _grant(case, objective_only, coordinator, extra_minutes=15)
    attempt = start(case, objective_only)
    assert attempt.deadline == objective_only.closes_at + 15 * MINUTE


def test_a_grant_during_the_sitting_moves_its_deadline_at_once(case, objective_only, coordinator):
    attempt = _started_ago(start(case, objective_only), 25)
    assert remaining_seconds(attempt) <= 5 * 60
    _grant(case, objective_only, coordinator, extra_minutes=20)
    attempt.refresh_from_db()
    assert attempt.deadline == attempt.started_at + 50 * MINUTE
    assert 24 * 60 <= remaining_seconds(attempt) <= 25 * 60


def test_a_later_grant_supersedes_and_a_withdrawal_restores_the_earlier(case, objective_only, coordinator):
    first = _grant(case, objective_only, coordinator, extra_minutes=10)
    second = _grant(case, objective_only, coordinator, extra_percent=100, reason="แก้ไขตามใบรับรองแพทย์")
    attempt = start(case, objective_only)
    assert attempt.deadline - attempt.started_at == 60 * MINUTE
    accommodation_withdraw(accommodation=second, by=coordinator)
    attempt.refresh_from_db()
    assert attempt.deadline - attempt.started_at == 40 * MINUTE
    assert [a.pk for a in Accommodation.objects.filter(case=case)] == [second.pk, first.pk]  # history is kept
    second.refresh_from_db()
    assert second.withdrawn_by == coordinator and second.withdrawn_at is not None


def test_save_after_the_normal_deadline_is_accepted_and_after_theirs_refused(settings, case, objective_only,
                                                                           coordinator):
    settings.EXAM_GRACE_SECONDS = 0
    _grant(case, objective_only, coordinator, extra_minutes=10)
    attempt = _started_ago(start(case, objective_only), 35)  # five minutes past the normal thirty
    answer = answer_of(attempt, ItemType.TRUE_FALSE)
    saved = answer_save(attempt=attempt, item_version_id=answer.item_version_id, value=right_value(answer))
    assert 4 * 60 <= saved.remaining_seconds <= 5 * 60

    attempt = _started_ago(attempt, 41)  # a minute past their forty
    with pytest.raises(AttemptClosed, match="Time is up"):
        answer_save(attempt=attempt, item_version_id=answer.item_version_id, value=right_value(answer))


def _beat() -> list[int]:
    """What the beat task does, without the broker: pick the overdue attempts and close each one."""
    due = overdue_attempt_ids()
    for attempt_id in due:
        attempt_close_overdue(attempt_id=attempt_id)
    return due


def test_the_beat_close_skips_the_accommodated_attempt_until_its_own_deadline(
    settings, case, objective_only, coordinator, other_candidate
):
    from assessments.services import case_enrol

    settings.EXAM_GRACE_SECONDS = 0
    _grant(case, objective_only, coordinator, extra_minutes=10)
    accommodated = _started_ago(start(case, objective_only), 35)
    everyone_else = _started_ago(start(case_enrol(candidate=other_candidate, unit_code="DG-EJJM-026"),
                                       objective_only), 35)

    assert _beat() == [everyone_else.pk]
    assert attempt_close_overdue(attempt_id=accommodated.pk) is False
    assert Attempt.objects.get(pk=accommodated.pk).is_open
    assert not Attempt.objects.get(pk=everyone_else.pk).is_open

    _started_ago(accommodated, 40.1)
    assert _beat() == [accommodated.pk]
    accommodated.refresh_from_db()
    assert accommodated.status == Attempt.Status.SUBMITTED
    assert accommodated.closed_by == Attempt.ClosedBy.DEADLINE


@pytest.mark.parametrize(("terms", "message"), [
    ({"reason": "  "}, "Say why"),
    ({"extra_minutes": 10, "extra_percent": 20}, "not both"),
    ({}, "Grant extra time, a sitting window, or both"),
    ({"extra_minutes": 601}, "between 1 and 600"),
    ({"extra_percent": 201}, "between 1% and 200%"),
    ({"window_opens_at": timezone.now() + MINUTE}, "both its start and its end"),
])
def test_a_grant_that_breaks_a_rule_records_nothing(case, objective_only, coordinator, terms, message):
    terms.setdefault("reason", "เหตุผล")
    with pytest.raises(AccommodationRefused, match=message):
        accommodation_grant(case=case, definition=objective_only, by=coordinator, **terms)
    assert not Accommodation.objects.exists()


def test_only_a_coordinator_grants(case, objective_only, assessor):
    with pytest.raises(AccommodationRefused) as refused:
        _grant(case, objective_only, assessor, extra_minutes=10)
    assert refused.value.status == 404


def test_the_coordinator_grants_from_the_page_and_sees_the_history(client, case, objective_only, coordinator):
    client.force_login(coordinator)
    listing = client.get(reverse("exams:accommodations"), {"q": case.candidate.username})
    assert listing.status_code == 200
    url = reverse("exams:accommodation", args=[case.pk, objective_only.pk])
    assert url in listing.content.decode()

    refused = client.post(url, {"extra_minutes": "15", "reason": ""})
    assert refused.status_code == 400 and not Accommodation.objects.exists()

    response = client.post(url, {"extra_minutes": "15", "reason": "ใช้โปรแกรมอ่านหน้าจอ"}, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "The accommodation is recorded" in page
    assert "15 extra minutes" in page and "ใช้โปรแกรมอ่านหน้าจอ" in page
    granted = Accommodation.objects.get()
    assert (granted.granted_by, granted.extra_minutes) == (coordinator, 15)


def test_the_coordinator_gives_a_window_with_a_buddhist_era_day(client, case, objective_only, coordinator):
    client.force_login(coordinator)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "th"
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    day = f"{tomorrow.day}/{tomorrow.month}/{tomorrow.year + 543}"
    url = reverse("exams:accommodation", args=[case.pk, objective_only.pk])
    response = client.post(url, {"window_day": day, "window_from": "13:00", "window_to": "16:00",
                                 "reason": "สอบรอบพิเศษ"})
    assert response.status_code == 302
    granted = Accommodation.objects.get()
    assert timezone.localtime(granted.window_opens_at).date() == tomorrow
    assert timezone.localtime(granted.window_opens_at).hour == 13
    assert timezone.localtime(granted.window_closes_at).hour == 16


def test_the_candidate_reads_their_accommodation_before_starting(client, case, objective_only, coordinator):
    _grant(case, objective_only, coordinator, extra_percent=25)
    client.force_login(case.candidate)
    page = client.get(reverse("exams:start", args=[case.pk, objective_only.pk])).content.decode()
    assert 'id="exam-accommodation"' in page and "25% extra time" in page


def test_the_coordinator_withdraws_a_grant_from_the_page(client, case, objective_only, coordinator):
    granted = _grant(case, objective_only, coordinator, extra_minutes=10)
    client.force_login(coordinator)
    response = client.post(reverse("exams:accommodation_withdraw", args=[granted.pk]), follow=True)
    assert "The accommodation is withdrawn." in response.content.decode()
    granted.refresh_from_db()
    assert granted.withdrawn_by == coordinator
    again = client.post(reverse("exams:accommodation_withdraw", args=[granted.pk]), follow=True)
    assert "already been withdrawn" in again.content.decode()
