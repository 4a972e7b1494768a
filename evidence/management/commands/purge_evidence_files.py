"""Remove the stored evidence files of cases closed longer ago than the retention period."""
from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from evidence.services import evidence_files_purge


class Command(BaseCommand):
    help = "Delete evidence files of cases closed more than EVIDENCE_RETENTION_YEARS ago (records are kept)."

    def add_arguments(self, parser):
        parser.add_argument("--years", type=int, default=settings.EVIDENCE_RETENTION_YEARS)

    def handle(self, *args, years: int, **options):
        purged = evidence_files_purge(closed_before=timezone.now() - timedelta(days=365 * years))
        self.stdout.write(f"{purged} evidence files removed (cases closed over {years} years ago).")
