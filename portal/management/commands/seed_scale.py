"""Seed a large, realistic data set for benchmarks (PostgreSQL, never a production database)."""
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.scale import KNOWN_ACCOUNTS, Sizes, scale_seed


class Command(BaseCommand):
    help = ("Add a large data set for benchmarks: agencies, candidates, assessors, HR officers, cases in every "
            "state, evidence metadata, judgments, decisions and certificates. Refuses outside DEBUG or demo mode "
            "unless --force.")

    def add_arguments(self, parser):
        defaults = Sizes()
        parser.add_argument("--candidates", type=int, default=defaults.candidates)
        parser.add_argument("--agencies", type=int, default=defaults.agencies)
        parser.add_argument("--cases", type=int, default=defaults.cases,
                            help="cases other than the certified ones (each certificate brings its own case)")
        parser.add_argument("--evidence-files", type=int, default=defaults.evidence_files)
        parser.add_argument("--certificates", type=int, default=defaults.certificates)
        parser.add_argument("--assessors-per-agency", type=int, default=defaults.assessors_per_agency)
        parser.add_argument("--hr-officers-per-agency", type=int, default=defaults.hr_officers_per_agency)
        parser.add_argument("--seed", type=int, default=2569, help="random seed, for the same data set every time")
        parser.add_argument("--force", action="store_true",
                            help="run even though neither DEBUG nor DEMO_MODE is on")

    def handle(self, *args, **options):
        if not (settings.DEBUG or settings.DEMO_MODE or options["force"]):
            raise CommandError("This adds tens of thousands of made-up people: it runs only with DEBUG or DEMO_MODE "
                               "on, or with --force on a database meant for benchmarks.")
        sizes = Sizes(
            candidates=options["candidates"], agencies=options["agencies"], cases=options["cases"],
            evidence_files=options["evidence_files"], certificates=options["certificates"],
            assessors_per_agency=options["assessors_per_agency"],
            hr_officers_per_agency=options["hr_officers_per_agency"],
        )
        if min(sizes.candidates, sizes.agencies) < 1 or min(sizes.cases, sizes.evidence_files, sizes.certificates) < 0:
            raise CommandError("Give at least one candidate and one agency, and no negative sizes.")

        def report(table: str, rows: int, seconds: float) -> None:
            if options["verbosity"]:
                self.stdout.write(f"{table:<32} {rows:>10,} rows {seconds:>8.1f} s")

        started = time.perf_counter()
        try:
            scale_seed(sizes=sizes, seed=options["seed"], report=report)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        if options["verbosity"]:
            self.stdout.write(f"{'total':<32} {'':>15} {time.perf_counter() - started:>8.1f} s")
            self.stdout.write("Sign in as " + ", ".join(KNOWN_ACCOUNTS.values())
                              + f" with the password in DEMO_PASSWORD ({settings.DEMO_PASSWORD!r}).")
