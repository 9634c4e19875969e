"""Lists, the plan page and the golden thread cost the same number of queries however much they show."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from priorities.models import Communication, EngagementGroup, Priority, ServicePlan
from tests.conftest import read_kept_settings
from tests.factories import ServiceFactory, UserFactory
from tests.priorities.factories import (
    EngagementExerciseFactory,
    MilestoneFactory,
    NonPriorityFactory,
    ObjectiveFactory,
    PriorityFactory,
    RiskFactory,
    ServicePlanFactory,
)

pytestmark = pytest.mark.django_db


def grow(world, plans, n):
    """Add n more of everything: priorities, plans, objectives, milestones (each its own owner), risks."""
    first = Priority.objects.count()
    for i in range(first, first + n):
        priority = PriorityFactory(strategic_plan=plans.strategic, number=10 + i, owner=UserFactory())
        Communication.objects.create(priority=priority, audience="staff", channel="Briefing",
                                     communicated_on=datetime.date(2026, 5, 1))
        service = ServiceFactory(directorate=world.adults_dir)
        plan = ServicePlanFactory(service=service, year=2026, strategic_plan=plans.strategic,
                                  status=ServicePlan.Status.APPROVED)
        for target in (plans.adults, plan):
            objective = ObjectiveFactory(plan=target, number=10 + i, owner=UserFactory(),
                                         priorities=[priority, plans.p1])
            for days in (-30, 3, 60):
                MilestoneFactory(objective=objective, due_on=datetime.date(2026, 11, 28) + datetime.timedelta(days),
                                 owner=UserFactory())
            RiskFactory(plan=target, number=10 + i, owner=UserFactory())
        ObjectiveFactory(plan=plan, number=50 + i, priorities=[], no_priority_reason="Statutory duty")
        MilestoneFactory(objective=ObjectiveFactory(plan=plans.adults, number=60 + i, priorities=[],
                                                    no_priority_reason="Statutory"), owner=world.staff,
                         due_on=datetime.date(2026, 11, 30))
        exercise = EngagementExerciseFactory()
        exercise.priorities.add(priority, plans.p1)
        EngagementGroup.objects.create(exercise=exercise, name="Young carers", is_hard_to_reach=True, reached=False)
        NonPriorityFactory(strategic_plan=plans.strategic)


def count(client, path):
    read_kept_settings()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries), response.content.decode()


PAGES = [
    ("service plan page", lambda p: reverse("service-plan-detail", args=[p.adults.pk]), "Milestones for objective"),
    ("service plan list", lambda p: reverse("service-plan-list"), "overdue"),
    ("golden thread", lambda p: reverse("golden-thread", args=[p.strategic.pk]), "Independence at home"),
    ("strategic plan", lambda p: reverse("strategic-plan-detail", args=[p.strategic.pk]), "Independence at home"),
    ("priority", lambda p: reverse("priority-detail", args=[p.p1.pk]), "Start home care within 48 hours"),
    ("engagement list", lambda p: reverse("engagement-list"), "1 missed"),
    ("non-priorities", lambda p: reverse("non-priority-list", args=[p.strategic.pk]), "Not a priority"),
    ("home page", lambda p: reverse("home"), "Your milestones that need updating"),
]


@pytest.mark.parametrize(("page", "path", "shows"), PAGES, ids=[p[0] for p in PAGES])
def test_it_costs_the_same_queries_for_a_small_and_a_large_council(world, plans, as_user, page, path, shows):
    """Growing every list on the page tenfold adds no queries (no N+1)."""
    client = as_user(world.staff)
    grow(world, plans, 1)
    small, html_small = count(client, path(plans))
    grow(world, plans, 9)
    large, html_large = count(client, path(plans))
    assert shows in html_large
    assert len(html_large) > len(html_small)  # the page really did show more
    assert large == small, f"{page}: {small} queries with little data, {large} with ten times more"


def test_it_lists_orphaned_milestones_without_a_query_each(world, plans, as_user):
    """Registered owner fields load their item's service in the same query."""
    client = as_user(world.performance_officer)
    for milestone in (plans.overdue, plans.soon):
        milestone.owner = world.leaver
        milestone.save()
    small, html = count(client, reverse("orphaned-items"))
    assert "Milestone owner" in html
    assert "New contracts in all zones (Reablement 2026/27)" in html
    for i in range(5):
        MilestoneFactory(objective=plans.objective, owner=world.leaver, due_on=datetime.date(2026, 12, 1))
        RiskFactory(plan=plans.adults, owner=world.leaver, number=200 + i)
    large, _ = count(client, reverse("orphaned-items"))
    assert large == small

