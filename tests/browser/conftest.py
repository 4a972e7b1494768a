"""Browser fixtures: Debian's Chromium driven by Playwright against pytest-django's live server.

The live server runs in a thread of this process and reads the real PostgreSQL database, so these
tests use ``transactional_db``: the data is committed where the server can see it and flushed after
each test, which is why every test loads the standard again through ``browser_unit``.
"""
import os
import re

import pytest
from django.core.management import call_command
from django.utils import translation

from tests.factories import TEST_PASSWORD
from tests.two_factor import next_usable_code, totp_code

# Playwright's sync API runs an asyncio event loop in this thread; Django's ORM, called from the
# test body, would otherwise refuse to run ("SynchronousOnlyOperation").
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Long enough for a cold Chromium on a loaded CI machine, short enough to fail a broken journey fast.
TIMEOUT_MS = 15_000


def pytest_collection_modifyitems(config, items):
    # Every test in this folder drives a browser: refuse one that forgot to say so.
    for item in items:
        if "tests/browser/" in item.path.as_posix() and not item.get_closest_marker("browser"):
            raise pytest.UsageError(f"{item.nodeid} is in tests/browser but not marked @pytest.mark.browser")


@pytest.fixture(scope="session")
def playwright_instance():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        # A missing browser must fail the run, never pass it quietly as skipped.
        pytest.fail(f"Chromium is not installed at {CHROMIUM}: install the Debian package 'chromium'")
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_instance):
    browser = playwright_instance.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


def _new_page(browser, locale):
    context = browser.new_context(locale=locale, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    page = context.new_page()
    return context, page


@pytest.fixture
def page(browser, live_server):
    """A fresh browser context (no cookies) whose Accept-Language is Thai, as for most visitors."""
    context, page = _new_page(browser, "th-TH")
    yield page
    context.close()


@pytest.fixture
def english_page(browser, live_server):
    """A fresh browser context whose Accept-Language is English."""
    context, page = _new_page(browser, "en-US")
    yield page
    context.close()


@pytest.fixture
def browser_unit(transactional_db):
    """The real standard DG-EJJM-026 revision 1, committed so the live server can read it."""
    from competency.models import Unit

    call_command("loaddata", "dg_ejjm_026", verbosity=0)
    return Unit.objects.get(code="DG-EJJM-026", revision_number=1)


def thai(message: str) -> str:
    """The Thai the portal shows for an interface string (the msgid itself while untranslated)."""
    with translation.override("th"):
        return translation.gettext(message)


def sign_in(page, live_server, user, password=TEST_PASSWORD):
    """Sign in through the portal's own sign-in page, as a person would, with the second factor when asked:
    staff without an authenticator app set one up (scanning means reading the key off the page), anyone with
    one enters its code, computed by the tests' own TOTP (tests/two_factor.py)."""
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("input[name=username]").fill(user.username)
    page.locator("input[name=password]").fill(password)
    with page.expect_navigation():
        page.locator("main form:has(input[name=password]) button[type=submit]").click()
    assert "/accounts/login/" not in page.url, "signing in failed: still on the sign-in page"
    pass_second_factor_in_browser(page, user)


def pass_second_factor_in_browser(page, user) -> None:
    if "/accounts/two-factor/enrol/" in page.url:
        if page.locator("#totp-secret").count() == 0:
            with page.expect_navigation():
                page.locator("#two-factor-begin").click()
        secret = page.locator("#totp-secret").get_attribute("data-secret")
        page.locator("input[name=code]").fill(totp_code(secret))
        with page.expect_navigation():
            page.locator("form[action$='/enrol/confirm/'] button[type=submit]").click()
        assert page.locator("#recovery-codes li").count() == 10, "the app was not confirmed"
        with page.expect_navigation():
            page.locator("#recovery-codes-done").click()
    elif "/accounts/two-factor/verify/" in page.url:
        from django_otp.plugins.otp_totp.models import TOTPDevice

        device = TOTPDevice.objects.get(user=user, confirmed=True)
        page.locator("input[name=code]").fill(next_usable_code(device))
        with page.expect_navigation():
            page.locator("main form button[type=submit]").first.click()
    assert "/accounts/two-factor/" not in page.url, "the second factor was not accepted"


def path_of(page) -> str:
    return re.sub(r"^https?://[^/]+", "", page.url)


# One objective item of each kind a short exam in a journey asks for.
FOUR_KINDS = ("single_choice", "multiple_choice", "true_false", "short_answer")


def short_exam(unit, *, code: str, kinds, title_th: str = "สอบข้อเขียน (ฉบับย่อ)",
               title_en: str = "Written exam (short)", **fields):
    """A ten-minute written exam from the seed bank, open since an hour ago: one item of each kind in `kinds`."""
    import datetime

    from django.utils import timezone

    from exams.models import ExamDefinition
    from exams.services import seed_bank_load

    seed_bank_load(unit=unit)
    definition = ExamDefinition.objects.create(**{
        "unit": unit, "code": code, "title_th": title_th, "title_en": title_en, "item_count": len(kinds),
        "time_limit_minutes": 10, "pass_mark_percent": 60, "attempts_allowed": 1,
        "opens_at": timezone.now() - datetime.timedelta(hours=1)} | fields)
    for order, kind in enumerate(kinds, start=1):
        definition.rules.create(order=order, kind=kind, count=1)
    return definition


def answer_question(page, number: int) -> None:
    """Answer a question as a person would: type in its box, or pick its first choice."""
    question = page.locator(f"#question-{number}")
    box = question.locator("input[type=text], textarea")
    if box.count():
        box.fill("คำตอบ")
    else:
        question.locator("input").first.check()
