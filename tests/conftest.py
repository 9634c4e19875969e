"""Shared fixtures: a small council and one persona per role."""

import datetime
from types import SimpleNamespace

import pytest
from django.test import Client
from django.utils import timezone

from organisation.models import Role
from tests.factories import (
    CouncilFactory,
    CouncillorFactory,
    DirectorateFactory,
    PortfolioFactory,
    ServiceFactory,
    TeamFactory,
    UserFactory,
    WardFactory,
    grant,
)


@pytest.fixture
def world(db):
    """Two directorates, three services, and a persona for every role.

    `adults` is the service most tests act on; `children` belongs to someone else.
    """
    council = CouncilFactory()
    adults_dir = DirectorateFactory(council=council, name="Adult Social Care")
    children_dir = DirectorateFactory(council=council, name="Children's Services")
    portfolio = PortfolioFactory(name="Adult Social Care and Health")
    adults = ServiceFactory(directorate=adults_dir, name="Reablement", portfolio=portfolio)
    carers = ServiceFactory(directorate=adults_dir, name="Carers Support", portfolio=portfolio)
    children = ServiceFactory(directorate=children_dir, name="Fostering")
    adults_team = TeamFactory(service=adults, name="Reablement Team")
    children_team = TeamFactory(service=children, name="Fostering Team")
    ward = WardFactory(name="Abbey")

    w = SimpleNamespace(council=council, adults_dir=adults_dir, children_dir=children_dir, portfolio=portfolio,
                        adults=adults, carers=carers, children=children, adults_team=adults_team,
                        children_team=children_team, ward=ward)
    w.performance_officer = grant(UserFactory(first_name="Priya", email="po@test.example"), Role.PERFORMANCE_OFFICER)
    w.director = grant(UserFactory(first_name="Helen", email="director@test.example"), Role.SENIOR_MANAGER,
                       directorate=adults_dir)
    w.head_of_service = grant(UserFactory(first_name="Mark", email="head@test.example", team=adults_team),
                              Role.HEAD_OF_SERVICE, service=adults)
    w.manager_elsewhere = grant(UserFactory(first_name="Claire", email="other-head@test.example", team=children_team),
                                Role.HEAD_OF_SERVICE, service=children)
    w.team_manager = grant(UserFactory(first_name="Grace", email="tm@test.example", team=adults_team),
                           Role.TEAM_MANAGER, team=adults_team)
    w.data_officer = grant(UserFactory(first_name="Tom", email="data@test.example"), Role.DATA_OFFICER, service=adults)
    w.staff = grant(UserFactory(first_name="Aisha", email="staff@test.example", team=adults_team,
                                line_manager=w.team_manager), Role.STAFF)
    w.hr_officer = grant(UserFactory(first_name="Owen", email="hr@test.example"), Role.HR_OFFICER)
    w.executive_member = grant(CouncillorFactory(first_name="Janet", email="leader@test.example"),
                               Role.EXECUTIVE_MEMBER)
    w.portfolio_holder = grant(CouncillorFactory(first_name="David", email="portfolio@test.example"),
                               Role.EXECUTIVE_MEMBER)
    w.scrutiny_member = grant(CouncillorFactory(first_name="Sarah", email="scrutiny@test.example"),
                              Role.SCRUTINY_MEMBER)
    w.ward_councillor = grant(CouncillorFactory(first_name="Imran", email="ward@test.example"),
                              Role.WARD_COUNCILLOR, ward=ward)
    w.complaints_officer = grant(UserFactory(first_name="Linda", email="complaints@test.example"),
                                 Role.COMPLAINTS_OFFICER)
    w.panel_member = grant(UserFactory(first_name="Ruth", email="panel@test.example", kind="independent"),
                           Role.PANEL_MEMBER)
    w.system_admin = grant(UserFactory(first_name="Sam", email="admin@test.example", is_staff=True,
                                       is_superuser=True), Role.SYSTEM_ADMIN)
    w.leaver = UserFactory(first_name="Karen", email="leaver@test.example",
                           left_on=timezone.localdate() - datetime.timedelta(days=10))
    portfolio.holder = w.portfolio_holder
    portfolio.save()
    adults.delegation.accountable_officer = w.head_of_service
    adults.delegation.data_officer = w.data_officer
    adults.delegation.save()
    children.delegation.accountable_officer = w.manager_elsewhere
    children.delegation.data_officer = w.leaver
    children.delegation.save()
    council.mi_officer = w.director
    council.save()
    adults_dir.director = w.director
    adults_dir.save()
    return w


PERSONAS = [
    "performance_officer", "director", "head_of_service", "manager_elsewhere", "team_manager", "data_officer",
    "staff", "hr_officer", "executive_member", "portfolio_holder", "scrutiny_member", "ward_councillor",
    "complaints_officer", "panel_member", "system_admin",
]


def client_for(user):
    """A client signed in as the person, past the second factor if their role needs one."""
    client = Client()
    if user is not None:
        client.force_login(user)
        give_second_factor(client, user)
    return client


def give_second_factor(client, user):
    """What the code page does once the right code is entered: the session remembers the verified device.

    Only for people whose roles need it, as in the portal. The middleware still checks the device
    exists, is confirmed and is the person's own (test_two_factor.py covers entering the code itself).
    """
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from organisation import twofactor
    from organisation.models import User

    fresh = User.objects.get(pk=user.pk)  # roles as they are now, without caching them on the caller's object
    if not twofactor.is_required(fresh):
        return
    device = (TOTPDevice.objects.filter(user=fresh, confirmed=True).first()
              or TOTPDevice.objects.create(user=fresh, name="Test authenticator", confirmed=True))
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


@pytest.fixture
def as_user():
    """Return a test client signed in as the given person (or anonymous for None)."""
    return client_for


def read_kept_settings():
    """Read every setting kept in the cache (core.versioned.Kept), as any earlier request would have: for
    query-count tests, whose first request would otherwise read them and their second not."""
    from core.versioned import Kept

    for kept in Kept.every:
        kept.get()


def forget_kept_summaries():
    """Retire every kept dashboard summary and indicator row, as the first request of a day finds them: for
    query-count tests that compare two requests, each of which must then read everything."""
    from core import summaries
    from indicators import row_cache

    summaries.VERSION.invalidate()
    summaries.PLANS.invalidate()
    row_cache.VERSION.invalidate()


@pytest.fixture(autouse=True)
def fresh_summaries():
    """Nothing kept under a version (core.versioned) by an earlier test, whose rows were rolled back, is current."""
    from django.core.cache import cache

    from core.versioned import Version

    for version in Version.every:
        cache.delete(version.key)
        version.forget_local()


@pytest.fixture(autouse=True)
def eager_celery(request):
    """Run tasks in-process, except in integration tests, which use a real worker over Redis."""
    from perfportal.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = request.node.get_closest_marker("integration") is None
    yield
    app.conf.task_always_eager = previous
