"""The team view, "My objectives" and coverage cost the same number of queries however much they show."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from appraisals.models import ProgressNote, Review
from organisation.models import Role
from priorities.models import Priority
from tests.appraisals.factories import AppraisalFactory, StaffObjectiveFactory
from tests.factories import ServiceFactory, TeamFactory, UserFactory, grant
from tests.priorities.factories import ObjectiveFactory, PriorityFactory, ServicePlanFactory

pytestmark = pytest.mark.django_db


def grow(a, n):
    """n more reports for Grace, each with objectives, notes and a review; n more services with people;
    n more objectives for Aisha, each on its own thread."""
    w = a.world
    first = Priority.objects.count()
    for i in range(first, first + n):
        person = grant(UserFactory(team=w.adults_team, line_manager=w.team_manager), Role.STAFF)
        appraisal = AppraisalFactory(cycle=a.cycle, person=person)
        objective = StaffObjectiveFactory(appraisal=appraisal, service_objective=a.plan_objective)
        ProgressNote.objects.create(objective=objective, status="on_track", note="Fine", recorded_by=person)
        Review.objects.create(appraisal=appraisal, kind="mid_year", staff_comments="Fine")
        service = ServiceFactory(directorate=w.adults_dir)
        team = TeamFactory(service=service)
        AppraisalFactory(cycle=a.cycle, person=UserFactory(team=team, line_manager=w.director))
        priority = PriorityFactory(strategic_plan=a.priority.strategic_plan, number=10 + i, owner=w.director)
        plan = ServicePlanFactory(service=service, year=2026, strategic_plan=a.priority.strategic_plan)
        plan_objective = ObjectiveFactory(plan=plan, number=1, owner=w.director, priorities=[priority, a.priority])
        mine = StaffObjectiveFactory(appraisal=a.mine, number=100 + i, service_objective=plan_objective)
        ProgressNote.objects.create(objective=mine, status="at_risk", note="Slow", recorded_by=w.staff)


def count(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


PAGES = [
    ("team view", "team_manager", lambda a: reverse("appraisals:team")),
    ("my objectives", "staff", lambda a: reverse("appraisals:my-objectives")),
    ("appraisal page", "team_manager", lambda a: reverse("appraisals:detail", args=[a.mine.pk])),
    ("coverage", "performance_officer", lambda a: reverse("appraisals:coverage")),
    ("home page", "team_manager", lambda a: reverse("home")),
    ("API list", "hr_officer", lambda a: "/api/appraisals/"),
]


@pytest.mark.parametrize(("name", "persona", "path"), PAGES, ids=[p[0] for p in PAGES])
def test_it_costs_the_same_queries_for_small_and_large_data(appraisals, as_user, name, persona, path):
    client = as_user(getattr(appraisals.world, persona))
    grow(appraisals, 2)
    small = count(client, path(appraisals))
    grow(appraisals, 6)
    large = count(client, path(appraisals))
    assert small == large, f"{name}: {small} queries with little data, {large} with more"
