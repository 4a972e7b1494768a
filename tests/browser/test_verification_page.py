"""Anyone holding a certificate's code sees on the verification page whether it is valid, and when a revoked
one was revoked."""
import base64

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
    page.get_by_role("button", name=thai("Verify"), exact=True).click()
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


def _issued_pdf(certificate) -> bytes:
    from certificates.services import certificate_render

    assert certificate_render(certificate_id=certificate.pk)
    certificate.refresh_from_db()
    with certificate.pdf.open("rb") as handle:
        return handle.read()


def test_a_visitor_chooses_the_issued_pdf_and_is_told_it_is_the_one_issued(page, live_server, certificate, signing_pki,
                                                                         tmp_path):
    path = tmp_path / f"{certificate.number}.pdf"
    path.write_bytes(_issued_pdf(certificate))
    page.goto(f"{live_server.url}/verify/")
    # Choosing the file sends it at once (the page's script); nothing inline, under the site's CSP.
    page.get_by_label(thai("Drop the PDF here, or choose it")).set_input_files(str(path))
    result = page.locator("[data-pdf-check]")
    result.wait_for()
    assert result.get_attribute("data-pdf-check") == "issued"
    assert thai("This is the PDF the portal issued") in result.inner_text()
    assert page.locator("[data-verification]").get_attribute("data-verification") == "valid"
    assert "มาลี ศรีสุข" in page.locator("[data-holder]").inner_text()


def test_a_visitor_drops_a_tampered_pdf_and_is_told_why_it_is_not_valid(page, live_server, certificate, signing_pki):
    pdf = _issued_pdf(certificate)
    middle = len(pdf) // 3
    tampered = pdf[:middle] + bytes([pdf[middle] ^ 1]) + pdf[middle + 1:]
    page.goto(f"{live_server.url}/verify/")
    dropped = page.evaluate_handle(
        """(b64) => {
            const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
            const transfer = new DataTransfer();
            transfer.items.add(new File([bytes], "tampered.pdf", {type: "application/pdf"}));
            return transfer;
        }""", base64.b64encode(tampered).decode())
    page.dispatch_event("[data-pdf-drop-zone]", "drop", {"dataTransfer": dropped})
    result = page.locator("[data-pdf-check]")
    result.wait_for()
    assert result.get_attribute("data-pdf-check") == "refused"
    assert thai("Not valid") in result.inner_text()
    assert thai("The digital signature does not match the content: the PDF was changed after it was signed.") in \
        page.locator("[data-pdf-reason]").inner_text()
    assert page.locator("[data-verification]").count() == 0
