"""Certificate fixtures: competent cases released through the judging workflow, agencies' HR officers, PDFs."""
import io
import shutil
import subprocess
from pathlib import Path

import pytest
from django.db import transaction
from PIL import Image

from accounts.roles import Role
from tests.factories import UserFactory

from .factories import released_competent_case_for


@pytest.fixture(autouse=True)
def _portal_url(settings):
    settings.PORTAL_BASE_URL = "https://portal.example.go.th"


@pytest.fixture(autouse=True)
def _fresh_throttle():
    from django.core.cache import caches

    caches["throttle"].clear()


@pytest.fixture
def signatory(db):
    from django.core.files.base import ContentFile

    from certificates.models import Signatory

    image = io.BytesIO()
    Image.new("RGB", (240, 80), "white").save(image, "PNG")
    person = Signatory(name_th="นางสาวสุนันทา ศรีวิไล", name_en="Ms Sunanta Sriwilai",
                       position_th="ผู้อำนวยการสำนักงานมาตรฐานสมรรถนะดิจิทัล",
                       position_en="Director, Office of Digital Competency Standards")
    person.signature.save("signature.png", ContentFile(image.getvalue()), save=False)
    person.save()
    return person


@pytest.fixture
def competent_case(lease, allocated_case, assessor, signatory):
    """The candidate's case, every criterion judged competent by the assessor and the decision released,
    which issues the certificate (judging.services._release calls certificate_issue)."""
    from judging.models import Decision
    from judging.services import _release, judgment_record

    for criterion in allocated_case.unit.criteria.order_by("order"):
        judgment_record(case=allocated_case, criterion_id=criterion.pk, assessor=assessor, score=2,
                        comment=f"ครบถ้วนตาม {criterion.code}", evidence_item_ids=[], lease_token=lease.token)
    # decision_confirm waits for the exams app's results; the release that follows it is what matters here.
    decision = Decision.objects.create(case=allocated_case, round=allocated_case.round,
                                       outcome=Decision.Outcome.COMPETENT, summary="ผ่านทุกเกณฑ์", exam_passed=True,
                                       confirmed_by=assessor, status=Decision.Status.AWAITING_MODERATION)
    with transaction.atomic():
        _release(decision, by=assessor)
    allocated_case.refresh_from_db()
    return allocated_case


@pytest.fixture
def certificate(competent_case):
    return competent_case.certificates.get()


@pytest.fixture
def agency_hr(candidate):
    """An HR officer of the candidate's own agency."""
    return UserFactory(username="hana", roles=[Role.HR_OFFICER], department=candidate.department)


@pytest.fixture
def other_agency_hr(hr_officer):
    return hr_officer


@pytest.fixture
def issue(unit, superuser):
    """Issue certificates to new candidates: issue(agency=…, name_th=…) returns the certificate."""
    def make(**person):
        return released_competent_case_for(by=superuser, **person).certificates.get()

    return make


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "extract.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True, text=True).stdout


def qr_from_pdf(pdf: bytes, tmp_path: Path) -> str:
    """Rasterise the first page and decode its QR code, as a phone camera would."""
    assert shutil.which("zbarimg"), "zbarimg is missing: install the Debian package zbar-tools"
    path = tmp_path / "qr.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "150", "-f", "1", "-l", "1", "-png", str(path), str(tmp_path / "page")], check=True)
    image = next(tmp_path.glob("page*.png"))
    result = subprocess.run(["zbarimg", "--raw", "-q", str(image)], capture_output=True, text=True)
    return result.stdout.strip()
