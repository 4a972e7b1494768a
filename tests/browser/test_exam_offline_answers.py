"""An answer given while the office network is down survives closing the tab, and reaches the server later."""
import time

import pytest

from accounts.roles import Role
from assessments.services import case_enrol
from exams.models import Answer, ItemType
from exams.services import attempt_start
from tests.browser.conftest import sign_in
from tests.browser.test_candidate_sits_the_exam import exam  # noqa: F401  (the short sitting)
from tests.factories import UserFactory

pytestmark = pytest.mark.browser


def test_an_answer_given_offline_is_kept_in_the_browser_and_saved_when_back(page, live_server, exam):  # noqa: F811
    candidate1 = UserFactory(username="candidate1", roles=[Role.CANDIDATE])
    attempt = attempt_start(case=case_enrol(candidate=candidate1, unit_code="DG-EJJM-026"), definition=exam)
    answer = attempt.answers.filter(item_version__item_type=ItemType.TRUE_FALSE).order_by("position").first()
    sign_in(page, live_server, candidate1)
    page.goto(f"{live_server.url}/exams/attempts/{attempt.pk}/")

    page.context.set_offline(True)
    page.locator(f"#answer-{answer.position}-true").check()
    page.wait_for_selector("#save-status[data-state=offline]")
    assert Answer.objects.get(pk=answer.pk).response is None

    # The tab is closed before the connection returns; later the candidate opens the exam again.
    context = page.context
    page.close()
    context.set_offline(False)
    page = context.new_page()
    page.goto(f"{live_server.url}/exams/attempts/{attempt.pk}/")

    assert page.locator(f"#answer-{answer.position}-true").is_checked()
    deadline = time.monotonic() + 10
    while Answer.objects.get(pk=answer.pk).response is None and time.monotonic() < deadline:
        time.sleep(0.1)
    assert Answer.objects.get(pk=answer.pk).response is True
    page.wait_for_selector("#save-status[data-state=saved]")
