"""Create the demo accounts (candidate1, candidate2, assessor1, assessor2, standards1, hr1, admin)."""
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from accounts.demo import demo_accounts_ensure


class Command(BaseCommand):
    help = "Create or refresh the demo accounts, all with the password in DEMO_PASSWORD (demo mode only)."

    def handle(self, *args, **options):
        try:
            people = demo_accounts_ensure()
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from exc
        names = ", ".join(p.username for p in people)
        self.stdout.write(f"Demo accounts ready ({names}); password from DEMO_PASSWORD={settings.DEMO_PASSWORD!r}")
