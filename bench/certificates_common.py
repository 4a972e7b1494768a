"""Shared by the certificate benchmarks: candidates certified through the real issuing service, quickly."""
import io
import sys
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def start_signing_pki():
    """The tests' real local PKI (certomancer: the agency's signer, a TSA, OCSP and CRLs) in a child process; its
    `settings()` are the environment that makes the portal sign and timestamp with it. Stop it with `.stop()`."""
    sys.path.insert(0, str(ROOT))
    from tests.pki import LocalPki

    return LocalPki(ROOT / "var" / "bench-pki").start()


def ensure_signatory() -> None:
    """A signatory with a signature image, as an administrator would have set."""
    from django.core.files.base import ContentFile
    from PIL import Image

    from certificates.models import Signatory
    from certificates.services import signatory_save

    if Signatory.objects.filter(is_active=True).exists():
        return
    image = io.BytesIO()
    Image.new("RGB", (480, 160), "white").save(image, "PNG")
    person = Signatory(name_th="นางสาวสุนันทา ศรีวิไล", position_th="ผู้อำนวยการสำนักงานมาตรฐานสมรรถนะดิจิทัล")
    person.signature.save("bench-signature.png", ContentFile(image.getvalue()), save=False)
    signatory_save(person)


def certify(count: int, *, department=None) -> list[int]:
    """Issue `count` certificates (through certificates.services.certificate_issue) and return their ids."""
    from django.contrib.auth.models import Group
    from django.db import transaction

    from accounts.models import User
    from assessments.models import AssessmentCase
    from certificates.services import certificate_issue
    from competency.selectors import unit_current
    from judging.models import Decision, Judgment

    ensure_signatory()
    unit = unit_current(code="DG-EJJM-026")
    criteria = list(unit.criteria.order_by("order"))
    admin = User.objects.filter(is_superuser=True).first()
    candidates = Group.objects.get(name="Candidate")
    ids = []
    with transaction.atomic():
        for n in range(count):
            person = User.objects.create(
                username=f"bench-{uuid.uuid4().hex[:12]}", email=f"bench{n}@example.go.th", name_prefix_th="นาย",
                first_name_th="สมชาย", last_name_th=f"ทดสอบ{n}", name_prefix_en="Mr", first_name_en="Somchai",
                last_name_en=f"Test{n}", department=department)
            person.groups.add(candidates)
            case = AssessmentCase.objects.create(candidate=person, unit=unit, unit_code=unit.code,
                                                 state=AssessmentCase.State.COMPETENT)
            # Every criterion judged competent, so the certificate lists them on its second page, as real ones do.
            Judgment.objects.bulk_create([
                Judgment(case=case, round=1, criterion=criterion, assessor=admin, score=2, verdict="competent",
                         comment="ครบถ้วน") for criterion in criteria])
            Decision.objects.create(case=case, round=1, outcome=Decision.Outcome.COMPETENT, summary="ผ่าน",
                                    exam_passed=True, confirmed_by=admin, status=Decision.Status.RELEASED)
            ids.append(certificate_issue(case=case, by=admin).pk)
    return ids


def certificate_html(certificate_id: int) -> str:
    """The finished HTML the certificate task hands to WeasyPrint, rendered as the task renders it."""
    from django.template.loader import render_to_string
    from django.utils import translation

    from certificates.documents import certificate_html_context
    from certificates.models import Certificate
    from core.thai_fonts import font_faces_css

    certificate = Certificate.objects.select_related("signatory").get(pk=certificate_id)
    with translation.override("th"):
        return render_to_string("certificates/pdf/certificate.html",
                                {**certificate_html_context(certificate), "font_faces_css": font_faces_css()})
