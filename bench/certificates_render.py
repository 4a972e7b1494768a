"""Overhead of the certificate task over WeasyPrint itself: median time of one render through the task
(load, QR code, glyph check, WeasyPrint, storage, row update) divided by the median time of
WeasyPrint alone rendering the same finished HTML in the same process. Target: at most 1.15.

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
    create_database(bench_environment())
    django_setup()
    from certificates_common import certificate_html, certify

    from certificates.models import Certificate, JobState
    from certificates.tasks import render_certificate
    from core.pdf import html_to_pdf

    [certificate_id] = certify(1)
    html = certificate_html(certificate_id)

    def through_task() -> float:
        Certificate.objects.filter(pk=certificate_id).update(render_state=JobState.PENDING)
        started = time.perf_counter()
        render_certificate.apply(args=[certificate_id]).get()
        return time.perf_counter() - started

    def weasyprint_alone() -> float:
        started = time.perf_counter()
        html_to_pdf(html)
        return time.perf_counter() - started

    through_task(), weasyprint_alone()  # fonts derived and discovered once, as in a long-lived worker
    task_times, floor_times = [], []
    for _ in range(RUNS):  # interleaved, so a burst of load from elsewhere hits both alike
        task_times.append(through_task())
        floor_times.append(weasyprint_alone())
    assert Certificate.objects.get(pk=certificate_id).render_state == JobState.READY
    task, floor = statistics.median(task_times), statistics.median(floor_times)
    print(f"runs:                      {RUNS}")
    print(f"through the task (median): {task * 1000:.0f} ms")
    print(f"WeasyPrint alone (median): {floor * 1000:.0f} ms")
    print(f"overhead ratio:            {task / floor:.3f}  (target <= 1.15)")


if __name__ == "__main__":
    main()
