"""A candidate seated in a sitting waits for their own moment of admission: the exam list and the start page say
when it comes, the server refuses a start before it, and the time they get runs from their own start."""
import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from assessments.services import case_enrol
from exams.models import Attempt, Seat, Sitting
from exams.selectors import admission_moment, exam_offer
from exams.services import StartRefused, accommodation_grant, sitting_schedule, sitting_seat
from tests.exams.factories import start
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
MINUTE = datetime.timedelta(minutes=1)


def _sitting(definition, coordinator, *, opens_in: datetime.timedelta, admission_minutes: int = 10) -> Sitting:
    return sitting_schedule(definition=definition, name_th="รอบเช้า กรมทดสอบ", name_en="Morning round",
                            opens_at=timezone.now() + opens_in, admission_minutes=admission_minutes, by=coordinator)


def _open_since(sitting: Sitting, ago: datetime.timedelta) -> Sitting:
    """The morning has come: the sitting opened `ago` (schedules only ever open in the future)."""
    Sitting.objects.filter(pk=sitting.pk).update(opens_at=timezone.now() - ago)
    sitting.refresh_from_db()
    return sitting


def test_a_seated_candidate_waits_on_the_start_page_and_the_server_refuses_an_early_start(
        client, candidate, case, objective_only, coordinator):
    sitting = _sitting(objective_only, coordinator, opens_in=30 * MINUTE)
    assert sitting_seat(sitting=sitting, cases=[case], by=coordinator) == 1
    client.force_login(candidate)
    url = reverse("exams:start", args=[case.pk, objective_only.pk])

    listing = client.get(reverse("exams:index")).content.decode()
    assert "You are seated in the sitting “Morning round”" in listing
    assert "Go to the waiting room" in listing

    page = client.get(url).content.decode()
    assert "Waiting to be let in" in page
    assert "Start the exam" not in page
    waiting = int(re.search(r'data-admission-in="(\d+)"', page).group(1))
    assert 30 * 60 - 5 <= waiting <= 40 * 60  # the opening plus their place in the ten-minute admission

    response = client.post(url)
    assert response.status_code == 409
    assert "You will be let in at" in response.content.decode()
    with pytest.raises(StartRefused, match="seated in the sitting"):
        start(case, objective_only)
    assert not Attempt.objects.exists()


def test_once_let_in_the_candidate_starts_with_the_full_time_from_their_own_start(
        client, candidate, case, objective_only, coordinator):
    sitting = _sitting(objective_only, coordinator, opens_in=5 * MINUTE)
    sitting_seat(sitting=sitting, cases=[case], by=coordinator)
    _open_since(sitting, 11 * MINUTE)  # past the whole admission window
    client.force_login(candidate)
    url = reverse("exams:start", args=[case.pk, objective_only.pk])
    assert "Start the exam" in client.get(url).content.decode()

    response = client.post(url)
    attempt = Attempt.objects.get(case=case)
    assert response.status_code == 302 and response["Location"] == reverse("exams:take", args=[attempt.pk])
    assert attempt.deadline - attempt.started_at == objective_only.time_limit
    assert attempt.started_at > sitting.opens_at + 10 * MINUTE


def test_admission_moments_spread_the_round_evenly_over_the_window_and_never_move(unit, objective_only, coordinator):
    sitting = _sitting(objective_only, coordinator, opens_in=60 * MINUTE, admission_minutes=10)
    cases = [case_enrol(candidate=UserFactory(roles=[Role.CANDIDATE]), unit_code=unit.code) for _ in range(200)]
    assert sitting_seat(sitting=sitting, cases=cases, by=coordinator) == 200
    moments = [admission_moment(sitting, case.pk) for case in cases]
    assert all(sitting.opens_at <= moment <= sitting.opens_at + 10 * MINUTE for moment in moments)
    per_two_minutes = [sum(1 for m in moments if sitting.opens_at + i * 2 * MINUTE <= m
                           < sitting.opens_at + (i + 1) * 2 * MINUTE) for i in range(5)]
    assert min(per_two_minutes) >= 20, per_two_minutes  # about 40 in each fifth of the window, none empty
    assert moments == [admission_moment(Sitting.objects.get(pk=sitting.pk), case.pk) for case in cases]


def test_no_admission_window_lets_the_whole_round_in_at_the_opening(case, objective_only, coordinator):
    sitting = _sitting(objective_only, coordinator, opens_in=5 * MINUTE, admission_minutes=0)
    sitting_seat(sitting=sitting, cases=[case], by=coordinator)
    assert admission_moment(sitting, case.pk) == sitting.opens_at
    _open_since(sitting, datetime.timedelta(seconds=1))
    assert start(case, objective_only).is_open


def test_a_sitting_window_of_their_own_replaces_the_round(case, objective_only, coordinator):
    sitting = _sitting(objective_only, coordinator, opens_in=30 * MINUTE)
    sitting_seat(sitting=sitting, cases=[case], by=coordinator)
    now = timezone.now()
    accommodation_grant(case=case, definition=objective_only, by=coordinator, reason="สอบห้องแยก ใช้โปรแกรมอ่านหน้าจอ",
                        window_opens_at=now - MINUTE, window_closes_at=now + 90 * MINUTE)
    assert start(case, objective_only).is_open


def test_the_latest_sitting_governs_a_retake(case, objective_only, coordinator):
    first = _sitting(objective_only, coordinator, opens_in=5 * MINUTE)
    sitting_seat(sitting=first, cases=[case], by=coordinator)
    _open_since(first, 20 * MINUTE)
    second = _sitting(objective_only, coordinator, opens_in=2 * 60 * MINUTE)
    sitting_seat(sitting=second, cases=[case], by=coordinator)
    offer = exam_offer(user=case.candidate, case_id=case.pk, definition_id=objective_only.pk)
    assert offer.waiting and offer.seat.sitting == second


def test_an_unseated_candidate_is_not_held_by_someone_elses_sitting(case, objective_only, coordinator, unit):
    sitting = _sitting(objective_only, coordinator, opens_in=30 * MINUTE)
    sitting_seat(sitting=sitting, cases=[case_enrol(candidate=UserFactory(roles=[Role.CANDIDATE]), unit_code=unit.code)],
                 by=coordinator)
    assert Seat.objects.count() == 1
    assert start(case, objective_only).is_open
