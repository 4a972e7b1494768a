"""Anyone holding a certificate's code sees on the verification page whether it is valid, and when a revoked
one was revoked."""
import pytest
from django.utils import timezone, translation

from certificates.services import certificate_revoke
from core.dates import format_date
from tests.browser.conftest import thai
from tests.certificates.factories import released_competent_case_for
from tests.factories import UserFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def certificate(browser_unit):
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    return released_competent_case_for(by=admin, first_name_th="มาลี", last_name_th="ศรีสุข").certificates.get()


def test_a_visitor_checks_a_valid_certificate_by_typing_its_code(page, live_server, certificate):
    page.goto(f"{live_server.url}/verify/")
    page.get_by_label(thai("Verification code")).fill(certificate.code_display.lower())
    page.get_by_role("button", name=thai("Verify")).click()
    page.wait_for_url(f"**/verify/{certificate.code}/")
    result = page.locator("[data-verification]")
    assert result.get_attribute("data-verification") == "valid"
    assert thai("Valid certificate") in result.inner_text()
    assert "มาลี ศรีสุข" in result.locator("[data-holder]").inner_text()


def test_a_visitor_sees_when_a_revoked_certificate_was_revoked(page, live_server, certificate):
    certificate_revoke(certificate=certificate, by=certificate.issued_by, reason="พบการทุจริต")
    certificate.refresh_from_db()
    page.goto(f"{live_server.url}/verify/{certificate.code}/")
    result = page.locator("[data-verification]")
    assert result.get_attribute("data-verification") == "revoked"
    with translation.override("th"):
        revoked_on = format_date(timezone.localdate(certificate.revoked_at))
    assert revoked_on in result.inner_text()
    assert "ทุจริต" not in page.content()
