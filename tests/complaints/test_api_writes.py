"""Working a complaint through the API: stage responses, escalation and closing, panels and learning actions.

The endpoints call the same services as the pages, so the regime's rules, the closed-case rule and the date
checks give the same messages, as precise 400s; people who may not act get 403 (a case they see) or 404 (one
they do not).
"""

import datetime

import pytest
from django.utils import timezone

from complaints import services
from complaints.models import (
    CaseAccess,
    Complaint,
    LearningAction,
    PanelRecommendation,
    PointOutcome,
)
from core.working_days import add_working_days, non_working_days
from tests.complaints.conftest import days_ago, log_case, panel_case, respond, working_day_before

pytestmark = pytest.mark.django_db


def post(client, url, data=None):
    return client.post(url, data or {}, content_type="application/json")


def patch(client, url, data):
    return client.patch(url, data, content_type="application/json")


def current_stage(complaint):
    return complaint.stages.select_related("stage").order_by("-stage__number").first()


def test_it_records_a_stage_response_with_an_outcome_per_point(world, regimes, as_user):
    complaint = log_case(world, regimes["adults"], investigator=world.team_manager)
    stage = current_stage(complaint)
    url = f"/api/complaint-stages/{stage.pk}/respond/"
    today = timezone.localdate()
    client = as_user(world.team_manager)  # the investigating officer
    response = post(client, url, {"responded_on": today.isoformat(), "findings": "Found.",
                                  "outcomes": [{"point": 1, "outcome": "upheld"}]})
    assert response.status_code == 400
    assert response.json() == {"outcomes": ["Choose the outcome for point 2"]}
    response = post(client, url, {"responded_on": today.isoformat(), "findings": "Found.",
                                  "outcomes": [{"point": 1, "outcome": "upheld"}, {"point": 7, "outcome": "upheld"}]})
    assert response.json() == {"outcomes": ["There is no point 7"]}
    response = post(client, url, {"responded_on": (complaint.received_on - datetime.timedelta(days=1)).isoformat(),
                                  "findings": "Found.", "outcomes": [{"point": 1, "outcome": "upheld"},
                                                                     {"point": 2, "outcome": "not_upheld"}]})
    assert response.json() == {"responded_on": [
        f"The response date cannot be before the stage began ({complaint.received_on:%-d %B %Y})"]}
    assert not PointOutcome.objects.exists()
    response = post(client, url, {"responded_on": today.isoformat(), "findings": "Found.", "remedy": "An apology.",
                                  "outcomes": [{"point": 1, "outcome": "upheld"},
                                               {"point": 2, "outcome": "not_upheld"}]})
    assert response.status_code == 200, response.json()
    assert [o["outcome"] for o in response.json()["outcomes"]] == ["upheld", "not_upheld"]
    stage.refresh_from_db()
    assert (stage.responded_on, stage.remedy) == (today, "An apology.")
    assert CaseAccess.objects.filter(complaint=complaint, user=world.team_manager, via="api", granted=True).exists()


def test_it_agrees_an_extension_within_the_regimes_limit(world, regimes, as_user):
    complaint = log_case(world, regimes["childrens"], received_on=working_day_before(days_ago(2)))
    stage = current_stage(complaint)
    holidays = non_working_days()
    client = as_user(world.complaints_officer)
    too_late = add_working_days(stage.requested_on, 21, holidays)
    response = patch(client, f"/api/complaint-stages/{stage.pk}/", {"extended_to": too_late.isoformat(),
                                                                    "extension_reason": "Holidays"})
    limit = add_working_days(stage.requested_on, 20, holidays)
    assert response.json() == {"extended_to": [
        f"This stage can be extended to at most 20 working days: {limit:%-d %B %Y} at the latest"]}
    response = patch(client, f"/api/complaint-stages/{stage.pk}/", {"extended_to": limit.isoformat(),
                                                                    "extension_reason": "Holidays"})
    assert response.status_code == 200
    assert response.json()["extended_to"] == limit.isoformat()
    # The investigator answers the stage but does not extend it.
    services.stage_update(stage=stage, actor=world.complaints_officer, investigator=world.team_manager,
                          extended_to=limit, extension_reason="Holidays")
    assert patch(as_user(world.team_manager), f"/api/complaint-stages/{stage.pk}/",
                 {"extended_to": None}).status_code == 403


def test_it_refuses_to_skip_a_stage_and_moves_one_at_a_time(world, regimes, as_user):
    received = working_day_before(days_ago(30))
    complaint = log_case(world, regimes["childrens"], received_on=received)
    replied = add_working_days(received, 8, non_working_days())
    respond(world, complaint, replied)
    client = as_user(world.complaints_officer)
    url = f"/api/complaints/{complaint.pk}/escalate/"
    response = post(client, url, {"stage": 3, "requested_on": days_ago(1).isoformat()})
    assert response.status_code == 400
    assert response.json() == {"stage": ["Stage 3 (review panel) can only follow stage 2 (investigation): a complaint "
                                         "cannot skip a stage"]}
    response = post(client, url, {"stage": 2, "requested_on": (replied - datetime.timedelta(days=1)).isoformat()})
    assert response.json() == {"requested_on": [
        f"The request cannot be before the stage 1 response ({replied:%-d %B %Y})"]}
    assert complaint.stages.count() == 1
    response = post(client, url, {"stage": 2, "requested_on": days_ago(1).isoformat()})
    assert response.status_code == 200
    assert [s["number"] for s in response.json()["stages"]] == [1, 2]


def test_it_closes_an_answered_complaint_and_then_refuses_every_change(world, regimes, as_user):
    complaint = log_case(world, regimes["adults"])
    client = as_user(world.complaints_officer)
    today = timezone.localdate()
    response = post(client, f"/api/complaints/{complaint.pk}/close/", {"closed_on": today.isoformat()})
    assert response.json() == {"closed_on": ["Record the response to the current stage before closing the complaint"]}
    respond(world, complaint, today)
    response = post(client, f"/api/complaints/{complaint.pk}/close/", {"closed_on": today.isoformat()})
    assert response.status_code == 200
    assert response.json()["closed_on"] == today.isoformat()
    closed = {"non_field_errors": [f"This complaint was closed on {today:%-d %B %Y}: its details, stages and panel "
                                   "can no longer be changed"]}
    response = patch(client, f"/api/complaints/{complaint.pk}/", {"summary": "Changed"})
    assert (response.status_code, response.json()) == (400, closed)
    stage = current_stage(complaint)
    response = post(client, f"/api/complaint-stages/{stage.pk}/respond/", {
        "responded_on": today.isoformat(), "findings": "Again", "outcomes": [{"point": 1, "outcome": "upheld"},
                                                                              {"point": 2, "outcome": "upheld"}]})
    assert (response.status_code, response.json()) == (400, closed)
    complaint.refresh_from_db()
    assert complaint.summary == "Visits keep being cancelled."


def test_it_changes_a_complaints_details_and_refuses_impossible_dates(world, regimes, as_user):
    complaint = log_case(world, regimes["adults"])
    client = as_user(world.complaints_officer)
    url = f"/api/complaints/{complaint.pk}/"
    response = patch(client, url, {"acknowledged_on": (complaint.received_on - datetime.timedelta(days=1)).isoformat()})
    assert response.json() == {"acknowledged_on": [
        f"The date acknowledged cannot be before the date received ({complaint.received_on:%-d %B %Y})"]}
    response = patch(client, url, {"team": world.children_team.pk})
    assert response.json() == {"team": ["Choose a team in Reablement, or no team"]}
    response = patch(client, url, {"summary": "Visits cancelled twice.", "categories": ["Delay"],
                                   "acknowledged_on": complaint.received_on.isoformat()})
    assert response.status_code == 200
    complaint.refresh_from_db()
    assert (complaint.summary, complaint.acknowledged_on) == ("Visits cancelled twice.", complaint.received_on)
    assert list(complaint.categories.values_list("name", flat=True)) == ["Delay"]
    assert list(complaint.points.values_list("text", flat=True)) == ["The visit was cancelled without notice",
                                                                      "Nobody returned my calls"]
    assert complaint.complainant_name == "Alex Example"


def test_it_chooses_a_panel_that_records_its_report_and_the_council_responds(world, regimes, independents, as_user):
    complaint = panel_case(world, regimes, independents[:1])
    panel = current_stage(complaint).panel
    officer = as_user(world.complaints_officer)
    response = post(officer, f"/api/complaint-panels/{panel.pk}/members/",
                    {"members": [p.pk for p in independents[:2]] + [world.scrutiny_member.pk], "chair": independents[0].pk})
    assert response.json() == {"members": [
        "Sarah Tester cannot sit on this panel: its members must all be independent people"]}
    response = post(officer, f"/api/complaint-panels/{panel.pk}/members/",
                    {"members": [p.pk for p in independents], "chair": independents[1].pk})
    assert response.status_code == 200
    assert [m["is_chair"] for m in response.json()["members"] if m["id"] == independents[1].pk] == [True]

    member = as_user(world.panel_member)
    met = days_ago(3)
    response = post(member, f"/api/complaint-panels/{panel.pk}/report/",
                    {"meeting_on": (panel.stage.requested_on - datetime.timedelta(days=1)).isoformat()})
    assert response.json() == {"meeting_on": [
        f"The date the panel met cannot be before the date the request for a review panel "
        f"({panel.stage.requested_on:%-d %B %Y})"]}
    response = post(member, f"/api/complaint-panels/{panel.pk}/report/", {
        "meeting_on": met.isoformat(), "report_on": days_ago(1).isoformat(), "report": "The move was unplanned.",
        "recommendations": ["Apologise", "Plan moves with the child"]})
    assert response.status_code == 200, response.json()
    assert [r["text"] for r in response.json()["recommendations"]] == ["Apologise", "Plan moves with the child"]
    # A panel member records the report but not the council's response.
    assert post(member, f"/api/complaint-panels/{panel.pk}/response/", {}).status_code == 403
    assert post(member, f"/api/complaint-panels/{panel.pk}/members/", {"members": [world.panel_member.pk]}) \
        .status_code == 403

    url = f"/api/complaint-panels/{panel.pk}/response/"
    response = post(officer, url, {"council_response_on": timezone.localdate().isoformat(),
                                   "council_response": "Accepted.", "decisions": [{"number": 1,
                                                                                   "decision": "accepted"}]})
    assert response.json() == {"decisions": ["Choose the council's decision on recommendation 2"]}
    assert not PanelRecommendation.objects.exclude(decision="").exists()
    response = post(officer, url, {"council_response_on": timezone.localdate().isoformat(),
                                   "council_response": "Accepted.",
                                   "decisions": [{"number": 1, "decision": "accepted"},
                                                 {"number": 2, "decision": "partly_accepted"}]})
    assert response.status_code == 200
    stage = current_stage(complaint)
    assert stage.responded_on == timezone.localdate()


def test_it_adds_and_changes_learning_actions_linked_to_the_plan(world, regimes, as_user):
    from tests.priorities.factories import MilestoneFactory, ObjectiveFactory, ServicePlanFactory

    plan = ServicePlanFactory(service=world.adults)
    objective = ObjectiveFactory(plan=plan, title="Reliable home visits", owner=world.head_of_service)
    milestone = MilestoneFactory(objective=objective, title="Text people about cancellations",
                                 owner=world.head_of_service)
    elsewhere = ObjectiveFactory(plan=ServicePlanFactory(service=world.children), owner=world.head_of_service)
    complaint = log_case(world, regimes["adults"])
    client = as_user(world.complaints_officer)
    action = {"complaint": complaint.pk, "description": "Text people when a visit is cancelled",
              "owner": world.head_of_service.pk, "due_on": days_ago(-30).isoformat()}
    response = post(client, "/api/complaint-learning-actions/", {**action, "objective": elsewhere.pk})
    assert response.json() == {"objective": [
        "Choose an objective in Reablement's service plans for this year or later"]}
    response = post(client, "/api/complaint-learning-actions/",
                    {**action, "due_on": (complaint.received_on - datetime.timedelta(days=1)).isoformat()})
    assert response.json() == {"due_on": [
        f"The due date cannot be before the complaint was received ({complaint.received_on:%-d %B %Y})"]}
    response = post(client, "/api/complaint-learning-actions/", {**action, "owner": world.scrutiny_member.pk})
    assert response.status_code == 400
    assert list(response.json()) == ["owner"]
    assert not LearningAction.objects.exists()
    response = post(client, "/api/complaint-learning-actions/", {**action, "milestone": milestone.pk})
    assert response.status_code == 201, response.json()
    created = LearningAction.objects.get()
    assert (created.objective, created.milestone, created.status) == (objective, milestone, "planned")
    response = patch(client, f"/api/complaint-learning-actions/{created.pk}/", {"status": "done"})
    assert response.status_code == 200
    created.refresh_from_db()
    assert (created.status, created.milestone) == ("done", milestone)
    listing = client.get("/api/complaint-learning-actions/").json()
    assert [a["id"] for a in listing["results"]] == [created.pk]


OUTSIDERS = ["manager_elsewhere", "head_of_service", "director", "ward_councillor", "scrutiny_member",
             "performance_officer", "staff", "system_admin"]


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_people_who_may_not_see_a_case_get_404_on_every_write(world, regimes, independents, as_user, persona):
    complaint = panel_case(world, regimes, independents)
    stage = current_stage(complaint)
    action = services.learning_action_create(complaint=complaint, actor=world.complaints_officer,
                                             description="Plan moves", owner=world.head_of_service,
                                             due_on=days_ago(-20))
    client = as_user(getattr(world, persona))
    writes = [
        ("patch", f"/api/complaints/{complaint.pk}/", {"summary": "x"}),
        ("post", f"/api/complaints/{complaint.pk}/close/", {"closed_on": "2026-01-05"}),
        ("patch", f"/api/complaint-stages/{stage.pk}/", {"extended_to": None}),
        ("post", f"/api/complaint-stages/{stage.pk}/respond/", {}),
        ("post", f"/api/complaint-panels/{stage.panel.pk}/members/", {"members": []}),
        ("post", f"/api/complaint-panels/{stage.panel.pk}/report/", {}),
        ("post", f"/api/complaint-panels/{stage.panel.pk}/response/", {}),
        ("patch", f"/api/complaint-learning-actions/{action.pk}/", {"status": "done"}),
        ("post", "/api/complaint-learning-actions/", {"complaint": complaint.pk, "description": "x",
                                                      "owner": world.staff.pk, "due_on": "2030-01-01"}),
    ]
    for method, url, data in writes:
        response = (post if method == "post" else patch)(client, url, data)
        assert response.status_code in (403, 404), (url, response.status_code)
    assert client.get(f"/api/complaint-panels/{stage.panel.pk}/").status_code == 404
    assert client.get(f"/api/complaint-learning-actions/{action.pk}/").status_code == 404
    assert client.get("/api/complaint-learning-actions/").json()["count"] == 0
    complaint.refresh_from_db()
    action.refresh_from_db()
    assert (complaint.summary, complaint.closed_on, action.status) == ("Visits keep being cancelled.", None,
                                                                       "planned")
    assert LearningAction.objects.count() == 1
    assert not CaseAccess.objects.filter(user=getattr(world, persona), granted=True).exists()
    assert Complaint.objects.count() == 1
