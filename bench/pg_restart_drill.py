"""Failure drill: PostgreSQL stops and starts again under steady load; requests must fail cleanly and then recover.

Usage: .venv/bin/python bench/pg_restart_drill.py [--down-seconds 5] [--threads 6] [--restart]
(DATABASE_URL defaults to a PostgreSQL bench database; everything runs on the loopback interface.)

gunicorn (2 workers) serves the portal with its production connection settings (persistent, health-checked).
Several threads send a steady mix of requests that each touch the database: signed-in candidates opening their
case list, saving exam answers (writes), and the public certificate verification page. Meanwhile the machine's
PostgreSQL cluster is stopped, left down for --down-seconds (at most 10: other people's tests share it), and
started again (or, with --restart, restarted in one step). Reported: status codes per second, the 5xx seen by
kind (the clean 503 page or JSON, or a 500), the outage as clients saw it, the time from PostgreSQL answering
again to the first successful request, and whether every answer the server acknowledged is in the database.
PostgreSQL is always started again at the end, whatever happens."""
import argparse
import http.client
import json
import random
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from _setup import ROOT, bench_environment, create_database, django_setup, serve
from exam_save_load import Candidate, _candidates

WORKERS, THREADS = 2, 4
MAX_DOWN_SECONDS = 10
# A code of the right shape that no certificate has: the page still looks it up.
UNKNOWN_CODE = "0123456789ABCDEFGHJK"


def _free_port() -> int:
    # Other people's servers run on this machine too; a fixed port could be answered by one of theirs.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


PORT = _free_port()


def _cluster() -> list[str]:
    versions = sorted(p.name for p in Path("/etc/postgresql").iterdir())
    return [versions[-1], "main"]


def pg_ctl(action: str) -> None:
    subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", *_cluster(), action], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def pg_running() -> bool:
    return subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", *_cluster(), "status"],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0


@dataclass
class Outcome:
    sent: float  # seconds since the drill started
    done: float
    kind: str  # which page
    status: str  # "200", "503", "500", or the client error's name
    clean: bool  # a 5xx that is the portal's 503 answer (Retry-After and the page or JSON), not a traceback page


@dataclass
class Log:
    started: float = field(default_factory=time.monotonic)
    outcomes: list[Outcome] = field(default_factory=list)
    acknowledged_at: dict[tuple[int, int], float] = field(default_factory=dict)  # (attempt, item) → when
    lock: threading.Lock = field(default_factory=threading.Lock)

    def now(self) -> float:
        return time.monotonic() - self.started

    def add(self, outcome: Outcome) -> None:
        with self.lock:
            self.outcomes.append(outcome)


def _wait_until_answering(url: str, log: Log, events: dict[str, float], give_up: threading.Event) -> None:
    """Record when PostgreSQL first answers a query again (pg_ctlcluster returns some time after that)."""
    import psycopg2

    seen_down = False  # with a one-step restart, the first probes may still reach the old server
    while not give_up.is_set():
        try:
            with psycopg2.connect(url, connect_timeout=1) as probe, probe.cursor() as cursor:
                cursor.execute("SELECT 1")
            probe.close()
            if seen_down:
                events["answering"] = log.now()
                return
        except psycopg2.Error:
            seen_down = True
        time.sleep(0.02)


def _is_clean_503(response: http.client.HTTPResponse, body: bytes) -> bool:
    if response.status != 503 or not response.getheader("Retry-After"):
        return False
    if response.getheader("Content-Type", "").startswith("application/json"):
        return json.loads(body).get("code") == "database_unavailable"
    return b"<html lang=" in body and b"Traceback" not in body


def _request(conn: http.client.HTTPConnection, method: str, path: str, headers: dict, body: str | None):
    try:
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
    except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
        # gunicorn closes idle keep-alive connections; like a browser, open a new one and send again.
        conn.close()
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
    return response, response.read()


def _drive(candidate: Candidate, seed: int, log: Log, stop: threading.Event) -> None:
    rng = random.Random(seed)
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=15)
    while not stop.is_set():
        kind = rng.choice(["case list", "exam save", "verify"])
        headers = {"Cookie": candidate.cookie}
        body = None
        if kind == "case list":
            method, path = "GET", "/cases/"
        elif kind == "verify":
            method, path, headers = "GET", f"/verify/{UNKNOWN_CODE}/", {}
        else:
            question = rng.choice(candidate.questions)
            value = question.random_value(rng)
            method, path = "POST", f"/exams/attempts/{candidate.attempt_id}/answers/"
            headers |= {"X-CSRFToken": candidate.csrf, "Accept": "application/json",
                        "Content-Type": "application/json"}
            body = json.dumps({"item": question.version_id, "value": value})
        sent = log.now()
        try:
            response, content = _request(conn, method, path, headers, body)
            status, clean = str(response.status), _is_clean_503(response, content)
        except (OSError, http.client.HTTPException) as exc:
            conn.close()
            status, clean = type(exc).__name__, False
        log.add(Outcome(sent, log.now(), kind, status, clean))
        if kind == "exam save" and status == "200":
            candidate.acknowledged[question.version_id] = question.stored(value)
            log.acknowledged_at[(candidate.attempt_id, question.version_id)] = sent
        stop.wait(rng.uniform(0.05, 0.15))
    conn.close()


def _missing(candidates: list[Candidate], log: Log, stop_at: float) -> dict[str, tuple[int, int]]:
    """Acknowledged answers (their last acknowledged value) and how many of them the database lacks, split by
    whether they were acknowledged before PostgreSQL stopped or after."""
    from exams.models import Answer

    counts = {"before the stop": [0, 0], "after the stop": [0, 0]}
    for candidate in candidates:
        held = dict(Answer.objects.filter(attempt_id=candidate.attempt_id).values_list("item_version_id", "response"))
        for item, value in candidate.acknowledged.items():
            before = log.acknowledged_at[(candidate.attempt_id, item)] < stop_at
            when = "before the stop" if before else "after the stop"
            counts[when][0] += 1
            counts[when][1] += held.get(item) != value
    return {when: (total, missing) for when, (total, missing) in counts.items()}


def _timeline(outcomes: list[Outcome], events: dict[str, float]) -> None:
    last = int(max(o.done for o in outcomes)) + 1
    print("   second  status codes (by when the answer came)")
    for second in range(last):
        here = Counter(o.status + ("" if o.status == "200" or o.clean else "!") for o in outcomes
                       if second <= o.done < second + 1)
        marks = [name for name, at in events.items() if second <= at < second + 1]
        line = "  ".join(f"{status}×{n}" for status, n in sorted(here.items()))
        print(f"   {second:>5}s  {line:<40} {'← ' + ', '.join(marks) if marks else ''}")
    print("   (a status marked ! is not the portal's clean answer: a 500 page, a 5xx without Retry-After, "
          "or no answer)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--down-seconds", type=float, default=5)
    parser.add_argument("--threads", type=int, default=6)
    parser.add_argument("--before", type=float, default=8, help="seconds of load before PostgreSQL stops")
    parser.add_argument("--after", type=float, default=12, help="seconds of load after it is back")
    parser.add_argument("--restart", action="store_true", help="one `restart` instead of stop, wait, start")
    options = parser.parse_args()
    if options.down_seconds > MAX_DOWN_SECONDS:
        parser.error(f"--down-seconds is at most {MAX_DOWN_SECONDS}: other tests use this PostgreSQL")
    if not pg_running():
        sys.exit("PostgreSQL is not running; the drill starts from a running cluster")

    env = bench_environment()
    env.setdefault("CERTIFICATE_VERIFY_LIMIT_PER_MINUTE", "1000000")  # the drill, not the throttle, is measured
    create_database(env)
    subprocess.run([sys.executable, "manage.py", "load_exam_bank", "-v0"], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL)
    django_setup()
    from django.db import connection

    from exams.models import ExamDefinition

    written = ExamDefinition.objects.get(code="dg-ejjm-026-written")
    candidates = _candidates(options.threads, f"bench-pgdrill-{uuid.uuid4().hex[:8]}", written)
    connection.close()  # the drill's own connection would be cut by the restart too

    server_log = tempfile.NamedTemporaryFile(prefix="pg-restart-drill-", suffix=".log", delete=False)
    server = serve(env, PORT, workers=WORKERS, threads=THREADS, log=server_log)
    stop = threading.Event()
    threads: list[threading.Thread] = []
    events: dict[str, float] = {}
    log = Log()
    try:
        log = Log()
        threads = [threading.Thread(target=_drive, args=(c, n, log, stop)) for n, c in enumerate(candidates)]
        for thread in threads:
            thread.start()
        time.sleep(options.before)
        give_up = threading.Event()
        probe = threading.Thread(target=_wait_until_answering, args=(env["DATABASE_URL"], log, events, give_up))
        try:
            events["stop"] = log.now()
            if options.restart:
                probe.start()
                pg_ctl("restart")
                events["restarted"] = log.now()
            else:
                pg_ctl("stop")
                events["stopped"] = log.now()
                time.sleep(options.down_seconds)
                events["start"] = log.now()
                probe.start()
                pg_ctl("start")
                events["started"] = log.now()
            probe.join(timeout=30)
        finally:
            give_up.set()
            if not pg_running():
                pg_ctl("start")
        time.sleep(options.after)
    finally:
        stop.set()
        for thread in threads:
            thread.join()
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        if not pg_running():  # whatever happened above, leave PostgreSQL running
            pg_ctl("start")
        server_log.close()

    outcomes = sorted(log.outcomes, key=lambda o: o.sent)
    failures = [o for o in outcomes if o.status != "200"]
    back = events.get("answering", events.get("started", events.get("restarted")))
    first_ok = min((o for o in outcomes if o.status == "200" and o.sent >= events["stop"] and o.done >= back),
                   key=lambda o: o.done, default=None)
    db_down = back - events["stop"]
    traceback_lines = sum("Traceback" in line for line in open(server_log.name, encoding="utf-8", errors="replace"))

    print(f"gunicorn: {WORKERS} workers × {THREADS} threads (gthread), CONN_MAX_AGE=60 with health checks; "
          f"{options.threads} clients; PostgreSQL {'restarted' if options.restart else 'stopped'} "
          f"at +{events['stop']:.1f} s, answering queries again at +{back:.1f} s ({db_down:.1f} s)\n")
    _timeline(outcomes, events)
    kinds = Counter(f"{o.status} {'clean' if o.clean else 'NOT clean'} ({o.kind})" for o in failures)
    print(f"\n   requests {len(outcomes)}, 200 {sum(o.status == '200' for o in outcomes)}, "
          f"other {len(failures)}")
    for kind, n in sorted(kinds.items()):
        print(f"     {kind}: {n}")
    if failures:
        print(f"   outage seen by clients: first failure sent at +{failures[0].sent:.2f} s, last answered at "
              f"+{failures[-1].done:.2f} s → {failures[-1].done - failures[0].sent:.2f} s "
              f"(PostgreSQL down {db_down:.2f} s)")
    print("   first success after PostgreSQL answered queries again: "
          + (f"{first_ok.done - back:.2f} s" if first_ok else "none"))
    unclean = [o for o in failures if not o.clean]
    missing = _missing(candidates, log, events["stop"])
    lost = sum(m for _total, m in missing.values())
    print(f"   5xx that were not the clean 503: {len(unclean)}; tracebacks in the server log: {traceback_lines} "
          f"({server_log.name})")
    for when, (total, gone) in missing.items():
        print(f"   answers last acknowledged {when}: {total}, missing from the database {gone}")
    recovered = first_ok is not None and all(o.status == "200" for o in outcomes if o.sent > first_ok.done + 1)
    met = not unclean and lost == 0 and recovered
    print(f"\ntarget (every failure a clean 503, recovery without a restart of the portal, 0 answers lost): "
          f"{'met' if met else 'NOT met'}")
    if not met:
        sys.exit(1)


if __name__ == "__main__":
    main()
