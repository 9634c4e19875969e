"""Choosing an officer on a form: a select while officers are few, a name or email address once they are many.

A large council has thousands of current officers; a select of them all is megabytes of options no one
can scroll. Past PEOPLE_SELECT_LIMIT the field is a text box that takes a name or an email address,
with suggestions from the people API as you type (tests/browser/test_person_search_journey.py).
"""

import re

import pytest
from rest_framework.test import APIClient

from organisation.forms import DelegationForm
from tests.factories import CouncillorFactory, UserFactory
from tests.organisation.test_delegation_edit import edit_url, form_data

pytestmark = pytest.mark.django_db


def chosen(world, **answers):
    """The delegation form's people, or its errors, for what was typed."""
    form = DelegationForm(form_data(accountable_officer=world.head_of_service.pk, data_officer=world.data_officer.pk,
                                    **answers))
    if form.is_valid():
        return {name: form.cleaned_data[name] for name in answers}
    return {name: list(errors) for name, errors in form.errors.items()}


def test_it_finds_a_person_by_the_name_and_email_address_the_suggestions_fill_in(world):
    assert chosen(world, deputy_data_officer="Grace Tester (tm@test.example)") == {
        "deputy_data_officer": world.team_manager}


def test_it_finds_a_person_by_email_address_alone_in_any_case(world):
    assert chosen(world, deputy_data_officer="  TM@Test.Example ") == {"deputy_data_officer": world.team_manager}


def test_it_finds_a_person_by_full_name_ignoring_case_and_spaces(world):
    assert chosen(world, deputy_data_officer="grace   TESTER") == {"deputy_data_officer": world.team_manager}


def test_it_still_takes_the_id_a_select_posts(world):
    assert chosen(world, deputy_data_officer=str(world.team_manager.pk)) == {"deputy_data_officer": world.team_manager}


def test_it_asks_for_the_email_address_when_two_people_share_a_name(world):
    UserFactory(first_name="Grace", email="another.grace@test.example")
    errors = chosen(world, deputy_data_officer="Grace Tester")
    assert errors == {"deputy_data_officer": [
        "More than one person called ‘Grace Tester’ can be chosen. Enter the email address of the one you mean"]}


def test_it_says_when_no_one_of_that_name_or_address_can_be_chosen(world):
    assert chosen(world, deputy_data_officer="Gracie Tester") == {"deputy_data_officer": [
        "No one called ‘Gracie Tester’ can be chosen here. Check the spelling, or enter their email address"]}
    assert chosen(world, deputy_data_officer="nobody@test.example") == {"deputy_data_officer": [
        "No one with the email address ‘nobody@test.example’ can be chosen here. Check the address, or enter "
        "their name"]}


@pytest.mark.parametrize("who", ["leaver", "executive_member"])
def test_it_offers_only_current_officers_whatever_is_typed(world, who):
    person = getattr(world, who)
    errors = chosen(world, deputy_data_officer=person.email)
    assert list(errors) == ["deputy_data_officer"]
    errors = chosen(world, deputy_data_officer=person.get_full_name())
    assert list(errors) == ["deputy_data_officer"]


def test_a_short_list_is_a_select(world, as_user, settings):
    settings.PEOPLE_SELECT_LIMIT = 1000
    page = as_user(world.performance_officer).get(edit_url(world.adults)).text
    assert re.search(r'<select class="govuk-select" id="id_accountable_officer"', page)
    assert "data-person-search" not in page


def test_a_long_list_is_a_text_box_showing_who_is_chosen(world, as_user, settings, django_assert_max_num_queries):
    settings.PEOPLE_SELECT_LIMIT = 3
    client = as_user(world.performance_officer)
    with django_assert_max_num_queries(16):
        page = client.get(edit_url(world.adults)).text
    field = re.search(r'<input class="govuk-input" id="id_accountable_officer"[^>]*>', page).group(0)
    assert 'type="text"' in field
    assert 'data-person-search="officer"' in field
    assert 'value="Mark Tester (head@test.example)"' in field
    assert 'aria-describedby="id_accountable_officer-hint"' in field
    assert "Enter their name or email address." in page
    assert re.search(r'id="id_deputy_accountable_officer" name="deputy_accountable_officer" type="text" value=""', page)
    assert "<option" not in page.split('id="id_accountable_officer"')[1].split("</div>")[0]


def test_a_long_list_text_box_saves_the_person_named(world, as_user, settings):
    settings.PEOPLE_SELECT_LIMIT = 3
    client = as_user(world.performance_officer)
    response = client.post(edit_url(world.adults), form_data(
        accountable_officer="Mark Tester (head@test.example)", data_officer="tm@test.example"))
    assert response.status_code == 302
    world.adults.delegation.refresh_from_db()
    assert world.adults.delegation.accountable_officer == world.head_of_service
    assert world.adults.delegation.data_officer == world.team_manager


def test_a_name_it_cannot_place_is_explained_by_the_field_and_kept_as_typed(world, as_user, settings):
    settings.PEOPLE_SELECT_LIMIT = 3
    UserFactory(first_name="Grace", email="another.grace@test.example")
    client = as_user(world.performance_officer)
    response = client.post(edit_url(world.adults), form_data(
        accountable_officer="Mark Tester (head@test.example)", data_officer="Grace Tester"))
    assert response.status_code == 200
    page = response.text
    assert "There is a problem" in page
    assert 'href="#id_data_officer"' in page
    assert re.search(r'<p id="id_data_officer-error" class="govuk-error-message">.*More than one person called '
                     r'‘Grace Tester’', page)
    assert re.search(r'id="id_data_officer" name="data_officer" type="text" value="Grace Tester"', page)
    assert 'aria-describedby="id_data_officer-hint id_data_officer-error"' in page
    world.adults.delegation.refresh_from_db()
    assert world.adults.delegation.data_officer == world.data_officer


def test_the_people_api_suggests_current_officers_by_every_word_typed(world):
    CouncillorFactory(first_name="Grace", email="cllr.grace@test.example")
    UserFactory(first_name="Grace", email="gone.grace@test.example", is_active=False)
    client = APIClient()
    client.force_authenticate(world.staff)
    response = client.get("/api/people/", {"q": "grace tes", "kind": "officer", "current": "true"})
    assert response.status_code == 200
    assert [p["email"] for p in response.json()["results"]] == ["tm@test.example"]
    response = client.get("/api/people/", {"q": "tm@test", "kind": "officer", "current": "true"})
    assert [p["name"] for p in response.json()["results"]] == ["Grace Tester"]


def test_the_people_api_tells_leavers_apart_only_for_those_who_see_them(world):
    client = APIClient()
    client.force_authenticate(world.hr_officer)
    response = client.get("/api/people/", {"current": "false", "page_size": 100})
    assert [p["email"] for p in response.json()["results"]] == ["leaver@test.example"]
    client.force_authenticate(world.staff)
    response = client.get("/api/people/", {"current": "false"})
    assert response.json()["results"] == []


def test_no_suggestions_for_anyone_signed_out(world):
    response = APIClient().get("/api/people/", {"q": "grace", "kind": "officer", "current": "true"})
    assert response.status_code in (401, 403)
