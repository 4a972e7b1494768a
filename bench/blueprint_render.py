"""Time to produce the worked example's blueprint document, through the service the Celery task calls, and its pages.

Usage: .venv/bin/python bench/blueprint_render.py   (DATABASE_URL defaults to a PostgreSQL bench database)"""
import statistics
import subprocess
import sys
import time
import uuid

from _setup import ROOT, bench_environment, create_database, django_setup

RUNS = 5


def main() -> None:
    env = bench_environment()
    create_database(env)
    subprocess.run([sys.executable, "manage.py", "loaddata", "blueprint_worked_example", "-v0"], cwd=ROOT, env=env,
                   check=True)
    django_setup()
    from django.contrib.auth.models import Group

    from accounts.models import User
    from assessments.services import case_enrol
    from blueprints.models import Blueprint, BlueprintRender
    from blueprints.services import blueprint_copy, blueprint_render_run

    # A new candidate each run, with a copy of the worked example in a fresh portfolio.
    candidate = User.objects.create(username=f"bench-{uuid.uuid4().hex[:12]}", first_name_th="ทดสอบ",
                                    last_name_th="พิมพ์เขียว", email="bench@example.go.th")
    candidate.groups.add(Group.objects.get(name="Candidate"))
    case = case_enrol(candidate=candidate, unit_code="DG-EJJM-026")
    blueprint = blueprint_copy(source=Blueprint.objects.get(worked_example_key__isnull=False), by=candidate)

    timings, pages = [], []
    for _ in range(RUNS):
        # The request row is made here rather than through blueprint_render_request, which would also send the
        # task to whatever broker is configured; what is timed is exactly what the worker runs.
        render = BlueprintRender.objects.create(blueprint=blueprint, case=case, requested_by=candidate, language="th")
        started = time.perf_counter()
        blueprint_render_run(render_id=render.pk)
        timings.append(time.perf_counter() - started)
        render.refresh_from_db()
        if render.status != BlueprintRender.Status.READY:
            raise SystemExit(f"render failed: {render.failure_reason}")
        pages.append(render.page_count)

    print(f"runs: {RUNS} (each renders the PDF and attaches it to the portfolio as a new version)")
    print(f"first run (cold: fonts found, templates compiled): {timings[0]:.2f} s")
    print(f"median of the later runs: {statistics.median(timings[1:]):.2f} s")
    print(f"pages: {pages[-1]}; PDF version in the portfolio: {render.evidence_file.version}; "
          f"size {render.evidence_file.size / 1024:.0f} KB")


if __name__ == "__main__":
    main()
