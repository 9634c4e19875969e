"""Run the retention job by hand (Celery beat runs it nightly): `manage.py apply_retention --dry-run`."""

from django.core.management.base import BaseCommand

from privacy import retention


class Command(BaseCommand):
    help = "Anonymise closed complaints, councillors' cases and public feedback kept past their retention period."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count what would be anonymised; change nothing.")

    def handle(self, *args, dry_run=False, **options):
        if dry_run:
            self.stdout.write(f"Would anonymise {retention.due()}.")
            return
        self.stdout.write(self.style.SUCCESS(f"Anonymised {retention.apply()}."))
