"""coord1 grants candidate1 five extra minutes for the written exam; candidate1's sitting stays open past the
normal limit, the screen reader hears "one minute left" at their own last minute, and the server closes the
sitting at their deadline, not the normal one."""
import datetime
import time

import pytest
from django.utils import timezone

from accounts.roles import Role
from assessments.services import case_enrol
from exams.models import Accommodation, Answer, Attempt
from exams.selectors import attempt_deadline, current_accommodation
from exams.tasks import close_overdue_attempts
from tests.browser.conftest import FOUR_KINDS, answer_question, short_exam, sign_in, thai
from tests.factories import UserFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def exam(browser_unit):
    """Four objective items from the seed bank, ten minutes: a short sitting of the written exam."""
    return short_exam(browser_unit, code="short-sitting", kinds=FOUR_KINDS)


@pytest.fixture
def candidate1(exam):
    person = UserFactory(username="candidate1", first_name_en="Malee", last_name_en="Saengchan",
                         roles=[Role.CANDIDATE])
    case_enrol(candidate=person, unit_code="DG-EJJM-026")
    return person


def _wait_for(condition, seconds: float = 15) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError("condition not met in time")


def _travel(attempt: Attempt, *, deadline_in: float) -> datetime.datetime:
    """Move the sitting's start back so that its own deadline falls `deadline_in` seconds from now; the deadline
    is worked out by the one rule the server uses. Returns the deadline the sitting would have had unaccommodated."""
    accommodation = current_accommodation(case_id=attempt.case_id, definition_id=attempt.definition_id)
    length = attempt_deadline(definition=attempt.definition, started_at=timezone.now(),
                              accommodation=accommodation) - timezone.now()
    started = timezone.now() + datetime.timedelta(seconds=deadline_in) - length
    Attempt.objects.filter(pk=attempt.pk).update(started_at=started, deadline=attempt_deadline(
        definition=attempt.definition, started_at=started, accommodation=accommodation))
    return started + attempt.definition.time_limit


def test_extra_time_keeps_the_sitting_open_past_the_normal_limit_and_it_closes_at_its_own(
    page, english_page, live_server, candidate1, exam, celery_worker, settings
):
    settings.EXAM_GRACE_SECONDS = 1
    coordinator = UserFactory(username="coord1", roles=[Role.COORDINATOR])

    # candidate1 starts the exam and answers the first question.
    sign_in(page, live_server, candidate1)
    page.goto(f"{live_server.url}/exams/")
    page.locator("[data-offer='short-sitting']").get_by_role("link", name=thai("Read the rules and start")).click()
    page.get_by_role("button", name=thai("Start the exam")).click()
    page.wait_for_url("**/exams/attempts/*/")
    attempt = Attempt.objects.select_related("definition").get()
    answer_question(page, 1)
    _wait_for(lambda: Answer.objects.filter(attempt=attempt, response__isnull=False).count() == 1)

    # coord1, in English, finds candidate1 and grants five extra minutes with the reason.
    sign_in(english_page, live_server, coordinator)
    english_page.get_by_role("link", name="Exam accommodations").click()
    english_page.get_by_label("Candidate's name, username or case number").fill("candidate1")
    english_page.get_by_role("button", name="Find").click()
    row = english_page.locator("#accommodations tr[data-definition='short-sitting']")
    assert "until" in row.inner_text()  # the sitting in progress, with its deadline
    row.get_by_role("link", name="Grant or change").click()
    english_page.get_by_label("Extra minutes").fill("5")
    english_page.get_by_label("Reason").fill("Screen reader user: 50% extra reading time on the medical note")
    english_page.get_by_role("button", name="Grant", exact=True).click()
    assert "The accommodation is recorded" in english_page.locator("main").inner_text()
    assert "5 extra minutes" in english_page.locator("#accommodation-current").inner_text()
    assert "Screen reader user" in english_page.locator("#accommodation-history").inner_text()
    assert Accommodation.objects.get().granted_by == coordinator

    # candidate1's page learns of it with the next save, and says so once through the polite region.
    answer_question(page, 2)
    _wait_for(lambda: page.locator("#exam-time-announcer").inner_text() == thai("Your time has been extended."))

    # Half a minute past the normal ten minutes, the beat finds nothing to close and the page keeps going.
    normal_deadline = _travel(attempt, deadline_in=270)
    assert normal_deadline < timezone.now() - datetime.timedelta(seconds=settings.EXAM_GRACE_SECONDS)
    assert close_overdue_attempts() == 0
    page.reload()
    clock = page.locator("#exam-clock")
    assert 260 <= int(clock.get_attribute("data-remaining")) <= 270
    answer_question(page, 3)
    _wait_for(lambda: Answer.objects.filter(attempt=attempt, response__isnull=False).count() == 3)
    assert Attempt.objects.get(pk=attempt.pk).is_open

    # At their own last minute the screen reader hears it once, politely; the clock itself is not read out.
    _travel(attempt, deadline_in=63)
    page.reload()
    announcer = page.locator("#exam-time-announcer")
    assert announcer.get_attribute("aria-live") == "polite"
    assert clock.get_attribute("role") == "timer" and clock.get_attribute("aria-live") is None
    assert announcer.inner_text() == ""
    _wait_for(lambda: announcer.inner_text() == thai("One minute left."), seconds=10)

    # Their time runs out with the network down: the server closes the sitting at their deadline.
    _travel(attempt, deadline_in=3)
    page.reload()
    page.context.set_offline(True)
    page.wait_for_selector("#exam-clock[data-seconds='0']", timeout=10_000)
    time.sleep(settings.EXAM_GRACE_SECONDS + 0.5)
    assert close_overdue_attempts() == 1
    _wait_for(lambda: Attempt.objects.get(pk=attempt.pk).status == Attempt.Status.SUBMITTED)
    attempt.refresh_from_db()
    assert attempt.closed_by == Attempt.ClosedBy.DEADLINE
    assert attempt.deadline - attempt.started_at == datetime.timedelta(minutes=15)
