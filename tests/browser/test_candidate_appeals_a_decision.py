"""Every decision is second-marked (MODERATION_MODE=all): candidate1's decision is released not yet competent on
one criterion, the two markers agreeing. They appeal it from their case page;
coordinator1 gives the appeal to panel1, a moderator who took no part in the case (the first marker is not
offered, nor the second); panel1 upholds it and candidate1 finds the certificate among theirs. In the second journey panel1
dismisses the appeal and candidate1 reads the dismissal and its reasons on the case page. In the third,
candidate1 complains about the process and coordinator1 acknowledges and answers the complaint."""
import pytest

from accounts.roles import Role
from assessments.models import Allocation
from assessments.services import case_enrol, case_submit
from evidence.services import evidence_item_create
from judging.services import allocation_assign, decision_confirm, lease_acquire
from tests.browser.conftest import sign_in, thai
from tests.exams.factories import pass_the_exam
from tests.factories import UserFactory
from tests.judging.factories import judge_all
from tests.samples import pdf_upload

pytestmark = pytest.mark.browser


@pytest.fixture
def people(browser_unit, settings):
    settings.MODERATION_MODE = "all"
    return {
        "candidate": UserFactory(username="candidate1", roles=[Role.CANDIDATE]),
        # The first marker is a moderator too: the panel must still refuse them.
        "assessor": UserFactory(username="assessor1", roles=[Role.ASSESSOR, Role.MODERATOR]),
        "coordinator": UserFactory(username="coordinator1", roles=[Role.COORDINATOR]),
        "second": UserFactory(username="assessor2", roles=[Role.ASSESSOR, Role.MODERATOR]),
        "panel": UserFactory(username="panel1", roles=[Role.MODERATOR]),
    }


@pytest.fixture
def released_case(people):
    candidate, assessor = people["candidate"], people["assessor"]
    case = case_enrol(candidate=candidate, unit_code="DG-EJJM-026")
    for n, criterion in enumerate(case.unit.criteria.order_by("order")):
        evidence_item_create(case=case, by=candidate, title=f"หลักฐาน {criterion.code}", kind="performance",
                             uploads=[pdf_upload(marker=str(n))], mappings={criterion.pk: f"แสดง {criterion.code}"})
    case_submit(case=case, by=candidate, summary="หลักฐานครบทุกเกณฑ์")
    pass_the_exam(case)
    Allocation.objects.create(case=case, assessor=assessor, assigned_by=people["coordinator"])
    lease = lease_acquire(case=case, assessor=assessor)
    judge_all(case, assessor, lease, not_yet=("DL201.02",))
    decision_confirm(case=case, assessor=assessor, summary="ยังไม่แสดงแผนอัตรากำลัง", lease_token=lease.token)
    second = people["second"]
    allocation_assign(case=case, assessor=second, by=people["coordinator"], marking="second")
    lease = lease_acquire(case=case, assessor=second)
    judge_all(case, second, lease, not_yet=("DL201.02",))
    decision_confirm(case=case, assessor=second, summary="เห็นพ้อง: ยังไม่แสดงแผนอัตรากำลัง", lease_token=lease.token)
    case.refresh_from_db()
    assert case.state == "not_yet_competent"
    return case


def _appeal(page, live_server, case, candidate, tmp_path):
    sign_in(page, live_server, candidate)
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    assert page.locator("#appeal-deadline").is_visible()
    page.get_by_role("link", name=thai("Appeal the decision")).click()
    page.get_by_label(thai("What do you appeal?")).select_option(
        str(case.unit.criteria.get(code="DL201.02").pk))
    page.get_by_label(thai("Grounds of the appeal")).fill("แผนอัตรากำลังอยู่ในภาคผนวก ข ของเอกสารที่ส่ง")
    document = tmp_path / "ภาคผนวก.pdf"
    from tests.samples import pdf_bytes

    document.write_bytes(pdf_bytes(marker="annex"))
    page.locator("input[type=file]").set_input_files(str(document))
    page.get_by_role("button", name=thai("Lodge the appeal")).click()
    page.wait_for_url("**/appeals/*/")
    assert page.locator("#appeal-status").get_attribute("data-appeal-status") == "lodged"
    return page.url


def _give_to_panel(browser, live_server, appeal_url, people):
    context = browser.new_context(locale="th-TH")
    page = context.new_page()
    sign_in(page, live_server, people["coordinator"])
    page.get_by_role("link", name=thai("Appeals and complaints")).click()
    page.locator("#appeals-waiting a").first.click()
    panel_choice = page.locator("select[name=panel_member]")
    offered = panel_choice.locator("option").all_inner_texts()
    assert not any("assessor1" in option or "assessor2" in option for option in offered), \
        "one of the case's own markers was offered"
    panel_choice.select_option(str(people["panel"].pk))
    page.get_by_role("button", name=thai("Give to the panel member")).click()
    page.wait_for_load_state()
    assert page.locator("#appeal-status").get_attribute("data-appeal-status") == "with_panel"
    context.close()


def _rule(browser, live_server, people, *, uphold: bool, reasons: str):
    context = browser.new_context(locale="th-TH")
    page = context.new_page()
    sign_in(page, live_server, people["panel"])
    page.get_by_role("link", name=thai("Appeals and complaints")).click()
    page.locator("#appeals-on-panel a").first.click()
    assert "แผนอัตรากำลังอยู่ในภาคผนวก ข" in page.locator("#appeal-grounds").inner_text()
    page.get_by_label(thai("Uphold the appeal" if uphold else "Dismiss the appeal")).check()
    page.locator("#ruling textarea[name=reasons]").fill(reasons)
    page.get_by_role("button", name=thai("Record the ruling")).click()
    page.wait_for_load_state()
    assert page.locator("#appeal-status").get_attribute("data-appeal-status") == ("upheld" if uphold else "dismissed")
    context.close()


def test_an_upheld_appeal_issues_the_certificate(page, live_server, browser, people, released_case, tmp_path):
    appeal_url = _appeal(page, live_server, released_case, people["candidate"], tmp_path)
    _give_to_panel(browser, live_server, appeal_url, people)
    _rule(browser, live_server, people, uphold=True, reasons="ภาคผนวก ข แสดงแผนอัตรากำลังครบตามเกณฑ์")

    page.goto(f"{live_server.url}/cases/{released_case.pk}/")
    assert page.locator("#appeal-status").get_attribute("data-appeal-status") == "upheld"
    assert page.locator("#case-state").get_attribute("data-case-state") == "certified"
    assert thai("Appeal upheld") in page.locator("#case-timeline").inner_text()
    page.get_by_role("link", name=thai("My certificates")).first.click()
    certificate = released_case.certificates.get()
    row = page.locator(f"[data-certificate='{certificate.number}']")
    assert row.is_visible()
    assert "DG-EJJM-026" in row.inner_text()


def test_a_dismissed_appeal_shows_its_reasons(page, live_server, browser, people, released_case, tmp_path):
    appeal_url = _appeal(page, live_server, released_case, people["candidate"], tmp_path)
    _give_to_panel(browser, live_server, appeal_url, people)
    _rule(browser, live_server, people, uphold=False, reasons="ภาคผนวก ข ไม่ได้ระบุภาระงานของบุคลากร")

    page.goto(f"{live_server.url}/cases/{released_case.pk}/")
    assert page.locator("#appeal-status").get_attribute("data-appeal-status") == "dismissed"
    assert thai("Dismissed") in page.locator("#appeal-status").inner_text()
    assert "ภาคผนวก ข ไม่ได้ระบุภาระงานของบุคลากร" in page.locator("#appeal-reasons").inner_text()
    assert page.locator("#case-state").get_attribute("data-case-state") == "not_yet_competent"
    assert not released_case.certificates.exists()


def test_a_complaint_is_recorded_acknowledged_and_answered(page, live_server, browser, people, released_case):
    """candidate1 complains about how the assessment was run; coordinator1 acknowledges it, then answers it, and
    candidate1 reads the answer from their case page, the complaint's steps in the case's timeline."""
    sign_in(page, live_server, people["candidate"])
    page.goto(f"{live_server.url}/cases/{released_case.pk}/")
    page.get_by_role("link", name=thai("Complain about how the assessment was run")).click()
    page.locator("textarea[name=text]").fill("ไม่ได้รับแจ้งกำหนดการสอบข้อเขียนล่วงหน้า")
    page.get_by_role("button", name=thai("Record the complaint")).click()
    page.wait_for_url("**/complaints/*/")
    assert page.locator("#complaint-status").get_attribute("data-complaint-status") == "recorded"
    complaint_url = page.url

    context = browser.new_context(locale="th-TH")
    staff = context.new_page()
    sign_in(staff, live_server, people["coordinator"])
    staff.get_by_role("link", name=thai("Appeals and complaints")).click()
    staff.locator("#open-complaints a").first.click()
    assert "ไม่ได้รับแจ้งกำหนดการสอบข้อเขียนล่วงหน้า" in staff.locator("#complaint-text").inner_text()
    staff.get_by_role("button", name=thai("Acknowledge the complaint")).click()
    staff.wait_for_load_state()
    assert staff.locator("#complaint-status").get_attribute("data-complaint-status") == "acknowledged"
    staff.locator("textarea[name=answer]").fill("ขออภัย หน่วยงานได้ปรับขั้นตอนแจ้งกำหนดการล่วงหน้า 14 วันแล้ว")
    staff.get_by_role("button", name=thai("Send the answer")).click()
    staff.wait_for_load_state()
    assert staff.locator("#complaint-status").get_attribute("data-complaint-status") == "answered"
    context.close()

    page.goto(f"{live_server.url}/cases/{released_case.pk}/")
    page.locator("[data-complaint] a").first.click()
    assert page.url == complaint_url
    assert "ปรับขั้นตอนแจ้งกำหนดการล่วงหน้า 14 วัน" in page.locator("#complaint-answer").inner_text()
    page.goto(f"{live_server.url}/cases/{released_case.pk}/")
    timeline = page.locator("#case-timeline").inner_text()
    for step in ("Complaint recorded", "Complaint acknowledged", "Complaint answered"):
        assert thai(step) in timeline
