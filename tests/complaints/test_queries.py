"""The hot pages run a fixed number of queries, however many complaints there are."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.complaints.conftest import days_ago, log_case, panel_case, respond, working_day_before

pytestmark = pytest.mark.django_db


def add_cases(world, regimes, n):
    for i in range(n):
        complaint = log_case(world, regimes[("adults", "childrens", "corporate")[i % 3]],
                             received_on=working_day_before(days_ago(3 + 7 * i)), investigator=world.team_manager)
        if i % 2:
            respond(world, complaint, working_day_before(days_ago(1)))
        log_case(world, regimes["adults"], kind="compliment", received_on=working_day_before(days_ago(5 + i)))


def count_queries(client, url, params=None):
    client.get(url, params)  # warm the session and the user's roles
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries)


PAGES = [("home", None), ("complaints:list", None), ("complaints:list", {"status": "all"}),
         ("complaints:statistics", None), ("complaints:access-log", None)]


@pytest.mark.parametrize(("page", "params"), PAGES)
def test_it_runs_the_same_queries_for_few_and_many_complaints(world, regimes, independents, as_user, page, params):
    """The complaints officer's home page, case list, statistics and access log: constant in the number of cases."""
    client = as_user(world.complaints_officer)
    add_cases(world, regimes, 3)
    panel_case(world, regimes, independents)
    few = count_queries(client, reverse(page), params)
    add_cases(world, regimes, 9)
    panel_case(world, regimes, independents, start_days_ago=200)
    many = count_queries(client, reverse(page), params)
    assert few == many


def test_it_lists_cases_through_the_api_in_a_fixed_number_of_queries(world, regimes, independents, as_user):
    client = as_user(world.complaints_officer)
    add_cases(world, regimes, 2)
    panel_case(world, regimes, independents)
    few = count_queries(client, "/api/complaints/")
    add_cases(world, regimes, 8)
    many = count_queries(client, "/api/complaints/")
    assert few == many


def test_it_shows_a_case_in_a_fixed_number_of_queries(world, regimes, independents, as_user):
    """However many points, outcomes, panel members and recommendations a case has."""
    from complaints import services

    client = as_user(world.complaints_officer)
    one_point = log_case(world, regimes["adults"], points=["One point"])
    five_points = log_case(world, regimes["adults"], points=[f"Point {n}" for n in range(5)])
    respond(world, five_points, working_day_before(days_ago(1)))
    assert count_queries(client, one_point.get_absolute_url()) == count_queries(client, five_points.get_absolute_url())
    small = panel_case(world, regimes, independents[:1])
    full = panel_case(world, regimes, independents, start_days_ago=200)
    panel = full.stages.get(stage__number=3).panel
    services.panel_record_report(panel=panel, actor=world.complaints_officer, meeting_on=None,
                                 recommendations=["Apologise", "Plan moves", "Restore contact"])
    assert count_queries(client, small.get_absolute_url()) == count_queries(client, full.get_absolute_url())


def test_it_adds_one_query_to_a_managers_home_page(world, regimes, as_user):
    """Someone who can see no case pays for one query to find that out."""
    add_cases(world, regimes, 3)
    client = as_user(world.head_of_service)
    with_cases = count_queries(client, reverse("home"))
    from complaints.models import Complaint

    Complaint.objects.all().delete()
    assert count_queries(client, reverse("home")) == with_cases
