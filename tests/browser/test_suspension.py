"""hr1 suspends a certificate of their agency until a day and later reinstates it; a visitor holding its code sees
it valid, then suspended until that day (in the Buddhist Era), then valid again. A last day already past is refused."""
import datetime

import pytest
from django.utils import timezone, translation

from accounts.demo import demo_accounts_ensure
from accounts.models import User
from certificates.models import Suspension
from core.dates import format_date
from tests.browser.conftest import TIMEOUT_MS, sign_in, thai
from tests.certificates.factories import released_competent_case_for
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def visitor(browser, live_server):
    """Someone with the code, in a browser of their own."""
    context = browser.new_context(locale="th-TH")
    context.set_default_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


def _public_result(visitor, live_server, certificate) -> tuple[str, str]:
    visitor.goto(f"{live_server.url}/verify/{certificate.code}/")
    result = visitor.locator("[data-verification]")
    return result.get_attribute("data-verification"), result.inner_text()


def _typed_in_thai(day: datetime.date) -> str:
    """The day as a Thai reader types it: dd/mm/yyyy in the Buddhist Era."""
    return f"{day.day:02d}/{day.month:02d}/{day.year + 543}"


def test_hr1_suspends_and_reinstates_and_the_public_page_follows(page, visitor, live_server, browser_unit):
    demo_accounts_ensure(password=TEST_PASSWORD)
    hr1, admin = User.objects.get(username="hr1"), User.objects.get(username="admin")
    certificate = released_competent_case_for(by=admin, first_name_th="มาลี", last_name_th="ศรีสุข",
                                              department=hr1.department).certificates.get()
    assert _public_result(visitor, live_server, certificate)[0] == "valid"

    sign_in(page, live_server, hr1, TEST_PASSWORD)
    page.get_by_role("link", name=thai("HR desk")).click()
    page.get_by_role("link", name=certificate.number).click()
    page.wait_for_url(f"**/hr/certificates/{certificate.pk}/")
    suspend = page.locator("form[action$='/suspend/']")

    # A last day already past: refused in Thai, nothing written.
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    suspend.get_by_label(thai("Suspended until (inclusive)")).fill(_typed_in_thai(yesterday))
    suspend.get_by_label(thai("Reason")).fill("อยู่ระหว่างสอบสวนข้อร้องเรียน")
    suspend.get_by_role("button", name=thai("Suspend this certificate")).click()
    with translation.override("th"):
        assert "ผ่านไปแล้ว" in page.locator("form[action$='/suspend/']").inner_text()
        assert format_date(yesterday) in page.locator("form[action$='/suspend/']").inner_text()
    assert not Suspension.objects.exists()

    last_day = timezone.localdate() + datetime.timedelta(days=30)
    suspend = page.locator("form[action$='/suspend/']")
    suspend.get_by_label(thai("Suspended until (inclusive)")).fill(_typed_in_thai(last_day))
    suspend.get_by_label(thai("Reason")).fill("อยู่ระหว่างสอบสวนข้อร้องเรียน")
    suspend.get_by_role("button", name=thai("Suspend this certificate")).click()
    page.locator(f"[data-suspended-until='{last_day.isoformat()}']").wait_for()
    assert page.locator("h1 .badge").inner_text() == thai("Suspended")

    result, text = _public_result(visitor, live_server, certificate)
    with translation.override("th"):
        shown = format_date(last_day)
    assert result == "suspended" and shown in text
    assert "สอบสวน" not in visitor.content()

    reinstate = page.locator("form[action$='/reinstate/']")
    reinstate.get_by_label(thai("Note (optional)")).fill("ตรวจสอบแล้วไม่พบความผิด")
    reinstate.get_by_role("button", name=thai("Reinstate this certificate")).click()
    page.locator("#suspension-history").get_by_text("ตรวจสอบแล้วไม่พบความผิด").wait_for()
    assert page.locator("h1 .badge").inner_text() == thai("Valid")

    assert _public_result(visitor, live_server, certificate)[0] == "valid"
    suspension = Suspension.objects.get()
    assert (suspension.suspended_by, suspension.reinstated_by, suspension.ends_on) == (hr1, hr1, last_day)
