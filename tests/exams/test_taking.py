"""A candidate sits the exam: one attempt per start, every answer saved, the server's clock, and refusals."""
import datetime
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from exams.models import Answer, Attempt, Item, ItemType
from exams.services import StartRefused, answer_save, attempt_submit
from tests.exams.factories import answer_of, right_value, start

pytestmark = pytest.mark.django_db


def _save(client, attempt, item, value):
    return client.post(reverse("exams:save", args=[attempt.pk]), data=json.dumps({"item": item, "value": value}),
                       content_type="application/json")


def _overdue(attempt, settings, seconds_past_grace: int = 1) -> None:
    Attempt.objects.filter(pk=attempt.pk).update(
        deadline=timezone.now() - datetime.timedelta(seconds=settings.EXAM_GRACE_SECONDS + seconds_past_grace))


@pytest.fixture(autouse=True)
def grace(settings):
    settings.EXAM_GRACE_SECONDS = 30


def _snapshot(attempt) -> list[tuple]:
    answers = Answer.objects.filter(attempt=attempt).order_by("position")
    return list(answers.values_list("response", "saved_at", "score"))


# --- Starting and resuming ------------------------------------------------------------------------------------


def test_the_candidate_sees_the_rules_then_starts(client, candidate, case, written_exam):
    client.force_login(candidate)
    page = client.get(reverse("exams:start", args=[case.pk, written_exam.pk]))
    assert page.status_code == 200
    assert "60" in page.content.decode()

    response = client.post(reverse("exams:start", args=[case.pk, written_exam.pk]))

    attempt = Attempt.objects.get()
    assert response.url == reverse("exams:take", args=[attempt.pk])
    assert attempt.answers.count() == 30
    assert attempt.deadline - attempt.started_at == datetime.timedelta(minutes=60)


def test_starting_twice_resumes_the_same_attempt_as_a_second_tab_does(case, written_exam):
    first = start(case, written_exam, seed=1)
    second = start(case, written_exam, seed=2)
    assert first.pk == second.pk
    assert Attempt.objects.count() == 1


def test_a_deadline_never_runs_past_the_window(case, written_exam):
    written_exam.closes_at = timezone.now() + datetime.timedelta(minutes=10)
    written_exam.save()
    attempt = start(case, written_exam)
    assert attempt.deadline == written_exam.closes_at


@pytest.mark.parametrize(
    "change,message",
    [
        ({"opens_at": timezone.now() + datetime.timedelta(days=1)}, "not open"),
        ({"closes_at": timezone.now() - datetime.timedelta(minutes=1)}, "not open"),
        ({"is_active": False}, "not open"),
    ],
)
def test_the_exam_cannot_be_started_outside_its_window(case, written_exam, change, message):
    for field, value in change.items():
        setattr(written_exam, field, value)
    written_exam.save()
    with pytest.raises(StartRefused, match=message):
        start(case, written_exam)


def test_attempts_are_limited_and_a_pass_ends_them(case, objective_only):
    first = start(case, objective_only)
    attempt_submit(attempt=first)  # nothing answered: fails
    second = start(case, objective_only)
    assert second.number == 2
    attempt_submit(attempt=second)
    with pytest.raises(StartRefused, match="all 2 attempts"):
        start(case, objective_only)


def test_no_new_attempt_while_an_essay_awaits_marking(case, one_of_each):
    attempt_submit(attempt=start(case, one_of_each))
    with pytest.raises(StartRefused, match="still being marked"):
        start(case, one_of_each)


def test_no_new_attempt_after_passing(case, objective_only):
    attempt = start(case, objective_only)
    for answer in attempt.answers.select_related("item_version"):
        answer_save(attempt=attempt, item_version_id=answer.item_version_id, value=right_value(answer))
    assert attempt_submit(attempt=attempt).passed
    with pytest.raises(StartRefused, match="already passed"):
        start(case, objective_only)


def test_another_candidate_cannot_start_in_my_case(client, other_candidate, case, written_exam):
    client.force_login(other_candidate)
    assert client.post(reverse("exams:start", args=[case.pk, written_exam.pk])).status_code == 404
    assert not Attempt.objects.exists()


# --- The exam page ------------------------------------------------------------------------------------------


def test_the_page_shows_saved_answers_and_the_server_remaining_time(client, candidate, case, objective_only):
    attempt = start(case, objective_only)
    short = answer_of(attempt, ItemType.SHORT_ANSWER)
    answer_save(attempt=attempt, item_version_id=short.item_version_id, value="คำตอบที่บันทึกไว้")
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() + datetime.timedelta(minutes=7))
    client.force_login(candidate)

    body = client.get(reverse("exams:take", args=[attempt.pk])).content.decode()

    assert 'value="คำตอบที่บันทึกไว้"' in body
    remaining = int(re.search(r'data-remaining="(\d+)"', body).group(1))
    assert 415 <= remaining <= 420


def test_correct_answers_never_reach_the_browser(client, candidate, case, written_exam):
    attempt = start(case, written_exam)
    client.force_login(candidate)
    body = client.get(reverse("exams:take", args=[attempt.pk])).content.decode()
    state = client.get(reverse("exams:state", args=[attempt.pk])).content.decode()
    saved = _save(client, attempt, attempt.answers.first().item_version_id, None).content.decode()

    for text in (body, state, saved):
        assert "correct" not in text.lower()
        assert "is_correct" not in text
    for answer in attempt.answers.select_related("item_version"):
        version = answer.item_version
        for accepted in version.accepted_answers:
            assert f'value="{accepted}"' not in body
        # Choices go out as their positions on this candidate's page, never as their ids.
        values = re.findall(rf'name="answer-{answer.position}" id="[^"]+" value="([^"]+)"', body)
        if version.item_type in (ItemType.SINGLE_CHOICE, ItemType.MULTIPLE_CHOICE):
            assert values == [str(n) for n in range(len(answer.choice_order))]
    assert "rubric" not in body.lower()


def _attempt_row(attempt) -> tuple:
    return Attempt.objects.filter(pk=attempt.pk).values_list(
        "status", "submitted_at", "closed_by", "score", "percent", "released_at").get()


def test_opening_an_overdue_attempt_shows_time_is_up_and_changes_nothing(
    client, candidate, case, objective_only, settings
):
    attempt = start(case, objective_only)
    _overdue(attempt, settings)
    before, answers_before = _attempt_row(attempt), _snapshot(attempt)
    client.force_login(candidate)

    response = client.get(reverse("exams:take", args=[attempt.pk]))

    assert response.status_code == 200
    assert "Time is up" in response.content.decode()
    assert _attempt_row(attempt) == before
    assert _snapshot(attempt) == answers_before
    assert Attempt.objects.get(pk=attempt.pk).is_open


def test_an_overdue_attempt_opened_again_is_handed_in_at_the_deadline_and_shows_its_result(
    client, candidate, case, objective_only, settings
):
    attempt = start(case, objective_only)
    _overdue(attempt, settings)
    client.force_login(candidate)
    # The result page of an attempt not yet handed in leads to the exam page, which says the time is up.
    page = client.get(reverse("exams:result", args=[attempt.pk]), follow=True)
    assert "Time is up" in page.content.decode()

    response = client.post(reverse("exams:submit", args=[attempt.pk]))

    assert response.url == reverse("exams:result", args=[attempt.pk])
    attempt.refresh_from_db()
    assert attempt.closed_by == Attempt.ClosedBy.DEADLINE


# --- Saving answers ------------------------------------------------------------------------------------------


def test_every_answer_is_saved_as_it_changes(client, candidate, case, objective_only):
    attempt = start(case, objective_only)
    single = answer_of(attempt, ItemType.SINGLE_CHOICE)
    client.force_login(candidate)

    first = _save(client, attempt, single.item_version_id, 0)
    second = _save(client, attempt, single.item_version_id, 1)

    assert first.status_code == second.status_code == 200
    assert 0 < second.json()["remaining_seconds"] <= 30 * 60
    single.refresh_from_db()
    assert single.response == single.choice_order[1]
    assert single.saved_at is not None


def test_a_save_reads_the_person_once_and_the_answer_with_its_lock_once_and_writes_once(client, candidate, case,
                                                                                       objective_only):
    """Every candidate sends one every few seconds: no session read from the database, no separate check of whose
    attempt it is, no second query for roles or the authenticator app."""
    attempt = start(case, objective_only)
    single = answer_of(attempt, ItemType.SINGLE_CHOICE)
    client.force_login(candidate)
    _save(client, attempt, single.item_version_id, 0)

    with CaptureQueriesContext(connection) as queries:
        response = _save(client, attempt, single.item_version_id, 1)

    assert response.status_code == 200
    statements = [q["sql"] for q in queries.captured_queries if "SAVEPOINT" not in q["sql"]]
    assert len(statements) == 3, statements
    person, answer, update = statements
    assert 'FROM "accounts_user"' in person and "otp_totp_totpdevice" in person and "auth_group" in person
    assert 'FROM "exams_answer"' in answer and "FOR UPDATE OF" in answer
    assert update.startswith('UPDATE "exams_answer"')
    single.refresh_from_db()
    assert single.response == single.choice_order[1]


def test_the_heartbeat_reads_the_person_and_the_attempt_with_its_answered_count_in_two_queries(
        client, candidate, other_candidate, case, objective_only):
    """Every open exam page asks every twenty seconds: one query for the person, one for their attempt's state."""
    attempt = start(case, objective_only)
    single = answer_of(attempt, ItemType.SINGLE_CHOICE)
    client.force_login(candidate)
    _save(client, attempt, single.item_version_id, 0)

    with CaptureQueriesContext(connection) as queries:
        state = client.get(reverse("exams:state", args=[attempt.pk]))

    assert state.status_code == 200
    assert state.json()["answered"] == 1 and state.json()["status"] == "in_progress"
    assert 29 * 60 <= state.json()["remaining_seconds"] <= 30 * 60
    assert state.json()["result_url"] == reverse("exams:result", args=[attempt.pk])
    assert len(queries.captured_queries) == 2, [q["sql"] for q in queries.captured_queries]
    client.force_login(other_candidate)
    assert client.get(reverse("exams:state", args=[attempt.pk])).status_code == 404


def test_an_answer_for_an_item_not_in_my_form_is_refused(client, candidate, case, objective_only):
    attempt = start(case, objective_only)
    drawn = set(attempt.answers.values_list("item_version__item_id", flat=True))
    elsewhere = Item.objects.exclude(pk__in=drawn).first().versions.get(is_current=True)
    before = _snapshot(attempt)
    client.force_login(candidate)

    response = _save(client, attempt, elsewhere.pk, 0)

    assert response.status_code == 400
    assert response.json()["error"] == "This question is not part of your exam."
    assert _snapshot(attempt) == before


def test_another_candidates_attempt_is_404_for_every_exam_url(client, other_candidate, case, objective_only):
    attempt = start(case, objective_only)
    item = attempt.answers.first().item_version_id
    before = _snapshot(attempt)
    client.force_login(other_candidate)

    assert _save(client, attempt, item, 0).status_code == 404
    for name in ("take", "state", "result"):
        assert client.get(reverse(f"exams:{name}", args=[attempt.pk])).status_code == 404
    assert client.post(reverse("exams:submit", args=[attempt.pk])).status_code == 404
    attempt.refresh_from_db()
    assert attempt.is_open
    assert _snapshot(attempt) == before


def test_an_answer_in_the_grace_period_is_kept(client, candidate, case, objective_only):
    attempt = start(case, objective_only)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - datetime.timedelta(seconds=10))
    single = answer_of(attempt, ItemType.SINGLE_CHOICE)
    client.force_login(candidate)

    response = _save(client, attempt, single.item_version_id, 0)

    assert response.status_code == 200
    assert response.json()["remaining_seconds"] == 0


def test_after_the_deadline_and_grace_no_answer_is_accepted(client, candidate, case, objective_only, settings):
    attempt = start(case, objective_only)
    _overdue(attempt, settings)
    before = _snapshot(attempt)
    client.force_login(candidate)

    response = _save(client, attempt, attempt.answers.first().item_version_id, 0)

    assert response.status_code == 409
    assert response.json()["error"].startswith("Time is up")
    assert _snapshot(attempt) == before


@pytest.mark.parametrize(
    "item_type,value",
    [
        (ItemType.SINGLE_CHOICE, 99),
        (ItemType.SINGLE_CHOICE, "0"),
        (ItemType.SINGLE_CHOICE, True),
        (ItemType.MULTIPLE_CHOICE, [0, 0]),
        (ItemType.MULTIPLE_CHOICE, 1),
        (ItemType.TRUE_FALSE, "yes"),
        (ItemType.SHORT_ANSWER, ["a"]),
        (ItemType.SHORT_ANSWER, "x" * 501),
        (ItemType.SHORT_ANSWER, "a\x00b"),
    ],
)
def test_a_value_that_does_not_fit_the_question_is_refused(client, candidate, case, objective_only, item_type, value):
    attempt = start(case, objective_only)
    before = _snapshot(attempt)
    client.force_login(candidate)
    response = _save(client, attempt, answer_of(attempt, item_type).item_version_id, value)
    assert response.status_code == 400
    assert response.json()["error"]
    assert _snapshot(attempt) == before


def test_a_request_that_is_not_json_is_refused(client, candidate, case, objective_only):
    attempt = start(case, objective_only)
    client.force_login(candidate)
    response = client.post(reverse("exams:save", args=[attempt.pk]), data="item=1", content_type="text/plain")
    assert response.status_code == 400


# --- Submitting ------------------------------------------------------------------------------------------------


def test_submitting_twice_is_refused_and_changes_nothing(client, candidate, case, objective_only):
    attempt = start(case, objective_only)
    client.force_login(candidate)
    first = client.post(reverse("exams:submit", args=[attempt.pk]))
    attempt.refresh_from_db()
    submitted_at = attempt.submitted_at

    second = client.post(reverse("exams:submit", args=[attempt.pk]))
    as_json = client.post(reverse("exams:submit", args=[attempt.pk]), HTTP_ACCEPT="application/json")

    assert first.status_code == 302
    assert second.status_code == 409
    assert "already been submitted" in second.content.decode()
    assert as_json.status_code == 409
    assert as_json.json()["result_url"] == reverse("exams:result", args=[attempt.pk])
    attempt.refresh_from_db()
    assert attempt.submitted_at == submitted_at


def test_an_answer_after_submitting_is_refused(client, candidate, case, objective_only):
    attempt = start(case, objective_only)
    attempt_submit(attempt=attempt)
    before = _snapshot(attempt)
    client.force_login(candidate)
    response = _save(client, attempt, attempt.answers.first().item_version_id, 0)
    assert response.status_code == 409
    assert "submitted" in response.json()["error"]
    assert _snapshot(attempt) == before


def test_the_result_shows_knowledge_areas_and_criteria(client, candidate, case, objective_only):
    attempt = start(case, objective_only)
    for answer in attempt.answers.select_related("item_version"):
        answer_save(attempt=attempt, item_version_id=answer.item_version_id, value=right_value(answer))
    client.force_login(candidate)
    response = client.post(reverse("exams:submit", args=[attempt.pk]), follow=True)
    body = response.content.decode()
    assert 'id="by-knowledge-area"' in body and 'id="by-criterion"' in body
    assert 'data-passed="true"' in body
    tags = set(re.findall(r'data-tag="([^"]+)"', body))
    assert any(tag.startswith("DL2") for tag in tags)
    assert any(tag.startswith(("K", "R")) for tag in tags)


def test_the_exam_list_offers_the_exam_to_a_candidate_with_a_case(client, candidate, case, written_exam):
    client.force_login(candidate)
    body = client.get(reverse("exams:index")).content.decode()
    assert reverse("exams:start", args=[case.pk, written_exam.pk]) in body


def test_a_candidate_without_a_case_is_told_to_enrol(client, candidate, written_exam):
    client.force_login(candidate)
    body = client.get(reverse("exams:index")).content.decode()
    assert reverse("assessments:case_list") in body


def test_exam_pages_have_no_inline_script_or_style(client, candidate, case, written_exam):
    attempt = start(case, written_exam)
    client.force_login(candidate)
    for url in (reverse("exams:index"), reverse("exams:start", args=[case.pk, written_exam.pk]),
                reverse("exams:take", args=[attempt.pk])):
        body = client.get(url).content.decode()
        assert "<script>" not in body
        assert " style=" not in body
