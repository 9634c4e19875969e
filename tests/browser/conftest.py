"""Browser tests: the system Chromium drives the portal served by pytest-django's live server.

Every test gets a freshly seeded demo council (the live server runs in another
thread, so the data must be committed: `transactional_db`, which flushes it
again afterwards) and its own browser context, so no cookies leak between tests.
"""

import os

# Playwright's sync API runs an event loop in this thread; Django would otherwise
# refuse the ORM calls the tests and fixtures make between page actions.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from django.conf import settings as django_settings  # noqa: E402
from django.db import connections, transaction  # noqa: E402

from core.management.commands.seed_demo import DEMO_PASSWORD  # noqa: E402
from organisation import demo  # noqa: E402
from organisation.models import User  # noqa: E402
from tests.conftest import client_for  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HERE = Path(__file__).parent


def pytest_collection_modifyitems(items):
    # The live server runs WhiteNoise, which warns that collectstatic has not filled STATIC_ROOT;
    # the tests serve static files from the source directories instead.
    quiet = pytest.mark.filterwarnings("ignore:No directory at:UserWarning")
    for item in items:
        if HERE in Path(item.path).parents:
            item.add_marker(quiet)


@pytest.fixture(scope="session", autouse=True)
def _playwright_owns_the_database_connections(playwright):
    """Start Playwright before the test database, and close connections before it stops.

    Playwright's sync API keeps an asyncio loop running in this thread, and while it runs Django
    files this thread's database connections under the running context rather than the thread.
    Starting Playwright first puts pytest-django's own connection there too; closing connections
    before Playwright stops catches any opened by tests that ran before it started. Otherwise a
    connection outlives the run and dropping the test database fails ("being accessed by other
    users").
    """
    yield
    connections.close_all()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Launch the system Chromium: `playwright install` cannot download browsers here."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def base_url(live_server):
    """Every browser context starts at the live server, so tests can write page.goto("/delegation/")."""
    return live_server.url


@pytest.fixture(autouse=True)
def _fail_fast(context):
    """Wait at most 10 seconds for anything: a missing element fails in seconds, not half a minute."""
    context.set_default_timeout(10_000)


@pytest.fixture
def council(transactional_db, live_server, settings):
    """The demo council: one account per role (see organisation.demo), every password DEMO_PASSWORD.

    Returns the demo accounts by key ("performance", "director", ...). Passwords are hashed
    with a fast hasher: sign-in still runs Django's real authentication, just not 1.2 million
    PBKDF2 rounds per attempt.
    """
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with transaction.atomic():  # one commit, as seed_demo does, rather than one per row
        return demo.seed(password=DEMO_PASSWORD)


def email_of(key):
    """The sign-in address of a demo account, e.g. performance@ashfordvale.example."""
    return f"{key}@{demo.DOMAIN}"


@pytest.fixture
def sign_in_as(context, live_server):
    """Sign a person in without the form (test_sign_in.py covers the form): hand the browser a session."""

    def sign_in(person):
        if isinstance(person, str):
            person = User.objects.get(email=email_of(person))
        client = client_for(person)  # past the second factor too, where the role needs one
        cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
        context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
        return person

    return sign_in
