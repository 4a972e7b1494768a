"""Shared set-up for the benchmarks: a database of their own, migrated, with the unit and demo accounts."""
import http.client
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/dg_portal_bench"


def bench_environment() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("DATABASE_URL", DEFAULT_DATABASE_URL)
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.local"
    env["DEBUG"] = "false"
    env["ALLOWED_HOSTS"] = "127.0.0.1,localhost,testserver"
    env.setdefault("MEDIA_ROOT", str(ROOT / "var" / "bench-media"))
    env.setdefault("EVIDENCE_CASE_QUOTA_BYTES", str(10 * 1024**3))
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return env


def create_database(env: dict[str, str]) -> None:
    """Create the benchmark database if it does not exist (PostgreSQL), then migrate and seed it."""
    url = env["DATABASE_URL"]
    if url.startswith("postgres"):
        name = url.rsplit("/", 1)[1]
        subprocess.run(
            ["psql", url.rsplit("/", 1)[0] + "/postgres", "-qc", f"CREATE DATABASE {name}"],
            capture_output=True,
        )
    # The request limits' table is where they count when no REDIS_URL is set, as `make run` makes it.
    for command in (["migrate", "--noinput", "-v0"], ["createcachetable"], ["load_standard", "-v0"],
                    ["seed_demo", "-v0"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True)


def django_setup() -> None:
    os.environ.update(bench_environment())
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def serve(env: dict[str, str], port: int, *, workers: int = 1, threads: int = 1, timeout: int = 60,
          log=subprocess.DEVNULL, **popen) -> subprocess.Popen:
    """Start gunicorn serving the portal on 127.0.0.1:port and return once /healthz answers at all."""
    command = [sys.executable, "-m", "gunicorn", "config.wsgi:application", "--bind", f"127.0.0.1:{port}",
               "--workers", str(workers), "--timeout", str(timeout), "--preload"]
    if threads > 1:
        command += ["--worker-class", "gthread", "--threads", str(threads)]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, **popen)
    for _ in range(300):
        if server.poll() is not None:
            break
        try:
            probe = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            probe.request("GET", "/healthz")
            probe.getresponse().read()
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    sys.exit(f"gunicorn did not start on port {port}" + (f"; see {log.name}" if hasattr(log, "name") else ""))
