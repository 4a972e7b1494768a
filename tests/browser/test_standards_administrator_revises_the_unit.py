"""A standards administrator changes the standard the only way allowed: a new revision, edited, published."""
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from playwright.sync_api import expect

from competency.models import PerformanceCriterion, Unit
from competency.services import unit_assert_editable

from .conftest import path_of, sign_in, thai

OLD_TEXT_EN = (
    "Define the core work processes that the digital organisation should have, aligned with policy and strategy"
)
NEW_TEXT_EN = "Define the digital organisation's core work processes so that they follow its policy and strategy"


def assert_can_edit_standards(user):
    # The shared fixture adds the group that post_migrate re-creates after every flush: check it still
    # carries its permissions, or every step below would fail with a confusing 403.
    assert user.has_perm("competency.change_unit")
    assert user.has_perm("competency.change_performancecriterion")


def open_unit_revision_list(page):
    """From the portal, follow "Edit standards" to the admin list of unit revisions."""
    page.get_by_role("navigation").get_by_role("link", name=thai("Edit standards")).click()
    expect(page).to_have_url(re.compile(r"/admin/competency/unit/$"))


def criterion_field(page, code, field):
    """The criteria inline's input for `field` in the row whose code is `code` (not assuming its index)."""
    code_input = page.locator(f'input[name^="criteria-"][name$="-code"][value="{code}"]')
    expect(code_input).to_have_count(1)
    prefix = code_input.get_attribute("name").removesuffix("-code")
    return page.locator(f'[name="{prefix}-{field}"]')


def admin_messages(page):
    """The admin's message list (the revision views report at the default "info" level)."""
    return page.locator("ul.messagelist li")


def in_thai(make_text) -> str:
    """Build a message as the portal does while Thai is active (so "%(unit)s" reads in Thai too)."""
    with translation.override("th"):
        return str(make_text())


def refusal_message(unit) -> str:
    """What the portal says, in Thai, when someone tries to change a published revision."""
    with translation.override("th"):
        try:
            unit_assert_editable(unit)
        except ValidationError as exc:
            return exc.messages[0]
    raise AssertionError(f"{unit} is editable: expected a published revision")


@pytest.mark.browser
def test_administrator_publishes_revision_two_and_revision_one_stays_as_it_was(
    page, live_server, browser_unit, standards_administrator
):
    revision_1 = browser_unit
    assert_can_edit_standards(standards_administrator)
    sign_in(page, live_server, standards_administrator)

    # The list of unit revisions shows revision 1 only; they open it.
    open_unit_revision_list(page)
    results = page.locator("#result_list tbody tr")
    expect(results).to_have_count(1)
    results.first.get_by_role("link", name="DG-EJJM-026").click()
    expect(page).to_have_url(re.compile(rf"/admin/competency/unit/{revision_1.pk}/change/$"))
    expect(page.locator('input[name="revision_number"]')).to_have_value("1")

    # Revision 1 is published, so it offers "Create the next revision" and no "Publish".
    expect(page.get_by_role("button", name=thai("Publish this revision"))).to_have_count(0)
    page.get_by_role("button", name=thai("Create the next revision")).click()

    # They land on the draft revision 2, a copy of revision 1.
    expect(page).to_have_url(re.compile(r"/admin/competency/unit/\d+/change/$"))
    assert path_of(page) != f"/admin/competency/unit/{revision_1.pk}/change/"
    revision_2 = Unit.objects.get(code="DG-EJJM-026", revision_number=2)
    expect(admin_messages(page)).to_have_text(
        [in_thai(lambda: _("Draft %(unit)s created: edit it, then publish it.") % {"unit": revision_2})]
    )
    expect(page.locator('input[name="revision_number"]')).to_have_value("2")
    expect(page.get_by_role("button", name=thai("Create the next revision"))).to_have_count(0)
    text_en = criterion_field(page, "DL201.01", "text_en")
    expect(text_en).to_have_value(OLD_TEXT_EN)

    # They reword DL201.01 in English and save, staying on the page.
    text_en.fill(NEW_TEXT_EN)
    page.locator('input[name="_continue"]').click()
    expect(page.locator("ul.messagelist li.success")).to_have_count(1)
    expect(page.locator(".errornote")).to_have_count(0)
    expect(criterion_field(page, "DL201.01", "text_en")).to_have_value(NEW_TEXT_EN)

    # They publish the draft.
    page.get_by_role("button", name=thai("Publish this revision")).click()
    expect(admin_messages(page)).to_have_text([in_thai(lambda: _("%(unit)s is published.") % {"unit": revision_2})])
    expect(page.get_by_role("button", name=thai("Publish this revision"))).to_have_count(0)
    expect(page.get_by_role("button", name=thai("Create the next revision"))).to_have_count(1)

    revision_2.refresh_from_db()
    assert revision_2.state == Unit.State.PUBLISHED

    # The public page now shows revision 2 with the new wording.
    page.goto(f"{live_server.url}/standards/DG-EJJM-026/")
    page.get_by_role("navigation").get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    header = page.locator("article header")
    expect(header).to_contain_text(f"revision 2 / {revision_2.revision_year_be}")
    expect(header).not_to_contain_text("Superseded")
    expect(page.locator('tr[id="DL201.01"]')).to_contain_text(NEW_TEXT_EN)
    expect(page.locator('tr[id="DL201.01"]')).not_to_contain_text(OLD_TEXT_EN)

    # Revision 1 is still there, word for word, marked as superseded.
    page.goto(f"{live_server.url}/standards/DG-EJJM-026/revisions/1/")
    header = page.locator("article header")
    expect(header).to_contain_text(f"revision 1 / {revision_1.revision_year_be}")
    expect(header).to_contain_text("Superseded")
    expect(page.locator('tr[id="DL201.01"]')).to_contain_text(OLD_TEXT_EN)
    expect(page.locator('tr[id="DL201.01"]')).not_to_contain_text(NEW_TEXT_EN)

    # And in the database: revision 1 is superseded and its criterion untouched.
    revision_1.refresh_from_db()
    assert revision_1.state == Unit.State.SUPERSEDED
    assert revision_1.criteria.get(code="DL201.01").text_en == OLD_TEXT_EN
    assert revision_2.criteria.get(code="DL201.01").text_en == NEW_TEXT_EN
    assert revision_2.previous_revision == revision_1


@pytest.mark.browser
def test_editing_the_published_revision_in_place_is_refused(
    page, live_server, browser_unit, standards_administrator
):
    revision_1 = browser_unit
    criterion = revision_1.criteria.get(code="DL201.01")
    history_before = criterion.history.count()
    assert_can_edit_standards(standards_administrator)
    sign_in(page, live_server, standards_administrator)

    open_unit_revision_list(page)
    page.locator("#result_list tbody tr").first.get_by_role("link", name="DG-EJJM-026").click()
    expect(page).to_have_url(re.compile(rf"/admin/competency/unit/{revision_1.pk}/change/$"))
    # The page warns up front that this revision is published.
    expect(page.locator("p.errornote")).to_have_count(1)

    # They try anyway: reword DL201.01 and save.
    criterion_field(page, "DL201.01", "text_en").fill(NEW_TEXT_EN)
    page.locator('input[name="_save"]').click()

    # The save is refused: still on the form, with Django's "please correct" note and the reason,
    # which tells them to create a new revision instead.
    expect(page).to_have_url(re.compile(rf"/admin/competency/unit/{revision_1.pk}/change/$"))
    with translation.override("th"):
        correct = [
            translation.ngettext("Please correct the error below.", "Please correct the errors below.", n)
            for n in (1, 2)
        ]
    expect(page.locator("p.errornote", has_text=re.compile("|".join(map(re.escape, correct))))).to_have_count(1)
    expect(page.locator("ul.errorlist", has_text=refusal_message(revision_1)).first).to_be_visible()
    expect(admin_messages(page)).to_have_count(0)

    # Nothing changed: same text, same state, no history entry, no new revision.
    criterion.refresh_from_db()
    assert criterion.text_en == OLD_TEXT_EN
    assert criterion.history.count() == history_before
    revision_1.refresh_from_db()
    assert revision_1.state == Unit.State.PUBLISHED
    assert Unit.objects.filter(code="DG-EJJM-026").count() == 1
    assert not PerformanceCriterion.objects.filter(text_en=NEW_TEXT_EN).exists()

    # The public page still shows the original wording.
    page.goto(f"{live_server.url}/standards/DG-EJJM-026/")
    page.get_by_role("navigation").get_by_role("button", name="English").click()
    expect(page.locator('tr[id="DL201.01"]')).to_contain_text(OLD_TEXT_EN)
