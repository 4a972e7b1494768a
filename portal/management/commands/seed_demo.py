"""Create the demo accounts (candidates, assessors, standards1, hr1, coordinator1, moderator1, admin) and the demo
case waiting for second marking."""
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from accounts.demo import DEMO_TOTP_SECRET, demo_accounts_ensure
from portal.demo import demo_case_awaiting_second_marking


class Command(BaseCommand):
    help = ("Create or refresh the demo accounts, all with the password in DEMO_PASSWORD, and the demo case waiting "
            "for second marking (demo mode only).")

    def handle(self, *args, **options):
        try:
            people = demo_accounts_ensure()
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from exc
        names = ", ".join(p.username for p in people)
        self.stdout.write(f"Demo accounts ready ({names}); password from DEMO_PASSWORD={settings.DEMO_PASSWORD!r}")
        self.stdout.write(f"Staff also enter a code from an authenticator app with the secret {DEMO_TOTP_SECRET} "
                          "(or run manage.py demo_totp_code).")
        case = demo_case_awaiting_second_marking()
        if case is None:
            self.stdout.write("No demo case: load the standard first (manage.py load_standard).")
        else:
            self.stdout.write(f"Demo case #{case.pk} of candidate3, marked by assessor1: a second marker (assessor2) "
                              "claims it from the pool while it waits.")
