"""Logging and working a complaint on its pages: what is saved, and what bad input gets (a message by the
field, and nothing half-saved)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from complaints import services
from complaints.models import (
    Complaint,
    ComplaintStage,
    LearningAction,
    PanelRecommendation,
    PointOutcome,
)
from core.working_days import add_working_days, non_working_days
from tests.complaints.conftest import (
    days_ago,
    escalate,
    log_case,
    panel_case,
    respond,
    working_day_before,
)
from tests.factories import CouncillorFactory, UserFactory

pytestmark = pytest.mark.django_db


def date(name, day):
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def log_form(world, regimes, **overrides):
    data = {
        "kind": "formal", "regime": regimes["adults"].pk, **date("received_on", working_day_before(days_ago(2))),
        "complainant_name": "Pat Example", "complainant_type": "representative", "contact_details": "2 Mill Lane",
        "service": world.adults.pk, "team": world.adults_team.pk, "categories": [], "summary": "Missed visits.",
        "points": "Three visits were missed\n\nNobody rang to say so\n", "owner": world.complaints_officer.pk,
        "investigator": world.team_manager.pk,
    }
    data.update(overrides)
    return data


def errors_of(response):
    return {field: [str(e) for e in errors] for field, errors in response.context["form"].errors.items()}


def test_it_logs_a_formal_complaint_with_its_first_stage(world, regimes, as_user):
    """The officer logs an adult social care complaint: it gets a reference, its points, stage 1 with the
    officer investigating, and the regime's timescales as they stand today."""
    received = working_day_before(days_ago(2))
    client = as_user(world.complaints_officer)
    response = client.post(reverse("complaints:create"), log_form(world, regimes))
    complaint = Complaint.objects.get()
    assert response.status_code == 302
    assert response["Location"] == complaint.get_absolute_url()
    assert complaint.reference == f"ASC-{received.year}-0001"
    assert (complaint.kind, complaint.regime.code, complaint.received_on) == ("formal", "adults", received)
    assert (complaint.acknowledge_days, complaint.delay_letter_months) == (3, 6)
    assert [p.text for p in complaint.points.all()] == ["Three visits were missed", "Nobody rang to say so"]
    stage = complaint.stages.get()
    assert (stage.stage.number, stage.requested_on, stage.investigator) == (1, received, world.team_manager)
    assert stage.response_days == 20
    page = client.get(response["Location"])
    assert f"Formal complaint {complaint.reference} has been logged." in page.text
    keys = [d.key for d in page.context["deadlines"]]
    assert keys == ["acknowledge", "stage-1-response", "delay-letter"]


def test_it_numbers_references_per_regime_and_year(world, regimes):
    first = log_case(world, regimes["childrens"], service=world.children)
    second = log_case(world, regimes["childrens"], service=world.children, kind="informal")
    third = log_case(world, regimes["corporate"], kind="compliment")
    year = first.received_on.year
    assert [first.reference, second.reference, third.reference] == [
        f"CSC-{year}-0001", f"CSC-{year}-0002", f"CORP-{year}-0001"]


def test_it_records_a_compliment_without_stages_or_deadlines(world, regimes, as_user):
    response = as_user(world.complaints_officer).post(reverse("complaints:create"), log_form(
        world, regimes, kind="compliment", points="", investigator=""))
    assert response.status_code == 302
    compliment = Complaint.objects.get()
    assert compliment.kind == "compliment"
    assert not compliment.stages.exists()
    assert not compliment.points.exists()
    assert compliment.acknowledge_days is None
    assert as_user(world.complaints_officer).get(compliment.get_absolute_url()).context["deadlines"] == []


@pytest.mark.parametrize(("overrides", "field", "message"), [
    (date("received_on", timezone.localdate() + datetime.timedelta(days=1)), "received_on",
     "The date received must be today or in the past"),
    ({"received_on_0": "31", "received_on_1": "2", "received_on_2": "2026"}, "received_on",
     "The date received must be a real date, like 27 3 2026"),
    (date("matter_occurred_on", days_ago(500)), "accepted_late_reason",
     "The matter is more than 12 months before the complaint was received: give the reason for accepting it late"),
    (date("acknowledged_on", days_ago(30)), "acknowledged_on", "The date acknowledged cannot be before the date "
                                                               "received"),
    ({"points": "  \n "}, "points", "Enter each point of the complaint, one per line"),
    ({"team": "0"}, "team", "Choose the team from the list"),
    ({"complainant_type": ""}, "complainant_type", "Choose who is complaining"),
])
def test_it_refuses_bad_input_when_logging_and_saves_nothing(world, regimes, as_user, overrides, field, message):
    response = as_user(world.complaints_officer).post(reverse("complaints:create"),
                                                      log_form(world, regimes, **overrides))
    assert response.status_code == 400
    assert any(m.startswith(message) for m in errors_of(response)[field]), errors_of(response)
    assert "There is a problem" in response.text
    assert not Complaint.objects.exists()
    assert not ComplaintStage.objects.exists()


def test_it_refuses_a_team_from_another_service(world, regimes, as_user):
    response = as_user(world.complaints_officer).post(reverse("complaints:create"),
                                                      log_form(world, regimes, team=world.children_team.pk))
    assert errors_of(response)["team"] == ["Choose a team in Reablement, or no team"]
    assert not Complaint.objects.exists()


def test_it_records_a_stage_response_with_an_outcome_per_point(world, regimes, as_user):
    complaint = log_case(world, regimes["adults"], investigator=world.team_manager)
    stage = complaint.stages.get()
    first, second = complaint.points.all()
    responded = timezone.localdate()
    response = as_user(world.team_manager).post(reverse("complaints:stage-respond", args=[stage.pk]), {
        **date("responded_on", responded), "findings": "Visits were missed.", "remedy": "An apology.",
        f"point_{first.pk}": "upheld", f"point_{second.pk}": "partly_upheld"})
    assert response.status_code == 302
    stage.refresh_from_db()
    assert (stage.responded_on, stage.findings, stage.remedy) == (responded, "Visits were missed.", "An apology.")
    assert dict(stage.outcomes.values_list("point__number", "outcome")) == {1: "upheld", 2: "partly_upheld"}


def test_it_refuses_a_response_dated_before_the_complaint_was_received(world, regimes, as_user):
    complaint = log_case(world, regimes["adults"])
    stage = complaint.stages.get()
    points = {f"point_{p.pk}": "upheld" for p in complaint.points.all()}
    response = as_user(world.complaints_officer).post(reverse("complaints:stage-respond", args=[stage.pk]), {
        **date("responded_on", complaint.received_on - datetime.timedelta(days=1)), "findings": "x", **points})
    assert errors_of(response)["responded_on"] == [
        f"The response date cannot be before the stage began ({complaint.received_on:%-d %B %Y})"]
    stage.refresh_from_db()
    assert stage.responded_on is None
    assert stage.findings == ""
    assert not PointOutcome.objects.exists()


def test_it_asks_for_an_outcome_for_every_point(world, regimes, as_user):
    complaint = log_case(world, regimes["adults"])
    stage = complaint.stages.get()
    first, second = complaint.points.all()
    response = as_user(world.complaints_officer).post(reverse("complaints:stage-respond", args=[stage.pk]), {
        **date("responded_on", timezone.localdate()), "findings": "x", f"point_{first.pk}": "upheld"})
    assert errors_of(response) == {f"point_{second.pk}": ["Choose the outcome for point 2"]}
    assert ComplaintStage.objects.get().responded_on is None


def test_it_moves_a_childrens_complaint_to_stage_2_and_asks_why_a_late_request_was_accepted(world, regimes, as_user):
    holidays = non_working_days()
    received = working_day_before(days_ago(90))
    complaint = log_case(world, regimes["childrens"], received_on=received, service=world.children)
    replied = add_working_days(received, 9, holidays)
    respond(world, complaint, replied)
    late = add_working_days(replied, 21, holidays)
    client = as_user(world.complaints_officer)
    url = reverse("complaints:escalate", args=[complaint.pk])
    response = client.post(url, {**date("requested_on", late), "investigator": world.manager_elsewhere.pk})
    assert errors_of(response)["late_request_reason"][0].startswith(
        "The request came 21 working days after the stage 1 response; the regime allows 20")
    assert complaint.stages.count() == 1
    response = client.post(url, {**date("requested_on", late), "late_request_reason": "In hospital until then",
                                 "investigator": world.manager_elsewhere.pk})
    assert response.status_code == 302
    stage = complaint.stages.select_related("stage").get(stage__number=2)
    assert (stage.requested_on, stage.late_request_reason, stage.investigator) == (
        late, "In hospital until then", world.manager_elsewhere)
    assert (stage.response_days, stage.max_response_days) == (25, 65)


def test_it_refuses_to_skip_a_stage_through_the_api(world, regimes, as_user):
    """Stage 1 to stage 3 (the review panel) is refused with a message naming the stage that must come first."""
    holidays = non_working_days()
    received = working_day_before(days_ago(60))
    complaint = log_case(world, regimes["childrens"], received_on=received, service=world.children)
    respond(world, complaint, add_working_days(received, 5, holidays))
    response = as_user(world.complaints_officer).post(
        f"/api/complaints/{complaint.pk}/escalate/",
        {"stage": 3, "requested_on": add_working_days(received, 8, holidays).isoformat()},
        content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"stage": ["Stage 3 (review panel) can only follow stage 2 (investigation): a "
                                         "complaint cannot skip a stage"]}
    assert complaint.stages.count() == 1


def test_it_refuses_a_second_stage_for_adult_social_care(world, regimes, as_user):
    complaint = log_case(world, regimes["adults"])
    respond(world, complaint, timezone.localdate())
    response = as_user(world.complaints_officer).post(
        f"/api/complaints/{complaint.pk}/escalate/", {"stage": 2, "requested_on": timezone.localdate().isoformat()},
        content_type="application/json")
    assert response.status_code == 400
    assert response.json()["stage"][0].endswith("the complainant's next step is the Ombudsman")


def test_it_refuses_any_change_to_a_closed_complaint(world, regimes, as_user):
    """Once closed, the details, stages and panel stay as they were, with a message saying why."""
    complaint = log_case(world, regimes["adults"])
    respond(world, complaint, timezone.localdate())
    services.complaint_close(complaint=complaint, actor=world.complaints_officer, closed_on=timezone.localdate())
    client = as_user(world.complaints_officer)
    response = client.post(reverse("complaints:edit", args=[complaint.pk]), {
        "complainant_name": "Someone Else", "complainant_type": "user", "service": world.adults.pk,
        "summary": "Changed", "points": "Changed point", **date("received_on", complaint.received_on),
        "owner": world.complaints_officer.pk})
    closed = f"This complaint was closed on {timezone.localdate():%-d %B %Y}: its details, stages and panel can no " \
             "longer be changed"
    assert response.context["form"].non_field_errors() == [closed]
    stage = complaint.stages.get()
    response = client.post(reverse("complaints:stage-edit", args=[stage.pk]), {
        **date("extended_to", timezone.localdate() + datetime.timedelta(days=60)), "extension_reason": "x"})
    assert response.context["form"].non_field_errors() == [closed]
    response = client.post(f"/api/complaints/{complaint.pk}/close/", {"closed_on": timezone.localdate().isoformat()},
                           content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": [closed]}
    complaint.refresh_from_db()
    stage.refresh_from_db()
    assert complaint.complainant_name == "Alex Example"
    assert complaint.summary == "Visits keep being cancelled."
    assert [p.text for p in complaint.points.all()] == ["The visit was cancelled without notice",
                                                        "Nobody returned my calls"]
    assert stage.extended_to is None
    page = client.get(complaint.get_absolute_url())
    assert "Change the details and key dates" not in page.text
    assert "Record the stage 1 response" not in page.text


def test_it_reopens_a_closed_complaint_when_the_complainant_asks_for_the_next_stage(world, regimes):
    holidays = non_working_days()
    received = working_day_before(days_ago(40))
    complaint = log_case(world, regimes["corporate"], received_on=received)
    replied = add_working_days(received, 6, holidays)
    respond(world, complaint, replied)
    services.complaint_close(complaint=complaint, actor=world.complaints_officer, closed_on=replied)
    escalate(world, complaint, 2, add_working_days(replied, 10, holidays))
    complaint.refresh_from_db()
    assert complaint.closed_on is None
    assert list(complaint.stages.values_list("stage__number", flat=True)) == [1, 2]


def test_it_closes_only_an_answered_complaint(world, regimes, as_user):
    complaint = log_case(world, regimes["adults"])
    url = reverse("complaints:close", args=[complaint.pk])
    response = as_user(world.complaints_officer).post(url, date("closed_on", timezone.localdate()))
    assert errors_of(response)["closed_on"] == ["Record the response to the current stage before closing the "
                                                "complaint"]
    complaint.refresh_from_db()
    assert complaint.closed_on is None


def test_it_extends_a_childrens_stage_1_to_at_most_20_working_days(world, regimes, as_user):
    holidays = non_working_days()
    received = working_day_before(days_ago(10))
    complaint = log_case(world, regimes["childrens"], received_on=received, service=world.children)
    stage = complaint.stages.get()
    limit = add_working_days(received, 20, holidays)
    client = as_user(world.complaints_officer)
    url = reverse("complaints:stage-edit", args=[stage.pk])
    response = client.post(url, {**date("extended_to", limit + datetime.timedelta(days=1)),
                                 "extension_reason": "Waiting for records"})
    assert errors_of(response)["extended_to"] == [
        f"This stage can be extended to at most 20 working days: {limit:%-d %B %Y} at the latest"]
    stage.refresh_from_db()
    assert stage.extended_to is None
    response = client.post(url, {**date("extended_to", limit), "extension_reason": "Waiting for records"})
    assert response.status_code == 302
    stage.refresh_from_db()
    assert (stage.extended_to, stage.extension_reason) == (limit, "Waiting for records")


def test_it_keeps_the_points_once_a_stage_has_decided_them(world, regimes):
    complaint = log_case(world, regimes["adults"])
    respond(world, complaint, timezone.localdate())
    with pytest.raises(services.ValidationError) as error:
        services.complaint_update(complaint=complaint, actor=world.complaints_officer, points=["A new point"],
                                  service=world.adults, team=None, received_on=complaint.received_on)
    assert error.value.message_dict == {"points": ["The points cannot change once a stage has given them outcomes"]}
    assert complaint.points.count() == 2


def test_it_takes_a_childrens_complaint_to_a_review_panel_that_records_its_recommendations(
        world, regimes, independents, as_user):
    """A panel of three independent people meets, reports with recommendations (recorded by its chair); the
    council responds to each recommendation, which answers stage 3."""
    complaint = panel_case(world, regimes, independents)
    stage = complaint.stages.get(stage__number=3)
    panel = stage.panel
    assert (panel.size, panel.all_independent, panel.meets_within_days, panel.report_within_days,
            panel.response_within_days) == (3, True, 30, 5, 15)
    holidays = non_working_days()
    met = add_working_days(stage.requested_on, 10, holidays)
    reported = add_working_days(met, 3, holidays)
    chair = as_user(world.panel_member)
    response = chair.post(reverse("complaints:panel-report", args=[panel.pk]), {
        **date("meeting_on", met), **date("report_on", reported), "report": "The move was not planned.",
        "recommendations": "Apologise in writing\nHold a planning meeting before any move"})
    assert response.status_code == 302
    panel.refresh_from_db()
    assert (panel.meeting_on, panel.report_on, panel.report) == (met, reported, "The move was not planned.")
    recommendations = list(panel.recommendations.all())
    assert [r.text for r in recommendations] == ["Apologise in writing", "Hold a planning meeting before any move"]
    # The council's response is the complaints team's to record, not the panel's.
    assert chair.get(reverse("complaints:panel-response", args=[panel.pk])).status_code == 403
    responded = add_working_days(reported, 10, holidays)
    response = as_user(world.complaints_officer).post(reverse("complaints:panel-response", args=[panel.pk]), {
        **date("council_response_on", responded), "council_response": "We accept the panel's findings.",
        f"recommendation_{recommendations[0].pk}": "accepted",
        f"recommendation_{recommendations[1].pk}": "partly_accepted"})
    assert response.status_code == 302
    stage.refresh_from_db()
    assert stage.responded_on == responded
    assert list(PanelRecommendation.objects.values_list("decision", flat=True)) == ["accepted", "partly_accepted"]
    page = as_user(world.complaints_officer).get(complaint.get_absolute_url())
    statuses = {d.key: d.status for d in page.context["deadlines"]}
    assert statuses["panel-meeting"] == statuses["panel-report"] == statuses["council-response"] == "met"


def test_it_refuses_a_councillor_on_a_childrens_review_panel(world, regimes, independents, as_user):
    complaint = panel_case(world, regimes, independents)
    panel = complaint.stages.get(stage__number=3).panel
    councillor = CouncillorFactory(first_name="Cllr")
    response = as_user(world.complaints_officer).post(reverse("complaints:panel-edit", args=[panel.pk]), {
        "members": [independents[0].pk, independents[1].pk, councillor.pk]})
    assert errors_of(response)["members"] == ["Choose the members from the list"]  # not even offered
    with pytest.raises(services.ValidationError) as error:
        services.panel_update(panel=panel, actor=world.complaints_officer, members=[independents[0], councillor])
    assert "its members must all be independent people" in error.value.message_dict["members"][0]
    assert set(panel.memberships.values_list("member", flat=True)) == {p.pk for p in independents}


def test_it_lets_councillors_sit_on_a_corporate_member_panel(world, regimes, independents):
    holidays = non_working_days()
    received = working_day_before(days_ago(100))
    complaint = log_case(world, regimes["corporate"], received_on=received)
    respond(world, complaint, add_working_days(received, 5, holidays))
    escalate(world, complaint, 2, add_working_days(received, 8, holidays))
    respond(world, complaint, add_working_days(received, 20, holidays))
    stage = escalate(world, complaint, 3, add_working_days(received, 25, holidays))
    stage.complaint = complaint
    panel = stage.panel
    panel.stage = stage
    services.panel_update(panel=panel, actor=world.complaints_officer,
                          members=[world.ward_councillor, world.scrutiny_member, independents[0]],
                          chair=world.scrutiny_member)
    assert panel.memberships.get(is_chair=True).member == world.scrutiny_member
    with pytest.raises(services.ValidationError) as error:
        services.panel_update(panel=panel, actor=world.complaints_officer, members=[world.staff])
    assert error.value.message_dict["members"] == [
        f"{world.staff} cannot sit on this panel: choose independent people or councillors"]


def test_it_waits_for_a_full_panel_before_it_meets(world, regimes, independents, as_user):
    complaint = panel_case(world, regimes, independents[:2])
    panel = complaint.stages.get(stage__number=3).panel
    response = as_user(world.panel_member).post(reverse("complaints:panel-report", args=[panel.pk]), {
        **date("meeting_on", timezone.localdate())})
    assert errors_of(response)["meeting_on"] == [
        "The panel needs 3 members before it meets: it has 2. Ask the complaints team to complete it"]
    panel.refresh_from_db()
    assert panel.meeting_on is None


def test_it_records_learning_and_the_ombudsman_after_closing(world, regimes, as_user):
    complaint = log_case(world, regimes["adults"])
    respond(world, complaint, timezone.localdate())
    services.complaint_close(complaint=complaint, actor=world.complaints_officer, closed_on=timezone.localdate())
    client = as_user(world.complaints_officer)
    due = timezone.localdate() + datetime.timedelta(days=30)
    response = client.post(reverse("complaints:learning-create", args=[complaint.pk]), {
        "description": "Confirm cancelled visits by phone", "owner": world.head_of_service.pk,
        **date("due_on", due), "status": "planned"})
    assert response.status_code == 302
    action = LearningAction.objects.get()
    assert (action.owner, action.due_on, action.status) == (world.head_of_service, due, "planned")
    url = reverse("complaints:ombudsman", args=[complaint.pk])
    response = client.post(url, {"reference": "25 001 002", **date("referred_on", timezone.localdate()),
                                 "decision": "upheld"})
    assert errors_of(response)["decided_on"] == ["Enter the date of the Ombudsman's decision"]
    complaint.refresh_from_db()
    assert getattr(complaint, "ombudsman", None) is None
    response = client.post(url, {"reference": "25 001 002", **date("referred_on", timezone.localdate()),
                                 "decision": "upheld", **date("decided_on", timezone.localdate())})
    assert response.status_code == 302
    complaint = Complaint.objects.select_related("ombudsman").get()
    assert (complaint.ombudsman.reference, complaint.ombudsman.decision) == ("25 001 002", "upheld")


def test_it_shows_due_soon_and_overdue_deadlines_on_the_officers_home_page(world, regimes, as_user):
    """An unacknowledged complaint received five working days ago is overdue; one received today is due soon.
    A manager's home page has no complaint panel."""
    log_case(world, regimes["adults"], received_on=working_day_before(days_ago(9)))
    log_case(world, regimes["adults"], received_on=working_day_before(timezone.localdate()))
    response = as_user(world.complaints_officer).get(reverse("home"))
    panel = response.context["complaint_deadlines"]
    assert panel["overdue_count"] >= 1
    assert {item.deadline.key for item in panel["due_soon"]} >= {"acknowledge"}
    assert 'data-testid="complaint-deadlines"' in response.text
    assert "Overdue by" in response.text
    manager = as_user(world.head_of_service).get(reverse("home"))
    assert 'data-testid="complaint-deadlines"' not in manager.text


def test_it_creates_a_complaint_through_the_api(world, regimes, as_user):
    response = as_user(world.complaints_officer).post("/api/complaints/", {
        "kind": "formal", "regime": "childrens", "complainant_name": "Sam Example", "complainant_type": "child",
        "service": world.children.pk, "summary": "Moved school without being asked",
        "points": ["I was not asked"], "received_on": working_day_before(days_ago(1)).isoformat(),
        "categories": ["Communication"]}, content_type="application/json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["reference"].startswith("CSC-")
    assert body["owner"]["id"] == world.complaints_officer.pk
    assert [d["key"] for d in body["deadlines"]] == ["stage-1-response"]
    assert body["categories"] == ["Communication"]
    bad = as_user(world.complaints_officer).post("/api/complaints/", {
        "kind": "formal", "regime": "childrens", "complainant_name": "Sam", "complainant_type": "child",
        "service": world.children.pk, "summary": "x", "points": [],
        "received_on": (timezone.localdate() + datetime.timedelta(days=3)).isoformat()},
        content_type="application/json")
    assert bad.status_code == 400
    assert bad.json() == {"received_on": ["The date received must be today or in the past"],
                          "points": ["Enter each point of the complaint, one per line"]}
    assert Complaint.objects.count() == 1


def test_it_offers_only_complaints_officers_as_case_owners(world, regimes, as_user):
    response = as_user(world.complaints_officer).post(reverse("complaints:create"), log_form(
        world, regimes, owner=world.head_of_service.pk))
    assert errors_of(response)["owner"] == ["Choose the case owner from the list"]
    assert not Complaint.objects.exists()


def test_it_lists_a_leaving_case_owners_open_cases_as_orphaned(world, regimes):
    from organisation.ownership import orphaned_items

    owner = UserFactory(first_name="Lee")
    open_case = log_case(world, regimes["adults"])
    closed_case = log_case(world, regimes["adults"])
    respond(world, closed_case, timezone.localdate())
    services.complaint_close(complaint=closed_case, actor=world.complaints_officer, closed_on=timezone.localdate())
    Complaint.objects.update(owner=owner)
    owner.left_on = timezone.localdate()
    owner.save()
    orphans = [o.item for o in orphaned_items() if o.kind == "Complaint"]
    assert orphans == [open_case]


def test_it_refuses_a_case_owner_who_is_not_a_complaints_officer_through_the_api(world, regimes, as_user):
    response = as_user(world.complaints_officer).post("/api/complaints/", {
        "kind": "compliment", "regime": "adults", "complainant_name": "Sam Example", "complainant_type": "user",
        "service": world.adults.pk, "summary": "Thank you", "received_on": timezone.localdate().isoformat(),
        "owner": world.head_of_service.pk}, content_type="application/json")
    assert response.status_code == 400
    assert list(response.json()) == ["owner"]
    assert not Complaint.objects.exists()


def test_it_puts_a_learning_action_in_the_service_plan(world, regimes, as_user):
    """Linked to a milestone, a learning action joins that milestone's objective; the plan lists it under
    'What changed because of complaints', with no complainant and no case reference."""
    from tests.priorities.factories import MilestoneFactory, ObjectiveFactory, ServicePlanFactory

    plan = ServicePlanFactory(service=world.adults)
    objective = ObjectiveFactory(plan=plan, title="Reliable home visits", owner=world.head_of_service)
    other = ObjectiveFactory(plan=plan, title="Something else", owner=world.head_of_service)
    milestone = MilestoneFactory(objective=objective, title="Text people when a visit is cancelled",
                                 owner=world.head_of_service)
    elsewhere = ObjectiveFactory(plan=ServicePlanFactory(service=world.children), owner=world.head_of_service)
    complaint = log_case(world, regimes["adults"])
    client = as_user(world.complaints_officer)
    url = reverse("complaints:learning-create", args=[complaint.pk])
    due = timezone.localdate() + datetime.timedelta(days=40)
    form = {"description": "Text people when a visit is cancelled", "owner": world.head_of_service.pk,
            **date("due_on", due), "status": "in_progress"}
    response = client.post(url, {**form, "objective": elsewhere.pk})
    assert errors_of(response) == {"objective": ["Choose the service plan objective from the list"]}
    response = client.post(url, {**form, "objective": other.pk, "milestone": milestone.pk})
    assert errors_of(response) == {"milestone": ["Choose a milestone of the chosen objective, or no objective"]}
    assert not LearningAction.objects.exists()
    response = client.post(url, {**form, "milestone": milestone.pk})
    assert response.status_code == 302
    action = LearningAction.objects.get()
    assert (action.objective, action.milestone) == (objective, milestone)

    page = as_user(world.scrutiny_member).get(plan.get_absolute_url())
    assert page.status_code == 200
    assert 'data-testid="complaints-learning"' in page.text
    assert "Text people when a visit is cancelled" in page.text
    assert "From a complaint (adult social care)" in page.text
    assert complaint.reference not in page.text
    assert "Alex Example" not in page.text
    case_page = client.get(complaint.get_absolute_url())
    assert "In the plan:" in case_page.text
    assert "Reliable home visits" in case_page.text
