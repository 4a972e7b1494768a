"""candidate1 signs in with ThaID through a real OpenID Connect provider: links it to her account by confirming her
agency e-mail, signs out (at ThaID too) and in again without linking; below the exam's assurance level she is stopped
at the exam's start and asked to sign in with ThaID, after which the exam starts."""
import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.models import ExternalIdentity, SignInEvent
from accounts.roles import Role
from assessments.services import case_enrol
from exams.models import Attempt, DefinitionRule, ExamDefinition
from exams.services import seed_bank_load
from tests.browser.conftest import path_of, sign_in, thai
from tests.factories import UserFactory
from tests.oidc.harness import ACCOUNTS

pytestmark = pytest.mark.browser


@pytest.fixture
def candidate1(transactional_db, thaid):
    return UserFactory(username="candidate1", email=ACCOUNTS["somchai"]["email"], roles=[Role.CANDIDATE])


def _sign_in_at_thaid(page, live_server, account: str) -> None:
    """From the portal's sign-in page, through ThaID's own screen, and back."""
    page.get_by_role("button", name=thai("Sign in with ThaID")).click()
    page.wait_for_url(re.compile(r"^http://127\.0\.0\.1:\d+/interaction/"))
    page.locator("input[name=login]").fill(account)
    page.locator("#provider-sign-in").click()
    page.wait_for_url(f"{live_server.url}/**")


def test_candidate1_links_thaid_signs_out_there_too_and_signs_in_again(page, live_server, candidate1, thaid):
    page.goto(f"{live_server.url}/accounts/login/")
    buttons = page.locator("main button[type=submit]")
    assert buttons.first.inner_text().strip() == "เข้าสู่ระบบด้วย ThaID", "ThaID is offered first"

    _sign_in_at_thaid(page, live_server, "somchai")

    assert path_of(page) == "/accounts/oidc/link/"
    assert page.locator("input[name='email-email']").input_value() == ACCOUNTS["somchai"]["email"]
    page.get_by_role("button", name=thai("Send me a confirmation link")).click()
    page.get_by_text(thai("Check your e-mail")).first.wait_for()
    assert not ExternalIdentity.objects.exists()

    (message,) = mail.outbox
    link = re.search(r"http://\S+/accounts/oidc/link/confirm/\S+/", message.body).group(0)
    page.goto(link)
    page.get_by_role("button", name=thai("Yes, link it to my account")).click()
    page.wait_for_url(f"{live_server.url}/")
    assert page.get_by_text(candidate1.get_full_name()).first.is_visible()
    assert ExternalIdentity.objects.get(user=candidate1).linked_via == "email"

    # Signing out here sends her to ThaID to sign out there too, then home.
    page.get_by_role("button", name=candidate1.get_full_name()).or_(
        page.get_by_role("link", name=candidate1.get_full_name())).first.click()
    page.get_by_role("button", name=thai("Sign out")).click()
    page.wait_for_url(re.compile(r"^http://127\.0\.0\.1:\d+/session/end"))
    page.locator("button[name=logout]").click()
    page.wait_for_url(f"{live_server.url}/")
    assert page.get_by_role("link", name=thai("Sign in")).first.is_visible()

    # Signing in again: ThaID asks who she is again (her session there ended), and no linking is asked.
    page.goto(f"{live_server.url}/accounts/login/")
    _sign_in_at_thaid(page, live_server, "somchai")
    assert path_of(page) == "/"
    assert page.get_by_text(candidate1.get_full_name()).first.is_visible()
    assert ExternalIdentity.objects.count() == 1
    assert SignInEvent.objects.filter(user=candidate1, outcome="signed_in", assurance_level="2.3").count() == 2


@pytest.fixture
def exam(browser_unit):
    seed_bank_load(unit=browser_unit)
    definition = ExamDefinition.objects.create(
        unit=browser_unit, code="short-sitting", title_th="สอบข้อเขียน (ฉบับย่อ)", title_en="Written exam (short)",
        item_count=1, time_limit_minutes=10, pass_mark_percent=60, attempts_allowed=1,
        opens_at=timezone.now() - datetime.timedelta(hours=1))
    definition.rules.create(order=1, kind=DefinitionRule.Kind.TRUE_FALSE, count=1)
    return definition


def test_candidate1_below_the_assurance_level_is_stopped_at_the_exam_start(page, live_server, candidate1, exam,
                                                                          settings):
    settings.MIN_ASSURANCE_EXAM_START = "2.1"
    case = case_enrol(candidate=candidate1, unit_code="DG-EJJM-026")
    from accounts.identity import VouchedIdentity, identity_link, national_id_digest

    identity_link(user=candidate1, via="invitation", vouched=VouchedIdentity(
        provider="thaid", subject="somchai", national_id_digest=national_id_digest(ACCOUNTS["somchai"]["pid"]),
        assurance_level="2.3", multi_factor=True, email=ACCOUNTS["somchai"]["email"]))
    sign_in(page, live_server, candidate1)

    page.get_by_role("link", name=thai("Written exam")).first.click()
    page.locator("[data-offer='short-sitting']").get_by_role("link", name=thai("Read the rules and start")).click()

    assert path_of(page).startswith("/accounts/login/")
    assert page.get_by_text(thai("This step needs a surer proof of who you are than this sign-in gives. Please sign "
                                 "in again with ThaID; nothing was started.")).first.is_visible()
    assert not Attempt.objects.exists()

    _sign_in_at_thaid(page, live_server, "somchai")

    assert path_of(page) == reverse("exams:start", args=[case.pk, exam.pk]), "back at the exam's start"
    page.get_by_role("button", name=thai("Start the exam")).click()
    page.wait_for_url("**/exams/attempts/*/")
    assert Attempt.objects.get().case.candidate == candidate1
