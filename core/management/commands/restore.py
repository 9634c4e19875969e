from django.core.management.base import BaseCommand, CommandError

from core import backup, versioned
from core.management.commands.backup import print_fingerprint


class Command(BaseCommand):
    help = ("Restore a backup made by `manage.py backup` into this database, replacing what it holds, "
            "and print the key tables' counts and checksums to compare with the backup's.")

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--yes", action="store_true", help="do not ask before replacing the database")

    def handle(self, *args, path, yes, **options):
        if not yes and input("This replaces everything in the database. Type 'yes' to go on: ") != "yes":
            raise CommandError("Nothing was restored")
        try:
            backup.restore(path)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        # Pages, summaries and settings kept in the cache describe the database that was replaced.
        versioned.retire_all()
        self.stdout.write(f"Restored from {path}")
        print_fingerprint(self.stdout)
