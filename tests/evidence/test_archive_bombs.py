"""An office file that unpacks to gigabytes is refused in a moment, with little memory, and nothing is kept."""
import io
import time
import zipfile
from pathlib import Path

import pytest
from django.urls import reverse

from evidence.files import ARCHIVE_MAX_ENTRIES
from evidence.models import EvidenceFile, EvidenceItem
from tests.samples import docx_bytes, upload

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


def _zeros_entry(archive: zipfile.ZipFile, name: str, megabytes: int, *, prefix: bytes = b"") -> None:
    """An entry of `megabytes` MB, mostly zeros, written a megabyte at a time (never whole in memory)."""
    with archive.open(name, "w", force_zip64=True) as entry:
        entry.write(prefix)
        zeros = bytes(MB)
        for _megabyte in range(megabytes):
            entry.write(zeros)


def _bomb(path: Path, entries) -> bytes:
    # Level 1 builds a gigabyte in about two seconds; it still packs zeros more than 200 times.
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for write in entries:
            write(archive)
    return path.read_bytes()


@pytest.fixture(scope="module")
def odt_bomb(tmp_path_factory) -> bytes:
    """An .odt whose `mimetype` entry unpacks to 200 MB (the probe's file was 199 KB)."""
    return _bomb(tmp_path_factory.mktemp("bombs") / "minutes.odt", [
        lambda archive: _zeros_entry(archive, "mimetype", 200, prefix=b"application/vnd.oasis.opendocument.text"),
        lambda archive: archive.writestr("content.xml", "<office:document-content/>"),
    ])


@pytest.fixture(scope="module")
def ooxml_bomb(tmp_path_factory) -> bytes:
    """A .docx with a genuine document part beside an image part that unpacks to 1 GB."""
    with zipfile.ZipFile(io.BytesIO(docx_bytes())) as genuine:
        parts = {name: genuine.read(name) for name in genuine.namelist()}
    return _bomb(tmp_path_factory.mktemp("bombs") / "report.docx", [
        *[lambda archive, name=name, data=data: archive.writestr(name, data) for name, data in parts.items()],
        lambda archive: _zeros_entry(archive, "word/media/image1.png", 1024),
    ])


def _peak_memory_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise AssertionError("no VmHWM in /proc/self/status")


def _reset_peak_memory() -> int:
    """Start measuring the peak afresh (Linux: writing 5 to clear_refs resets VmHWM); the current size."""
    Path("/proc/self/clear_refs").write_text("5")
    return _peak_memory_kb()


@pytest.mark.parametrize("bomb_name,file_name", [("odt_bomb", "minutes.odt"), ("ooxml_bomb", "report.docx")],
                         ids=["odt-200mb-mimetype", "docx-1gb-part"])
def test_an_archive_bomb_is_refused_quickly_in_little_memory_and_nothing_is_kept(
        request, client, candidate, case, media_root, bomb_name, file_name):
    bomb = request.getfixturevalue(bomb_name)
    assert len(bomb) < 5 * MB
    client.force_login(candidate)
    criterion = case.unit.criteria.get(code="DL201.01")
    data = {"title": "รายงานการประชุม", "kind": "performance", "description": "", "work_date": "2026-11-01",
            f"criterion_{criterion.pk}": "on", f"statement_{criterion.pk}": "บันทึกการประชุม",
            "files": [upload(file_name, bomb)]}

    before = _reset_peak_memory()
    started = time.monotonic()
    response = client.post(reverse("evidence:item_create", args=[case.pk]), data)
    elapsed = time.monotonic() - started
    growth_mb = (_peak_memory_kb() - before) / 1024

    assert response.status_code == 400
    assert "แตกไฟล์แล้วมีขนาดใหญ่กว่าขนาดไฟล์มาก" in response.content.decode()
    assert growth_mb < 50, f"the web process grew by {growth_mb:.0f} MB"
    assert elapsed < 2, f"the answer took {elapsed:.1f} s"
    assert not EvidenceItem.objects.exists() and not EvidenceFile.objects.exists()
    assert not [p for p in Path(media_root).rglob("*") if p.is_file()]


def _post_docx(client, case, name: str, content: bytes):
    criterion = case.unit.criteria.get(code="DL201.03")
    return client.post(reverse("evidence:item_create", args=[case.pk]), {
        "title": "ข้อมูลหลัก", "kind": "performance", "description": "", "work_date": "2026-11-01",
        f"criterion_{criterion.pk}": "on", f"statement_{criterion.pk}": "ข้อมูลหลัก",
        "files": [upload(name, content)]})


def test_a_genuine_docx_is_still_checked_whole_and_kept(client, candidate, case):
    client.force_login(candidate)
    assert _post_docx(client, case, "ข้อมูลหลัก.docx", docx_bytes()).status_code == 302
    assert EvidenceFile.objects.get().extension == ".docx"


def test_a_docx_with_a_damaged_part_is_refused(client, candidate, case):
    genuine = docx_bytes()
    # Flip a byte inside the compressed document part: its CRC no longer matches.
    with zipfile.ZipFile(io.BytesIO(genuine)) as archive:
        info = archive.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra) + 2
    damaged = bytearray(genuine)
    damaged[start] ^= 0xFF
    client.force_login(candidate)
    response = _post_docx(client, case, "ข้อมูลหลัก.docx", bytes(damaged))
    assert response.status_code == 400
    assert "เสียหาย" in response.content.decode()
    assert not EvidenceFile.objects.exists()


def test_an_archive_of_too_many_entries_is_refused(client, candidate, case, tmp_path):
    with zipfile.ZipFile(io.BytesIO(docx_bytes())) as genuine:
        parts = {name: genuine.read(name) for name in genuine.namelist()}
    path = tmp_path / "many.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
        for n in range(ARCHIVE_MAX_ENTRIES + 1):
            archive.writestr(f"customXml/item{n}.xml", "")
    client.force_login(candidate)
    response = _post_docx(client, case, "many.docx", path.read_bytes())
    assert response.status_code == 400
    assert "แตกไฟล์แล้วมีขนาดใหญ่กว่าขนาดไฟล์มาก" in response.content.decode()
    assert not EvidenceFile.objects.exists()


def test_an_archive_that_takes_too_long_to_check_is_refused_in_thai(client, candidate, case, monkeypatch):
    monkeypatch.setattr("evidence.files.ARCHIVE_TIME_BUDGET_SECONDS", 0)
    client.force_login(candidate)
    response = _post_docx(client, case, "ข้อมูลหลัก.docx", docx_bytes())
    assert response.status_code == 400
    assert "นานเกินกำหนด" in response.content.decode()
    assert not EvidenceFile.objects.exists()
