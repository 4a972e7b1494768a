"""The unit's fixture carries the whole official text of DG-EJJM-026, Thai verbatim, with English beside it."""
import pytest
from django.core.management import call_command

from competency.models import Element, PerformanceCriterion, Unit, UnitStatement

pytestmark = pytest.mark.django_db

OFFICIAL_CRITERIA = [
    ("DL201", "DL201.01", 217398, "กำหนดกระบวนงานหลักขององค์กรดิจิทัลที่ควรจะเป็นให้สอดคล้องกับนโยบายและกลยุทธ์"),
    ("DL201", "DL201.02", 217399, "กำหนดบทบาทหน้าที่ ภาระงาน และทักษะ ของบุคลากรในกระบวนงานหลักขององค์กรดิจิทัลที่ควรจะเป็น"),
    ("DL201", "DL201.03", 217400, "วิเคราะห์ข้อมูลหลัก (Core Data) เพื่อการแลกเปลี่ยนเชื่อมต่อข้อมูล (Information Sharing) นำไปสู่องค์กรดิจิทัล"),
    ("DL201", "DL201.04", 217401, "วิเคราะห์ช่องว่าง (Gap Analysis) เพื่อใช้เป็นข้อมูลวางแผนองค์กรดิจิทัล"),
    ("DL202", "DL202.01", 217402, "ปรับโครงสร้างองค์กรและวิธีการบริหารจัดการที่เหมาะสมกับองค์กรดิจิทัล"),
    ("DL202", "DL202.02", 217403, "ปรับปรุงรูปแบบการบริหารจัดการบุคลากรให้เหมาะสมกับองค์กรดิจิทัล"),
    ("DL202", "DL202.03", 217404, "ระบุอุปกรณ์เครื่องมือ เพื่อสนับสนุนการพัฒนาสู่องค์กรดิจิทัล"),
    ("DL203", "DL203.01", 217405, "จัดทำพิมพ์เขียว (Blueprint) องค์กรดิจิทัล"),
    ("DL203", "DL203.02", 217406, "สื่อสารภายในและระหว่างหน่วยงานให้เข้าใจถึงการปรับเปลี่ยนไปสู่องค์กรดิจิทัล"),
    ("DL203", "DL203.03", 217407, "ระบุอุปกรณ์เครื่องมือ เพื่อสนับสนุนการพัฒนาสู่องค์กรดิจิทัล"),
]


def test_the_unit_header_matches_the_official_text(unit):
    assert unit.code == "DG-EJJM-026"
    assert unit.title_th == "ออกแบบองค์กรดิจิทัล"
    assert unit.title_en == "Design a Digital Organization"
    assert unit.family_th == "สมรรถนะสนับสนุนการทำงานด้านดิจิทัลสำหรับข้าราชการ และบุคลากรภาครัฐ"
    assert (unit.revision_number, unit.revision_year_be) == (1, 2567)
    assert unit.state == Unit.State.PUBLISHED
    assert unit.document_status_th == "สร้างใหม่ ปรับปรุง"
    assert unit.sector_th == "ข้าราชการและบุคลากรภาครัฐ"
    assert unit.assessment_method_th == "สอบข้อเขียน"
    assert unit.occupation_codes == unit.other_occupations == unit.regulation_th == "N/A"
    assert unit.shared_units == unit.shared_industries == "N/A"
    assert unit.qualification_level == ""
    assert unit.description_th.startswith("ผู้ที่ผ่านหน่วยสมรรถนะนี้ จะเป็นผู้มีวิสัยทัศน์ (Forward thinking)")
    assert unit.description_th.endswith("(Future Design) เพื่อจัดทำพิมพ์เขียว")


def test_all_ten_criteria_carry_their_codes_system_ids_and_thai_text(unit):
    criteria = list(unit.criteria.select_related("element").order_by("order"))
    assert [(c.element.code, c.code, c.system_id, c.text_th) for c in criteria] == OFFICIAL_CRITERIA
    assert all(c.text_en for c in criteria)


def test_dl202_03_and_dl203_03_share_a_sentence_and_stay_two_criteria(unit):
    twins = unit.criteria.filter(code__in=["DL202.03", "DL203.03"]).order_by("code")
    assert twins.count() == 2
    first, second = twins
    assert first.text_th == second.text_th
    assert first.element.code == "DL202" and second.element.code == "DL203"
    assert first.system_id != second.system_id


def test_three_elements_in_the_official_order(unit):
    assert list(unit.elements.order_by("order").values_list("code", "title_th")) == [
        ("DL201", "วิเคราะห์องค์กรปัจจุบันเปรียบเทียบกับองค์กรดิจิทัลอนาคต"),
        ("DL202", "ออกแบบส่วนประกอบขององค์กรดิจิทัล"),
        ("DL203", "ส่งมอบพิมพ์เขียว (Blueprint) องค์กรดิจิทัล"),
    ]


def test_every_section_of_the_guide_is_there_in_both_languages(unit):
    counts = {
        section: unit.statements.filter(section=section).count() for section in UnitStatement.Section.values
    }
    assert counts == {
        "prerequisite": 5,
        "skill": 10,
        "knowledge": 9,
        "performance_evidence": 2,
        "knowledge_evidence": 2,
        "assessment_guidance": 2,
        "range": 1,
        "range_guidance": 1,
        "range_detail": 1,
    }
    assert not unit.statements.filter(text_en="").exists()


def test_the_official_typos_are_kept_verbatim(unit):
    texts = list(unit.statements.values_list("text_th", flat=True))
    assert "ทักษะการเรียนรู้ในศตวววษที่ 21" in texts
    assert "จูงใจให้ผู้มีส่วนเกี่ยวข้อคล้อยตาม (Interpersonal Influencing)" in texts
    assert any("เทคโนดิจิทัลที่ทันสมัย" in t for t in texts)
    assert any("(G2G, G2C, G2B)" in t for t in texts)


def test_loading_the_fixture_twice_changes_nothing(unit):
    before = [m.objects.count() for m in (Unit, Element, PerformanceCriterion, UnitStatement)]
    call_command("loaddata", "dg_ejjm_026", verbosity=0)
    after = [m.objects.count() for m in (Unit, Element, PerformanceCriterion, UnitStatement)]
    assert before == after == [1, 3, 10, 33]


def test_load_standard_leaves_a_revised_unit_alone(unit, standards_administrator):
    from competency.services import unit_publish, unit_revision_create

    unit_publish(unit=unit_revision_create(unit=unit, by=standards_administrator), by=standards_administrator)
    call_command("load_standard", verbosity=0)
    unit.refresh_from_db()
    assert unit.state == Unit.State.SUPERSEDED
    assert Unit.objects.filter(code="DG-EJJM-026").count() == 2
