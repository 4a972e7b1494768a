"""Seed a large, realistic data set for benchmarks (PostgreSQL, never a production database); skips a seeded one.

Usage: .venv/bin/python bench/seed_scale.py [--candidates N ...] [--force]   (the database in DATABASE_URL)"""
import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def parse_arguments(defaults) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=defaults.candidates)
    parser.add_argument("--agencies", type=int, default=defaults.agencies)
    parser.add_argument("--cases", type=int, default=defaults.cases,
                        help="cases other than the certified ones (each certificate brings its own case)")
    parser.add_argument("--evidence-files", type=int, default=defaults.evidence_files)
    parser.add_argument("--certificates", type=int, default=defaults.certificates)
    parser.add_argument("--assessors-per-agency", type=int, default=defaults.assessors_per_agency)
    parser.add_argument("--hr-officers-per-agency", type=int, default=defaults.hr_officers_per_agency)
    parser.add_argument("--seed", type=int, default=2569, help="random seed, for the same data set every time")
    parser.add_argument("--force", action="store_true", help="run even though neither DEBUG nor DEMO_MODE is on")
    parser.add_argument("--quiet", action="store_true", help="print nothing but errors")
    return parser.parse_args()


def main() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    import django

    django.setup()
    from django.conf import settings

    from bench.scale import KNOWN_ACCOUNTS, Sizes, scale_seed, scale_seeded

    options = parse_arguments(Sizes())
    if not (settings.DEBUG or settings.DEMO_MODE or options.force):
        sys.exit("This adds tens of thousands of made-up people: it runs only with DEBUG or DEMO_MODE on, or with "
                 "--force on a database meant for benchmarks.")
    sizes = Sizes(
        candidates=options.candidates, agencies=options.agencies, cases=options.cases,
        evidence_files=options.evidence_files, certificates=options.certificates,
        assessors_per_agency=options.assessors_per_agency, hr_officers_per_agency=options.hr_officers_per_agency,
    )
    if min(sizes.candidates, sizes.agencies) < 1 or min(sizes.cases, sizes.evidence_files, sizes.certificates) < 0:
        sys.exit("Give at least one candidate and one agency, and no negative sizes.")
    if scale_seeded():
        if not options.quiet:
            print("scale data set already seeded")
        return

    def report(table: str, rows: int, seconds: float) -> None:
        if not options.quiet:
            print(f"{table:<32} {rows:>10,} rows {seconds:>8.1f} s")

    started = time.perf_counter()
    try:
        scale_seed(sizes=sizes, seed=options.seed, report=report)
    except ValueError as exc:
        sys.exit(str(exc))
    if not options.quiet:
        print(f"{'total':<32} {'':>15} {time.perf_counter() - started:>8.1f} s")
        print("Sign in as " + ", ".join(KNOWN_ACCOUNTS.values())
              + f" with the password in DEMO_PASSWORD ({settings.DEMO_PASSWORD!r}).")


if __name__ == "__main__":
    main()
