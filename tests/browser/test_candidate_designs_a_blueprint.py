"""candidate1 copies the worked example, edits the gap analysis and watches the heat map change, produces the
blueprint document through the worker, and finds it in the evidence matrix covering DL201.01–DL203.03."""
import time

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from accounts.roles import Role
from assessments.services import case_enrol
from blueprints.models import BlueprintSection
from evidence.models import EvidenceItem
from tests.browser.conftest import sign_in, thai
from tests.factories import UserFactory

pytestmark = pytest.mark.browser

CRITERIA = ["DL201.01", "DL201.02", "DL201.03", "DL201.04", "DL202.01", "DL202.02", "DL202.03", "DL203.01",
            "DL203.02", "DL203.03"]
ACTION = "เปิดศูนย์ข้อมูลกลางของกรมและเชื่อมโยงข้อมูลทะเบียนราษฎร์"


def _eventually(condition, seconds: float = 15) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("the change never reached the database")
        time.sleep(0.2)


def test_candidate1_designs_a_blueprint_and_hands_it_in(page, live_server, browser_unit, celery_worker):
    call_command("loaddata", "blueprint_worked_example", verbosity=0)
    candidate1 = UserFactory(username="candidate1", roles=[Role.CANDIDATE])
    case = case_enrol(candidate=candidate1, unit_code="DG-EJJM-026")
    sign_in(page, live_server, candidate1)

    page.get_by_role("link", name=thai("My blueprints")).first.click()
    page.get_by_role("button", name=thai("Copy as a start")).click()
    page.wait_for_url("**/blueprints/*/")
    expect(page.locator("#blueprint-coverage")).to_contain_text("10")

    page.get_by_role("link", name=thai("Gap analysis")).first.click()
    data_row = page.locator("tr[data-dimension='data']")
    expect(data_row).to_have_attribute("data-gap", "3")
    expect(data_row.locator("[data-cell='gap']")).to_have_count(3)

    # The data dimension is better today than the worked example says: level 3, so the gap to level 4 shrinks.
    page.locator("select[name='gaps-2-as_is']").select_option("3")
    expect(data_row).to_have_attribute("data-gap", "1")
    expect(data_row.locator("[data-cell='gap']")).to_have_count(1)
    expect(page.locator("[data-autosave-status]")).to_contain_text(thai("Last saved at"))

    # Typing and leaving at once loses nothing: the page hands its last change over as it goes away.
    page.locator("textarea[name='gaps-2-action']").fill(ACTION)
    page.get_by_role("link", name=thai("All sections")).click()
    page.wait_for_url("**/blueprints/*/")
    gaps = BlueprintSection.objects.get(blueprint__owner=candidate1, kind="gaps")
    _eventually(lambda: BlueprintSection.objects.get(pk=gaps.pk).content["gaps"][2]["action"] == ACTION)
    assert BlueprintSection.objects.get(pk=gaps.pk).content["gaps"][2]["as_is"] == 3

    page.get_by_role("button", name=thai("Produce the blueprint document")).click()
    page.wait_for_url("**/blueprints/*/")
    expect(page.locator("#blueprint-renders [data-render-status='ready']")).to_have_count(1, timeout=90_000)

    page.locator("#blueprint-renders a[href*='/evidence/files/']").first.wait_for()
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    title = EvidenceItem.objects.get(case=case).title
    for code in CRITERIA:
        expect(page.locator(f"tr[data-criterion='{code}']")).to_contain_text(title)
    assert page.locator("[data-no-evidence]").count() == 0
