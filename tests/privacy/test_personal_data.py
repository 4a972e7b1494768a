"""A candidate takes away a copy of everything the portal holds about them, and can ask for erasure;
an administrator anonymises; files are purged after the retention period; every outsider's access is logged."""
import io
import json
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from assessments.models import Allocation, AssessmentCase, CaseTransition
from evidence.models import EvidenceFile, FileAccess
from evidence.services import evidence_item_create
from privacy.models import ErasureRequest
from privacy.services import person_anonymise
from tests.samples import pdf_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def evidence_file(case, candidate):
    item = evidence_item_create(case=case, by=candidate, title="แผนกระบวนงาน", kind="performance",
                                uploads=[pdf_upload("แผน.pdf")],
                                mappings={case.unit.criteria.get(code="DL201.01").pk: "แสดงกระบวนงาน"})
    return item.files.get()


def test_a_candidate_downloads_everything_the_portal_holds_about_them(client, candidate, evidence_file):
    client.force_login(candidate)
    response = client.get(reverse("privacy:export"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    data = json.loads(archive.read("data.json"))
    assert data["accounts"]["name_th"] == candidate.full_name_th
    assert data["assessments"][0]["unit"].startswith("DG-EJJM-026")
    assert data["evidence"][0]["criteria"] == {"DL201.01": "แสดงกระบวนงาน"}
    assert data["exams"] == []
    stored = data["evidence"][0]["files"][0]["in_archive"]
    assert archive.read(f"files/evidence/{stored}").startswith(b"%PDF")


def test_the_archive_holds_nobody_elses_data(client, other_candidate, evidence_file):
    client.force_login(other_candidate)
    archive = zipfile.ZipFile(io.BytesIO(b"".join(client.get(reverse("privacy:export")).streaming_content)))
    data = json.loads(archive.read("data.json"))
    assert data["evidence"] == [] and data["assessments"] == []
    assert not [n for n in archive.namelist() if n.startswith("files/")]


def test_a_person_asks_for_erasure_once(client, candidate):
    client.force_login(candidate)
    client.post(reverse("privacy:request_erasure"), {"reason": "ย้ายออกจากราชการ"})
    client.post(reverse("privacy:request_erasure"), {"reason": "ซ้ำ"})
    assert ErasureRequest.objects.filter(user=candidate).count() == 1


def test_an_administrator_anonymises_a_person_but_keeps_the_assessment_record(candidate, superuser, case):
    erasure = ErasureRequest.objects.create(user=candidate)
    person_anonymise(user=candidate, by=superuser, erasure=erasure)
    candidate.refresh_from_db()
    assert "สมชาย" not in candidate.full_name_th
    assert candidate.email == "" and not candidate.is_active and not candidate.has_usable_password()
    assert AssessmentCase.objects.filter(candidate=candidate).exists()
    erasure.refresh_from_db()
    assert erasure.status == ErasureRequest.Status.ANONYMISED


def test_only_administrators_anonymise(candidate, hr_officer):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        person_anonymise(user=candidate, by=hr_officer)


def test_an_assessors_access_to_a_candidates_file_is_logged_and_the_candidates_own_is_not(
    client, candidate, assessor, case, evidence_file
):
    client.force_login(candidate)
    client.get(reverse("evidence:file_download", args=[evidence_file.pk]))
    assert not FileAccess.objects.exists()

    Allocation.objects.create(case=case, assessor=assessor)
    client.force_login(assessor)
    client.get(reverse("evidence:file_download", args=[evidence_file.pk]))
    access = FileAccess.objects.get()
    assert (access.user, access.evidence_file) == (assessor, evidence_file)


def test_files_of_cases_closed_beyond_the_retention_period_are_purged(case, evidence_file, settings):
    path = Path(evidence_file.file.path)
    AssessmentCase.objects.filter(pk=case.pk).update(state=AssessmentCase.State.NOT_YET_COMPETENT)
    CaseTransition.objects.filter(case=case).update(at=timezone.now() - timedelta(days=365 * 6))

    call_command("purge_evidence_files", years=5, verbosity=0)

    evidence_file.refresh_from_db()
    assert evidence_file.purged_at is not None
    assert not path.exists()
    assert EvidenceFile.objects.filter(pk=evidence_file.pk).exists()


def test_files_of_open_or_recent_cases_are_kept(case, evidence_file):
    call_command("purge_evidence_files", years=5, verbosity=0)
    evidence_file.refresh_from_db()
    assert evidence_file.purged_at is None
    assert Path(evidence_file.file.path).exists()
