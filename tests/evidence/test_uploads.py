"""Candidates upload evidence the portal can trust: the type from the content, every bad file refused cleanly."""
from pathlib import Path

import pytest
from django.urls import reverse

from assessments.models import AssessmentCase
from evidence.models import EvidenceFile, EvidenceItem
from tests.samples import CORRUPT_PDF, EXECUTABLE, docx_upload, pdf_upload, png_bytes, upload

pytestmark = pytest.mark.django_db


def _post_item(client, case, files, *, criteria=("DL201.01",), kind="performance", title="แผนกระบวนงานหลัก"):
    data = {"title": title, "kind": kind, "description": "", "work_date": "2026-11-01", "files": files}
    for criterion in case.unit.criteria.filter(code__in=criteria):
        data[f"criterion_{criterion.pk}"] = "on"
        data[f"statement_{criterion.pk}"] = f"เอกสารนี้แสดง {criterion.code}"
    return client.post(reverse("evidence:item_create", args=[case.pk]), data)


def _stored_files(media_root) -> list[Path]:
    root = Path(media_root)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.fixture
def signed_in(client, candidate):
    client.force_login(candidate)
    return client


def test_a_pdf_is_kept_under_a_random_name_with_its_original_name_for_display(signed_in, case, media_root):
    response = _post_item(signed_in, case, [pdf_upload("กระบวนงานหลัก.pdf")])

    assert response.status_code == 302
    stored = EvidenceFile.objects.get()
    assert stored.original_name == "กระบวนงานหลัก.pdf"
    assert stored.content_type == "application/pdf"
    assert len(stored.sha256) == 64
    assert "กระบวนงาน" not in stored.file.name and stored.file.name.endswith(".pdf")
    assert Path(stored.file.path).is_relative_to(Path(media_root))
    assert stored.item.mappings.get().criterion.code == "DL201.01"


def test_a_docx_mapped_to_two_criteria(signed_in, case):
    response = _post_item(signed_in, case, [docx_upload()], criteria=("DL201.03", "DL201.04"))
    assert response.status_code == 302
    item = EvidenceItem.objects.get()
    assert item.files.get().content_type.endswith("wordprocessingml.document")
    assert sorted(item.mappings.values_list("criterion__code", flat=True)) == ["DL201.03", "DL201.04"]


def test_several_files_at_once(signed_in, case):
    response = _post_item(
        signed_in, case, [pdf_upload("a.pdf", marker="a"), upload("diagram.png", png_bytes(), "image/png")]
    )
    assert response.status_code == 302
    assert sorted(EvidenceFile.objects.values_list("content_type", flat=True)) == ["application/pdf", "image/png"]


@pytest.mark.parametrize(
    "bad_file,status,message",
    [
        (lambda: upload("report.pdf", EXECUTABLE, "application/pdf"), 400, "ไม่ใช่ประเภทไฟล์"),
        (lambda: upload("empty.pdf", b"", "application/pdf"), 400, "ว่าง"),
        (lambda: upload("broken.pdf", CORRUPT_PDF, "application/pdf"), 400, "เสียหาย"),
        (lambda: upload(("ก" * 230) + ".pdf", b"%PDF"), 400, "ยาวเกินไป"),
    ],
    ids=["executable-renamed-pdf", "empty", "corrupt-pdf", "name-too-long"],
)
def test_a_bad_file_is_refused_with_a_thai_message_and_leaves_nothing(signed_in, case, media_root, bad_file, status, message):
    response = _post_item(signed_in, case, [bad_file()])

    assert response.status_code == status
    assert message in response.content.decode()
    assert not EvidenceItem.objects.exists()
    assert not EvidenceFile.objects.exists()
    assert _stored_files(media_root) == []


def test_one_bad_file_among_good_ones_keeps_none_of_them(signed_in, case, media_root):
    response = _post_item(signed_in, case, [pdf_upload(), upload("virus.pdf", EXECUTABLE)])
    assert response.status_code == 400
    assert not EvidenceFile.objects.exists()
    assert _stored_files(media_root) == []


def test_a_file_over_the_limit_is_refused_before_it_is_stored(signed_in, case, settings, media_root):
    settings.EVIDENCE_MAX_FILE_BYTES = 1024
    response = _post_item(signed_in, case, [pdf_upload(pages=30)])

    assert response.status_code == 413
    assert "1.0\xa0KB" in response.content.decode()
    assert not EvidenceFile.objects.exists()
    assert _stored_files(media_root) == []


def test_the_case_quota_is_enforced(signed_in, case, settings, media_root):
    first = pdf_upload(marker="first")
    settings.EVIDENCE_CASE_QUOTA_BYTES = first.size + 100
    assert _post_item(signed_in, case, [first]).status_code == 302

    response = _post_item(signed_in, case, [pdf_upload(marker="second", pages=3)], title="ฉบับที่สอง")

    assert response.status_code == 400
    assert EvidenceFile.objects.count() == 1
    assert len(_stored_files(media_root)) == 1


def test_the_same_file_twice_in_one_case_is_noticed(signed_in, case):
    first = pdf_upload(marker="same")
    assert _post_item(signed_in, case, [first]).status_code == 302
    response = _post_item(signed_in, case, [pdf_upload("copy.pdf", marker="same")], title="สำเนา")
    assert response.status_code == 400
    assert "แผนกระบวนงานหลัก" in response.content.decode()
    assert EvidenceFile.objects.count() == 1


def test_a_name_with_path_separators_is_kept_only_as_its_last_part(signed_in, case, media_root):
    response = _post_item(signed_in, case, [pdf_upload("../../etc/กระบวนงาน.pdf")])
    assert response.status_code == 302
    stored = EvidenceFile.objects.get()
    assert stored.original_name == "กระบวนงาน.pdf"
    assert Path(stored.file.path).resolve().is_relative_to(Path(media_root).resolve())


def test_a_mapped_criterion_needs_a_statement(signed_in, case):
    criterion = case.unit.criteria.get(code="DL201.01")
    response = signed_in.post(
        reverse("evidence:item_create", args=[case.pk]),
        {"title": "x", "kind": "performance", "files": [pdf_upload()], f"criterion_{criterion.pk}": "on"},
    )
    assert response.status_code == 400
    assert not EvidenceItem.objects.exists()


def test_a_form_posted_for_another_candidates_case_is_404(client, case, other_candidate, media_root):
    client.force_login(other_candidate)
    response = _post_item(client, case, [pdf_upload()])
    assert response.status_code == 404
    assert not EvidenceItem.objects.exists()
    assert _stored_files(media_root) == []


def test_a_file_posted_to_a_locked_portfolio_is_refused(signed_in, case, media_root):
    assert _post_item(signed_in, case, [pdf_upload(marker="before")]).status_code == 302
    AssessmentCase.objects.filter(pk=case.pk).update(state=AssessmentCase.State.SUBMITTED)

    response = _post_item(signed_in, case, [pdf_upload(marker="after")], title="หลังส่ง")

    assert response.status_code == 409
    assert EvidenceFile.objects.count() == 1
    assert len(_stored_files(media_root)) == 1


def test_an_unreadable_disk_leaves_no_row(signed_in, case, settings, tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the media folder should be")
    settings.MEDIA_ROOT = blocked

    response = _post_item(signed_in, case, [pdf_upload()])

    assert response.status_code == 400
    assert not EvidenceItem.objects.exists()
