"""The audit trail: every change recorded with who, when, old and new; read only by those entitled."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from organisation.models import Delegation
from tests.complaints.conftest import log_case
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def history_url(item):
    return reverse("history", args=[item._meta.label_lower, item.pk])


def test_a_change_in_the_browser_is_recorded_with_who_and_the_old_and_new_value(world, as_user):
    new_officer = UserFactory(first_name="Nadia", last_name="Khan")
    delegation = world.children.delegation
    old_officer = delegation.data_officer
    response = as_user(world.performance_officer).post(reverse("delegation-edit", args=[world.children.pk]), {
        "accountable_officer": world.manager_elsewhere.pk, "deputy_accountable_officer": "",
        "data_officer": new_officer.pk, "deputy_data_officer": "", "portfolio": "", "decisions": ""})
    assert response.status_code == 302
    entry = LogEntry.objects.get_for_object(delegation).latest("timestamp")
    assert entry.actor == world.performance_officer
    assert entry.changes_dict["data_officer"] == [old_officer.pk if old_officer else None, new_officer.pk]

    page = as_user(world.performance_officer).get(history_url(delegation))
    assert page.status_code == 200
    assert "Nadia Khan" in page.text
    assert world.performance_officer.get_full_name() in page.text


def test_a_change_through_the_api_with_a_token_names_the_token_holder(world):
    token = Token.objects.create(user=world.performance_officer)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    new_officer = UserFactory()
    response = client.patch(f"/api/delegations/{world.children.pk}/", {"data_officer": new_officer.pk}, format="json")
    assert response.status_code == 200
    entry = LogEntry.objects.get_for_object(world.children.delegation).latest("timestamp")
    assert entry.actor == world.performance_officer


@pytest.mark.parametrize("persona", ["director", "head_of_service", "data_officer", "staff", "scrutiny_member",
                                     "complaints_officer", "hr_officer"])
def test_only_the_performance_team_reads_the_history_of_plans_and_figures(world, as_user, persona):
    delegation = Delegation.objects.get(service=world.children)
    assert as_user(getattr(world, persona)).get(history_url(delegation)).status_code == 403
    assert as_user(world.performance_officer).get(history_url(delegation)).status_code == 200


def test_anonymous_people_are_sent_to_sign_in(world, client):
    response = client.get(history_url(world.children.delegation))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


@pytest.mark.parametrize("persona", ["performance_officer", "head_of_service", "hr_officer", "panel_member",
                                     "executive_member"])
def test_a_complaints_history_is_for_the_complaints_officers_alone(world, regimes, as_user, persona):
    complaint = log_case(world, regimes["adults"])
    complaint.summary = "Changed summary"
    complaint.save()
    assert as_user(getattr(world, persona)).get(history_url(complaint)).status_code == 403
    page = as_user(world.complaints_officer).get(history_url(complaint))
    assert page.status_code == 200
    assert "Changed summary" in page.text


def test_history_is_refused_for_things_we_do_not_follow(world, as_user):
    client = as_user(world.performance_officer)
    assert client.get(reverse("history", args=["organisation.user", world.staff.pk])).status_code == 404
    assert client.get(reverse("history", args=["nonsense", 1])).status_code == 404


def test_a_deleted_items_history_is_kept(world, as_user):
    portfolio = world.portfolio
    portfolio.holder = world.executive_member
    portfolio.save()
    key = portfolio.pk
    portfolio.services.update(portfolio=None)
    portfolio.delete()
    page = as_user(world.performance_officer).get(reverse("history", args=["organisation.portfolio", key]))
    assert page.status_code == 200
    assert "has been deleted" in page.text


def test_the_history_page_uses_the_same_queries_however_long_the_history(world, as_user, django_assert_max_num_queries):
    delegation = world.children.delegation
    people = [UserFactory() for _ in range(3)]
    client = as_user(world.performance_officer)
    client.get(history_url(delegation))

    def change(n):
        for i in range(n):
            delegation.data_officer = people[i % 3]
            delegation.accountable_officer = people[(i + 1) % 3]
            delegation.save()

    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    change(2)
    with CaptureQueriesContext(connection) as few:
        client.get(history_url(delegation))
    change(30)
    with CaptureQueriesContext(connection) as many:
        client.get(history_url(delegation))
    assert len(many) == len(few)
