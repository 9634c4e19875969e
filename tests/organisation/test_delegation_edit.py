"""Editing the scheme of delegation in the browser: only the performance team, only valid people."""

import pytest
from django.urls import reverse

from tests.factories import CouncillorFactory, UserFactory

pytestmark = pytest.mark.django_db


def edit_url(service):
    return reverse("delegation-edit", args=[service.pk])


def form_data(**overrides):
    data = {"accountable_officer": "", "deputy_accountable_officer": "", "data_officer": "",
            "deputy_data_officer": "", "portfolio": "", "decisions": ""}
    data.update({k: (v.pk if hasattr(v, "pk") else v) for k, v in overrides.items()})
    return data


def test_it_lets_a_performance_officer_reassign_an_orphaned_data_officer(world, as_user):
    client = as_user(world.performance_officer)
    new_officer = UserFactory(first_name="Nadia")
    response = client.post(edit_url(world.children), form_data(
        accountable_officer=world.manager_elsewhere, data_officer=new_officer,
        decisions="Approve respite placements"))
    assert response.status_code == 302
    world.children.delegation.refresh_from_db()
    assert world.children.delegation.data_officer == new_officer
    assert world.children.delegation.updated_by == world.performance_officer
    assert world.children.delegation.decisions == "Approve respite placements"
    followed = client.get(response["Location"])
    assert "has been updated" in followed.text


def test_it_moves_a_service_to_another_portfolio(world, as_user):
    as_user(world.performance_officer).post(edit_url(world.children), form_data(
        accountable_officer=world.manager_elsewhere, data_officer=world.data_officer, portfolio=world.portfolio))
    world.children.refresh_from_db()
    assert world.children.portfolio == world.portfolio


@pytest.mark.parametrize("persona", ["director", "head_of_service", "manager_elsewhere", "data_officer", "staff",
                                     "executive_member", "portfolio_holder", "scrutiny_member", "complaints_officer"])
def test_it_refuses_edits_from_anyone_outside_the_performance_team(world, as_user, persona):
    client = as_user(getattr(world, persona))
    assert client.get(edit_url(world.children)).status_code == 403
    response = client.post(edit_url(world.children), form_data(
        accountable_officer=world.head_of_service, data_officer=world.data_officer))
    assert response.status_code == 403
    world.children.delegation.refresh_from_db()
    assert world.children.delegation.accountable_officer == world.manager_elsewhere


def test_it_explains_a_missing_accountable_officer_and_saves_nothing(world, as_user):
    response = as_user(world.performance_officer).post(edit_url(world.adults), form_data(
        data_officer=world.staff, decisions="Changed"))
    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert "Choose the accountable officer" in response.text
    world.adults.delegation.refresh_from_db()
    assert world.adults.delegation.data_officer == world.data_officer
    assert world.adults.delegation.decisions == ""


def test_it_refuses_a_deputy_who_is_the_principal(world, as_user):
    response = as_user(world.performance_officer).post(edit_url(world.adults), form_data(
        accountable_officer=world.head_of_service, data_officer=world.data_officer,
        deputy_data_officer=world.data_officer))
    assert "The deputy must be a different person" in response.text
    world.adults.delegation.refresh_from_db()
    assert world.adults.delegation.deputy_data_officer is None


@pytest.mark.parametrize("who", ["leaver", "councillor"])
def test_it_refuses_to_name_a_leaver_or_a_councillor(world, as_user, who):
    person = world.leaver if who == "leaver" else CouncillorFactory()
    response = as_user(world.performance_officer).post(edit_url(world.adults), form_data(
        accountable_officer=person, data_officer=world.data_officer))
    assert "Choose a current officer" in response.text
    world.adults.delegation.refresh_from_db()
    assert world.adults.delegation.accountable_officer == world.head_of_service


def test_it_shows_the_edit_form_with_the_current_people_chosen(world, as_user):
    response = as_user(world.performance_officer).get(edit_url(world.adults))
    assert f'<option value="{world.head_of_service.pk}" selected>' in response.text


def test_it_changes_a_portfolio_holder_to_another_councillor(world, as_user):
    deputy = CouncillorFactory(first_name="Anthony")
    url = reverse("portfolio-edit", args=[world.portfolio.pk])
    response = as_user(world.performance_officer).post(url, {"holder": world.portfolio_holder.pk,
                                                             "deputy": deputy.pk})
    assert response.status_code == 302
    world.portfolio.refresh_from_db()
    assert world.portfolio.deputy == deputy


def test_it_refuses_an_officer_as_portfolio_holder(world, as_user):
    url = reverse("portfolio-edit", args=[world.portfolio.pk])
    response = as_user(world.performance_officer).post(url, {"holder": world.staff.pk, "deputy": ""})
    assert "Choose a current councillor" in response.text
    world.portfolio.refresh_from_db()
    assert world.portfolio.holder == world.portfolio_holder


def test_it_refuses_portfolio_edits_from_a_councillor(world, as_user):
    url = reverse("portfolio-edit", args=[world.portfolio.pk])
    assert as_user(world.portfolio_holder).post(url, {"holder": world.executive_member.pk}).status_code == 403
    world.portfolio.refresh_from_db()
    assert world.portfolio.holder == world.portfolio_holder


def test_it_names_only_a_senior_manager_as_responsible_for_management_information(world, as_user):
    client = as_user(world.performance_officer)
    response = client.post(reverse("mi-officer-edit"), {"officer": world.head_of_service.pk})
    assert "Choose a current senior manager" in response.text
    world.council.refresh_from_db()
    assert world.council.mi_officer == world.director


def test_it_refuses_the_management_information_form_to_a_director(world, as_user):
    assert as_user(world.director).get(reverse("mi-officer-edit")).status_code == 403
