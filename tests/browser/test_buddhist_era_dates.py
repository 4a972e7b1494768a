"""hr1 reads the HR desk in Thai and filters it by the day certificates were issued, typed in the Buddhist Era as
every page prints it (วว/ดด/ปปปป); a year typed AD by habit is refused with the year to type instead."""
import datetime

import pytest

from accounts.demo import demo_accounts_ensure
from accounts.models import User
from certificates.models import Certificate
from config.celery import app
from tests.browser.conftest import sign_in, thai
from tests.certificates.factories import released_competent_case_for
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def certificates_over_two_years(browser_unit):
    """Three certificates of hr1's agency: issued 29 Feb 2024 (2567), 5 Dec 2026 (2569) and 2 Jan 2027 (2570)."""
    app.control.purge()
    demo_accounts_ensure(password=TEST_PASSWORD)
    hr1, admin = User.objects.get(username="hr1"), User.objects.get(username="admin")
    days = {"ปีก่อน": datetime.date(2024, 2, 29), "ธันวา": datetime.date(2026, 12, 5), "ปีใหม่": datetime.date(2027, 1, 2)}
    for first_name, day in days.items():
        case = released_competent_case_for(by=admin, first_name_th=first_name, department=hr1.department)
        Certificate.objects.filter(case=case).update(issued_on=day)
    yield hr1
    app.control.purge()


def test_hr1_filters_the_desk_by_buddhist_era_dates(page, live_server, certificates_over_two_years):
    sign_in(page, live_server, certificates_over_two_years, TEST_PASSWORD)
    page.get_by_role("link", name=thai("HR desk")).click()
    rows = page.locator("#certificates tbody tr[data-certificate]")
    assert rows.count() == 3

    issued_from = page.get_by_label(thai("Issued from"))
    # A text box with its pattern named to screen readers, not the browser's Gregorian date picker.
    assert issued_from.get_attribute("type") == "text"
    assert issued_from.get_attribute("inputmode") == "numeric"
    hint = page.locator(f"#{issued_from.get_attribute('aria-describedby').split()[0]}")
    assert hint.inner_text() == "วว/ดด/ปปปป (พ.ศ.)"

    issued_from.fill("1/12/2569")
    page.get_by_label(thai("Issued to")).fill("31/12/2569")
    page.get_by_role("button", name=thai("Filter")).click()
    page.wait_for_url("**issued_from=*")
    assert rows.count() == 1
    assert "ธันวา" in rows.first.inner_text()
    assert "5 ธ.ค. 2569" in rows.first.inner_text()
    assert page.get_by_label(thai("Issued from")).input_value() == "1/12/2569"  # the filter as typed

    # 29 February exists in 2567 (2024, a leap year): from that day on, all three.
    page.get_by_label(thai("Issued from")).fill("29/02/2567")
    page.get_by_label(thai("Issued to")).fill("")
    page.get_by_role("button", name=thai("Filter")).click()
    page.wait_for_url("**issued_from=29*")
    assert rows.count() == 3

    # A year AD typed by habit is refused, naming the Buddhist Era year meant, and nothing is listed.
    page.get_by_label(thai("Issued from")).fill("1/12/2026")
    page.get_by_role("button", name=thai("Filter")).click()
    page.wait_for_url("**issued_from=1%2F12%2F2026*")
    error = page.locator(".desk-filters .invalid-feedback")
    assert "2569" in error.inner_text() and "พ.ศ." in error.inner_text()
    assert rows.count() == 0
