"""100 candidates answering the written exam at once through gunicorn on PostgreSQL, then submitting at the deadline.

Usage: .venv/bin/python bench/exam_save_load.py [--seconds 60] [--candidates 100]
(DATABASE_URL defaults to a PostgreSQL bench database; everything runs on the loopback interface.)

1. Load: each candidate, on a keep-alive connection of its own, changes one answer every 2–4 seconds, as the exam
   page does. Reported: requests/s, p50/p95/p99 of the save, errors, and answers lost — every answer the server
   acknowledged is compared afterwards with what the database holds.
2. Deadline: every attempt's deadline is set to the same second; at it each candidate sends a last answer (inside
   the grace period) and submits, all at once. Reported: latencies, errors, attempts left open, answers lost.
3. Server close: 100 further attempts are left open past deadline and grace, and the periodic task's work (closing
   and scoring each) is timed.
Targets: save p95 ≤ 200 ms, 0 errors, 0 answers lost."""
import argparse
import http.client
import json
import random
import signal
import statistics
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta

from _setup import ROOT, bench_environment, create_database, django_setup, serve

PORT = 8078
WORKERS, THREADS = 4, 4
TARGET_P95_MS = 200


@dataclass
class Question:
    version_id: int
    item_type: str
    choice_order: list[int]

    def random_value(self, rng: random.Random):
        if self.item_type == "single_choice":
            return rng.randrange(len(self.choice_order))
        if self.item_type == "multiple_choice":
            return sorted(rng.sample(range(len(self.choice_order)), rng.randint(1, len(self.choice_order))))
        if self.item_type == "true_false":
            return rng.random() < 0.5
        words = ["ข้อมูล", "กระบวนงาน", "บุคลากร", "เทคโนโลยี", "ยุทธศาสตร์", "บริการ", "G2G", "blueprint"]
        length = 3 if self.item_type == "short_answer" else rng.randint(80, 300)
        return " ".join(rng.choice(words) for _ in range(length))

    def stored(self, value):
        """What the database should hold for a value the page sent: positions become choice ids."""
        if self.item_type == "single_choice":
            return self.choice_order[value]
        if self.item_type == "multiple_choice":
            return sorted(self.choice_order[v] for v in value)
        return value


@dataclass
class Candidate:
    attempt_id: int
    cookie: str
    csrf: str
    questions: list[Question]
    acknowledged: dict[int, object] = field(default_factory=dict)


@dataclass
class Timings:
    latencies_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, started: float, status: int | str) -> None:
        with self.lock:
            self.latencies_ms.append((time.perf_counter() - started) * 1000)
            if status != 200:
                self.errors.append(str(status))

    def line(self, label: str) -> str:
        if not self.latencies_ms:
            return f"{label:<26} no requests"
        q = statistics.quantiles(self.latencies_ms, n=100, method="inclusive")
        kinds = ", ".join(f"{kind}×{n}" for kind, n in Counter(self.errors).most_common())
        return (f"{label:<22} n={len(self.latencies_ms):>5}  p50={q[49]:6.1f} ms  p95={q[94]:6.1f} ms  "
                f"p99={q[98]:6.1f} ms  max={max(self.latencies_ms):6.1f} ms  errors={len(self.errors)}"
                + (f" ({kinds})" if kinds else ""))


def _session_for(user) -> tuple[str, str]:
    """A signed-in session and a CSRF token for the user, as after the sign-in page (whose Argon2 is not measured)."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils.crypto import get_random_string

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "accounts.backends.PortalModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    csrf = get_random_string(32)
    return f"sessionid={session.session_key}; csrftoken={csrf}", csrf


def _candidates(count: int, prefix: str, definition) -> list[Candidate]:
    from django.contrib.auth.models import Group

    from accounts.models import User
    from assessments.services import case_enrol
    from exams.services import attempt_start

    group = Group.objects.get(name="Candidate")
    people = []
    for n in range(count):
        user = User.objects.create(username=f"{prefix}-{n:03}", first_name_th="ผู้สอบ", last_name_th=f"ที่ {n + 1}",
                                   email=f"{prefix}-{n}@example.go.th")
        user.groups.add(group)
        attempt = attempt_start(case=case_enrol(candidate=user, unit_code="DG-EJJM-026"), definition=definition)
        cookie, csrf = _session_for(user)
        questions = [Question(a.item_version_id, a.item_version.item_type, a.choice_order)
                     for a in attempt.answers.select_related("item_version")]
        people.append(Candidate(attempt.pk, cookie, csrf, questions))
    return people


def _post(connection: http.client.HTTPConnection, candidate: Candidate, path: str, body: dict | None) -> int:
    headers = {"Cookie": candidate.cookie, "X-CSRFToken": candidate.csrf, "Accept": "application/json",
               "Content-Type": "application/json"}
    payload = json.dumps(body) if body is not None else ""
    reused = connection.sock is not None
    try:
        connection.request("POST", path, body=payload, headers=headers)
        response = connection.getresponse()
    except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
        if not reused:
            raise
        # gunicorn closes a keep-alive connection idle for 2 s; like a browser, open a new one and send again.
        connection.close()
        connection.request("POST", path, body=payload, headers=headers)
        response = connection.getresponse()
    response.read()
    return response.status


def _save(connection, candidate: Candidate, rng: random.Random, timings: Timings) -> None:
    question = rng.choice(candidate.questions)
    value = question.random_value(rng)
    started = time.perf_counter()
    try:
        status = _post(connection, candidate, f"/exams/attempts/{candidate.attempt_id}/answers/",
                       {"item": question.version_id, "value": value})
    except (OSError, http.client.HTTPException) as exc:
        timings.add(started, type(exc).__name__)
        connection.close()
        return
    timings.add(started, status)
    if status == 200:
        candidate.acknowledged[question.version_id] = question.stored(value)


def _lost(candidates: list[Candidate]) -> int:
    """Acknowledged answers the database does not hold as acknowledged."""
    from exams.models import Answer

    lost = 0
    for candidate in candidates:
        held = dict(Answer.objects.filter(attempt_id=candidate.attempt_id).values_list("item_version_id", "response"))
        lost += sum(held.get(item) != value for item, value in candidate.acknowledged.items())
    return lost


def _load_phase(candidates: list[Candidate], seconds: float) -> tuple[Timings, float]:
    timings = Timings()
    stop_at = time.monotonic() + seconds

    def run(candidate: Candidate, seed: int) -> None:
        rng = random.Random(seed)
        connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
        time.sleep(rng.uniform(0, 3))  # candidates do not all press a key in the same millisecond
        while time.monotonic() < stop_at:
            _save(connection, candidate, rng, timings)
            time.sleep(rng.uniform(2, 4))
        connection.close()

    started = time.monotonic()
    threads = [threading.Thread(target=run, args=(c, n)) for n, c in enumerate(candidates)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return timings, time.monotonic() - started


def _deadline_phase(candidates: list[Candidate]) -> tuple[Timings, Timings]:
    from django.utils import timezone

    from exams.models import Attempt

    deadline = timezone.now() + timedelta(seconds=5)
    Attempt.objects.filter(pk__in=[c.attempt_id for c in candidates]).update(deadline=deadline)
    wake_at = time.time() + (deadline - timezone.now()).total_seconds()
    barrier = threading.Barrier(len(candidates))
    saves, submits = Timings(), Timings()

    def run(candidate: Candidate, seed: int) -> None:
        rng = random.Random(seed)
        connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
        time.sleep(max(0.0, wake_at - time.time()))
        barrier.wait()  # the same instant for all: the clock reached zero on every page
        _save(connection, candidate, rng, saves)  # the answer in flight, accepted within the grace period
        started = time.perf_counter()
        try:
            status = _post(connection, candidate, f"/exams/attempts/{candidate.attempt_id}/submit/", None)
        except (OSError, http.client.HTTPException) as exc:
            status = type(exc).__name__
        submits.add(started, status)
        connection.close()

    threads = [threading.Thread(target=run, args=(c, 1000 + n)) for n, c in enumerate(candidates)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return saves, submits


def _server_close_phase(count: int, prefix: str, definition) -> tuple[int, float]:
    """Attempts abandoned past deadline and grace, closed as the periodic task closes them; returns (closed, s)."""
    from django.utils import timezone

    from exams.conf import grace_period
    from exams.models import Attempt
    from exams.selectors import overdue_attempt_ids
    from exams.services import answer_save, attempt_close_overdue

    people = _candidates(count, prefix, definition)
    rng = random.Random(7)
    for candidate in people:
        attempt = Attempt.objects.get(pk=candidate.attempt_id)
        for question in rng.sample(candidate.questions, 10):
            answer_save(attempt=attempt, item_version_id=question.version_id, value=question.random_value(rng))
    past = timezone.now() - grace_period() - timedelta(seconds=1)
    Attempt.objects.filter(pk__in=[c.attempt_id for c in people]).update(deadline=past)
    started = time.perf_counter()
    closed = sum(attempt_close_overdue(attempt_id=attempt_id) for attempt_id in overdue_attempt_ids())
    return closed, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--candidates", type=int, default=100)
    options = parser.parse_args()

    env = bench_environment()
    create_database(env)
    subprocess.run([sys.executable, "manage.py", "load_exam_bank", "-v0"], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL)
    django_setup()
    from exams.models import Attempt, ExamDefinition

    prefix = f"bench-exam-{uuid.uuid4().hex[:8]}"
    written = ExamDefinition.objects.get(code="dg-ejjm-026-written")
    objective, _created = ExamDefinition.objects.get_or_create(
        code="bench-objective", defaults={
            "unit": written.unit, "title_th": "ข้อสอบปรนัย (bench)", "item_count": 30, "time_limit_minutes": 60,
            "pass_mark_percent": 60, "attempts_allowed": 1, "opens_at": written.opens_at})
    print(f"setting up {options.candidates} candidates with attempts of {written.item_count} items …", flush=True)
    candidates = _candidates(options.candidates, prefix, written)

    server = serve(env, PORT, workers=WORKERS, threads=THREADS)
    try:
        print(f"gunicorn: {WORKERS} workers × {THREADS} threads (gthread), PostgreSQL, loopback\n")

        load, elapsed = _load_phase(candidates, options.seconds)
        lost_after_load = _lost(candidates)
        print(f"1. {options.candidates} candidates saving an answer every 2–4 s for {elapsed:.0f} s")
        print(f"   throughput {len(load.latencies_ms) / elapsed:.1f} saves/s")
        print("   " + load.line("save"))
        print(f"   answers acknowledged {sum(len(c.acknowledged) for c in candidates)}, lost {lost_after_load}\n")

        saves, submits = _deadline_phase(candidates)
        open_left = Attempt.objects.filter(pk__in=[c.attempt_id for c in candidates], status="in_progress").count()
        lost_after_submit = _lost(candidates)
        print(f"2. all {options.candidates} at the same deadline: a last answer inside the grace period, then submit")
        print("   " + saves.line("save at the deadline"))
        print("   " + submits.line("submit"))
        print(f"   attempts left open {open_left}, answers lost {lost_after_submit}\n")

        closed, seconds = _server_close_phase(options.candidates, f"{prefix}-abandoned", objective)
        print(f"3. periodic task: {closed} abandoned attempts closed and scored in {seconds:.2f} s "
              f"({1000 * seconds / max(closed, 1):.1f} ms each, forms of 30 objective items)\n")

        p95 = statistics.quantiles(load.latencies_ms, n=100, method="inclusive")[94]
        errors = len(load.errors) + len(saves.errors) + len(submits.errors)
        lost = lost_after_load + lost_after_submit
        met = p95 <= TARGET_P95_MS and errors == 0 and lost == 0 and open_left == 0
        print(f"target (save p95 ≤ {TARGET_P95_MS} ms, 0 errors, 0 lost): {'met' if met else 'NOT met'}")
        if not met:
            sys.exit(1)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
