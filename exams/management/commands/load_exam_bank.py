"""Load the seed question bank and the default exam definition for DG-EJJM-026 from their data files; safe to rerun."""
from django.core.management.base import BaseCommand, CommandError

from competency.selectors import unit_current
from exams.conf import seed_bank_files
from exams.services import BankImportError, seed_bank_load


class Command(BaseCommand):
    help = (
        "Add the items of the seed bank file (a CSV in the format of the bank's import page) that the DG-EJJM-026 "
        "bank lacks, and the default written-exam definition of its JSON file if there is none. Items already in "
        "the bank are left as they are."
    )

    def handle(self, *args, **options):
        unit = unit_current(code="DG-EJJM-026")
        if unit is None:
            raise CommandError("DG-EJJM-026 is not loaded yet: run `manage.py load_standard` first.")
        try:
            added, created = seed_bank_load(unit=unit)
        except BankImportError as exc:
            raise CommandError("\n".join(exc.messages)) from exc
        definition = "created" if created else "already there"
        items_file, definition_file = seed_bank_files()
        self.stdout.write(f"Exam bank ({items_file.name}, {definition_file.name}): {added} items added; "
                          f"default exam definition {definition}.")
