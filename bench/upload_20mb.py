"""Upload a 20 MB PDF through gunicorn and report the time and the web worker's peak memory.

Usage: .venv/bin/python bench/upload_20mb.py   (DATABASE_URL defaults to a PostgreSQL bench database)
The file must stream to storage: the worker's peak memory should rise far less than the file's size."""
import http.client
import http.cookiejar
import io
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

from _setup import ROOT, bench_environment, create_database, serve

PORT = 8077
FILE_BYTES = 20 * 1000 * 1000


def make_pdf(path: Path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    # An embedded attachment of random bytes makes a valid PDF of the size wanted.
    writer.add_attachment("data.bin", os.urandom(FILE_BYTES - 1200))
    with path.open("wb") as handle:
        writer.write(handle)


def peak_rss_kib(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+)", status).group(1))


def rss_kib(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+)", status).group(1))


def main() -> None:
    env = bench_environment()
    create_database(env)
    pdf = ROOT / "var" / "bench-20mb.pdf"
    pdf.parent.mkdir(parents=True, exist_ok=True)
    make_pdf(pdf)

    server = serve(env, PORT, timeout=120)
    try:
        base = f"http://127.0.0.1:{PORT}"
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        opener.open(base + "/accounts/login/")  # for its CSRF cookie
        worker_pid = int(subprocess.check_output(["pgrep", "-P", str(server.pid)]).split()[0])

        def csrf() -> str:
            return next(c.value for c in jar if c.name == "csrftoken")

        def post(path: str, data: dict) -> str:
            body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": csrf()}).encode()
            request = urllib.request.Request(base + path, data=body, headers={"Referer": base + path})
            return opener.open(request).geturl()

        post("/accounts/login/", {"username": "candidate1", "password": env.get("DEMO_PASSWORD", "demo-pass-2569")})
        case_url = post("/cases/enrol/", {"unit_code": "DG-EJJM-026"})
        if "/cases/" not in case_url or not re.search(r"/cases/(\d+)/", case_url):
            case_url = opener.open(base + "/cases/").read().decode()
        case_id = re.search(r"/cases/(\d+)/", case_url).group(1)
        form = opener.open(f"{base}/cases/{case_id}/evidence/new/").read().decode()
        criterion_field = re.search(r'name="(criterion_\d+)"', form).group(1)
        statement_field = criterion_field.replace("criterion_", "statement_")

        boundary = uuid.uuid4().hex
        head = io.BytesIO()
        fields = {"csrfmiddlewaretoken": csrf(), "title": "ไฟล์ขนาด 20 MB", "kind": "performance",
                  criterion_field: "on", statement_field: "ทดสอบการอัปโหลดไฟล์ขนาดใหญ่"}
        for name, value in fields.items():
            head.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
        head.write(f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="large.pdf"\r\n'
                   "Content-Type: application/pdf\r\n\r\n".encode())
        tail = f"\r\n--{boundary}--\r\n".encode()
        length = len(head.getvalue()) + pdf.stat().st_size + len(tail)

        before_peak, before_rss = peak_rss_kib(worker_pid), rss_kib(worker_pid)
        # Argon2 at sign-in already set a high-water mark, so sample the resident size during the upload.
        samples: list[int] = []
        sampling = threading.Event()

        def sample() -> None:
            while not sampling.is_set():
                samples.append(rss_kib(worker_pid))
                time.sleep(0.005)

        sampler = threading.Thread(target=sample)
        sampler.start()
        cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
        connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=120)
        started = time.perf_counter()
        connection.putrequest("POST", f"/cases/{case_id}/evidence/new/")
        for header, value in {"Content-Type": f"multipart/form-data; boundary={boundary}",
                              "Content-Length": str(length), "Cookie": cookie,
                              "Referer": f"{base}/cases/{case_id}/evidence/new/"}.items():
            connection.putheader(header, value)
        connection.endheaders()
        connection.send(head.getvalue())
        with pdf.open("rb") as handle:
            while chunk := handle.read(256 * 1024):
                connection.send(chunk)
        connection.send(tail)
        response = connection.getresponse()
        response.read()
        elapsed = time.perf_counter() - started
        sampling.set()
        sampler.join()
        after_peak = peak_rss_kib(worker_pid)

        print(f"file size:                  {pdf.stat().st_size / 1e6:.1f} MB")
        print(f"response:                   HTTP {response.status} -> {response.getheader('Location')}")
        print(f"upload time:                {elapsed:.2f} s")
        print(f"worker RSS before upload:   {before_rss / 1024:.1f} MiB")
        print(f"worker RSS max during:      {max(samples) / 1024:.1f} MiB ({len(samples)} samples)")
        print(f"growth during upload:       {(max(samples) - before_rss) / 1024:.1f} MiB")
        print(f"worker high-water mark:     {before_peak / 1024:.1f} -> {after_peak / 1024:.1f} MiB (set by Argon2 at sign-in)")
        if response.status != 302:
            sys.exit("the upload was not accepted")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
