"""A standards administrator changes the standard the only way allowed: a new revision, edited, published; through\nthe standards editor, and (for administrators) the Django admin refuses to change a published revision in place."""
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from playwright.sync_api import expect

from competency.models import PerformanceCriterion, Unit
from competency.services import unit_assert_editable

from .conftest import sign_in, thai

OLD_TEXT_EN = (
    "Define the core work processes that the digital organisation should have, aligned with policy and strategy"
)
NEW_TEXT_EN = "Define the digital organisation's core work processes so that they follow its policy and strategy"


def assert_can_edit_standards(user):
    # The shared fixture adds the group that post_migrate re-creates after every flush: check it still
    # carries its permissions, or every step below would fail with a confusing 403.
    assert user.has_perm("competency.change_unit")
    assert user.has_perm("competency.change_performancecriterion")


def open_admin_unit_list(page, live_server):
    """The Django admin's list of unit revisions, which stays for administrators."""
    page.goto(f"{live_server.url}/admin/competency/unit/")


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


def editor_cell(page, code, field):
    """The standards editor's input for `field` in the criteria row of `code`."""
    return page.locator(f'tr[data-criterion="{code}"] [name$="-{field}"]')


@pytest.mark.browser
def test_administrator_publishes_revision_two_through_the_editor_and_revision_one_stays_as_it_was(
    page, live_server, browser_unit, standards_administrator
):
    revision_1 = browser_unit
    old_text_th = revision_1.criteria.get(code="DL201.01").text_th
    sign_in(page, live_server, standards_administrator)

    # "Edit standards" opens the standards editor, not the Django admin.
    page.get_by_role("navigation").get_by_role("link", name=thai("Edit standards")).click()
    expect(page).to_have_url(re.compile(r"/standards-editor/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(thai("Standards editor"))
    expect(page.locator('tr[data-revision="1"]')).to_contain_text(thai("Published"))

    # They open revision 2 as a draft: a copy of revision 1, Thai beside English.
    page.get_by_role("button", name=thai("Open a new revision as a draft")).click()
    revision_2 = Unit.objects.get(code="DG-EJJM-026", revision_number=2)
    expect(page).to_have_url(re.compile(rf"/standards-editor/revisions/{revision_2.pk}/$"))
    expect(page.get_by_role("alert")).to_contain_text(
        in_thai(lambda: _("Draft %(unit)s opened: edit it, check the changes, then publish it.") % {"unit": revision_2}))
    expect(editor_cell(page, "DL201.01", "text_en")).to_have_value(OLD_TEXT_EN)
    expect(editor_cell(page, "DL201.01", "text_th")).to_have_value(old_text_th)

    # They reword DL201.01 in English and save; the page says so and shows the new wording.
    editor_cell(page, "DL201.01", "text_en").fill(NEW_TEXT_EN)
    page.get_by_role("button", name=thai("Save the draft")).click()
    expect(page.get_by_role("alert")).to_have_text(thai("Saved. The draft is not yet what anyone is assessed against."))
    expect(editor_cell(page, "DL201.01", "text_en")).to_have_value(NEW_TEXT_EN)

    # The changes page shows the words removed and added in DL201.01's row.
    page.get_by_role("link", name=thai("Changes")).first.click()
    row = page.locator("tr", has=page.get_by_role("rowheader", name="DL201.01", exact=True))
    expect(row.locator("del")).to_contain_text("core work processes that the digital organisation should have")
    expect(row.locator("ins")).to_contain_text("digital organisation's core work processes so that they follow")

    # Publishing asks for a confirmation first.
    page.get_by_role("navigation", name=thai("Breadcrumb")).get_by_role("link", name=thai("Standards editor")).click()
    page.locator('tr[data-revision="2"]').get_by_role("link", name=thai("Publish…")).click()
    expect(page.locator("#publish-consequences")).to_contain_text(thai("Once published, this revision can no longer be changed."))
    page.get_by_role("button", name=thai("Publish this revision")).click()
    expect(page.locator(".invalid-feedback")).to_have_text(thai("Tick the box to confirm that you want to publish."))
    revision_2.refresh_from_db()
    assert revision_2.state == Unit.State.DRAFT

    page.get_by_role("checkbox").check()
    page.get_by_role("button", name=thai("Publish this revision")).click()
    expect(page).to_have_url(re.compile(r"/standards-editor/$"))
    expect(page.get_by_role("alert")).to_have_text(
        in_thai(lambda: _("%(unit)s is published: new enrolments use it from now on.") % {"unit": revision_2}))
    expect(page.locator('tr[data-revision="2"]')).to_contain_text(thai("Published"))
    expect(page.locator('tr[data-revision="1"]')).to_contain_text(thai("Superseded"))

    # The public page now shows revision 2 with the new wording.
    page.goto(f"{live_server.url}/standards/DG-EJJM-026/")
    page.get_by_role("navigation").get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    header = page.locator("article header")
    expect(header).to_contain_text(f"revision 2 / {revision_2.revision_year_be}")
    expect(page.locator('tr[id="DL201.01"]')).to_contain_text(NEW_TEXT_EN)

    # Revision 1 is still there, word for word, marked as superseded.
    page.goto(f"{live_server.url}/standards/DG-EJJM-026/revisions/1/")
    expect(page.locator("article header")).to_contain_text("Superseded")
    expect(page.locator('tr[id="DL201.01"]')).to_contain_text(OLD_TEXT_EN)

    revision_1.refresh_from_db()
    assert revision_1.state == Unit.State.SUPERSEDED
    assert revision_1.criteria.get(code="DL201.01").text_en == OLD_TEXT_EN
    assert revision_2.criteria.get(code="DL201.01").text_en == NEW_TEXT_EN


@pytest.mark.browser
def test_the_editor_shows_a_published_revision_read_only(page, live_server, browser_unit, standards_administrator):
    sign_in(page, live_server, standards_administrator)
    page.goto(f"{live_server.url}/standards-editor/")
    page.locator('tr[data-revision="1"]').get_by_role("link", name=thai("Read")).click()
    expect(editor_cell(page, "DL201.01", "text_en")).to_be_disabled()
    expect(page.get_by_role("button", name=thai("Save the draft"))).to_have_count(0)


@pytest.mark.browser
def test_editing_the_published_revision_in_place_is_refused(
    page, live_server, browser_unit, standards_administrator
):
    revision_1 = browser_unit
    criterion = revision_1.criteria.get(code="DL201.01")
    history_before = criterion.history.count()
    assert_can_edit_standards(standards_administrator)
    sign_in(page, live_server, standards_administrator)

    open_admin_unit_list(page, live_server)
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
