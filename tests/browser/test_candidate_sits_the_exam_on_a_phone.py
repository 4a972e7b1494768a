"""A candidate on a phone sits the written exam with the keyboard alone: the one-line bar leaves the screen to the
question, the skip link takes them to question 1 at once, the question map opens behind its button, and the
submission is recorded."""
import datetime
import time

import pytest
from django.utils import timezone

from accounts.roles import Role
from assessments.services import case_enrol
from exams.models import Answer, Attempt, DefinitionRule, ExamDefinition, ItemType
from exams.services import seed_bank_load
from tests.browser.conftest import TIMEOUT_MS, sign_in
from tests.exams.factories import start
from tests.factories import UserFactory

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(locale="th-TH", viewport=PHONE, has_touch=True, is_mobile=True,
                                  device_scale_factor=3)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def attempt(browser_unit):
    seed_bank_load(unit=browser_unit)
    definition = ExamDefinition.objects.create(
        unit=browser_unit, code="phone-sitting", title_th="สอบข้อเขียน (บนโทรศัพท์)", title_en="Written exam (phone)",
        item_count=4, time_limit_minutes=60, pass_mark_percent=60, attempts_allowed=1, shuffle_items=False,
        opens_at=timezone.now() - datetime.timedelta(hours=1),
    )
    for order, kind in enumerate((DefinitionRule.Kind.SINGLE_CHOICE, DefinitionRule.Kind.MULTIPLE_CHOICE,
                                  DefinitionRule.Kind.TRUE_FALSE, DefinitionRule.Kind.SHORT_ANSWER), start=1):
        definition.rules.create(order=order, kind=kind, count=1)
    person = UserFactory(username="somchai", roles=[Role.CANDIDATE])
    return start(case_enrol(candidate=person, unit_code="DG-EJJM-026"), definition)


def _focused(page) -> str:
    return page.evaluate("document.activeElement.id || document.activeElement.tagName")


def _bar_height(page) -> float:
    return page.locator("#exam-bar").bounding_box()["height"]


def _question_clear_of_the_bar(page, number: int) -> None:
    bar = page.locator("#exam-bar").bounding_box()
    question = page.locator(f"#question-{number}").bounding_box()
    assert question["y"] >= bar["y"] + bar["height"] - 1, f"question {number} starts under the sticky bar"


def _answer_with_keys(page, answer: Answer) -> None:
    """Tab into the question and answer it rightly with Space, the arrow keys or typing."""
    version = answer.item_version
    if version.item_type == ItemType.SHORT_ANSWER:
        page.keyboard.press("Tab")
        page.keyboard.type(version.accepted_answers[0])
    elif version.item_type == ItemType.TRUE_FALSE:
        page.keyboard.press("Tab")  # onto "true", the group's first radio
        page.keyboard.press("Space")
        if not version.answer_true:
            page.keyboard.press("ArrowRight")
    elif version.item_type == ItemType.SINGLE_CHOICE:
        correct = next(i for i, cid in enumerate(answer.choice_order) if version.choices.get(pk=cid).is_correct)
        page.keyboard.press("Tab")
        page.keyboard.press("Space")
        for _step in range(correct):
            page.keyboard.press("ArrowDown")
    else:
        correct = {c.pk for c in version.choices.all() if c.is_correct}
        for choice_id in answer.choice_order:
            page.keyboard.press("Tab")
            if choice_id in correct:
                page.keyboard.press("Space")
    assert page.locator(f"#question-{answer.position}[data-answered]").count() == 1


def _wait_for(condition, seconds: float = 15) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError("condition not met in time")


def test_a_candidate_on_a_phone_finishes_the_exam_with_the_keyboard_alone(phone, live_server, attempt):
    page = phone
    sign_in(page, live_server, attempt.case.candidate)
    page.goto(f"{live_server.url}/exams/attempts/{attempt.pk}/")

    # One line: the time left and the save state, with the question map behind its button.
    assert _bar_height(page) <= 60
    assert page.locator("#exam-map").is_hidden()
    assert page.locator("#exam-map-toggle").get_attribute("aria-expanded") == "false"
    assert page.locator("#exam-clock").is_visible() and page.locator("#save-status").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    # The first key reaches the skip link, the second question 1.
    page.keyboard.press("Tab")
    assert _focused(page) == "exam-skip"
    page.keyboard.press("Enter")
    assert _focused(page) == "question-1"

    answers = list(attempt.answers.select_related("item_version").prefetch_related("item_version__choices")
                   .order_by("position"))
    for answer in answers:
        _answer_with_keys(page, answer)
        _question_clear_of_the_bar(page, answer.position)
        assert _bar_height(page) <= 60
    _wait_for(lambda: Answer.objects.filter(attempt=attempt, response__isnull=False).count() == 4)
    page.wait_for_selector("#save-status[data-state=saved]")
    assert _bar_height(page) <= 60

    # After the last question: the submit button, then the map's button, which opens and closes by keyboard.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.hasAttribute('data-finish')")
    page.keyboard.press("Tab")
    assert _focused(page) == "exam-map-toggle"
    assert page.locator("#exam-answered-count").inner_text() == "4/4"
    page.keyboard.press("Enter")
    assert page.locator("#exam-map-toggle").get_attribute("aria-expanded") == "true"
    assert page.locator("#exam-map [data-goto].btn-secondary").count() == 4  # every question shown answered
    page.keyboard.press("Tab")
    page.keyboard.press("Escape")
    assert page.locator("#exam-map").is_hidden()
    assert _focused(page) == "exam-map-toggle"

    # Back to "Submit my answers", then confirm with the keyboard.
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.hasAttribute('data-finish')")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.hasAttribute('data-confirm-submit')")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/exams/attempts/{attempt.pk}/result/")

    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.SUBMITTED
    assert attempt.closed_by == Attempt.ClosedBy.CANDIDATE
    assert attempt.passed is True


def test_the_question_map_is_open_on_a_wide_screen_and_takes_the_focus_to_a_question(page, live_server, attempt):
    sign_in(page, live_server, attempt.case.candidate)
    page.goto(f"{live_server.url}/exams/attempts/{attempt.pk}/")

    assert page.locator("#exam-map").is_visible()
    page.locator("#exam-map [data-goto='3']").focus()
    page.keyboard.press("Enter")

    assert _focused(page) == "question-3"
    _question_clear_of_the_bar(page, 3)
