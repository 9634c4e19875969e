from django.core.management.base import BaseCommand, CommandError

from core import backup


class Command(BaseCommand):
    help = "Back up the portal's database to one file, and print the key tables' counts and checksums."

    def add_arguments(self, parser):
        parser.add_argument("path", help="where to write the backup, e.g. perfportal-2026-12-01.dump")

    def handle(self, *args, path, **options):
        try:
            backup.backup(path)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backed up to {path}")
        print_fingerprint(self.stdout)


def print_fingerprint(out):
    for table, (count, digest) in backup.fingerprint().items():
        out.write(f"  {table:<40} {count:>9} rows  {digest[:16]}")
