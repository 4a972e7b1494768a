"""Print the code the demo staff accounts' authenticator app shows now (demo mode only), for trying the portal
without a phone."""
import time
from binascii import unhexlify

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import TOTP

from accounts.demo import DEMO_TOTP_SECRET, demo_totp_key_hex


class Command(BaseCommand):
    help = "Print the current two-factor code of the demo staff accounts (demo mode only)."

    def handle(self, *args, **options):
        if not settings.DEMO_MODE:
            raise CommandError("Demo codes exist only when DEMO_MODE is on (never in production).")
        totp = TOTP(unhexlify(demo_totp_key_hex()))
        totp.time = time.time()
        left = 30 - int(totp.time) % 30
        self.stdout.write(f"{totp.token():06d}  (secret {DEMO_TOTP_SECRET}; valid for about {left} more seconds)")
