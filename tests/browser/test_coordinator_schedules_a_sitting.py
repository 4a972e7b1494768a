"""coord1, in Thai, schedules a sitting of the written exam for tomorrow at 09:00 typing the day in the Buddhist Era,
is told plainly when a year is typed AD or the opening is in the past, seats candidate1 found by her Thai name, reads
the moment she will be let in, takes her out and seats her again."""
import datetime
import re

import pytest
from django.utils import timezone, translation

from accounts.roles import Role
from assessments.services import case_enrol
from core.dates import format_datetime
from exams.models import DefinitionRule, Seat, Sitting
from exams.selectors import admission_moment
from tests.browser.conftest import short_exam, sign_in, thai
from tests.browser.test_accessibility import AXE_JS, AXE_RUN, AXE_TAGS, FAILING_IMPACTS
from tests.factories import UserFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def exam(browser_unit):
    return short_exam(browser_unit, code="morning-sitting", title_th="สอบข้อเขียน (รอบย่อ)",
                      kinds=[DefinitionRule.Kind.SINGLE_CHOICE, DefinitionRule.Kind.TRUE_FALSE])


@pytest.fixture
def candidate1(exam):
    person = UserFactory(username="candidate1", name_prefix_th="นางสาว", first_name_th="มาลี",
                         last_name_th="แสงจันทร์", roles=[Role.CANDIDATE])
    return case_enrol(candidate=person, unit_code="DG-EJJM-026")


def _buddhist_era(day: datetime.date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year + 543}"


def _field(page, label: str):
    """A field of the form by its Thai label (a required one is marked with an asterisk)."""
    return page.get_by_label(re.compile(rf"^\s*{re.escape(thai(label))}\s*\*?\s*$"))


def _schedule(page, exam, *, day: str) -> None:
    _field(page, "Exam").select_option(str(exam.pk))
    _field(page, "Name (Thai)").fill("รอบเช้า กรมทดสอบ")
    _field(page, "Day").fill(day)
    _field(page, "Opens at").fill("09:00")
    _field(page, "Admission window (minutes)").fill("20")
    page.get_by_role("button", name=thai("Schedule"), exact=True).click()


def test_the_coordinator_schedules_a_sitting_and_seats_a_candidate(page, live_server, exam, candidate1):
    coordinator = UserFactory(username="coord1", roles=[Role.COORDINATOR])
    page.context.add_init_script(script=AXE_JS.read_text())  # for the check of the page with candidates found
    sign_in(page, live_server, coordinator)
    page.get_by_role("link", name=thai("Exam sittings"), exact=True).click()
    page.wait_for_url("**/exams/sittings/")
    assert thai("No sitting is scheduled.") in page.locator("#sittings-upcoming").inner_text()

    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    # A year typed AD in the Thai form: the page says so, in Thai, and nothing is scheduled.
    _schedule(page, exam, day=f"{tomorrow.day:02d}/{tomorrow.month:02d}/{tomorrow.year}")
    with translation.override("th"):
        told = translation.gettext("%(year)s looks like a year AD; write the Buddhist Era year (%(be_year)s).") % {
            "year": tomorrow.year, "be_year": tomorrow.year + 543}
    assert told in page.locator("#sitting-schedule").inner_text()
    # An opening in the past is refused too, with the rule's own words.
    _schedule(page, exam, day=_buddhist_era(tomorrow - datetime.timedelta(days=2)))
    assert thai("A sitting must open in the future.") in page.locator("#sitting-schedule").inner_text()
    assert not Sitting.objects.exists()

    # Tomorrow, 09:00, in the Buddhist Era: the sitting's page opens, with no one seated yet.
    _schedule(page, exam, day=_buddhist_era(tomorrow))
    page.wait_for_url("**/exams/sittings/*/")
    sitting = Sitting.objects.get()
    opens = timezone.localtime(sitting.opens_at)
    assert (opens.date(), opens.hour, opens.minute, sitting.admission_minutes) == (tomorrow, 9, 0, 20)
    assert thai("The sitting is scheduled. Now seat its candidates.") in page.locator("main").inner_text()
    with translation.override("th"):
        assert format_datetime(sitting.opens_at) in page.locator("#sitting-opens").inner_text()
    assert thai("No candidate is seated yet.") in page.locator("#sitting-seats").inner_text()

    # coord1 finds candidate1 by her Thai name, ticks her and seats her.
    page.get_by_label(thai("Candidate's name, username or case number")).fill("มาลี")
    page.locator("#seat-search").get_by_role("button", name=thai("Find")).click()
    page.wait_for_url("**/exams/sittings/*/?q=*")
    # The page with its found candidates (which the accessibility test's pages do not reach) has no serious finding.
    findings = [v for v in page.evaluate(AXE_RUN, AXE_TAGS) if v["impact"] in FAILING_IMPACTS]
    assert findings == []
    page.get_by_label("นางสาวมาลี แสงจันทร์").check()
    page.get_by_role("button", name=thai("Seat the selected")).click()
    seats = page.locator("#sitting-seats")
    row = seats.locator(f"tr[data-case='{candidate1.pk}']")
    with translation.override("th"):
        moment = format_datetime(admission_moment(sitting, candidate1.pk), seconds=True)
    assert moment in row.inner_text() and "candidate1" in row.inner_text()
    assert sitting.opens_at <= admission_moment(sitting, candidate1.pk) <= sitting.admission_closes_at
    assert Seat.objects.get().case == candidate1

    # Taken out, then seated again: her moment is the same, however often the page is loaded.
    row.get_by_role("button", name=thai("Remove")).click()
    assert thai("No candidate is seated yet.") in seats.inner_text()
    assert not Seat.objects.exists()
    page.get_by_label("นางสาวมาลี แสงจันทร์").check()  # the search is kept: she is offered again
    page.get_by_role("button", name=thai("Seat the selected")).click()
    assert moment in seats.locator(f"tr[data-case='{candidate1.pk}']").inner_text()
    page.reload()
    assert moment in seats.locator(f"tr[data-case='{candidate1.pk}']").inner_text()
    assert Seat.objects.get().seated_by == coordinator

    # The list of sittings shows it to come, with its one seat.
    page.get_by_role("link", name=thai("Exam sittings"), exact=True).first.click()
    upcoming = page.locator(f"#sittings-upcoming tr[data-sitting='{sitting.pk}']")
    assert "รอบเช้า กรมทดสอบ" in upcoming.inner_text() and upcoming.locator("td").last.inner_text() == "1"
