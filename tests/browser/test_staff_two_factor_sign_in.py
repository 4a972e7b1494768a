"""An assessor without an authenticator app signs in with a password, is made to set one up (scanning is reading
the key off the page), keeps the recovery codes, reaches the queue; the next sign-in asks for a code, refuses a
wrong one in Thai and takes the right one. Codes come from the tests' own RFC 6238 computation."""
import re

import pytest

from accounts.roles import Role
from tests.browser.conftest import thai
from tests.factories import TEST_PASSWORD, UserFactory
from tests.two_factor import next_usable_code, totp_code

pytestmark = pytest.mark.browser


def _password(page, live_server, user, next_path=""):
    page.goto(f"{live_server.url}/accounts/login/" + (f"?next={next_path}" if next_path else ""))
    page.locator("input[name=username]").fill(user.username)
    page.locator("input[name=password]").fill(TEST_PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()


def test_an_assessor_sets_up_an_app_and_then_signs_in_with_its_codes(page, live_server, transactional_db):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    assessor = UserFactory(username="assessor1", roles=[Role.ASSESSOR])

    _password(page, live_server, assessor, next_path="/judging/")
    assert "/accounts/two-factor/enrol/" in page.url
    page.goto(f"{live_server.url}/judging/")
    assert "/accounts/two-factor/enrol/" in page.url, "the queue stays closed until the app is set up"

    with page.expect_navigation():
        page.get_by_role("button", name=thai("Set up an authenticator app")).click()
    qr = page.get_by_role("img", name=thai("QR code to add this portal to an authenticator app"))
    assert qr.get_attribute("src").startswith("data:image/svg+xml")
    assert qr.evaluate("img => img.complete && img.naturalWidth > 0"), "the CSP lets the QR code show"
    secret = page.locator("#totp-secret").inner_text()
    assert re.fullmatch(r"[A-Z2-7]{4}( [A-Z2-7]{1,4})+", secret)

    page.get_by_label(thai("Code")).fill(totp_code(secret))
    with page.expect_navigation():
        page.get_by_role("button", name=thai("Confirm")).click()
    assert page.locator("#recovery-codes li").count() == 10
    assert page.get_by_text(thai("Your recovery codes")).first.is_visible()
    with page.expect_navigation():
        page.get_by_role("link", name=thai("I have kept them safe: continue")).click()
    assert page.get_by_role("heading", name=thai("My assessment queue")).is_visible()

    page.context.clear_cookies()
    _password(page, live_server, assessor, next_path="/judging/")
    assert "/accounts/two-factor/verify/" in page.url
    device = TOTPDevice.objects.get(user=assessor, confirmed=True)
    right = next_usable_code(device)
    page.get_by_label(thai("Code")).fill(f"{(int(right) + 500_000) % 1_000_000:06d}")
    with page.expect_navigation():
        page.get_by_role("button", name=thai("Continue")).click()
    assert page.get_by_text(thai("That code is not right. Enter the 6-digit code your authenticator app shows "
                                 "now, or one of your recovery codes.")).is_visible()
    assert "/accounts/two-factor/verify/" in page.url

    page.wait_for_timeout(1100)  # django-otp's back-off after one wrong code
    page.get_by_label(thai("Code")).fill(next_usable_code(device))
    with page.expect_navigation():
        page.get_by_role("button", name=thai("Continue")).click()
    assert page.get_by_role("heading", name=thai("My assessment queue")).is_visible()
