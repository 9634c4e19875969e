"""Print the current two-factor code of the demo accounts (their published demo key; demo only)."""

import time
from binascii import unhexlify

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import totp

from organisation.demo import DEMO_TOTP_KEY


class Command(BaseCommand):
    help = "Print the code the demo accounts' authenticator would show now (demo key only)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("DEBUG is off: the demo key is for the local demo only.")
        now = int(time.time())
        code = totp(unhexlify(DEMO_TOTP_KEY), step=30, t0=0, digits=6, drift=0)
        self.stdout.write(f"{code:06d}  (changes in {30 - now % 30} seconds; each code signs in once)")
