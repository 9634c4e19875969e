"""The demo council loads on every `make run`: it must be quick to reload and never duplicate."""

import pytest
from django.core.management import call_command

from organisation.models import Delegation, Role, RoleAssignment, Service, User
from organisation.ownership import orphaned_items

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def development(settings):
    """pytest-django turns DEBUG off; the demo belongs to a development machine."""
    settings.DEBUG = True


def test_it_loads_a_demo_council_with_an_account_for_every_role(capsys):
    call_command("seed_demo")
    output = capsys.readouterr().out
    held = set(RoleAssignment.objects.values_list("role", flat=True))
    assert held == set(Role.values)
    assert "performance@ashfordvale.example" in output
    assert "demo-portal-2026" in output
    assert User.objects.get(email="portfolio@ashfordvale.example").portfolios_held.exists()
    assert Delegation.objects.filter(accountable_officer__isnull=False).count() == Service.objects.count()


def test_it_is_idempotent():
    call_command("seed_demo", "--quiet")
    counts = (User.objects.count(), RoleAssignment.objects.count(), Service.objects.count())
    call_command("seed_demo", "--quiet")
    assert (User.objects.count(), RoleAssignment.objects.count(), Service.objects.count()) == counts


def test_it_shows_orphaned_items_in_the_demo():
    call_command("seed_demo", "--quiet")
    reasons = {(o.kind, o.role) for o in orphaned_items()}
    assert ("Service", "Data officer") in reasons
    assert ("Team", "Team manager") in reasons


def test_it_refuses_demo_accounts_on_a_production_server(settings):
    """With DEBUG off, seed_demo stops rather than create accounts whose password is public."""
    from django.core.management.base import CommandError

    settings.DEBUG = False
    with pytest.raises(CommandError, match="published password"):
        call_command("seed_demo")
    assert not User.objects.exists()
