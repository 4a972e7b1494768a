"""assessor1 declares no conflict of interest, takes the case, judges all ten criteria (one not yet competent)
and asks for more evidence; candidate1 adds an item and resubmits; assessor1 declares again for the new round,
judges it competent and confirms; assessor2 is refused the case."""
import pytest

from accounts.roles import Role
from assessments.models import Allocation
from assessments.services import case_enrol, case_submit
from evidence.services import evidence_item_create
from judging.models import ImpartialityDeclaration
from tests.browser.conftest import sign_in, thai
from tests.exams.factories import pass_the_exam
from tests.factories import UserFactory
from tests.samples import pdf_bytes, pdf_upload

pytestmark = pytest.mark.browser

DECLARATION_OPENING = "ข้าพเจ้าขอรับรองว่าไม่มีส่วนได้ส่วนเสีย"


def candidate_case_state(case) -> str:
    case.refresh_from_db()
    return case.state


def _judge_every_criterion(page, *, not_yet: dict[str, str]):
    page.locator("#decision").wait_for()  # the whole screen has arrived
    codes = [c.get_attribute("data-criterion") for c in page.locator(".criterion-card").all()]
    for code in codes:
        card = page.locator(f".criterion-card[data-criterion='{code}']")
        if code in not_yet:
            card.locator("input[type=radio][value='1']").check()
            card.locator("textarea").fill(not_yet[code])
        else:
            # From the keyboard: focus the rubric, press 2 (competent).
            card.locator("input[type=radio]").first.focus()
            page.keyboard.press("2")
        card.get_by_role("button", name=thai("Save judgment")).click()
        # Saved in place, without a reload: the card says so.
        card.locator("[data-saved-message]:not(:empty)").wait_for()
    return codes


def test_a_case_is_judged_sent_back_resubmitted_and_confirmed(page, live_server, browser_unit, browser, settings,
                                                              tmp_path):
    settings.MODERATION_MODE = "none"
    candidate1 = UserFactory(username="candidate1", roles=[Role.CANDIDATE])
    assessor1 = UserFactory(username="assessor1", roles=[Role.ASSESSOR])
    assessor2 = UserFactory(username="assessor2", roles=[Role.ASSESSOR])
    admin = UserFactory(username="admin", is_staff=True, is_superuser=True)
    case = case_enrol(candidate=candidate1, unit_code="DG-EJJM-026")
    for n, criterion in enumerate(case.unit.criteria.order_by("order")):
        evidence_item_create(case=case, by=candidate1, title=f"หลักฐาน {criterion.code}", kind="performance",
                             uploads=[pdf_upload(marker=str(n))], mappings={criterion.pk: f"แสดง {criterion.code}"})
    case_submit(case=case, by=candidate1, summary="หลักฐานครบทุกเกณฑ์")
    pass_the_exam(case)
    Allocation.objects.create(case=case, assessor=assessor1, assigned_by=admin)

    # Round 1: one criterion not yet competent, then more evidence is requested.
    sign_in(page, live_server, assessor1)
    page.get_by_role("link", name=thai("My assessment queue")).click()
    page.locator(f"#queue a[href$='/judging/cases/{case.pk}/']").click()
    page.wait_for_url(f"**/judging/cases/{case.pk}/")
    page.wait_for_load_state("load")
    # Opening the case changed nothing; taking it is an explicit action.
    assert candidate_case_state(case) == "submitted"
    # Taking it needs the declaration of no conflict of interest, ticked.
    page.get_by_label(DECLARATION_OPENING).check()
    page.get_by_role("button", name=thai("Take this case and start judging")).click()
    page.wait_for_url(f"**/judging/cases/{case.pk}/")
    assert candidate_case_state(case) == "under_assessment"
    assert ImpartialityDeclaration.objects.get(case=case, round=1, assessor=assessor1).text.startswith(
        DECLARATION_OPENING)
    codes = _judge_every_criterion(page, not_yet={"DL201.02": "ยังไม่ระบุภาระงานและอัตรากำลังที่ต้องการ"})
    assert len(codes) == 10
    assert page.locator("#judging-progress").inner_text() == thai("%(judged)s of %(total)s judged") % {
        "judged": 10, "total": 10}
    page.locator("#decision textarea").fill("ขอหลักฐานเพิ่มเติมเรื่องภาระงานของบุคลากร")
    page.get_by_role("button", name=thai("Request more evidence")).click()
    page.wait_for_url("**/judging/")

    # The candidate reads the comment, adds an item for DL201.02 and resubmits.
    candidate_context = browser.new_context(locale="th-TH")
    candidate_page = candidate_context.new_page()
    sign_in(candidate_page, live_server, candidate1)
    candidate_page.goto(f"{live_server.url}/cases/{case.pk}/")
    assert "ยังไม่ระบุภาระงานและอัตรากำลังที่ต้องการ" in candidate_page.locator("[data-feedback='DL201.02']").inner_text()
    pdf = tmp_path / "workload.pdf"
    pdf.write_bytes(pdf_bytes(marker="workload"))
    candidate_page.get_by_role("link", name=thai("Add evidence")).click()
    candidate_page.locator("input[name=title]").fill("ตารางภาระงานและอัตรากำลัง")
    candidate_page.locator("input[name=files]").set_input_files(str(pdf))
    box = candidate_page.locator("[data-mapping='DL201.02']")
    box.locator("input[type=checkbox]").check()
    box.locator("textarea").fill("แสดงภาระงาน FTE และทักษะที่ต้องการของแต่ละบทบาท")
    candidate_page.get_by_role("button", name=thai("Save evidence")).click()
    candidate_page.wait_for_url(f"**/cases/{case.pk}/")
    candidate_page.locator("textarea[name=summary]").fill("เพิ่มตารางภาระงานตามข้อเสนอแนะ")
    candidate_page.locator("input[name=confirm]").check()
    candidate_page.get_by_role("button", name=thai("Submit my portfolio")).click()
    candidate_page.wait_for_url(f"**/cases/{case.pk}/")
    assert candidate_page.locator("#case-state").get_attribute("data-case-state") == "resubmitted"

    # Round 2: everything competent, confirmed.
    page.goto(f"{live_server.url}/judging/cases/{case.pk}/")
    page.get_by_label(DECLARATION_OPENING).check()
    page.get_by_role("button", name=thai("Take this case and start judging")).click()
    page.wait_for_url(f"**/judging/cases/{case.pk}/")
    assert "ตารางภาระงานและอัตรากำลัง" in page.locator(".criterion-card[data-criterion='DL201.02']").inner_text()
    _judge_every_criterion(page, not_yet={})
    page.locator("#decision textarea").fill("หลักฐานครบถ้วนทุกเกณฑ์และสอบข้อเขียนผ่าน")
    page.get_by_role("button", name=thai("Confirm the decision")).click()
    page.wait_for_url("**/judging/")

    candidate_page.reload()
    assert candidate_page.locator("[data-outcome]").get_attribute("data-outcome") == "competent"
    candidate_context.close()

    # assessor2 is not allocated: the case does not exist for them.
    other_context = browser.new_context(locale="th-TH")
    other_page = other_context.new_page()
    sign_in(other_page, live_server, assessor2)
    assert other_page.goto(f"{live_server.url}/judging/cases/{case.pk}/").status == 404
    other_context.close()
