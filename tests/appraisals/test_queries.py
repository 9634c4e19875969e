"""The team view, "My objectives", coverage, support plans and the API lists cost the same number of queries
however much they show."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from appraisals.models import ProgressNote, Review, SupportPlanComment, SupportPlanReview
from organisation.models import Role
from priorities.models import Priority
from tests.appraisals.factories import (
    AppraisalFactory,
    StaffObjectiveFactory,
    SupportPlanActionFactory,
    SupportPlanFactory,
)
from tests.conftest import read_kept_settings
from tests.factories import ServiceFactory, TeamFactory, UserFactory, grant
from tests.priorities.factories import ObjectiveFactory, PriorityFactory, ServicePlanFactory

pytestmark = pytest.mark.django_db


def add_plan_details(plan, person, manager):
    SupportPlanActionFactory(plan=plan, owner=person)
    SupportPlanReview.objects.create(plan=plan, held_on=datetime.date(2026, 11, 20), outcome="improving",
                                     notes="Better", next_review_on=plan.next_review_on or datetime.date(2026, 12, 12),
                                     recorded_by=manager)
    SupportPlanComment.objects.create(plan=plan, author=person, text="Thanks")


def grow(a, n):
    """n more reports for Grace, each with objectives, notes, a review and an open support plan; n more services
    with people; n more objectives for Aisha, each on its own thread; n more closed support plans for Aisha and n
    more actions, reviews and comments on her open one."""
    w = a.world
    if not hasattr(a, "aisha_plan"):
        a.aisha_plan = SupportPlanFactory(appraisal=a.mine, opened_by=w.team_manager)
    first = Priority.objects.count()
    for i in range(first, first + n):
        add_plan_details(a.aisha_plan, w.staff, w.team_manager)
        closed = SupportPlanFactory(appraisal=a.mine, opened_by=w.team_manager, status="closed_successfully",
                                    next_review_on=None, closed_on=datetime.date(2026, 11, 1), closed_by=w.team_manager)
        add_plan_details(closed, w.staff, w.team_manager)
        person = grant(UserFactory(team=w.adults_team, line_manager=w.team_manager), Role.STAFF)
        appraisal = AppraisalFactory(cycle=a.cycle, person=person)
        add_plan_details(SupportPlanFactory(appraisal=appraisal, opened_by=w.team_manager), person, w.team_manager)
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
    read_kept_settings()
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
    ("support plan page", "staff", lambda a: reverse("appraisals:support-plan", args=[a.aisha_plan.pk])),
    ("staff's home page", "staff", lambda a: reverse("home")),
    ("API support plans", "hr_officer", lambda a: "/api/support-plans/"),
    ("API support plan actions", "team_manager", lambda a: "/api/support-plan-actions/"),
    ("API objectives", "team_manager", lambda a: "/api/appraisal-objectives/"),
]


@pytest.mark.parametrize(("name", "persona", "path"), PAGES, ids=[p[0] for p in PAGES])
def test_it_costs_the_same_queries_for_small_and_large_data(appraisals, as_user, name, persona, path):
    client = as_user(getattr(appraisals.world, persona))
    grow(appraisals, 2)
    small = count(client, path(appraisals))
    grow(appraisals, 6)
    large = count(client, path(appraisals))
    assert small == large, f"{name}: {small} queries with little data, {large} with more"
