"""Failure drill: the disk fills while evidence is uploaded through gunicorn; a clear message, no half file, no row.

Usage (as root, which mounting needs): .venv/bin/python bench/disk_full_drill.py
(DATABASE_URL defaults to a PostgreSQL bench database; everything runs on the loopback interface.)

A real 1 MiB tmpfs is mounted and holds both MEDIA_ROOT and FILE_UPLOAD_TEMP_DIR, as one full disk would; gunicorn
serves the portal from it and a signed-in candidate uploads, through the real upload page:
  1. a 300 KB PDF that fits;
  2. a 900 KB PDF held in memory while it is received, which does not fit in what is left (the storage write fails);
  3. a 3 MB PDF, streamed to a temporary file on the same disk while it is received (that write fails);
then the disk is grown to 16 MiB and upload 2 is sent again. Reported for each: the status, whether the page shows
the translated "storage is full" message, the files on the disk and the evidence rows afterwards, and whether the
file that fitted is still whole. The tmpfs is always unmounted at the end."""
import http.client
import io
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from _setup import bench_environment, create_database, django_setup, serve

DISK = "1m"
GROWN = "16m"


def _free_port() -> int:
    # Other people's servers run on this machine too; a fixed port could be answered by one of theirs.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _pdf_of_size(size: int) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_attachment("data.bin", os.urandom(size))  # random, so nothing compresses it away
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _multipart(fields: dict[str, str], files: list[tuple[str, str, bytes]]) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, filename, content in files:
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                     f"Content-Type: application/pdf\r\n\r\n".encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def _files_on(disk: Path) -> list[Path]:
    return sorted(p for p in disk.rglob("*") if p.is_file())


def main() -> None:
    if os.geteuid() != 0:
        sys.exit("mounting the small disk needs root")
    mount_point = Path(tempfile.mkdtemp(prefix="disk-full-drill-"))
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={DISK},mode=0755", "tmpfs", str(mount_point)], check=True)
    server = None
    try:
        media, temporary = mount_point / "media", mount_point / "tmp"
        media.mkdir()
        temporary.mkdir()
        # For gunicorn and for this process alike, which reads the stored files back.
        os.environ.update(MEDIA_ROOT=str(media), FILE_UPLOAD_TEMP_DIR=str(temporary))
        env = bench_environment()
        create_database(env)
        django_setup()
        from django.conf import settings
        from django.contrib.auth.models import Group
        from django.utils import translation
        from django.utils.html import escape
        from exam_save_load import _session_for

        from accounts.models import User
        from assessments.services import case_enrol
        from evidence.files import storage_full_message
        from evidence.models import EvidenceFile, EvidenceItem

        name = f"bench-diskfull-{uuid.uuid4().hex[:8]}"
        candidate = User.objects.create(username=name, first_name_th="ผู้สมัคร", last_name_th="ทดสอบดิสก์",
                                        email=f"{name}@example.go.th")
        candidate.groups.add(Group.objects.get(name="Candidate"))
        case = case_enrol(candidate=candidate, unit_code="DG-EJJM-026")
        criterion = case.unit.criteria.get(code="DL201.01")
        cookie, csrf = _session_for(candidate)

        port = _free_port()
        server_log = tempfile.NamedTemporaryFile(prefix="disk-full-drill-", suffix=".log", delete=False)
        server = serve(env, port, log=server_log)

        def upload(title: str, filename: str, content: bytes) -> tuple[int, str, float]:
            body, content_type = _multipart(
                {"csrfmiddlewaretoken": csrf, "title": title, "kind": "performance", "description": "",
                 "work_date": "2026-11-01", f"criterion_{criterion.pk}": "on",
                 f"statement_{criterion.pk}": "เอกสารนี้แสดงกระบวนงานหลัก"},
                [("files", filename, content)],
            )
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            started = time.perf_counter()
            conn.request("POST", f"/cases/{case.pk}/evidence/new/", body=body,
                         headers={"Cookie": cookie, "Content-Type": content_type})
            response = conn.getresponse()
            page = response.read().decode("utf-8", "replace")
            conn.close()
            return response.status, page, time.perf_counter() - started

        def report(label: str, filename: str, status: int, page: str, seconds: float) -> bool:
            with translation.override("th"):
                message = escape(storage_full_message([filename]))
            shown = message in page
            traceback = "Traceback" in page or status == 500
            items = EvidenceItem.objects.filter(case=case).count()
            files = EvidenceFile.objects.filter(item__case=case).count()
            on_disk = _files_on(mount_point)
            print(f"{label}\n   status {status} in {seconds:.2f} s; "
                  f"storage-full message shown: {'yes' if shown else 'no'}"
                  f"{'; a 500 / traceback' if traceback else ''}\n   afterwards: {items} item(s), {files} file row(s), "
                  f"{len(on_disk)} file(s) on the disk ({sum(p.stat().st_size for p in on_disk):,} bytes)")
            return shown

        small = _pdf_of_size(300 * 1000)
        medium = _pdf_of_size(900 * 1000)
        large = _pdf_of_size(3 * 1000 * 1000)
        print(f"disk: tmpfs of {DISK} holding MEDIA_ROOT and FILE_UPLOAD_TEMP_DIR; in-memory limit "
              f"{settings.FILE_UPLOAD_MAX_MEMORY_SIZE:,} bytes\n")

        status, page, seconds = upload("ฉบับที่พอดี", "fits.pdf", small)
        report(f"1. {len(small):,} bytes, fits", "fits.pdf", status, page, seconds)
        kept = EvidenceFile.objects.get(item__case=case)
        ok = status == 302

        status, page, seconds = upload("ฉบับที่เกิน", "too-big.pdf", medium)
        ok &= report(f"2. {len(medium):,} bytes, held in memory, written to the full disk", "too-big.pdf",
                     status, page, seconds) and status == 507
        ok &= EvidenceFile.objects.filter(item__case=case).count() == 1 and len(_files_on(mount_point)) == 1

        status, page, seconds = upload("ฉบับใหญ่", "large.pdf", large)
        ok &= report(f"3. {len(large):,} bytes, streamed to a temporary file on the full disk", "large.pdf",
                     status, page, seconds) and status == 507
        ok &= EvidenceFile.objects.filter(item__case=case).count() == 1 and len(_files_on(mount_point)) == 1

        whole = Path(kept.file.path).read_bytes() == small
        print(f"   the file that fitted is still whole: {'yes' if whole else 'NO'}")
        ok &= whole

        subprocess.run(["mount", "-o", f"remount,size={GROWN}", str(mount_point)], check=True)
        status, page, seconds = upload("ฉบับที่เกิน", "too-big.pdf", medium)
        print(f"4. the disk grown to {GROWN}, upload 2 again\n   status {status} in {seconds:.2f} s; "
              f"{EvidenceFile.objects.filter(item__case=case).count()} file row(s), "
              f"{len(_files_on(mount_point))} file(s) on the disk")
        ok &= status == 302 and len(_files_on(mount_point)) == 2

        tracebacks = sum("Traceback" in line for line in open(server_log.name, encoding="utf-8", errors="replace"))
        print(f"\ntracebacks in the server log: {tracebacks} ({server_log.name})")
        print(f"target (clear message, no half file, no row, no 500; then accepted once there is room): "
              f"{'met' if ok and not tracebacks else 'NOT met'}")
        if not ok or tracebacks:
            sys.exit(1)
    finally:
        if server is not None:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
        subprocess.run(["umount", "--lazy", str(mount_point)], check=False)
        shutil.rmtree(mount_point, ignore_errors=True)


if __name__ == "__main__":
    main()
