"""Certificates rendered per second by one Celery worker process and by two (on Redis, the real task), the ratio
two/one (target at least 1.7 on 2 cores), and each worker's memory: its resident size after a tenth of the
renders and at the end, which must not grow with the number rendered.

Usage: .venv/bin/python bench/certificates_bulk.py [count]   (count defaults to 1,000; REDIS_URL to db 7)"""
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

from _setup import ROOT, bench_environment, create_database, django_setup

COUNT = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/7")
os.environ.setdefault("LOG_LEVEL", "WARNING")


def _status(pid: int, field: str) -> int:
    return int(re.search(rf"{field}:\s+(\d+)", Path(f"/proc/{pid}/status").read_text()).group(1))


def run(processes: int, ids: list[int], env: dict[str, str]) -> tuple[float, list[tuple[int, int, int]]]:
    from certificates.models import Certificate, JobState
    from certificates.tasks import render_certificate
    from config.celery import app

    Certificate.objects.filter(pk__in=ids).update(render_state=JobState.PENDING)
    app.control.purge()
    workers = [
        subprocess.Popen([sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo", "--without-gossip",
                          "--without-mingle", "--without-heartbeat", "--loglevel=WARNING", "-n", f"bench{n}@%h"],
                         cwd=ROOT, env=env, start_new_session=True, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
        for n in range(processes)
    ]
    try:
        deadline = time.monotonic() + 60
        while len(app.control.ping(timeout=0.5) or []) < processes:
            assert time.monotonic() < deadline, "workers did not start"
        # A first render in each worker derives and loads the fonts, as happens once in a long-lived worker.
        warm = ids[:processes]
        for pk in warm:
            render_certificate.delay(pk)
        while Certificate.objects.filter(pk__in=warm, render_state=JobState.READY).count() < len(warm):
            time.sleep(0.2)
        rest = ids[processes:]
        started = time.monotonic()
        for pk in rest:
            render_certificate.delay(pk)
        early: dict[int, int] = {}
        while (done := Certificate.objects.filter(pk__in=rest, render_state=JobState.READY).count()) < len(rest):
            if done >= len(rest) // 10 and not early:
                early = {w.pid: _status(w.pid, "VmRSS") for w in workers}
            time.sleep(0.2)
        elapsed = time.monotonic() - started
        memory = [(early.get(w.pid, 0), _status(w.pid, "VmRSS"), _status(w.pid, "VmHWM")) for w in workers]
        return len(rest) / elapsed, memory
    finally:
        for worker in workers:
            os.killpg(worker.pid, signal.SIGTERM)
            worker.wait(timeout=60)


def main() -> None:
    from certificates_common import start_signing_pki

    pki = start_signing_pki()  # every certificate signed and timestamped, as in production
    try:
        os.environ.update(pki.settings())
        measure()
    finally:
        pki.stop()


def measure() -> None:
    env = bench_environment()
    create_database(env)
    django_setup()
    from certificates_common import certify

    from certificates.models import Certificate

    ids = list(Certificate.objects.filter(holder__username__startswith="bench-").exclude(criteria=[])
               .order_by("pk").values_list("pk", flat=True)[:COUNT])
    if len(ids) < COUNT:
        ids += certify(COUNT - len(ids))
    rates = {}
    for processes in (1, 2):
        rate, memory = run(processes, ids, env)
        rates[processes] = rate
        print(f"{processes} worker process(es): {rate:.1f} certificates/s")
        for n, (early, end, peak) in enumerate(memory):
            print(f"  worker {n}: RSS after 10% {early / 1024:.0f} MiB, at the end {end / 1024:.0f} MiB, "
                  f"peak {peak / 1024:.0f} MiB")
    print(f"ratio two/one: {rates[2] / rates[1]:.2f}  (target >= 1.7 on 2 cores; this machine: {os.cpu_count()} cores)")


if __name__ == "__main__":
    main()
