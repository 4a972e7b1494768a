"""A visitor reads the standard DG-EJJM-026 on the public site, in Thai and then in English."""
import re

import pytest
from playwright.sync_api import expect

from .conftest import thai

CRITERIA = [
    ("DL201.01", "217398"),
    ("DL201.02", "217399"),
    ("DL201.03", "217400"),
    ("DL201.04", "217401"),
    ("DL202.01", "217402"),
    ("DL202.02", "217403"),
    ("DL202.03", "217404"),
    ("DL203.01", "217405"),
    ("DL203.02", "217406"),
    ("DL203.03", "217407"),
]
DL201_01_TH = "กำหนดกระบวนงานหลักขององค์กรดิจิทัลที่ควรจะเป็นให้สอดคล้องกับนโยบายและกลยุทธ์"
THAI_SCRIPT = re.compile(r"[\u0E00-\u0E7F]")


def criteria_rows(page):
    return page.locator("#criteria + .table-responsive table tbody tr")


def criterion_row(page, code):
    return page.locator(f'tr[id="{code}"]')


@pytest.mark.browser
def test_visitor_reads_the_unit_in_thai_then_switches_to_english(page, live_server, browser_unit):
    # The visitor opens the list of standards; the site speaks Thai by default.
    response = page.goto(f"{live_server.url}/standards/")
    assert response.status == 200
    expect(page.locator("html")).to_have_attribute("lang", "th")

    # They follow the link to the unit.
    page.get_by_role("main").get_by_role("link", name="DG-EJJM-026", exact=True).click()
    expect(page).to_have_url(f"{live_server.url}/standards/DG-EJJM-026/")
    expect(page.locator("html")).to_have_attribute("lang", "th")
    expect(page.get_by_role("heading", level=1)).to_have_text("ออกแบบองค์กรดิจิทัล")

    # All ten performance criteria, in order, each with its code and its system ID.
    rows = criteria_rows(page)
    expect(rows).to_have_count(len(CRITERIA))
    assert rows.evaluate_all("rows => rows.map(row => row.id)") == [code for code, _system_id in CRITERIA]
    for code, system_id in CRITERIA:
        cells = criterion_row(page, code).locator("td.criterion-code")
        expect(cells).to_have_text([code, system_id])

    # The criterion DL201.01 reads in Thai, and the assessment method is a written examination.
    expect(criterion_row(page, "DL201.01")).to_contain_text(DL201_01_TH)
    expect(page.locator("#assessment + p")).to_have_text("สอบข้อเขียน")
    expect(page.locator("h2#criteria")).to_have_text("11. " + thai("Elements and performance criteria"))
    expect(page.get_by_text("Design a Digital Organization", exact=True)).to_have_count(0)

    # They press "English" in the navigation bar and come back to the same page, now in English.
    english = page.get_by_role("navigation").get_by_role("button", name="English")
    expect(english).not_to_have_attribute("aria-pressed", "true")
    english.click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(f"{live_server.url}/standards/DG-EJJM-026/")
    expect(page.get_by_role("navigation").get_by_role("button", name="English")).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Design a Digital Organization")
    expect(page.locator("h2#criteria")).to_have_text("11. Elements and performance criteria")
    expect(page.locator("#assessment + p")).to_have_text("Written examination")
    expect(criterion_row(page, "DL201.01")).to_contain_text(
        "Define the core work processes that the digital organisation should have"
    )
    expect(criterion_row(page, "DL201.01")).not_to_contain_text(DL201_01_TH)
    # Codes and system IDs do not depend on the language.
    for code, system_id in CRITERIA:
        expect(criterion_row(page, code).locator("td.criterion-code")).to_have_text([code, system_id])

    # The choice sticks: the next page they open is English too.
    page.goto(f"{live_server.url}/standards/")
    expect(page.locator("html")).to_have_attribute("lang", "en")


@pytest.mark.browser
def test_a_browser_asking_for_english_gets_english_straight_away(english_page, live_server, browser_unit):
    page = english_page
    response = page.goto(f"{live_server.url}/standards/DG-EJJM-026/")
    assert response.status == 200
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Design a Digital Organization")
    expect(page.locator("h2#criteria")).to_have_text("11. Elements and performance criteria")
    expect(page.locator("#assessment + p")).to_have_text("Written examination")
    expect(criteria_rows(page)).to_have_count(len(CRITERIA))


@pytest.mark.browser
def test_an_unknown_unit_shows_the_not_found_page_in_thai(page, live_server, browser_unit):
    response = page.goto(f"{live_server.url}/standards/NO-SUCH/")
    assert response.status == 404
    expect(page.locator("html")).to_have_attribute("lang", "th")
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text(thai("Page not found"))
    assert THAI_SCRIPT.search(heading.inner_text()), f"the 404 heading is not Thai: {heading.inner_text()!r}"
    expect(page.get_by_text("Page not found")).to_have_count(0)
    # The site's navigation is still there to find the way back.
    expect(page.get_by_role("navigation").get_by_role("button", name="ไทย")).to_have_attribute(
        "aria-pressed", "true"
    )
