"""The demo case `make run` offers: candidate3's portfolio, marked by assessor1 and waiting for a second marker."""
from django.db import transaction
from django.utils.translation import override

from accounts.models import User
from assessments.models import Allocation, AssessmentCase
from assessments.services import case_enrol, case_submit
from competency.models import Unit
from core.pdf import html_to_pdf
from evidence.services import evidence_item_create
from judging.services import allocation_assign, case_take, decision_confirm, judgment_record

DEMO_UNIT = "DG-EJJM-026"
NOT_YET = "DL203.02"


def _evidence_pdf(title: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    html = f"<html lang='th'><body><h1>{title}</h1><p>เอกสารตัวอย่างสำหรับการสาธิตระบบ</p></body></html>"
    return SimpleUploadedFile(f"{title}.pdf", html_to_pdf(html), "application/pdf")


@transaction.atomic
def demo_case_awaiting_second_marking() -> AssessmentCase | None:
    """Create it once (never again, whatever happened to it since); None when the unit is not loaded."""
    candidate = User.objects.get(username="candidate3")
    existing = AssessmentCase.objects.filter(candidate=candidate).first()
    if existing is not None or not Unit.objects.filter(code=DEMO_UNIT).exists():
        return existing
    first_marker, admin = User.objects.get(username="assessor1"), User.objects.get(username="admin")
    with override("th"):
        case = case_enrol(candidate=candidate, unit_code=DEMO_UNIT)
        criteria = list(case.unit.criteria.order_by("order"))
        evidence_item_create(
            case=case, by=candidate, title="แผนการปรับองค์กรสู่ดิจิทัล กรมการปกครอง", kind="performance",
            uploads=[_evidence_pdf("แผนการปรับองค์กรสู่ดิจิทัล")],
            mappings={c.pk: f"แผนส่วนที่แสดง {c.code}" for c in criteria},
        )
        case_submit(case=case, by=candidate, summary="แผนการปรับองค์กรฉบับเต็ม ครอบคลุมทุกเกณฑ์")
        allocation_assign(case=case, assessor=first_marker, by=admin, marking=Allocation.Marking.FIRST)
        lease = case_take(case=case, assessor=first_marker, declared=True)
        for criterion in criteria:
            short = criterion.code == NOT_YET
            judgment_record(case=case, criterion_id=criterion.pk, assessor=first_marker, score=1 if short else 2,
                            comment="แผนการสื่อสารยังไม่ระบุกลุ่มเป้าหมายและช่องทาง" if short else "",
                            evidence_item_ids=[], lease_token=lease.token)
        # Sent to second marking whatever MODERATION_MODE says, so the path can always be seen.
        decision_confirm(case=case, assessor=first_marker, lease_token=lease.token, second_marking=True,
                         summary="หลักฐานครบเกือบทุกเกณฑ์ ยกเว้นแผนการสื่อสาร และยังไม่ได้สอบข้อเขียน")
    case.refresh_from_db()
    return case
