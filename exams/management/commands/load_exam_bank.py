"""Load the seed question bank and the default exam definition for DG-EJJM-026; safe to run again."""
from django.core.management.base import BaseCommand, CommandError

from competency.selectors import unit_current
from exams.services import seed_bank_load


class Command(BaseCommand):
    help = (
        "Add the seed items of the DG-EJJM-026 question bank that are missing, and the default written-exam "
        "definition if there is none. Items already in the bank are left as they are."
    )

    def handle(self, *args, **options):
        unit = unit_current(code="DG-EJJM-026")
        if unit is None:
            raise CommandError("DG-EJJM-026 is not loaded yet: run `manage.py load_standard` first.")
        added, created = seed_bank_load(unit=unit)
        definition = "created" if created else "already there"
        self.stdout.write(f"Exam bank: {added} items added; default exam definition {definition}.")
