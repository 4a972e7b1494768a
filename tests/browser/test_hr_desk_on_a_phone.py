"""hr1 opens the HR desk on a 390-px phone: one card per certificate, the number on one line, the PDF link on screen."""
import pytest
from django.urls import reverse

from accounts.demo import demo_accounts_ensure
from accounts.models import User
from certificates.models import Certificate
from certificates.services import certificate_render
from tests.browser.conftest import sign_in, thai
from tests.certificates.factories import released_competent_case_for
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.browser


def test_hr1_reads_the_desk_as_cards_on_a_phone(page, live_server, browser_unit):
    demo_accounts_ensure(password=TEST_PASSWORD)
    hr1, admin = User.objects.get(username="hr1"), User.objects.get(username="admin")
    for first_name in ("สมชาย", "วันดี"):
        released_competent_case_for(by=admin, first_name_th=first_name, department=hr1.department)
    for certificate in Certificate.objects.all():
        certificate_render(certificate_id=certificate.pk)  # as the worker would

    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, live_server, hr1, TEST_PASSWORD)
    page.goto(f"{live_server.url}{reverse('certificates:desk')}")
    cards = page.locator("#certificates tbody tr[data-certificate]")
    assert cards.count() == 2
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth"), "the desk scrolls sideways"

    for card in cards.all():
        box = card.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, "a card is wider than the phone"
        number = card.locator(".certificate-number")
        line_height = float(number.evaluate("e => parseFloat(getComputedStyle(e).lineHeight)"))
        assert number.bounding_box()["height"] < 1.5 * line_height, "the certificate number breaks over lines"
        assert number.inner_text() == card.get_attribute("data-certificate")
        pdf = card.locator("[data-download-pdf]")
        pdf_box = pdf.bounding_box()
        assert pdf_box["x"] + pdf_box["width"] <= 390, "the PDF link is cut off at the right edge"
        # Each value is labelled with its column's name, since the table's headings are out of sight.
        assert thai("PDF") in card.locator("td:has([data-download-pdf])").evaluate(
            "e => getComputedStyle(e, '::before').content")
