"""Overhead of the certificate task over WeasyPrint itself: median time of one render through the task
(load, QR code, glyph check, the Open Badge credential, WeasyPrint, the PAdES signature with its RFC 3161 timestamp
and embedded revocation data, storage, row update) divided by the median time of WeasyPrint alone rendering the
same finished HTML to the same PDF/A-3b with the same attachment, in the same process. Target: at most 1.35.
The signer, TSA, OCSP and CRLs are the tests' local PKI (certomancer), started in a child process.

Usage: .venv/bin/python bench/certificates_render.py [runs]   (DATABASE_URL defaults to a PostgreSQL bench database)"""
import os
import statistics
import sys
import time

from _setup import bench_environment, create_database, django_setup

# Celery's "Task … succeeded" line per run is console output, not rendering work.
os.environ.setdefault("LOG_LEVEL", "WARNING")

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 30


def main() -> None:
    from certificates_common import start_signing_pki

    pki = start_signing_pki()
    try:
        os.environ.update(pki.settings())
        measure()
    finally:
        pki.stop()


def measure() -> None:
    create_database(bench_environment())
    django_setup()
    from certificates_common import certificate_html, certify

    from certificates.documents import credential_attachment
    from certificates.models import Certificate, JobState
    from certificates.tasks import render_certificate
    from core.pdf import html_to_pdf

    [certificate_id] = certify(1)
    html = certificate_html(certificate_id)
    attachment = credential_attachment(Certificate.objects.get(pk=certificate_id))

    def through_task() -> float:
        Certificate.objects.filter(pk=certificate_id).update(render_state=JobState.PENDING)
        started = time.perf_counter()
        render_certificate.apply(args=[certificate_id]).get()
        return time.perf_counter() - started

    def weasyprint_alone() -> float:
        started = time.perf_counter()
        html_to_pdf(html, archival=True, attachments=(attachment,))
        return time.perf_counter() - started

    def weasyprint_plain() -> float:
        started = time.perf_counter()
        html_to_pdf(html)
        return time.perf_counter() - started

    through_task(), weasyprint_alone(), weasyprint_plain()  # fonts, keys and revocation data fetched once, as in a worker
    task_times, floor_times, plain_times = [], [], []
    for _ in range(RUNS):  # interleaved, so a burst of load from elsewhere hits all alike
        task_times.append(through_task())
        floor_times.append(weasyprint_alone())
        plain_times.append(weasyprint_plain())
    certificate = Certificate.objects.get(pk=certificate_id)
    assert certificate.render_state == JobState.READY and certificate.pdf_sha256
    task, floor = statistics.median(task_times), statistics.median(floor_times)
    plain = statistics.median(plain_times)
    print(f"runs:                                 {RUNS}")
    print(f"through the task, signed (median):    {task * 1000:.0f} ms")
    print(f"WeasyPrint alone, PDF/A-3b (median):  {floor * 1000:.0f} ms")
    print(f"WeasyPrint alone, plain PDF (median): {plain * 1000:.0f} ms")
    print(f"overhead ratio:                       {task / floor:.3f}  (target <= 1.35)")
    print(f"ratio against plain WeasyPrint:       {task / plain:.3f}")


if __name__ == "__main__":
    main()
