"""candidate1 is seated in the morning round of the written exam. Signed in before it opens, they wait in the
waiting room, which tells them their moment and opens the start by itself when it comes; they start with the full
time, answer every question, submit and see their result."""
import datetime
import time

import pytest
from django.utils import timezone

from accounts.roles import Role
from assessments.services import case_enrol
from exams.models import Answer, Attempt
from exams.services import sitting_schedule, sitting_seat
from tests.browser.conftest import FOUR_KINDS, answer_question, short_exam, sign_in, thai
from tests.factories import UserFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def exam(browser_unit):
    """Four objective items from the seed bank, ten minutes."""
    return short_exam(browser_unit, code="morning-round", title_th="สอบข้อเขียน (รอบเช้า)",
                      title_en="Written exam (morning)", kinds=FOUR_KINDS)


def test_candidate1_waits_for_their_moment_then_sits_the_exam(page, live_server, exam):
    candidate1 = UserFactory(username="candidate1", roles=[Role.CANDIDATE])
    case = case_enrol(candidate=candidate1, unit_code="DG-EJJM-026")
    coordinator = UserFactory(username="coord1", roles=[Role.COORDINATOR])
    sitting = sitting_schedule(definition=exam, name_th="รอบเช้า กรมทดสอบ", opens_at=timezone.now()
                               + datetime.timedelta(seconds=25), admission_minutes=0, by=coordinator)
    sitting_seat(sitting=sitting, cases=[case], by=coordinator)

    # Before the opening the list says when they will be let in, and takes them to the waiting room.
    sign_in(page, live_server, candidate1)
    page.goto(f"{live_server.url}/exams/")
    offer = page.locator("[data-offer='morning-round']")
    assert "รอบเช้า กรมทดสอบ" in offer.inner_text()
    offer.get_by_role("link", name=thai("Go to the waiting room")).click()
    room = page.locator("#waiting-room")
    assert thai("Waiting to be let in") in room.inner_text()
    assert page.get_by_role("button", name=thai("Start the exam")).count() == 0
    countdown = page.locator("#admission-countdown")
    assert countdown.get_attribute("aria-live") == "polite"
    assert countdown.inner_text() == thai("Less than a minute to go.")

    # At their moment the page opens the start by itself.
    start = page.get_by_role("button", name=thai("Start the exam"))
    start.wait_for(timeout=40_000)
    assert timezone.now() >= sitting.opens_at
    started = time.time()
    start.click()
    page.wait_for_url("**/exams/attempts/*/")
    attempt = Attempt.objects.get(case=case)
    assert attempt.started_at >= sitting.opens_at
    assert attempt.deadline - attempt.started_at == datetime.timedelta(minutes=10)
    assert int(page.locator("#exam-clock").get_attribute("data-remaining")) >= 600 - (time.time() - started) - 2

    # They answer every question, submit, and see the result.
    for number in range(1, 5):
        answer_question(page, number)
    deadline = time.monotonic() + 15
    while Answer.objects.filter(attempt=attempt, response__isnull=False).count() < 4:
        assert time.monotonic() < deadline, "answers not saved in time"
        time.sleep(0.1)
    page.get_by_role("button", name=thai("Submit my answers")).click()
    page.get_by_role("button", name=thai("Yes, submit now")).click()
    page.wait_for_url(f"**/exams/attempts/{attempt.pk}/result/")
    assert page.locator("#exam-result").is_visible()
    assert Attempt.objects.get(pk=attempt.pk).status == Attempt.Status.SUBMITTED
