"""Build the demo council: idempotent, so it can run on every start."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from appraisals import demo as appraisals_demo
from casework import demo as casework_demo
from complaints import demo as complaints_demo
from indicators import demo as indicators_demo
from organisation import demo as organisation_demo
from organisation import twofactor
from priorities import demo as priorities_demo
from privacy import demo as privacy_demo
from public import demo as public_demo
from reports import demo as reports_demo
from scrutiny import demo as scrutiny_demo

DEMO_PASSWORD = "demo-portal-2026"


class Command(BaseCommand):
    help = "Load the demo council (structure, people, one account per role) and print the demo accounts."

    def add_arguments(self, parser):
        parser.add_argument("--allow-production", action="store_true",
                            help="Load demo accounts even with DEBUG off (they share a published password).")
        parser.add_argument("--quiet", action="store_true", help="Do not print the accounts.")

    def handle(self, *args, allow_production=False, quiet=False, **options):
        if not settings.DEBUG and not allow_production:
            raise CommandError("DEBUG is off: demo accounts share a published password. "
                               "Use --allow-production only on a demonstration server.")
        with transaction.atomic():
            accounts = organisation_demo.seed(password=DEMO_PASSWORD)
            priorities_demo.seed()
            indicators_demo.seed()
            priorities_demo.link_indicators()
            scrutiny_demo.seed()
            complaints_demo.seed()
            appraisals_demo.seed()
            casework_demo.seed()
            public_demo.seed()
            privacy_demo.seed()
            reports_demo.seed()  # last: it produces last quarter's packs from everything above
        if quiet:
            return
        self.stdout.write(self.style.SUCCESS(f"Demo council loaded. Every demo account's password is: {DEMO_PASSWORD}"))
        self.stdout.write("Sign in at http://127.0.0.1:8000/sign-in/ as:")
        width = max(len(p.email) for p in accounts.values())
        for person in accounts.values():
            roles = "; ".join(person.access.role_labels)
            marker = "*" if twofactor.is_required(person) else " "
            self.stdout.write(f"{marker} {person.email:<{width}}  {roles}")
        self.stdout.write(
            "* Two-factor authentication: after the password, enter the code that\n"
            "  `.venv/bin/python manage.py demo_code` prints, or add this DEMO-ONLY key to an\n"
            f"  authenticator app: {organisation_demo.DEMO_TOTP_KEY_BASE32}")
