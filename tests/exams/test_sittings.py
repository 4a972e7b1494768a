"""A coordinator schedules a sitting of the exam, seats candidates in it and sees when each is let in; the rules of
scheduling, seating, removing and cancelling, and the pages, which are the coordinator's alone."""
import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from accounts.roles import Role
from assessments.models import AssessmentCase
from assessments.services import case_enrol
from core.dates import format_datetime
from exams.models import Seat, Sitting
from exams.selectors import admission_moment, sitting_seats
from exams.services import SittingRefused, seat_remove, sitting_cancel, sitting_schedule, sitting_seat
from tests.factories import DepartmentFactory, UserFactory

pytestmark = pytest.mark.django_db
MINUTE = datetime.timedelta(minutes=1)


def _schedule(definition, coordinator, **fields) -> Sitting:
    values = {"name_th": "รอบเช้า", "name_en": "Morning round", "opens_at": timezone.now() + 60 * MINUTE,
              "admission_minutes": 10} | fields
    return sitting_schedule(definition=definition, by=coordinator, **values)


def _open(sitting: Sitting) -> None:
    """Move the sitting's opening into the past, as if the day had come."""
    Sitting.objects.filter(pk=sitting.pk).update(opens_at=timezone.now() - MINUTE)
    sitting.refresh_from_db()


def _candidate(username: str, **fields) -> AssessmentCase:
    person = UserFactory(username=username, roles=[Role.CANDIDATE], **fields)
    return case_enrol(candidate=person, unit_code="DG-EJJM-026")


def _tomorrow_in_buddhist_era() -> str:
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    return f"{tomorrow.day:02d}/{tomorrow.month:02d}/{tomorrow.year + 543}"


# --- Scheduling -----------------------------------------------------------------------------------------------


def test_a_coordinator_schedules_a_sitting(objective_only, coordinator):
    opens = timezone.now() + 60 * MINUTE
    sitting = _schedule(objective_only, coordinator, name_th="  รอบเช้า  ", opens_at=opens)
    assert (sitting.name_th, sitting.opens_at, sitting.admission_minutes, sitting.created_by) == (
        "รอบเช้า", opens, 10, coordinator)
    assert sitting.admission_closes_at == opens + 10 * MINUTE


@pytest.mark.parametrize("fields, message", [
    ({"opens_at": timezone.now() - MINUTE}, "must open in the future"),
    ({"opens_at": None}, "must open in the future"),
    ({"admission_minutes": 121}, "between 0 and 120 minutes"),
    ({"admission_minutes": -1}, "between 0 and 120 minutes"),
    ({"admission_minutes": None}, "between 0 and 120 minutes"),
    ({"name_th": "   "}, "a name in Thai"),
])
def test_a_sitting_that_breaks_a_rule_is_not_scheduled(objective_only, coordinator, fields, message):
    with pytest.raises(SittingRefused, match=message):
        _schedule(objective_only, coordinator, **fields)
    assert not Sitting.objects.exists()


def test_a_sitting_must_open_before_the_exam_closes(objective_only, coordinator):
    objective_only.closes_at = timezone.now() + 30 * MINUTE
    objective_only.save()
    with pytest.raises(SittingRefused, match="before the exam closes"):
        _schedule(objective_only, coordinator, opens_at=timezone.now() + 60 * MINUTE)
    assert not Sitting.objects.exists()


def test_a_sitting_of_an_inactive_exam_is_refused(objective_only, coordinator):
    objective_only.is_active = False
    objective_only.save()
    with pytest.raises(SittingRefused, match="not active"):
        _schedule(objective_only, coordinator)


@pytest.mark.parametrize("role", ["candidate", "assessor"])
def test_only_a_coordinator_schedules_seats_removes_and_cancels(request, objective_only, coordinator, case, role):
    person = request.getfixturevalue(role)
    with pytest.raises(SittingRefused) as refused:
        _schedule(objective_only, person)
    assert refused.value.status == 404
    sitting = _schedule(objective_only, coordinator)
    sitting_seat(sitting=sitting, cases=[case], by=coordinator)
    for attempt in (lambda: sitting_seat(sitting=sitting, cases=[case], by=person),
                    lambda: seat_remove(seat=sitting.seats.get(), by=person),
                    lambda: sitting_cancel(sitting=sitting, by=person)):
        with pytest.raises(SittingRefused) as refused:
            attempt()
        assert refused.value.status == 404
    assert Sitting.objects.count() == 1 and Seat.objects.count() == 1


# --- Seating, removing, cancelling -----------------------------------------------------------------------------


def test_seating_leaves_out_decided_cases_and_those_already_seated(objective_only, coordinator, case, other_candidate,
                                                                    unit):
    sitting = _schedule(objective_only, coordinator)
    decided = AssessmentCase.objects.create(candidate=other_candidate, unit=unit, unit_code=unit.code,
                                            state=AssessmentCase.State.COMPETENT)
    second = _candidate("carla")
    assert sitting_seat(sitting=sitting, cases=[case, case, decided], by=coordinator) == 1
    assert sitting_seat(sitting=sitting, cases=[case, second], by=coordinator) == 1
    assert sorted(sitting.seats.values_list("case_id", flat=True)) == sorted([case.pk, second.pk])
    assert set(sitting.seats.values_list("seated_by", flat=True)) == {coordinator.pk}


def test_a_seat_is_removed_and_a_sitting_cancelled_before_it_opens(objective_only, coordinator, case):
    sitting = _schedule(objective_only, coordinator)
    sitting_seat(sitting=sitting, cases=[case], by=coordinator)
    seat_remove(seat=sitting.seats.get(), by=coordinator)
    assert not Seat.objects.exists()
    sitting_seat(sitting=sitting, cases=[case], by=coordinator)
    sitting_cancel(sitting=sitting, by=coordinator)
    assert not Sitting.objects.exists() and not Seat.objects.exists()


def test_once_opened_a_sitting_keeps_its_seats_and_cannot_be_cancelled(objective_only, coordinator, case):
    sitting = _schedule(objective_only, coordinator)
    sitting_seat(sitting=sitting, cases=[case], by=coordinator)
    _open(sitting)
    with pytest.raises(SittingRefused, match="seats can no longer be changed") as refused:
        seat_remove(seat=sitting.seats.get(), by=coordinator)
    assert refused.value.status == 409
    with pytest.raises(SittingRefused, match="can no longer be cancelled") as refused:
        sitting_cancel(sitting=sitting, by=coordinator)
    assert refused.value.status == 409
    assert Seat.objects.filter(sitting=sitting, case=case).exists()


# --- Moments of admission ------------------------------------------------------------------------------------


def test_the_moments_of_admission_are_spread_over_the_window_and_stable(objective_only, coordinator):
    sitting = _schedule(objective_only, coordinator, admission_minutes=20)
    window = sitting.admission_closes_at - sitting.opens_at
    moments = [admission_moment(sitting, case_id) for case_id in range(1, 401)]
    assert all(sitting.opens_at <= moment <= sitting.admission_closes_at for moment in moments)
    # Spread, not bunched: every quarter of the window lets some in, and hardly two share a second.
    quarters = {int((moment - sitting.opens_at) / window * 4) for moment in moments}
    assert {0, 1, 2, 3} <= quarters
    assert len(set(moments)) > 300
    # Fixed by the sitting and the case: asked again, or of a fresh copy of the sitting, nothing moves.
    again = Sitting.objects.get(pk=sitting.pk)
    assert moments == [admission_moment(again, case_id) for case_id in range(1, 401)]


def test_a_window_of_zero_lets_everyone_in_at_the_opening(objective_only, coordinator, case):
    sitting = _schedule(objective_only, coordinator, admission_minutes=0)
    sitting_seat(sitting=sitting, cases=[case], by=coordinator)
    assert [row.admitted_at for row in sitting_seats(sitting)] == [sitting.opens_at]


def test_the_seats_are_listed_in_the_order_they_are_let_in(objective_only, coordinator, case):
    sitting = _schedule(objective_only, coordinator, admission_minutes=30)
    cases = [case] + [_candidate(f"seated{n}") for n in range(5)]
    sitting_seat(sitting=sitting, cases=cases, by=coordinator)
    moments = [row.admitted_at for row in sitting_seats(sitting)]
    assert moments == sorted(moments) and len(moments) == 6


# --- Pages ---------------------------------------------------------------------------------------------------


def test_the_coordinator_schedules_a_sitting_from_the_page_with_a_buddhist_era_day(client, objective_only,
                                                                                   coordinator):
    client.force_login(coordinator)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "th"
    listing = client.get(reverse("exams:sittings"))
    assert listing.status_code == 200 and 'name="day"' in listing.content.decode()
    response = client.post(reverse("exams:sittings"), {
        "definition": objective_only.pk, "name_th": "รอบเช้า กรมทดสอบ", "name_en": "", "day": _tomorrow_in_buddhist_era(),
        "time": "09:00", "admission_minutes": "15"})
    sitting = Sitting.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("exams:sitting", args=[sitting.pk])
    opens = timezone.localtime(sitting.opens_at)
    assert (opens.date(), opens.hour, opens.minute) == (timezone.localdate() + datetime.timedelta(days=1), 9, 0)
    assert sitting.admission_minutes == 15 and sitting.created_by == coordinator
    listing = client.get(reverse("exams:sittings")).content.decode()
    with translation.override("th"):
        assert format_datetime(sitting.opens_at) in listing
    assert "รอบเช้า กรมทดสอบ" in listing


@pytest.mark.parametrize("fields, message", [
    # A CE year typed in Thai, a time that is no time, a window too long, no Thai name, an opening in the past.
    ({"day": "01/06/2030"}, "ปี 2030 ดูเหมือนเป็นปี ค.ศ. กรุณากรอกปี พ.ศ. (2573)"),
    ({"time": "25:00"}, "กรุณาใส่เวลา"),
    ({"admission_minutes": "121"}, "ช่วงเวลาทยอยเข้าสอบต้องอยู่ระหว่าง 0 ถึง 120 นาที"),
    ({"name_th": ""}, "ฟิลด์นี้จำเป็น"),
    ({"day": "01/01/2560"}, "เวลาเปิดรอบสอบต้องเป็นเวลาในอนาคต"),
])
def test_bad_input_creates_nothing_and_says_why_in_thai(client, objective_only, coordinator, fields, message):
    client.force_login(coordinator)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "th"
    data = {"definition": objective_only.pk, "name_th": "รอบเช้า", "day": _tomorrow_in_buddhist_era(),
            "time": "09:00", "admission_minutes": "10"} | fields
    response = client.post(reverse("exams:sittings"), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Sitting.objects.exists()


def test_the_coordinator_finds_seats_and_sees_the_moment_of_admission(client, objective_only, coordinator, case):
    sitting = _schedule(objective_only, coordinator)
    client.force_login(coordinator)
    url = reverse("exams:sitting", args=[sitting.pk])
    before = client.get(url).content.decode()
    assert 'id="seat-candidates"' not in before  # nothing is listed until the coordinator searches

    found = client.get(url, {"q": case.candidate.username}).content.decode()
    assert f'value="{case.pk}"' in found and case.candidate.get_full_name() in found

    response = client.post(reverse("exams:sitting_seat", args=[sitting.pk]),
                           {"q": case.candidate.username, "agency": "", "cases": [case.pk], "seat": "selected"})
    assert response.status_code == 302 and response["Location"] == f"{url}?q={case.candidate.username}"
    page = client.get(response["Location"]).content.decode()
    assert "1 candidate is seated." in page
    moment = format_datetime(admission_moment(sitting, case.pk), seconds=True)
    assert moment in page and moment.count(":") == 2
    assert 'id="seat-candidates"' in page and f'value="{case.pk}"' not in page  # seated: no longer offered
    assert client.get(url).content.decode().count(moment) == 1  # the same moment on the next load


def test_the_coordinator_seats_everyone_found_in_an_agency(client, objective_only, coordinator, case):
    agency = DepartmentFactory(name_th="กรมบัญชีกลาง", name_en="Comptroller General's Department")
    here = [_candidate(f"cgd{n}", department=agency) for n in range(3)]
    decided = _candidate("cgd-decided", department=agency)
    AssessmentCase.objects.filter(pk=decided.pk).update(state=AssessmentCase.State.COMPETENT)
    sitting = _schedule(objective_only, coordinator)
    client.force_login(coordinator)
    url = reverse("exams:sitting", args=[sitting.pk])
    page = client.get(url, {"agency": agency.pk}).content.decode()
    assert "3 candidates found" in page and "Comptroller General&#x27;s Department" in page
    response = client.post(reverse("exams:sitting_seat", args=[sitting.pk]),
                           {"q": "", "agency": agency.pk, "seat": "all"}, follow=True)
    assert "3 candidates are seated." in response.content.decode()
    assert sorted(sitting.seats.values_list("case_id", flat=True)) == sorted(c.pk for c in here)
    assert not sitting.seats.filter(case=case).exists()


def test_seating_without_a_tick_or_a_search_seats_nobody(client, objective_only, coordinator, case):
    sitting = _schedule(objective_only, coordinator)
    client.force_login(coordinator)
    seat = reverse("exams:sitting_seat", args=[sitting.pk])
    nothing_ticked = client.post(seat, {"q": "alice", "seat": "selected"}, follow=True).content.decode()
    assert "Tick at least one candidate to seat." in nothing_ticked
    no_search = client.post(seat, {"q": "", "agency": "", "seat": "all"}, follow=True).content.decode()
    assert "Find candidates by name or agency first" in no_search
    tampered = client.post(seat, {"cases": ["x"], "seat": "selected"}, follow=True)
    assert tampered.status_code == 200
    assert not Seat.objects.exists()


def test_a_case_ticked_twice_or_already_seated_is_left_out(client, objective_only, coordinator, case):
    sitting = _schedule(objective_only, coordinator)
    second = _candidate("second")
    sitting_seat(sitting=sitting, cases=[case], by=coordinator)
    client.force_login(coordinator)
    response = client.post(reverse("exams:sitting_seat", args=[sitting.pk]),
                           {"cases": [case.pk, second.pk, second.pk], "seat": "selected"}, follow=True)
    page = response.content.decode()
    assert "1 candidate is seated." in page and "1 was left out" in page
    assert sitting.seats.count() == 2


def test_the_coordinator_removes_a_seat_until_the_sitting_opens(client, objective_only, coordinator, case):
    sitting = _schedule(objective_only, coordinator)
    sitting_seat(sitting=sitting, cases=[case], by=coordinator)
    client.force_login(coordinator)
    remove = reverse("exams:seat_remove", args=[sitting.pk, sitting.seats.get().pk])
    assert client.get(remove).status_code == 405 and Seat.objects.exists()  # GET changes nothing
    response = client.post(remove, follow=True)
    assert "is taken out of the sitting" in response.content.decode()
    assert not Seat.objects.exists()

    sitting_seat(sitting=sitting, cases=[case], by=coordinator)
    _open(sitting)
    page = client.get(reverse("exams:sitting", args=[sitting.pk])).content.decode()
    assert 'action="/exams/sittings/' not in page.split('id="sitting-seats"')[1].split("</table>")[0]
    response = client.post(reverse("exams:seat_remove", args=[sitting.pk, sitting.seats.get().pk]), follow=True)
    assert "The sitting has opened: its seats can no longer be changed." in response.content.decode()
    assert Seat.objects.count() == 1


def test_a_seat_of_another_sitting_is_not_found(client, objective_only, coordinator, case):
    first = _schedule(objective_only, coordinator)
    second = _schedule(objective_only, coordinator, name_th="รอบบ่าย")
    sitting_seat(sitting=first, cases=[case], by=coordinator)
    client.force_login(coordinator)
    response = client.post(reverse("exams:seat_remove", args=[second.pk, first.seats.get().pk]))
    assert response.status_code == 404 and Seat.objects.count() == 1


def test_cancelling_asks_for_confirmation(client, objective_only, coordinator, case):
    sitting = _schedule(objective_only, coordinator)
    sitting_seat(sitting=sitting, cases=[case], by=coordinator)
    client.force_login(coordinator)
    cancel = reverse("exams:sitting_cancel", args=[sitting.pk])
    unconfirmed = client.post(cancel, {})
    assert unconfirmed.status_code == 400
    assert "Tick the box to confirm that the sitting is cancelled." in unconfirmed.content.decode()
    assert Sitting.objects.exists()
    response = client.post(cancel, {"confirm": "on"}, follow=True)
    assert "The sitting “Morning round” is cancelled." in response.content.decode()
    assert not Sitting.objects.exists() and not Seat.objects.exists()


def test_an_opened_sitting_offers_no_cancel_and_refuses_one(client, objective_only, coordinator):
    sitting = _schedule(objective_only, coordinator)
    _open(sitting)
    client.force_login(coordinator)
    page = client.get(reverse("exams:sitting", args=[sitting.pk])).content.decode()
    assert 'id="sitting-cancel"' not in page and "opened" in page
    response = client.post(reverse("exams:sitting_cancel", args=[sitting.pk]), {"confirm": "on"}, follow=True)
    assert "it can no longer be cancelled" in response.content.decode()
    assert Sitting.objects.exists()
    listing = client.get(reverse("exams:sittings")).content.decode()
    assert listing.index("sittings-upcoming") < listing.index("sittings-past") < listing.index(f'data-sitting="{sitting.pk}"')


@pytest.mark.parametrize("role", ["candidate", "assessor", "hr_officer", "standards_administrator"])
def test_every_sitting_page_is_not_found_for_anyone_but_a_coordinator(request, client, objective_only, coordinator,
                                                                        case, role):
    sitting = _schedule(objective_only, coordinator)
    sitting_seat(sitting=sitting, cases=[case], by=coordinator)
    seat = sitting.seats.get()
    client.force_login(request.getfixturevalue(role))
    day = _tomorrow_in_buddhist_era()
    for url, data in [
        (reverse("exams:sittings"), {"definition": objective_only.pk, "name_th": "x", "day": day, "time": "09:00",
                                     "admission_minutes": "10"}),
        (reverse("exams:sitting", args=[sitting.pk]), {}),
        (reverse("exams:sitting_seat", args=[sitting.pk]), {"cases": [case.pk], "seat": "selected"}),
        (reverse("exams:seat_remove", args=[sitting.pk, seat.pk]), {}),
        (reverse("exams:sitting_cancel", args=[sitting.pk]), {"confirm": "on"}),
    ]:
        assert client.get(url).status_code == 404, url
        assert client.post(url, data).status_code == 404, url
    assert list(Sitting.objects.all()) == [sitting] and list(Seat.objects.all()) == [seat]


def test_the_coordinator_finds_the_sittings_from_the_navigation_and_the_accommodations(client, coordinator, candidate):
    client.force_login(coordinator)
    url = reverse("exams:sittings")
    assert f'href="{url}"' in client.get(reverse("portal:home")).content.decode()
    assert client.get(reverse("exams:accommodations")).content.decode().count(f'href="{url}"') == 2
    client.force_login(candidate)
    assert f'href="{url}"' not in client.get(reverse("portal:home")).content.decode()
