"""A disk that fills up during an upload: a clear message, no half-written file and no row.

The disk is real: a 1 MiB tmpfs mounted for each test, so writes fail with the operating system's own ENOSPC.
Mounting needs root (as on the project's machines and in CI); elsewhere these tests are skipped and cover nothing.
"""
import io
import os
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from pypdf import PdfWriter

from evidence.files import storage_full_message
from evidence.models import EvidenceFile, EvidenceItem
from tests.samples import pdf_upload, upload

pytestmark = pytest.mark.django_db

DISK_BYTES = 1024 * 1024


def _pdf_of_size(size: int) -> bytes:
    """A valid one-page PDF of about this size (random bytes attached, so nothing compresses them away)."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_attachment("data.bin", os.urandom(size))
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _files_in(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()]


def _thai(names: list[str]) -> str:
    """The message as the Thai page shows it (HTML-escaped)."""
    with translation.override("th"):
        return escape(storage_full_message(names))


@pytest.fixture
def small_disk(tmp_path):
    """A real 1 MiB file system, unmounted afterwards."""
    mount_point = tmp_path / "small-disk"
    mount_point.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={DISK_BYTES},mode=0755", "tmpfs", str(mount_point)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (needs root): {mounted.stderr.strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "--lazy", str(mount_point)], check=True)


@pytest.fixture
def signed_in(client, candidate):
    client.force_login(candidate)
    return client


def _post_item(client, case, files, *, title="แผนกระบวนงานหลัก"):
    criterion = case.unit.criteria.get(code="DL201.01")
    data = {"title": title, "kind": "performance", "description": "", "work_date": "2026-11-01", "files": files,
            f"criterion_{criterion.pk}": "on", f"statement_{criterion.pk}": "เอกสารนี้แสดงกระบวนงานหลัก"}
    return client.post(reverse("evidence:item_create", args=[case.pk]), data)


def _assert_refused_cleanly(response, small_disk, name):
    assert response.status_code == 507
    assert _thai([name]) in response.content.decode()
    assert not EvidenceItem.objects.exists()
    assert not EvidenceFile.objects.exists()
    assert _files_in(small_disk) == []


def test_a_file_larger_than_the_free_space_is_refused_with_a_message_and_leaves_no_half_file(
    signed_in, case, settings, small_disk
):
    # Smaller than FILE_UPLOAD_MAX_MEMORY_SIZE: held in memory, written straight into the media folder.
    settings.MEDIA_ROOT = small_disk
    response = _post_item(signed_in, case, [upload("แผนงาน.pdf", _pdf_of_size(3 * DISK_BYTES // 2))])
    _assert_refused_cleanly(response, small_disk, "แผนงาน.pdf")


def test_a_large_file_copied_from_its_temporary_file_onto_the_full_disk_leaves_nothing(
    signed_in, case, settings, small_disk, tmp_path
):
    # Larger than FILE_UPLOAD_MAX_MEMORY_SIZE: streamed to a temporary file elsewhere, then copied across.
    temporary = tmp_path / "upload-temp"
    temporary.mkdir()
    settings.MEDIA_ROOT = small_disk
    settings.FILE_UPLOAD_TEMP_DIR = str(temporary)
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 64 * 1024

    response = _post_item(signed_in, case, [upload("รายงาน.pdf", _pdf_of_size(3 * DISK_BYTES // 2))])

    _assert_refused_cleanly(response, small_disk, "รายงาน.pdf")
    assert _files_in(temporary) == []


def test_when_the_temporary_disk_is_full_the_upload_is_refused_while_it_is_received(
    signed_in, case, settings, small_disk, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media-with-room"
    settings.FILE_UPLOAD_TEMP_DIR = str(small_disk)
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 64 * 1024

    response = _post_item(signed_in, case, [upload("ผังองค์กร.pdf", _pdf_of_size(3 * DISK_BYTES // 2))])

    _assert_refused_cleanly(response, small_disk, "ผังองค์กร.pdf")
    media = Path(settings.MEDIA_ROOT)
    assert not media.exists() or _files_in(media) == []


def test_several_files_of_which_the_last_does_not_fit_keep_none(signed_in, case, settings, small_disk):
    settings.MEDIA_ROOT = small_disk
    response = _post_item(
        signed_in, case, [pdf_upload("เล็ก.pdf", marker="fits"), upload("ใหญ่.pdf", _pdf_of_size(DISK_BYTES))]
    )
    _assert_refused_cleanly(response, small_disk, "ใหญ่.pdf")


def test_adding_files_to_an_item_on_a_full_disk_keeps_the_item_as_it_was(signed_in, case, settings, small_disk):
    settings.MEDIA_ROOT = small_disk
    assert _post_item(signed_in, case, [pdf_upload(marker="first")]).status_code == 302
    item = EvidenceItem.objects.get()
    before = _files_in(small_disk)

    response = signed_in.post(reverse("evidence:files_add", args=[case.pk, item.pk]),
                              {"files": [upload("เพิ่ม.pdf", _pdf_of_size(DISK_BYTES))]})

    assert response.status_code == 507
    assert _thai(["เพิ่ม.pdf"]) in response.content.decode()
    assert item.files.count() == 1
    assert _files_in(small_disk) == before


def test_replacing_a_file_on_a_full_disk_keeps_the_old_version_current(signed_in, case, settings, small_disk):
    settings.MEDIA_ROOT = small_disk
    assert _post_item(signed_in, case, [pdf_upload(marker="v1")]).status_code == 302
    old = EvidenceFile.objects.get()

    response = signed_in.post(reverse("evidence:file_replace", args=[case.pk, old.pk]),
                              {"file": upload("ฉบับใหม่.pdf", _pdf_of_size(DISK_BYTES))})

    assert response.status_code == 507
    assert _thai(["ฉบับใหม่.pdf"]) in response.content.decode()
    old.refresh_from_db()
    assert old.is_current
    assert EvidenceFile.objects.count() == 1
    assert _files_in(small_disk) == [Path(old.file.path)]


def test_once_there_is_room_again_the_same_upload_is_kept_whole(signed_in, case, settings, small_disk):
    settings.MEDIA_ROOT = small_disk
    content = _pdf_of_size(3 * DISK_BYTES // 2)
    assert _post_item(signed_in, case, [upload("แผนงาน.pdf", content)]).status_code == 507

    subprocess.run(["mount", "-o", "remount,size=8m", str(small_disk)], check=True)
    response = _post_item(signed_in, case, [upload("แผนงาน.pdf", content)])

    assert response.status_code == 302
    stored = EvidenceFile.objects.get()
    assert Path(stored.file.path).read_bytes() == content
    assert _files_in(small_disk) == [Path(stored.file.path)]
