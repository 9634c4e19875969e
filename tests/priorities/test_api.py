"""The priorities API: the same rules as the pages, with filters."""

import pytest
from rest_framework.test import APIClient

from priorities.models import (
    Milestone,
    MilestoneUpdate,
    Objective,
    PlanTransition,
    Risk,
    ServicePlan,
)
from tests.priorities.factories import EngagementExerciseFactory, NonPriorityFactory

pytestmark = pytest.mark.django_db


def api(user=None):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def ids(response):
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


ENDPOINTS = ["strategic-plans", "priorities", "non-priorities", "engagement-exercises", "service-plans",
             "objectives", "milestones", "risks"]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_it_refuses_anonymous_callers(plans, endpoint):
    """Without a session or token, every endpoint answers 401 or 403 and gives nothing away."""
    response = api().get(f"/api/{endpoint}/")
    assert response.status_code in (401, 403)
    assert "results" not in response.json()
    assert api().post(f"/api/{endpoint}/", {}).status_code in (401, 403)


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_it_lets_officers_and_councillors_read(world, plans, endpoint):
    EngagementExerciseFactory()
    NonPriorityFactory(strategic_plan=plans.strategic)
    for person in (world.staff, world.scrutiny_member):
        assert ids(api(person).get(f"/api/{endpoint}/"))


def test_it_shows_an_independent_person_only_what_is_published(world, plans):
    client = api(world.panel_member)
    assert ids(client.get("/api/priorities/")) == {plans.p1.pk}
    assert ids(client.get("/api/service-plans/")) == set()
    assert ids(client.get("/api/risks/")) == set()
    assert client.post("/api/milestones/", {}).status_code == 403


def test_it_filters_milestones_by_plan_service_priority_status_owner_and_due_date(world, plans):
    client = api(world.staff)
    all_ = {plans.overdue.pk, plans.soon.pk, plans.done.pk, plans.long_overdue.pk}
    assert ids(client.get("/api/milestones/")) == all_
    assert ids(client.get(f"/api/milestones/?plan={plans.adults.pk}")) == {plans.overdue.pk, plans.soon.pk,
                                                                          plans.done.pk}
    assert ids(client.get(f"/api/milestones/?service={world.children.pk}")) == {plans.long_overdue.pk}
    assert ids(client.get(f"/api/milestones/?priority={plans.p2.pk}")) == set()
    assert ids(client.get(f"/api/milestones/?priority={plans.p1.pk}")) == all_
    assert ids(client.get("/api/milestones/?status=complete")) == {plans.done.pk}
    assert ids(client.get(f"/api/milestones/?owner={world.staff.pk}")) == {plans.overdue.pk, plans.soon.pk}
    assert ids(client.get("/api/milestones/?overdue=true")) == {plans.overdue.pk, plans.long_overdue.pk}
    assert ids(client.get("/api/milestones/?due_after=2026-11-15&due_before=2026-12-31")) == {
        plans.overdue.pk, plans.soon.pk}
    assert ids(client.get("/api/milestones/?due_within_days=7")) == {plans.overdue.pk, plans.soon.pk,
                                                                     plans.long_overdue.pk}


def test_it_filters_plans_and_objectives(world, plans):
    client = api(world.staff)
    assert ids(client.get("/api/service-plans/?year=2026&status=approved")) == {plans.children.pk}
    assert ids(client.get(f"/api/service-plans/?service={world.adults.pk}")) == {plans.adults.pk}
    assert ids(client.get(f"/api/service-plans/?directorate={world.children_dir.pk}")) == {plans.children.pk}
    assert ids(client.get(f"/api/objectives/?priority={plans.p1.pk}&service={world.adults.pk}")) == {
        plans.objective.pk}
    assert ids(client.get(f"/api/objectives/?owner={world.manager_elsewhere.pk}")) == {plans.child_objective.pk}


def test_it_reports_ratings_and_risk_scores(world, plans):
    client = api(world.staff)
    objective = client.get(f"/api/objectives/{plans.objective.pk}/").json()
    assert (objective["rag"], objective["progress"]) == ("amber", 47)
    assert client.get(f"/api/milestones/{plans.overdue.pk}/").json()["rag"] == "red"
    risk = client.get(f"/api/risks/{plans.risk.pk}/").json()
    assert (risk["score"], risk["band"], risk["residual_score"], risk["residual_band"]) == (16, "very_high", 9,
                                                                                           "medium")


def test_it_lets_a_head_of_service_add_an_objective_and_a_milestone(world, plans):
    client = api(world.head_of_service)
    response = client.post("/api/objectives/", {"plan": plans.adults.pk, "title": "Support carers",
                                                "priorities": [plans.p2.pk], "owner": world.team_manager.pk},
                           format="json")
    assert response.status_code == 201, response.content
    objective = Objective.objects.get(title="Support carers")
    assert response.json()["number"] == objective.number == 2
    response = client.post("/api/milestones/", {"objective": objective.pk, "title": "Carers' offer published",
                                                "due_on": "2027-01-15", "owner": world.staff.pk}, format="json")
    assert response.status_code == 201, response.content
    assert Milestone.objects.get(title="Carers' offer published").objective == objective


def test_it_gives_the_same_messages_as_the_pages_for_bad_input(world, plans):
    client = api(world.head_of_service)
    response = client.post("/api/objectives/", {"plan": plans.adults.pk, "title": "Unlinked",
                                                "owner": world.head_of_service.pk}, format="json")
    assert response.status_code == 400
    assert response.json() == {"priorities": ["Choose the priorities this objective serves, or say why it serves none"]}
    response = client.patch(f"/api/milestones/{plans.soon.pk}/", {"due_on": "2027-04-02"}, format="json")
    assert response.status_code == 400
    assert "The due date must be in 2026/27" in response.json()["due_on"][0]
    response = client.post("/api/risks/", {"plan": plans.adults.pk, "title": "Flood", "likelihood": 1, "impact": 1,
                                           "mitigations": "Sandbags", "residual_likelihood": 2, "residual_impact": 2,
                                           "owner": world.head_of_service.pk, "review_on": "2027-01-01"},
                           format="json")
    assert response.status_code == 400
    response = client.post("/api/objectives/", {"plan": plans.adults.pk, "title": "By a leaver",
                                                "priorities": [plans.p1.pk], "owner": world.leaver.pk},
                           format="json")
    assert response.json() == {"owner": ["Karen Tester is not a current officer."]}
    assert not Objective.objects.filter(title__in=["Unlinked", "By a leaver"]).exists()
    assert Risk.objects.count() == 1
    plans.soon.refresh_from_db()
    assert str(plans.soon.due_on) == "2026-12-02"


@pytest.mark.parametrize("persona", ["manager_elsewhere", "staff", "portfolio_holder"])
def test_it_keeps_others_out_of_a_service_s_plan(world, plans, persona):
    client = api(getattr(world, persona))
    assert client.post("/api/objectives/", {"plan": plans.adults.pk, "title": "Mine now",
                                            "priorities": [plans.p1.pk], "owner": world.staff.pk},
                       format="json").status_code == 403
    assert client.patch(f"/api/milestones/{plans.soon.pk}/", {"title": "Renamed"}, format="json").status_code == 403
    assert client.delete(f"/api/risks/{plans.risk.pk}/").status_code == 403
    assert client.patch(f"/api/service-plans/{plans.adults.pk}/", {"purpose": "x"}, format="json").status_code == 403
    assert client.post(f"/api/service-plans/{plans.adults.pk}/submit/").status_code == 403
    assert not Objective.objects.filter(title="Mine now").exists()
    plans.soon.refresh_from_db()
    assert plans.soon.title == "Brokerage open until 8pm"
    assert Risk.objects.filter(pk=plans.risk.pk).exists()


def test_it_lets_the_owner_record_progress_through_the_api(world, plans):
    response = api(world.staff).post(f"/api/milestones/{plans.overdue.pk}/progress/",
                                     {"status": "in_progress", "percent_complete": 80, "note": "Nearly there"},
                                     format="json")
    assert response.status_code == 200, response.content
    assert (response.json()["percent_complete"], response.json()["rag"]) == (80, "red")
    assert MilestoneUpdate.objects.get().note == "Nearly there"
    response = api(world.manager_elsewhere).post(f"/api/milestones/{plans.overdue.pk}/progress/",
                                                 {"status": "complete", "percent_complete": 100, "note": "x"},
                                                 format="json")
    assert response.status_code == 403
    response = api(world.staff).post(f"/api/milestones/{plans.overdue.pk}/progress/",
                                     {"status": "not_started", "percent_complete": 30, "note": "x"}, format="json")
    assert response.status_code == 400
    assert MilestoneUpdate.objects.count() == 1


def test_it_runs_the_approval_workflow(world, plans):
    plan = plans.adults
    assert api(world.head_of_service).post(f"/api/service-plans/{plan.pk}/submit/").json()["status"] == "submitted"
    assert api(world.head_of_service).post(f"/api/service-plans/{plan.pk}/approve/").status_code == 403
    response = api(world.director).post(f"/api/service-plans/{plan.pk}/return/", {"reason": ""}, format="json")
    assert response.status_code == 400
    # Someone who may not return the plan is refused before the reason is looked at, with or without one.
    for body in ({}, {"reason": "Not good enough"}):
        response = api(world.head_of_service).post(f"/api/service-plans/{plan.pk}/return/", body, format="json")
        assert response.status_code == 403, body
    response = api(world.director).post(f"/api/service-plans/{plan.pk}/approve/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "approved"
    assert [(t["from_status"], t["to_status"], t["actor"]["name"]) for t in body["transitions"]] == [
        ("draft", "submitted", "Mark Tester"), ("submitted", "approved", "Helen Tester")]
    plan.refresh_from_db()
    assert plan.status == ServicePlan.Status.APPROVED
    response = api(world.head_of_service).post(f"/api/service-plans/{plan.pk}/copy-forward/")
    assert response.status_code == 201
    assert (response.json()["year"], response.json()["status"]) == (2027, "draft")
    assert PlanTransition.objects.count() == 3


def test_it_lets_a_manager_start_a_plan_only_for_their_own_service(world, plans):
    assert api(world.head_of_service).post("/api/service-plans/", {"service": world.children.pk, "year": 2027},
                                           format="json").status_code == 400
    response = api(world.head_of_service).post("/api/service-plans/", {"service": world.adults.pk, "year": 2027},
                                               format="json")
    assert response.status_code == 201
    assert ServicePlan.objects.filter(service=world.adults, year=2027).exists()
    response = api(world.head_of_service).post("/api/service-plans/", {"service": world.adults.pk, "year": 2031},
                                               format="json")
    assert response.json() == {"year": ["No strategic plan covers 2031/32. Ask the performance team to add one "
                                        "first"]}


def test_it_documents_the_endpoints_in_the_schema(world, as_user):
    schema = as_user(world.staff).get("/api/schema/").content.decode()
    for path in ("/api/milestones/{id}/progress/", "/api/service-plans/{id}/approve/", "/api/priorities/"):
        assert path in schema
