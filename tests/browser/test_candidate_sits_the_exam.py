"""candidate1 sits the written exam: answers half, closes the page, comes back to the same answers and a clock
that kept running, finishes and sees the result; an attempt left open past its limit is submitted by the server."""
import datetime
import time

import pytest
from django.utils import timezone

from accounts.roles import Role
from assessments.services import case_enrol
from exams.models import Answer, Attempt, ItemType
from exams.tasks import close_overdue_attempts
from tests.browser.conftest import FOUR_KINDS, short_exam, sign_in, thai
from tests.factories import UserFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def exam(browser_unit):
    """Six objective items from the seed bank, ten minutes, shuffled: a short sitting of the written exam."""
    return short_exam(browser_unit, code="short-sitting", kinds=FOUR_KINDS, item_count=6, attempts_allowed=2)


@pytest.fixture
def candidate1(exam):
    person = UserFactory(username="candidate1", roles=[Role.CANDIDATE])
    case_enrol(candidate=person, unit_code="DG-EJJM-026")
    return person


def _wait_for(condition, seconds: float = 15) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError("condition not met in time")


def _answer_rightly(page, answer: Answer) -> None:
    """Answer one question the way a person does: click the right choices, or type the answer."""
    version, number = answer.item_version, answer.position
    if version.item_type == ItemType.SHORT_ANSWER:
        page.locator(f"#answer-{number}").fill(version.accepted_answers[0])
    elif version.item_type == ItemType.TRUE_FALSE:
        page.locator(f"#answer-{number}-{'true' if version.answer_true else 'false'}").check()
    else:
        correct = {c.pk for c in version.choices.all() if c.is_correct}
        for index, choice_id in enumerate(answer.choice_order):
            if choice_id in correct:
                page.locator(f"#answer-{number}-{index}").check()


def _saved(attempt: Attempt) -> int:
    return Answer.objects.filter(attempt=attempt, response__isnull=False).count()


def _start_from_the_menu(page) -> Attempt:
    page.get_by_role("link", name=thai("Written exam")).first.click()
    offer = page.locator("[data-offer='short-sitting']")
    offer.get_by_role("link", name=thai("Read the rules and start")).click()
    assert page.locator("#exam-rules").is_visible()
    page.get_by_role("button", name=thai("Start the exam")).click()
    page.wait_for_url("**/exams/attempts/*/")
    return Attempt.objects.get()


def test_candidate1_loses_no_answer_and_no_time_then_sees_the_result(page, live_server, candidate1):
    sign_in(page, live_server, candidate1)
    attempt = _start_from_the_menu(page)
    first_seen = int(page.locator("#exam-clock").get_attribute("data-remaining"))
    first_seen_at = time.monotonic()
    assert 590 <= first_seen <= 600
    answers = list(attempt.answers.select_related("item_version").prefetch_related("item_version__choices"))

    for answer in answers[:3]:
        _answer_rightly(page, answer)
    _wait_for(lambda: _saved(attempt) == 3)
    page.wait_for_selector("#save-status[data-state=saved]")

    # The browser tab is closed; a little later the candidate comes back through the menu.
    context = page.context
    page.close()
    time.sleep(3)
    page = context.new_page()
    page.goto(f"{live_server.url}/exams/")
    page.locator("[data-offer='short-sitting']").get_by_role("link", name=thai("Resume the exam")).click()
    page.wait_for_url(f"**/exams/attempts/{attempt.pk}/")

    back_at = int(page.locator("#exam-clock").get_attribute("data-remaining"))
    assert back_at <= first_seen - int(time.monotonic() - first_seen_at) + 1, "the clock must keep running"
    assert back_at >= first_seen - int(time.monotonic() - first_seen_at) - 2
    for answer in answers[:3]:
        section = page.locator(f"#question-{answer.position}")
        assert section.get_attribute("data-answered") is not None, f"question {answer.position} lost its answer"
        if answer.item_version.item_type == ItemType.SHORT_ANSWER:
            assert page.locator(f"#answer-{answer.position}").input_value() == answer.item_version.accepted_answers[0]
    assert Attempt.objects.count() == 1

    for answer in answers[3:]:
        _answer_rightly(page, answer)
    _wait_for(lambda: _saved(attempt) == 6)
    page.get_by_role("button", name=thai("Submit my answers")).click()
    page.get_by_role("button", name=thai("Yes, submit now")).click()
    page.wait_for_url(f"**/exams/attempts/{attempt.pk}/result/")

    assert page.locator("#exam-result").get_attribute("data-passed") == "true"
    assert "100" in page.locator("#exam-score").inner_text()
    assert page.locator("#by-knowledge-area tbody tr").count() >= 1
    assert page.locator("#by-criterion tbody tr").count() >= 1
    attempt.refresh_from_db()
    assert attempt.closed_by == Attempt.ClosedBy.CANDIDATE


@pytest.mark.django_db(transaction=True)
def test_an_attempt_left_open_past_its_limit_is_submitted_by_the_server(
    page, live_server, candidate1, celery_worker, settings
):
    settings.EXAM_GRACE_SECONDS = 1
    sign_in(page, live_server, candidate1)
    attempt = _start_from_the_menu(page)
    first = attempt.answers.select_related("item_version").prefetch_related("item_version__choices").first()
    _answer_rightly(page, first)
    _wait_for(lambda: _saved(attempt) == 1)

    # Four seconds before the limit the office network drops, and the page is left open.
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() + datetime.timedelta(seconds=4))
    page.reload()
    page.context.set_offline(True)
    page.wait_for_selector("#exam-clock[data-seconds='0']", timeout=10_000)
    assert page.locator("#exam-questions fieldset[disabled]").count() == 6
    time.sleep(settings.EXAM_GRACE_SECONDS + 0.5)

    close_overdue_attempts.delay()  # what Celery beat runs every 30 seconds

    _wait_for(lambda: Attempt.objects.get(pk=attempt.pk).status == Attempt.Status.SUBMITTED)
    attempt.refresh_from_db()
    assert attempt.closed_by == Attempt.ClosedBy.DEADLINE
    assert attempt.score == 1  # the one answer saved before the network dropped

    page.context.set_offline(False)
    page.wait_for_url(f"**/exams/attempts/{attempt.pk}/result/", timeout=15_000)
    assert page.locator("#attempt-status").get_attribute("data-closed-by") == "deadline"
    assert page.locator("#exam-result").is_visible()
