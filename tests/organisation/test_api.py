"""The organisation API: the same rules as the pages, with precise errors."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def api(user=None):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.mark.parametrize("path", ["/api/", "/api/directorates/", "/api/services/", "/api/teams/", "/api/people/",
                                  "/api/delegations/", "/api/portfolios/", "/api/wards/"])
def test_it_refuses_anonymous_callers(world, path):
    response = api().get(path)
    assert response.status_code in (401, 403)


def test_it_lists_services_filtered_by_directorate(world):
    response = api(world.staff).get("/api/services/", {"directorate": world.adults_dir.pk})
    assert response.status_code == 200
    assert sorted(s["name"] for s in response.json()["results"]) == ["Carers Support", "Reablement"]


def test_it_shows_people_without_personal_details_to_a_councillor(world):
    response = api(world.ward_councillor).get("/api/people/")
    people = {p["email"]: p for p in response.json()["results"]}
    assert "leaver@test.example" not in people
    assert "line_manager" not in people["staff@test.example"]
    assert "left_on" not in people["staff@test.example"]


def test_it_shows_leavers_and_details_to_hr(world):
    response = api(world.hr_officer).get("/api/people/", {"page_size": 100})
    people = {p["email"]: p for p in response.json()["results"]}
    assert people["leaver@test.example"]["left_on"] is not None
    assert people["staff@test.example"]["line_manager"] == world.team_manager.pk


def test_it_filters_people_by_role_and_service(world):
    response = api(world.staff).get("/api/people/", {"role": "head_of_service"})
    assert sorted(p["email"] for p in response.json()["results"]) == ["head@test.example", "other-head@test.example"]
    response = api(world.staff).get("/api/people/", {"service": world.adults.pk})
    assert "staff@test.example" in [p["email"] for p in response.json()["results"]]


def test_it_lists_orphaned_delegations(world):
    response = api(world.staff).get("/api/delegations/", {"orphaned": "true"})
    names = sorted(d["service_name"] for d in response.json()["results"])
    assert names == ["Carers Support", "Fostering"]
    fostering = next(d for d in response.json()["results"] if d["service_name"] == "Fostering")
    assert fostering["is_orphaned"] is True
    assert fostering["data_officer_detail"]["is_current"] is False


def test_it_lets_the_performance_team_change_a_delegation(world):
    new_officer = UserFactory()
    response = api(world.performance_officer).patch(
        f"/api/delegations/{world.children.pk}/", {"data_officer": new_officer.pk}, format="json")
    assert response.status_code == 200, response.json()
    world.children.delegation.refresh_from_db()
    assert world.children.delegation.data_officer == new_officer
    assert world.children.delegation.updated_by == world.performance_officer


@pytest.mark.parametrize("persona", ["director", "head_of_service", "data_officer", "executive_member", "staff"])
def test_it_refuses_delegation_changes_from_others(world, persona):
    response = api(getattr(world, persona)).patch(
        f"/api/delegations/{world.children.pk}/", {"data_officer": world.staff.pk}, format="json")
    assert response.status_code == 403
    world.children.delegation.refresh_from_db()
    assert world.children.delegation.data_officer == world.leaver


def test_it_gives_a_precise_error_for_a_leaver_and_saves_nothing(world):
    response = api(world.performance_officer).patch(
        f"/api/delegations/{world.adults.pk}/",
        {"accountable_officer": world.leaver.pk, "decisions": "New"}, format="json")
    assert response.status_code == 400
    assert "not a current officer" in response.json()["accountable_officer"][0]
    world.adults.delegation.refresh_from_db()
    assert world.adults.delegation.accountable_officer == world.head_of_service
    assert world.adults.delegation.decisions == ""


def test_it_refuses_a_deputy_equal_to_the_principal(world):
    response = api(world.performance_officer).patch(
        f"/api/delegations/{world.adults.pk}/", {"deputy_data_officer": world.data_officer.pk}, format="json")
    assert response.status_code == 400
    assert "deputy_data_officer" in response.json()


def test_it_exchanges_email_and_password_for_a_token(world):
    response = APIClient().post("/api/token/", {"username": "staff@test.example", "password": PASSWORD})
    assert response.status_code == 200
    token = response.json()["token"]
    assert Token.objects.get(key=token).user == world.staff
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get("/api/services/").status_code == 200


def test_it_keeps_the_people_list_to_a_constant_number_of_queries(world, django_assert_max_num_queries):
    client = api(world.performance_officer)
    client.get("/api/people/")  # the first request also works out the caller's roles
    with django_assert_max_num_queries(10) as small:
        client.get("/api/people/")
    UserFactory.create_batch(30)
    with django_assert_max_num_queries(10) as large:
        client.get("/api/people/")
    assert len(small.captured_queries) == len(large.captured_queries)


def test_it_keeps_the_delegation_list_to_a_constant_number_of_queries(world, django_assert_max_num_queries):
    from tests.factories import ServiceFactory

    client = api(world.staff)
    client.get("/api/delegations/")
    with django_assert_max_num_queries(10) as small:
        client.get("/api/delegations/")
    ServiceFactory.create_batch(10, directorate=world.adults_dir)
    with django_assert_max_num_queries(10) as large:
        client.get("/api/delegations/")
    assert len(small.captured_queries) == len(large.captured_queries)


def test_it_serves_an_openapi_schema_and_readable_docs(world, client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    assert "/api/delegations/{service}/" in schema.json()["paths"]
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    assert "/api/delegations/{service}/" in docs.text
    assert "Authorization: Token" in docs.text
