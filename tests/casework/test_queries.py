"""The casework and forum pages run a fixed number of queries, however many cases, meetings and issues there are."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from casework import services
from complaints.models import Category
from tests.casework.conftest import days_ago, log_concern

pytestmark = pytest.mark.django_db


def count_queries(client, url):
    client.get(url)  # warm the session and the person's roles
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def add_cases(world, councillors, n):
    categories = list(Category.objects.all())
    for i in range(n):
        case = log_concern(world, councillor=(world.ward_councillor, councillors["same_ward"])[i % 2],
                           service=(world.adults, world.children)[i % 2], consent=i % 3 != 2,
                           raised_on=days_ago(5 + 9 * i), today=days_ago(5 + 9 * i),
                           categories=categories[: 1 + i % 3])
        if i % 4 == 1 and case.is_routed:
            services.case_respond(case=case, actor=world.head_of_service, responded_on=days_ago(4), response="Done")
        if i % 4 == 3 and case.is_routed:
            services.case_close(case=case, actor=case.councillor, closed_on=days_ago(1))
    log_concern(world, councillor=councillors["other_ward"], ward=councillors["brookfield"])


def add_forum(world, priorities, n):
    forum = services.forum_save(actor=world.performance_officer, name=f"Forum {n}", wards=[world.ward])
    for m in range(n):
        meeting = services.meeting_save(actor=world.performance_officer, forum=forum, held_on=days_ago(30 + 40 * m),
                                        venue="Library")
        for i in range(n):
            issue = services.issue_save(actor=world.performance_officer, meeting=meeting, title=f"Issue {m}.{i}",
                                        service=world.adults, priorities=priorities[: 1 + i % 2])
            for r in range(i % 3):
                services.issue_respond(actor=world.performance_officer, issue=issue, responded_on=days_ago(25 - r),
                                       responded_by=world.head_of_service, text="Looking into it.",
                                       status="looking_into")
    return forum


@pytest.mark.parametrize(("persona", "page"), [
    ("ward_councillor", "casework:list"), ("ward_councillor", "home"), ("ward_councillor", "casework:themes"),
    ("head_of_service", "casework:list"), ("head_of_service", "home"), ("complaints_officer", "casework:list"),
    ("complaints_officer", "home"), ("performance_officer", "casework:themes"),
])
def test_casework_pages_run_the_same_queries_for_few_and_many_cases(world, councillors, as_user, persona, page):
    client = as_user(getattr(world, persona))
    add_cases(world, councillors, 3)
    few = count_queries(client, reverse(page))
    add_cases(world, councillors, 12)
    many = count_queries(client, reverse(page))
    assert few == many


def test_the_casework_api_lists_cases_in_a_fixed_number_of_queries(world, councillors, as_user):
    client = as_user(world.complaints_officer)
    add_cases(world, councillors, 3)
    few = count_queries(client, "/api/casework/")
    add_cases(world, councillors, 12)
    assert count_queries(client, "/api/casework/") == few


def test_forum_pages_run_the_same_queries_for_few_and_many_meetings_and_issues(world, as_user):
    from tests.priorities.factories import PriorityFactory

    priorities = [PriorityFactory(), PriorityFactory()]
    client = as_user(world.ward_councillor)
    small = add_forum(world, priorities, 1)
    big = add_forum(world, priorities, 4)
    pages = [(small.get_absolute_url(), big.get_absolute_url()),
             (small.meetings.first().get_absolute_url(), big.meetings.first().get_absolute_url()),
             (priorities[1].get_absolute_url(), priorities[0].get_absolute_url()),
             (f"/api/forum-issues/?forum={small.pk}", f"/api/forum-issues/?forum={big.pk}")]
    for few_url, many_url in pages:
        assert count_queries(client, few_url) == count_queries(client, many_url), many_url
    lists = [reverse("casework:forum-list"), "/api/forums/", "/api/forum-meetings/"]
    few = [count_queries(client, url) for url in lists]
    add_forum(world, priorities, 3)
    assert [count_queries(client, url) for url in lists] == few
