"""Visit every page each demo account can reach from its home page; fail on an error or a dead link.

CI runs it on the embedded default (SQLite) once `make run` has loaded the demo: the test suite runs on
PostgreSQL, and a query only SQLite refuses (a union of ordered querysets, once) shows only here. A link
that answers 403 or 404 to the person it is shown to fails too (a leaver's page, once). Only links are
followed (GET requests), never forms; downloads, the API and the admin are left out.
"""

import re
from collections import deque
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test import Client

from bench.harness import sign_in
from organisation.demo import DEMO_ACCOUNTS, DOMAIN
from organisation.models import User

LINK = re.compile(r'href="([^"#]+)')
LEFT_OUT = re.compile(r"^/(admin|api|static|sign-out|sign-in|two-factor)/|/(export|download|pdf|feed)\b|\.(csv|pdf|zip)$")


class Command(BaseCommand):
    help = "Visit the pages each demo account reaches from its home page; exit 1 on an error or a dead link."

    def add_arguments(self, parser):
        parser.add_argument("--pages", type=int, default=300, help="Pages visited per account at most (300)")

    def handle(self, *args, pages, **options):
        if not settings.DEBUG:
            raise CommandError("DEBUG is off: this signs in as the demo accounts, which only a demonstration has.")
        failures, visited = [], 0
        for key, *_ in DEMO_ACCOUNTS:
            person = User.objects.filter(email=f"{key}@{DOMAIN}").first()
            if person is None:
                raise CommandError(f"No demo account {key}@{DOMAIN}: run `manage.py seed_demo` first.")
            client = Client(raise_request_exception=False)
            sign_in(client, person)
            count, errors = self.visit(client, pages)
            visited += count
            failures += [(person.email, path, status) for path, status in errors]
            self.stdout.write(f"  {person.email:<36} {count:>4} pages, {len(errors)} errors")
        for email, path, status in failures:
            self.stderr.write(f"{status} {path} (signed in as {email})")
        if failures:
            raise CommandError(f"{len(failures)} of {visited} pages answered an error (4xx or 5xx).")
        self.stdout.write(self.style.SUCCESS(f"{visited} pages visited, none answered an error."))

    def visit(self, client, limit):
        """Breadth first from /home/: (pages visited, [(path, status) of each page that answered 4xx or 5xx])."""
        queue, seen, count, errors = deque(["/home/"]), {"/home/"}, 0, []
        while queue and count < limit:
            path = queue.popleft()
            response = client.get(path)
            count += 1
            if response.status_code >= 400:
                errors.append((path, response.status_code))
            if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
                continue
            for href in LINK.findall(response.content.decode()):
                parts = urlsplit(urljoin(path, href.replace("&amp;", "&")))
                target = parts.path + (f"?{parts.query}" if parts.query else "")
                if parts.scheme or parts.netloc or LEFT_OUT.search(parts.path) or target in seen:
                    continue
                seen.add(target)
                queue.append(target)
        return count, errors
