"""A mixed exam-day workload driven by locust against gunicorn on PostgreSQL, with a real Celery worker on Redis.

Usage: .venv/bin/python bench/exam_day_load.py [--seconds 180] [--candidates 200] [--assessors 10] [--hr 3]
       [--visitors 10] [--spawn-rate 5] [--form-sign-in-share 0.5] [--sitting-opens-in SECONDS]
       [--admission-minutes 3] [--workers 2×cores+1] [--threads 1]
(needs the bench extra: .venv/bin/pip install -e '.[bench]'; DATABASE_URL defaults to dg_portal_load, REDIS_URL to
redis db 9; every request goes to the loopback interface.)

Who is on the portal (bench/exam_day_locustfile.py says what each does):
- candidates sign in (a share through the real sign-in form, the rest with a session made for them), open the
  written exam, save an answer every 3–6 s and submit in the last 40 s of the run; a quarter also browse their
  evidence matrix and blueprint and autosave a blueprint section, a few upload a small evidence PDF and a few ask
  for their blueprint document, which the Celery worker renders with WeasyPrint; with --sitting-opens-in they are
  all seated in a sitting and wait in its waiting room until it lets each of them in;
- assessors open the judging queue and the judging screen of each allocated case and record a judgment per
  criterion;
- HR officers page and filter the certificate desk and open the dashboard;
- anonymous visitors verify certificate codes and read the public standard pages.

Printed: seeding time; per request type count, requests/s, p50/p95/p99 and errors (from locust's CSV); total
throughput; the CPU each process used (the load generator shares the 2 cores with the server, so its share is
shown); then what the database holds: every acknowledged answer is the one stored, every acknowledged submission is
recorded, every acknowledged judgment and blueprint autosave is there, every upload is an item with its file, and
every document the worker was asked for is ready. Exit status 1 when a check fails or a request type has errors."""
import argparse
import csv
import datetime
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/dg_portal_load")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/9")

from _setup import ROOT, bench_environment, create_database, django_setup, serve  # noqa: E402

PORT = 8079
PASSWORD = "exam-day-Bench-2569"
UNIT_CODE = "DG-EJJM-026"
PORTFOLIO_CASES_PER_ASSESSOR = 3
CERTIFICATES = 2000
AGENCIES = 5
SATURATION_USERS = 24  # concurrent savers with no pause: enough to keep every worker busy
SATURATION_SECONDS = 20


# --- Seeding, through the project's services ------------------------------------------------------------


def _user(username: str, role: str, *, department=None, password_hash: str):
    from django.contrib.auth.models import Group

    from accounts.models import User

    user = User.objects.create(username=username, password=password_hash, email=f"{username}@example.go.th",
                               name_prefix_th="นาย", first_name_th="ผู้ใช้", last_name_th=username[-12:],
                               department=department)
    user.groups.add(Group.objects.get(name=role.value))
    return user


def _staff(user) -> dict:
    """A staff member's account for the locustfile, with the key of the authenticator app they sign in with."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=user, name="bench app", confirmed=True)
    return {"username": user.username, "totp": device.key}


def _session_cookie(user) -> str:
    """A signed-in session for the candidates who do not go through the sign-in form."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "accounts.backends.PortalModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    return session.session_key


def _certificates(prefix: str, admin) -> tuple[list, list[str]]:
    """Agencies holding CERTIFICATES certificates between them (bulk-written, as bench/certificates_desk.py does)."""
    import datetime
    import random

    from accounts.models import Department, Ministry, User
    from assessments.models import AssessmentCase
    from certificates.models import Certificate
    from certificates.services import status_list_positions_reserve
    from competency.selectors import unit_current

    ministry, _created = Ministry.objects.get_or_create(name_th="กระทรวงทดสอบวันสอบ")
    agencies = [Department.objects.create(ministry=ministry, name_th=f"กรมทดสอบวันสอบ {prefix} {n}")
                for n in range(AGENCIES)]
    unit = unit_current(code=UNIT_CODE)
    rng = random.Random(prefix)
    holders = User.objects.bulk_create([
        User(username=f"{prefix}-holder-{n:05}", email=f"{prefix}-holder{n}@example.go.th", password="!",
             name_prefix_th="นาง", first_name_th=rng.choice(["วิไล", "สมหญิง", "กมลชนก", "ศิริพร"]),
             last_name_th=f"ทดสอบ{n}", department=agencies[n % AGENCIES]) for n in range(CERTIFICATES)])
    cases = AssessmentCase.objects.bulk_create([
        AssessmentCase(candidate=h, unit=unit, unit_code=unit.code, state=AssessmentCase.State.CERTIFIED)
        for h in holders])
    now = datetime.datetime.now(datetime.UTC)
    series = f"X{prefix[-6:].upper()}"
    rows = []
    positions = status_list_positions_reserve(count=len(holders))
    for n, (holder, case, position) in enumerate(zip(holders, cases, positions)):
        issued = datetime.date(2023, 1, 1) + datetime.timedelta(days=rng.randrange(1400))
        revoked = now if rng.random() < 0.05 else None
        rows.append(Certificate(
            number=f"{UNIT_CODE}-{series}-{n + 1:06d}", series=f"{UNIT_CODE}-{series}", year_be=issued.year + 543,
            sequence=n + 1, code=uuid.uuid4().hex[:20].upper(), case=case, holder=holder,
            holder_name_th=f"นาง{holder.first_name_th} {holder.last_name_th}", holder_name_en=f"Mrs Bench {n}",
            department=holder.department, unit=unit, unit_code=unit.code, unit_title_th=unit.title_th,
            unit_title_en=unit.title_en, unit_revision_number=unit.revision_number,
            unit_revision_year_be=unit.revision_year_be, issued_at=now, issued_on=issued,
            expires_on=issued + datetime.timedelta(days=3 * 365), issued_by=admin, revoked_at=revoked,
            revoked_by=admin if revoked else None, revocation_reason="ทดสอบ" if revoked else "",
            status_list_index=position))
    Certificate.objects.bulk_create(rows)
    return agencies, [c.code for c in rows[:300]]


def _portfolio(prefix: str, n: int, password_hash: str):
    """A candidate's case with evidence for every criterion, submitted, as an assessor receives it."""
    from accounts.roles import Role
    from assessments.services import case_enrol, case_submit
    from evidence.services import evidence_item_create
    from tests.samples import pdf_bytes, upload

    person = _user(f"{prefix}-portfolio-{n:03}", Role.CANDIDATE, password_hash=password_hash)
    case = case_enrol(candidate=person, unit_code=UNIT_CODE)
    for criterion in case.unit.criteria.order_by("order"):
        evidence_item_create(
            case=case, by=person, title=f"หลักฐาน {criterion.code}", kind="performance",
            uploads=[upload(f"{criterion.code}.pdf", pdf_bytes(marker=f"{prefix}-{n}-{criterion.code}"),
                            "application/pdf")],
            mappings={criterion.pk: f"แสดง {criterion.code} ในงานจริงของหน่วยงาน"})
    case_submit(case=case, by=person, summary="หลักฐานครบทุกเกณฑ์")
    return case


def seed(options, prefix: str) -> dict:
    """Everyone the workload needs, written through the project's services; returns what the locustfile reads."""
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from accounts.models import User
    from accounts.roles import Role
    from assessments.services import case_enrol
    from blueprints.models import Blueprint
    from blueprints.services import blueprint_copy
    from exams.models import ExamDefinition
    from judging.services import allocation_assign

    # One Argon2 hash for everyone: the sign-in form still checks it in full on every sign-in.
    password_hash = make_password(PASSWORD)
    admin = User.objects.filter(is_superuser=True).first()
    written = ExamDefinition.objects.get(code="dg-ejjm-026-written")
    worked_example = Blueprint.objects.filter(worked_example_key__isnull=False).order_by("pk").first()
    blueprint_users = round(options.candidates * options.browse_share)
    with transaction.atomic():
        candidates = []
        for n in range(options.candidates):
            person = _user(f"{prefix}-cand-{n:03}", Role.CANDIDATE, password_hash=password_hash)
            case = case_enrol(candidate=person, unit_code=UNIT_CODE)
            if n < blueprint_users:
                blueprint_copy(source=worked_example, by=person)
            form = int((n + 1) * options.form_sign_in_share) > int(n * options.form_sign_in_share)  # spread evenly
            candidates.append({"username": person.username, "case": case.pk,
                               "session": None if form else _session_cookie(person),
                               "browses": n < blueprint_users})
        agencies, codes = _certificates(prefix, admin)
        hr = [_staff(_user(f"{prefix}-hr-{n}", Role.HR_OFFICER, department=agencies[n % AGENCIES],
                           password_hash=password_hash)) for n in range(options.hr)]
        assessors = []
        for n in range(options.assessors):
            assessor = _user(f"{prefix}-assessor-{n:02}", Role.ASSESSOR, password_hash=password_hash)
            for k in range(PORTFOLIO_CASES_PER_ASSESSOR):
                case = _portfolio(prefix, n * PORTFOLIO_CASES_PER_ASSESSOR + k, password_hash)
                allocation_assign(case=case, assessor=assessor, by=admin)
            assessors.append(_staff(assessor))
        saturation = [_saturation_candidate(prefix, n, written, password_hash) for n in range(SATURATION_USERS)]
    return {"password": PASSWORD, "definition": written.pk, "candidates": candidates, "assessors": assessors,
            "hr": hr, "codes": codes, "uploaders": options.uploaders, "renderers": options.renderers,
            "saturation": saturation}


def _sitting(options, seed_data: dict):
    """A sitting of the written exam with every candidate of the run seated in it, through the services."""
    from django.utils import timezone

    from accounts.models import User
    from assessments.models import AssessmentCase
    from exams.models import ExamDefinition
    from exams.services import sitting_schedule, sitting_seat

    coordinator = User.objects.get(username="coordinator1")
    sitting = sitting_schedule(
        definition=ExamDefinition.objects.get(pk=seed_data["definition"]), name_th="รอบสอบวันสอบ (bench)",
        opens_at=timezone.now() + datetime.timedelta(hours=1), admission_minutes=options.admission_minutes,
        by=coordinator)
    cases = AssessmentCase.objects.filter(pk__in=[c["case"] for c in seed_data["candidates"]])
    sitting_seat(sitting=sitting, cases=list(cases), by=coordinator)
    return sitting


def _saturation_candidate(prefix: str, n: int, definition, password_hash: str) -> dict:
    """A candidate of the saturation phase: signed in, with an attempt open and the text questions of its form."""
    from accounts.roles import Role
    from assessments.services import case_enrol
    from exams.models import Answer
    from exams.services import attempt_start

    person = _user(f"{prefix}-saturation-{n:03}", Role.CANDIDATE, password_hash=password_hash)
    attempt = attempt_start(case=case_enrol(candidate=person, unit_code=UNIT_CODE), definition=definition)
    essays = list(Answer.objects.filter(attempt=attempt, item_version__item_type__in=("essay", "short_answer"))
                  .values_list("item_version_id", flat=True))
    return {"session": _session_cookie(person), "csrf": uuid.uuid4().hex, "attempt": attempt.pk, "essays": essays}


# --- Processes ------------------------------------------------------------------------------------------


def _cpu_seconds(pid: int) -> float:
    """CPU time of a process and all its descendants that are still running (from /proc)."""
    total = 0.0
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        for task in Path(f"/proc/{pid}/task").iterdir():
            for child in (task / "children").read_text().split():
                total += _cpu_seconds(int(child))
    except (FileNotFoundError, ProcessLookupError):
        pass
    return total


def _postgres_cpu_seconds() -> float:
    """CPU time of the PostgreSQL server, from /proc: its processes still running, and through the postmaster's
    reaped-children times those that have ended (a connection closed after CONN_MAX_AGE takes its backend's CPU
    with it). The machine is quiet but for the bench, so the server's time is the bench's."""
    total = 0.0
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except (FileNotFoundError, ProcessLookupError, PermissionError):
                continue
            if stat[stat.index("(") + 1:stat.rindex(")")] != "postgres":
                continue
            fields = stat.rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
            if not _is_postgres(int(fields[1])):  # the postmaster: add its ended children
                total += int(fields[13]) + int(fields[14])
    return total / os.sysconf("SC_CLK_TCK")


def _is_postgres(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return False
    return stat[stat.index("(") + 1:stat.rindex(")")] == "postgres"


def _machine_busy_seconds() -> float:
    """CPU time spent by everything on the machine, summed over its cores (from /proc/stat)."""
    user, nice, system, _idle, _iowait, irq, softirq, steal = map(int, Path("/proc/stat").read_text().split()[1:9])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def _sample_cpu(generator: subprocess.Popen) -> list[tuple[float, float, float]]:
    """Every second while the load generator runs: (time, the machine's busy CPU, the generator's own CPU)."""
    import threading

    samples: list[tuple[float, float, float]] = []

    def sample():
        while generator.poll() is None:
            samples.append((time.time(), _machine_busy_seconds(), _cpu_seconds(generator.pid)))
            time.sleep(1)

    threading.Thread(target=sample, daemon=True).start()
    return samples


def _steady_state(samples, record: dict, ends_at: float, candidates: int, cores: int) -> None:
    """The CPU the workload costs once every candidate is in and saving (after the last start, before the first
    submissions), per candidate: the ceiling on how many candidates the machine holds whatever the arrival."""
    if not record.get("started_times") or candidates == 0:
        return
    begin, end = max(record["started_times"]) + 5, ends_at - 45
    window = [s for s in samples if begin <= s[0] <= end]
    if len(window) < 10:
        print("steady state: too short to measure (the run ends soon after the last candidate starts)")
        return
    seconds = window[-1][0] - window[0][0]
    busy = (window[-1][1] - window[0][1]) / seconds
    generator = (window[-1][2] - window[0][2]) / seconds
    server = busy - generator
    print(f"steady state, all {candidates} candidates in and saving ({seconds:.0f} s measured): {busy:.2f} of {cores} "
          f"cores busy, {server:.2f} without the load generator; "
          f"{1000 * server / candidates:.2f} ms of server CPU per candidate-second, so {cores} cores hold at most "
          f"{cores * candidates / server:.0f} candidates at 100 % busy")


def _stats(prefix: str) -> list[dict]:
    with open(f"{prefix}_stats.csv", newline="") as handle:
        return list(csv.DictReader(handle))


def _print_stats(rows: list[dict], seconds: float) -> int:
    """The per-request-type table; returns the number of failed requests."""
    print(f"{'request':<44} {'count':>6} {'req/s':>6} {'p50':>6} {'p95':>6} {'p99':>6} {'max':>7} {'errors':>6}")
    failures = 0
    for row in sorted(rows, key=lambda r: (r["Name"] == "Aggregated", r["Name"])):
        name = "TOTAL" if row["Name"] == "Aggregated" else row["Name"]
        count, errors = int(row["Request Count"]), int(row["Failure Count"])
        if name != "TOTAL":
            failures += errors
        else:
            print("-" * 88)
        print(f"{name:<44} {count:>6} {count / seconds:>6.1f} {row['50%']:>6} {row['95%']:>6} {row['99%']:>6} "
              f"{float(row['Max Response Time']):>7.0f} {errors:>6}")
    print("(times in ms; locust rounds them to 2 significant figures)")
    return failures


# --- Checks in the database -----------------------------------------------------------------------------


def _stored(item_type: str, choice_order: list[int], value):
    """What the database should hold for a value the exam page sent: positions become choice ids."""
    if item_type == "single_choice":
        return choice_order[value]
    if item_type == "multiple_choice":
        return sorted(choice_order[v] for v in value)
    return value


def check(record: dict, seed_data: dict) -> list[tuple[str, bool]]:
    from blueprints.models import BlueprintRender, BlueprintSection
    from evidence.models import EvidenceItem
    from exams.models import Answer, Attempt
    from judging.models import Judgment

    results = []
    acknowledged = record["answers"]
    lost = 0
    for attempt_id, answers in acknowledged.items():
        held = {a.item_version_id: (a.response, a.item_version.item_type, a.choice_order)
                for a in Answer.objects.filter(attempt_id=attempt_id).select_related("item_version")}
        for item, value in answers.items():
            response, item_type, order = held.get(int(item), (None, None, None))
            lost += response != _stored(item_type, order or [], value) if item_type else 1
    saved = sum(len(a) for a in acknowledged.values())
    results.append((f"exam answers: {saved} last-acknowledged answers in {len(acknowledged)} attempts, "
                    f"{lost} not as stored", lost == 0 and saved > 0))

    submitted = record["submitted"]
    recorded = Attempt.objects.filter(pk__in=submitted, status="submitted", submitted_at__isnull=False).count()
    started = len(record["started"])
    open_left = Attempt.objects.filter(pk__in=record["started"], status="in_progress").count()
    results.append((f"submissions: {len(submitted)} acknowledged, {recorded} recorded as submitted "
                    f"({started} attempts started, {open_left} still open)",
                    recorded == len(submitted) and len(submitted) > 0))

    wrong = 0
    for (case_id, criterion_id, username), (score, comment) in (
            (tuple(json.loads(k)), v) for k, v in record["judgments"].items()):
        judgment = Judgment.objects.filter(case_id=case_id, criterion_id=criterion_id,
                                           assessor__username=username).first()
        wrong += judgment is None or (judgment.score, judgment.comment) != (score, comment)
    results.append((f"judgments: {len(record['judgments'])} acknowledged, {wrong} missing or different",
                    wrong == 0 and len(record["judgments"]) > 0))

    stale = 0
    for key, fields in record["sections"].items():
        blueprint_id, kind = json.loads(key)
        content = BlueprintSection.objects.get(blueprint_id=blueprint_id, kind=kind).content
        stale += any(content.get(name) != value for name, value in fields.items())
    results.append((f"blueprint autosaves: {len(record['sections'])} sections, {stale} not holding the last "
                    f"acknowledged text", stale == 0 and (len(record["sections"]) > 0 or not seed_data["candidates"])))

    missing = sum(not EvidenceItem.objects.filter(case_id=case_id, title=title, files__isnull=False).exists()
                  for case_id, title in record["uploads"])
    results.append((f"evidence uploads: {len(record['uploads'])} acknowledged, {missing} without their item and "
                    f"file", missing == 0 and len(record["uploads"]) >= min(1, seed_data["uploaders"])))

    requested = record["renders"]
    ready = BlueprintRender.objects.filter(blueprint_id__in=requested, status="ready").values(
        "blueprint_id").distinct().count()
    results.append((f"blueprint documents (Celery): {len(requested)} requested, {ready} ready",
                    ready == len(requested)))
    return results


def saturate(env: dict, work: Path, port: int, target: str, people: list[dict]) -> dict:
    """Saves per second with SATURATION_USERS candidates saving back to back (bench/exam_day_saturation_locustfile.py)."""
    (work / "saturation.json").write_text(json.dumps(people))
    prefix = str(work / f"saturation-{target}")
    subprocess.run(
        [sys.executable, "-m", "locust", "-f", str(ROOT / "bench" / "exam_day_saturation_locustfile.py"), "--headless",
         "-u", str(SATURATION_USERS), "-r", str(SATURATION_USERS), "-t", f"{SATURATION_SECONDS}s", "--stop-timeout",
         "5", "--host", f"http://127.0.0.1:{port}", "--csv", prefix, "--only-summary", "--loglevel", "WARNING"],
        cwd=ROOT, env=env | {"SATURATION_SEED": str(work / "saturation.json"), "SATURATION_TARGET": target},
        stdout=open(f"{prefix}.log", "w"), stderr=subprocess.STDOUT)
    row = next(r for r in _stats(prefix) if r["Name"] == "save")
    return {"rate": int(row["Request Count"]) / SATURATION_SECONDS, "p50": row["50%"], "p95": row["95%"],
            "errors": int(row["Failure Count"])}


def main() -> None:
    cores = os.cpu_count() or 1
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=180, help="length of the locust run (default 180)")
    parser.add_argument("--candidates", type=int, default=200)
    parser.add_argument("--assessors", type=int, default=10)
    parser.add_argument("--hr", type=int, default=3)
    parser.add_argument("--visitors", type=int, default=10)
    parser.add_argument("--spawn-rate", type=float, default=5, help="users started per second")
    parser.add_argument("--form-sign-in-share", type=float, default=0.5,
                        help="share of candidates signing in through the form (Argon2); staff always do")
    parser.add_argument("--browse-share", type=float, default=0.25,
                        help="share of candidates who also browse their case and blueprint")
    parser.add_argument("--uploaders", type=int, default=10)
    parser.add_argument("--renderers", type=int, default=3, help="candidates asking for their blueprint document")
    parser.add_argument("--sitting-opens-in", type=int, default=None, metavar="SECONDS",
                        help="seat every candidate in a sitting that opens this many seconds after the run starts "
                             "(default: no sitting, everyone starts on arrival)")
    parser.add_argument("--admission-minutes", type=int, default=3,
                        help="the sitting's admission window, over which its candidates are let in (default 3)")
    parser.add_argument("--workers", type=int, default=2 * cores + 1, help="gunicorn workers (default 2×cores+1)")
    parser.add_argument("--threads", type=int, default=1, help="threads per worker (>1 uses gthread)")
    options = parser.parse_args()

    env = bench_environment()
    env["TRUSTED_PROXIES"] = "127.0.0.1"  # as behind the load balancer: each visitor forwarded with an address of its own
    started = time.perf_counter()
    create_database(env)
    subprocess.run([sys.executable, "manage.py", "load_exam_bank", "-v0"], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL)
    subprocess.run([sys.executable, "manage.py", "loaddata", "blueprint_worked_example", "-v0"], cwd=ROOT, env=env,
                   check=True)
    migrated = time.perf_counter() - started
    django_setup()
    prefix = f"day-{uuid.uuid4().hex[:8]}"
    started = time.perf_counter()
    seed_data = seed(options, prefix)
    seeded = time.perf_counter() - started
    print(f"seeding: database, standard, exam bank and worked example in {migrated:.1f} s; "
          f"{options.candidates} candidates, {options.assessors} assessors with "
          f"{options.assessors * PORTFOLIO_CASES_PER_ASSESSOR} submitted portfolios, {options.hr} HR officers and "
          f"{CERTIFICATES} certificates in {seeded:.1f} s", flush=True)

    sitting = _sitting(options, seed_data) if options.sitting_opens_in is not None else None
    work = Path(tempfile.mkdtemp(prefix="exam-day-"))
    (work / "seed.json").write_text(json.dumps(seed_data))
    from django.db import connections

    from config.celery import app

    app.control.purge()
    connections.close_all()  # idle through the run, it could be dropped; the checks open a fresh one
    server = serve(env, PORT, workers=options.workers, threads=options.threads,
                   log=open(work / "gunicorn.log", "w"), start_new_session=True)
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "--concurrency=2", "--without-gossip",
         "--without-mingle", "--loglevel=WARNING", "-n", f"{prefix}@%h"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=open(work / "celery.log", "w"), start_new_session=True)
    try:
        users = options.candidates + options.assessors + options.hr + options.visitors
        kind = f"gthread × {options.threads} threads" if options.threads > 1 else "sync"
        print(f"gunicorn: {options.workers} workers ({kind}) on {cores} cores; Celery worker: prefork × 2; "
              f"PostgreSQL and Redis on the loopback")
        print(f"locust: {users} users ({options.candidates} candidates, {options.assessors} assessors, {options.hr} "
              f"HR officers, {options.visitors} visitors), spawn rate {options.spawn_rate}/s, {options.seconds} s\n",
              flush=True)
        load_before = os.getloadavg()[0]
        cpu_before = {"gunicorn": _cpu_seconds(server.pid), "celery": _cpu_seconds(worker.pid),
                      "postgres": _postgres_cpu_seconds(), "machine": _machine_busy_seconds()}
        locust_env = env | {"EXAM_DAY_SEED": str(work / "seed.json"), "EXAM_DAY_RECORD": str(work / "record.json"),
                            "EXAM_DAY_CANDIDATES": str(options.candidates), "EXAM_DAY_ASSESSORS": str(options.assessors),
                            "EXAM_DAY_HR": str(options.hr), "EXAM_DAY_VISITORS": str(options.visitors)}
        if sitting is not None:  # the seed took its time: the sitting opens counted from the run's start
            from django.utils import timezone

            sitting.__class__.objects.filter(pk=sitting.pk).update(
                opens_at=timezone.now() + datetime.timedelta(seconds=options.sitting_opens_in))
            connections.close_all()
            print(f"sitting: every candidate seated; it opens {options.sitting_opens_in} s into the run and lets them "
                  f"in over {options.admission_minutes} min\n", flush=True)
        wall, run_started = time.perf_counter(), time.time()
        generator = subprocess.Popen(
            [sys.executable, "-m", "locust", "-f", str(ROOT / "bench" / "exam_day_locustfile.py"), "--headless",
             "-u", str(users), "-r", str(options.spawn_rate), "-t", f"{options.seconds}s", "--stop-timeout", "10",
             "--host", f"http://127.0.0.1:{PORT}", "--csv", str(work / "locust"), "--only-summary",
             "--loglevel", "WARNING"],
            cwd=ROOT, env=locust_env, stdout=open(work / "locust.log", "w"), stderr=subprocess.STDOUT)
        samples = _sample_cpu(generator)
        _pid, _status, usage = os.wait4(generator.pid, 0)
        generator.returncode = os.waitstatus_to_exitcode(_status)
        wall = time.perf_counter() - wall
        cpu = {"locust (load generator)": usage.ru_utime + usage.ru_stime,
               "gunicorn (all workers)": _cpu_seconds(server.pid) - cpu_before["gunicorn"],
               "Celery worker": _cpu_seconds(worker.pid) - cpu_before["celery"],
               "PostgreSQL (all its processes)": _postgres_cpu_seconds() - cpu_before["postgres"]}
        cpu["everything else on the machine"] = (_machine_busy_seconds() - cpu_before["machine"]) - sum(cpu.values())
        load_after = os.getloadavg()[0]
        record = json.loads((work / "record.json").read_text())
        # The worker may still be rendering a document asked for in the last seconds of the run.
        deadline = time.monotonic() + 120
        from blueprints.models import BlueprintRender

        while (BlueprintRender.objects.filter(blueprint_id__in=record["renders"], status__in=BlueprintRender.ACTIVE)
               .exists() and time.monotonic() < deadline):
            time.sleep(1)
        saturation = {"portal's answer save": saturate(env, work, PORT, "portal", seed_data["saturation"])}
    finally:
        for process in (server, worker):
            os.killpg(process.pid, signal.SIGTERM)
        for process in (server, worker):
            process.wait(timeout=60)
    from django.db import connection
    from floor import CREATE_TABLE

    with connection.cursor() as cursor:
        cursor.execute(CREATE_TABLE)
    connections.close_all()
    floor_server = serve(env | {"DJANGO_SETTINGS_MODULE": "bench.floor"}, PORT + 1, workers=options.workers,
                         threads=options.threads, log=open(work / "gunicorn-floor.log", "w"), start_new_session=True)
    try:
        saturation["floor (bench/floor.py)"] = saturate(env, work, PORT + 1, "floor", seed_data["saturation"])
    finally:
        os.killpg(floor_server.pid, signal.SIGTERM)
        floor_server.wait(timeout=60)

    rows = _stats(str(work / "locust"))
    failures = _print_stats(rows, options.seconds)
    total = next(r for r in rows if r["Name"] == "Aggregated")
    print(f"\nthroughput: {int(total['Request Count']) / options.seconds:.1f} requests/s over {options.seconds} s "
          f"(including the {users / options.spawn_rate:.0f} s ramp-up); signed in through the form: "
          f"{record['form_sign_ins']}, with a prepared session: {record['session_sign_ins']}")
    _steady_state(samples, record, run_started + options.seconds, options.candidates, cores)
    if record.get("waited"):
        waits = sorted(record["waited"])
        print(f"waiting room: {len(waits)} candidates waited to be let in, {waits[len(waits) // 2]} s median, "
              f"{waits[-1]} s longest")
    if record.get("render_seconds"):
        times = sorted(record["render_seconds"])
        print(f"blueprint documents: request to ready as the page sees it, {times[len(times) // 2]:.1f} s median, "
              f"{times[-1]:.1f} s slowest ({len(times)} documents)")
    print(f"\nCPU used during the {wall:.0f} s run, out of {cores * wall:.0f} core-seconds:")
    for name, seconds in cpu.items():
        print(f"  {name:<28} {seconds:7.1f} s  ({100 * seconds / (cores * wall):4.1f} % of the machine)")
    print(f"  load average (1 min) {load_before:.1f} before the run, {load_after:.1f} at its end")
    print("  (the load generator runs on the same cores as the server: its share is CPU the server did not get, and"
          " its own scheduling delay is inside the latencies above; so is anything else running on the machine)\n")

    print(f"saturation, after the run: {SATURATION_USERS} candidates saving back to back for {SATURATION_SECONDS} s "
          f"against the same gunicorn ({options.workers} workers)")
    for name, figures in saturation.items():
        print(f"  {name:<28} {figures['rate']:6.1f} saves/s  p50 {figures['p50']} ms, p95 {figures['p95']} ms, "
              f"{figures['errors']} errors")
    portal, floor = saturation.values()
    print(f"  the portal's save reaches {portal['rate'] / floor['rate']:.2f} of the floor's throughput (target ≥ 0.5)\n")

    print("checks in the database after the run:")
    results = check(record, seed_data)
    for text, ok in results:
        print(f"  {'ok  ' if ok else 'FAIL'} {text}")
    if generator.returncode not in (0, 1):  # locust exits 1 when any request failed; that is reported above
        print(f"locust exited with {generator.returncode}; see {work / 'locust.log'}")
    print(f"\nlocust CSV and logs: {work}")
    if (failures or not all(ok for _text, ok in results) or generator.returncode not in (0, 1)
            or any(figures["errors"] for figures in saturation.values())):
        sys.exit(1)


if __name__ == "__main__":
    main()
