"""Load the unit DG-EJJM-026 from its fixture unless it is already in the database."""
from django.core.management import call_command
from django.core.management.base import BaseCommand

from competency.models import Unit


class Command(BaseCommand):
    help = (
        "Load fixtures/dg_ejjm_026.json when the unit is not yet in the database. Unlike a plain loaddata, "
        "it never touches a database where revisions have since been created or published."
    )

    def handle(self, *args, **options):
        if Unit.objects.filter(code="DG-EJJM-026").exists():
            self.stdout.write("DG-EJJM-026 is already loaded; nothing to do.")
            return
        call_command("loaddata", "dg_ejjm_026", verbosity=options["verbosity"])
