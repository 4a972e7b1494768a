"""candidate1 enrols, uploads evidence against the criteria, watches the matrix fill, submits, and finds
the portfolio locked; candidate2 cannot open candidate1's file."""
import base64

import pytest

from accounts.roles import Role
from evidence.models import EvidenceFile
from tests.browser.conftest import sign_in, thai
from tests.factories import UserFactory
from tests.samples import docx_bytes, pdf_bytes

pytestmark = pytest.mark.browser


def _coverage_text(covered: int) -> str:
    return thai("%(covered)s of %(total)s criteria have evidence") % {"covered": covered, "total": 10}


def _map(page, code: str, statement: str) -> None:
    box = page.locator(f"[data-mapping='{code}']")
    box.locator("input[type=checkbox]").check()
    box.locator("textarea").fill(statement)


def _drop_file(page, name: str, content: bytes, mime: str) -> None:
    """Drop a file onto the drop zone the way a person drags one from their desktop."""
    data_transfer = page.evaluate_handle(
        """([name, b64, mime]) => {
            const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
            const transfer = new DataTransfer();
            transfer.items.add(new File([bytes], name, { type: mime }));
            return transfer;
        }""",
        [name, base64.b64encode(content).decode(), mime],
    )
    page.dispatch_event("[data-drop-zone]", "drop", {"dataTransfer": data_transfer})


def test_candidate1_builds_and_submits_a_portfolio(page, live_server, browser_unit, tmp_path):
    candidate1 = UserFactory(username="candidate1", roles=[Role.CANDIDATE])
    sign_in(page, live_server, candidate1)

    page.get_by_role("link", name=thai("My assessments")).first.click()
    page.get_by_role("button", name=thai("Enrol in %(code)s") % {"code": "DG-EJJM-026"}).click()
    page.wait_for_url("**/cases/*/")
    assert page.locator("#coverage-count").inner_text() == _coverage_text(0)

    # A PDF for DL201.01, chosen with the file picker.
    pdf = tmp_path / "กระบวนงานหลัก.pdf"
    pdf.write_bytes(pdf_bytes(marker="core processes"))
    page.get_by_role("link", name=thai("Add evidence")).click()
    page.locator("input[name=title]").fill("แผนภาพกระบวนงานหลักขององค์กรดิจิทัล")
    page.locator("input[name=files]").set_input_files(str(pdf))
    _map(page, "DL201.01", "แสดงกระบวนงานหลักต้นน้ำถึงปลายน้ำที่สอดคล้องกับยุทธศาสตร์กรม")
    page.get_by_role("button", name=thai("Save evidence")).click()
    page.wait_for_url("**/cases/*/")
    assert page.locator("#coverage-count").inner_text() == _coverage_text(1)

    # A DOCX mapped to DL201.03 and DL201.04, dragged onto the drop zone.
    page.get_by_role("link", name=thai("Add evidence")).click()
    page.locator("input[name=title]").fill("การวิเคราะห์ข้อมูลหลักและช่องว่าง")
    _drop_file(page, "ข้อมูลหลัก.docx", docx_bytes(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    assert "ข้อมูลหลัก.docx" in page.locator("[data-chosen-files]").inner_text()
    _map(page, "DL201.03", "ระบุชุดข้อมูลหลักและการแลกเปลี่ยนแบบ G2G")
    _map(page, "DL201.04", "ตารางวิเคราะห์ช่องว่างด้านกระบวนงาน คน ข้อมูล และเทคโนโลยี")
    page.get_by_role("button", name=thai("Save evidence")).click()
    page.wait_for_url("**/cases/*/")

    assert page.locator("#coverage-count").inner_text() == _coverage_text(3)
    for code in ("DL201.01", "DL201.03", "DL201.04"):
        assert page.locator(f"tr[data-criterion='{code}'] [data-no-evidence]").count() == 0, code
    assert page.locator("[data-no-evidence]").count() == 7
    assert "DL201.02" in page.locator("#uncovered-warning").inner_text()

    page.locator("textarea[name=summary]").fill("หลักฐานแสดงการออกแบบกระบวนงานและข้อมูลหลักของกรม")
    page.locator("input[name=confirm]").check()
    page.get_by_role("button", name=thai("Submit my portfolio")).click()
    page.wait_for_url("**/cases/*/")

    assert page.locator("#case-state").get_attribute("data-case-state") == "submitted"
    assert page.locator("#portfolio-locked").is_visible()
    assert page.get_by_role("link", name=thai("Add evidence")).count() == 0
    assert page.get_by_role("button", name=thai("Delete")).count() == 0
    assert page.get_by_role("link", name=thai("Replace")).count() == 0


def test_candidate2_gets_404_for_candidate1s_file(page, live_server, browser_unit, browser):
    from assessments.services import case_enrol
    from evidence.services import evidence_item_create
    from tests.samples import pdf_upload

    candidate1 = UserFactory(username="candidate1", roles=[Role.CANDIDATE])
    candidate2 = UserFactory(username="candidate2", roles=[Role.CANDIDATE])
    case = case_enrol(candidate=candidate1, unit_code="DG-EJJM-026")
    evidence_item_create(
        case=case, by=candidate1, title="กระบวนงานหลัก", kind="performance", uploads=[pdf_upload()],
        mappings={case.unit.criteria.get(code="DL201.01").pk: "แสดงกระบวนงาน"},
    )
    file_url = f"{live_server.url}/evidence/files/{EvidenceFile.objects.get().pk}/"

    sign_in(page, live_server, candidate2)
    response = page.goto(file_url)

    assert response.status == 404
    assert thai("Page not found") in page.locator("h1").inner_text()
