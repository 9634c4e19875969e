import pytest

from organisation.models import Role

pytestmark = pytest.mark.django_db


def test_it_scopes_a_head_of_service_to_their_own_service(world):
    """A head of service manages their service and no other."""
    access = world.head_of_service.access
    assert access.managed_service_ids == {world.adults.pk}
    assert not access.manages_service(world.children)


def test_it_gives_a_director_every_service_in_their_directorate(world):
    assert world.director.access.managed_service_ids == {world.adults.pk, world.carers.pk}


def test_it_gives_a_team_manager_their_team_s_service(world):
    assert world.team_manager.access.managed_service_ids == {world.adults.pk}


def test_it_lets_a_data_officer_enter_only_their_service(world):
    access = world.data_officer.access
    assert access.data_service_ids == {world.adults.pk}
    assert access.managed_service_ids == set()


def test_it_lets_a_performance_officer_manage_every_service(world):
    assert world.performance_officer.access.manages_service(world.children)


def test_it_lists_the_portfolio_among_a_holder_s_roles(world):
    labels = world.portfolio_holder.access.role_labels
    assert "Portfolio holder: Adult Social Care and Health" in labels
    assert world.portfolio_holder.access.portfolio_service_ids == {world.adults.pk, world.carers.pk}


def test_it_gives_a_leaver_no_access_at_all(world):
    from tests.factories import grant

    grant(world.leaver, Role.PERFORMANCE_OFFICER)
    assert world.leaver.access.roles == frozenset()
