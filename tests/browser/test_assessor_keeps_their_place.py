"""An assessor judges all ten criteria of a case from the keyboard (n for the next criterion, a digit for the
rubric level, s or the save button to save) without losing their place: after every save the criterion keeps
the focus, sits below the sticky header with its new verdict, and a live region says it was saved; the case
ends with the decision recorded."""
import pytest
from django.utils import translation

from accounts.roles import Role
from assessments.models import Allocation
from assessments.services import case_enrol, case_submit
from evidence.services import evidence_item_create
from judging.models import Decision, Judgment, Verdict
from tests.browser.conftest import sign_in, thai
from tests.exams.factories import pass_the_exam
from tests.factories import UserFactory
from tests.samples import pdf_upload

pytestmark = pytest.mark.browser

CODES = ["DL201.01", "DL201.02", "DL201.03", "DL201.04", "DL202.01", "DL202.02", "DL202.03",
         "DL203.01", "DL203.02", "DL203.03"]
SHORT = "DL202.02"  # judged below competent, with a comment, saved with the button


@pytest.fixture
def allocated(browser_unit, settings):
    settings.MODERATION_MODE = "none"
    candidate = UserFactory(username="candidate1", roles=[Role.CANDIDATE])
    assessor = UserFactory(username="assessor1", roles=[Role.ASSESSOR])
    admin = UserFactory(username="admin", is_staff=True, is_superuser=True)
    case = case_enrol(candidate=candidate, unit_code="DG-EJJM-026")
    for n, criterion in enumerate(case.unit.criteria.order_by("order")):
        evidence_item_create(case=case, by=candidate, title=f"หลักฐาน {criterion.code}", kind="performance",
                             uploads=[pdf_upload(marker=str(n))], mappings={criterion.pk: f"แสดง {criterion.code}"})
    case_submit(case=case, by=candidate, summary="หลักฐานครบทุกเกณฑ์")
    pass_the_exam(case)
    Allocation.objects.create(case=case, assessor=assessor, assigned_by=admin)
    return case, assessor


def _said(code: str, verdict: Verdict, judged: int) -> str:
    with translation.override("th"):
        return translation.gettext("Saved: %(code)s, %(verdict)s. %(judged)s of %(total)s judged.") % {
            "code": code, "verdict": str(verdict.label), "judged": judged, "total": 10}


def _in_place(page, code: str, verdict: Verdict, judged: int) -> None:
    """The saved criterion has the focus, its heading clear of the sticky header, and its verdict shows."""
    page.wait_for_function("text => document.getElementById('judging-live').textContent === text",
                           arg=_said(code, verdict, judged))
    assert page.evaluate("document.activeElement.id") == f"heading-{code}"
    header = page.locator(".judging-header").bounding_box()
    heading = page.locator(f"[id='heading-{code}']").bounding_box()
    assert heading["y"] >= header["y"] + header["height"], f"{code} is hidden under the sticky header"
    assert heading["y"] + heading["height"] <= page.viewport_size["height"], f"{code} is scrolled out of sight"
    card = page.locator(f"[id='criterion-{code}']")
    assert card.locator("[data-verdict]").get_attribute("data-verdict") == verdict.value
    assert card.locator("[data-verdict]").is_visible()


def test_an_assessor_judges_ten_criteria_from_the_keyboard_without_losing_their_place(page, live_server, allocated):
    case, assessor = allocated
    sign_in(page, live_server, assessor)
    page.goto(f"{live_server.url}/judging/cases/{case.pk}/")
    page.get_by_label("ข้าพเจ้าขอรับรองว่าไม่มีส่วนได้ส่วนเสีย").check()
    page.get_by_role("button", name=thai("Take this case and start judging")).click()
    page.wait_for_url(f"**/judging/cases/{case.pk}/")
    page.locator("#decision").wait_for()
    shortcuts = page.locator("#judging-shortcuts")
    assert shortcuts.is_visible() and shortcuts.locator("kbd").count() >= 5
    page.locator("body").focus()

    for judged, code in enumerate(CODES, start=1):
        page.keyboard.press("n")
        assert page.evaluate("document.activeElement.closest('.criterion-card').dataset.criterion") == code
        if code == SHORT:
            page.keyboard.press("1")
            page.keyboard.press("Tab")  # from the rubric to the comment
            page.keyboard.type("ยังไม่แสดงกระบวนงานดิจิทัลที่ออกแบบใหม่")
            for _tab in range(10):
                page.keyboard.press("Tab")
                if page.evaluate("document.activeElement.type") == "submit":
                    break
            page.keyboard.press("Enter")
            _in_place(page, code, Verdict.NOT_YET_COMPETENT, judged)
        else:
            page.keyboard.press("2")
            page.keyboard.press("s")
            _in_place(page, code, Verdict.COMPETENT, judged)

    assert page.locator("#judging-progress").inner_text() == thai("%(judged)s of %(total)s judged") % {
        "judged": 10, "total": 10}
    assert Judgment.objects.filter(case=case, assessor=assessor).count() == 10
    assert Judgment.objects.get(case=case, criterion__code=SHORT).verdict == Verdict.NOT_YET_COMPETENT

    page.locator("#decision textarea").focus()
    page.keyboard.type("ยังไม่ผ่าน DL202.02: ขาดกระบวนงานที่ออกแบบใหม่")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/judging/")

    decision = Decision.objects.get(case=case)
    assert decision.outcome == Decision.Outcome.NOT_YET_COMPETENT
    assert decision.confirmed_by == assessor
