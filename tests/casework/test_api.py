"""The casework and forums API: the pages' rules through the same services, precise 400s, and 403/404 for people
who may not act."""

import datetime

import pytest
from django.utils import timezone

from casework.models import CouncillorCase, Forum, ForumIssue, ForumMeeting
from complaints.models import CaseAccess
from tests.casework.conftest import days_ago, log_concern

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def post(client, url, data=None):
    return client.post(url, data or {}, content_type="application/json")


def concern(world, **overrides):
    return {"ward": world.ward.name, "constituent_name": "Edna Constituent", "service": world.adults.pk,
            "categories": ["Delay"], "summary": "Waited eight weeks.", "raised_on": days_ago(1).isoformat(),
            "consent_given": True, **overrides}


def test_a_ward_councillor_logs_a_concern_that_goes_to_the_accountable_officer(world, as_user):
    response = post(as_user(world.ward_councillor), "/api/casework/", concern(world))
    assert response.status_code == 201, response.json()
    body = response.json()
    case = CouncillorCase.objects.get()
    assert body["reference"] == case.reference
    assert body["routed_to"]["id"] == world.head_of_service.pk
    assert body["deadline_status"] in ("pending", "due_soon")
    assert body["categories"] == ["Delay"]
    assert CaseAccess.objects.filter(casework=case, via="api", granted=True).exists()


@pytest.mark.parametrize(("overrides", "errors"), [
    ({"raised_on": "2099-01-01"}, {"raised_on": ["The date the constituent raised it must be today or in the past"]}),
    ({"raised_on": "2026-02-30"}, {"raised_on": ["Date has wrong format. Use one of these formats instead: "
                                                 "YYYY-MM-DD."]}),
    ({"ward": "Brookfield"}, {"ward": ["You are not a councillor for Brookfield: choose one of your wards"]}),
    ({"consent_given": None}, {"consent_given": ["This field may not be null."]}),
    ({"categories": ["Gossip"]}, {"categories": ["Object with name=Gossip does not exist."]}),
])
def test_it_refuses_bad_input_with_a_precise_400_and_saves_nothing(world, councillors, as_user, overrides, errors):
    response = post(as_user(world.ward_councillor), "/api/casework/", concern(world, **overrides))
    assert response.status_code == 400
    assert response.json() == errors
    assert not CouncillorCase.objects.exists()


@pytest.mark.parametrize("persona", ["head_of_service", "complaints_officer", "performance_officer",
                                     "scrutiny_member", "executive_member", "panel_member", "system_admin"])
def test_only_ward_councillors_log_casework(world, as_user, persona):
    assert post(as_user(getattr(world, persona)), "/api/casework/", concern(world)).status_code == 403
    assert not CouncillorCase.objects.exists()


def test_the_officer_responds_and_the_councillor_closes_through_the_api(world, as_user):
    case = log_concern(world, raised_on=days_ago(5), today=days_ago(4))
    officer = as_user(world.head_of_service)
    response = post(officer, f"/api/casework/{case.pk}/respond/", {"responded_on": days_ago(5).isoformat(),
                                                                  "response": "Booked a review."})
    assert response.status_code == 400
    assert response.json() == {"responded_on": [
        f"The date of the response cannot be before the day it was sent to the service ({days_ago(4):%-d %B %Y})"]}
    response = post(officer, f"/api/casework/{case.pk}/respond/", {"responded_on": days_ago(1).isoformat(),
                                                                  "response": "Booked a review."})
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["deadline_status"]) == ("responded", "met")
    # The officer does not close it; the councillor does.
    assert post(officer, f"/api/casework/{case.pk}/close/", {"closed_on": TODAY().isoformat()}).status_code == 403
    councillor = as_user(world.ward_councillor)
    assert post(councillor, f"/api/casework/{case.pk}/respond/",
                {"responded_on": TODAY().isoformat(), "response": "Mine"}).status_code == 403
    response = post(councillor, f"/api/casework/{case.pk}/close/", {"closed_on": TODAY().isoformat()})
    assert response.status_code == 200
    assert response.json()["status"] == "closed"
    case.refresh_from_db()
    assert (case.status, case.response) == ("closed", "Booked a review.")


def test_consent_sends_a_kept_case_and_a_sent_case_cannot_be_sent_again(world, councillors, as_user):
    case = log_concern(world, consent=False)
    assert post(as_user(councillors["same_ward"]), f"/api/casework/{case.pk}/consent/").status_code == 404
    response = post(as_user(world.ward_councillor), f"/api/casework/{case.pk}/consent/")
    assert response.status_code == 200
    assert response.json()["routed_to"]["id"] == world.head_of_service.pk
    assert post(as_user(world.ward_councillor), f"/api/casework/{case.pk}/consent/").status_code == 403
    assert post(as_user(world.head_of_service), f"/api/casework/{case.pk}/respond/",
                {"responded_on": days_ago(1).isoformat(), "response": "x"}).json() == {
        "responded_on": [f"The date of the response cannot be before the day it was sent to the service "
                         f"({TODAY():%-d %B %Y})"]}


def test_a_kept_case_cannot_be_answered(world, as_user):
    case = log_concern(world, consent=False)
    response = post(as_user(world.complaints_officer), f"/api/casework/{case.pk}/respond/",
                    {"responded_on": TODAY().isoformat(), "response": "x"})
    assert response.status_code == 404  # not sent: the casework managers cannot even see it


def test_the_themes_api_suppresses_small_counts(world, as_user, settings):
    settings.SUPPRESS_COUNTS_BELOW = 3
    for _ in range(3):
        log_concern(world)
    log_concern(world, service=world.children)
    body = as_user(world.scrutiny_member).get("/api/casework-themes/").json()
    assert body["suppressed_below"] == 3
    assert body["total"] == {"count": 4, "text": "4"}
    by_service = {row["service"]: row["raised"] for row in body["by_service"]}
    assert by_service == {"Reablement": {"count": 3, "text": "3"}, "Fostering": {"count": None, "text": "fewer than 3"}}
    assert as_user(world.scrutiny_member).get("/api/casework-themes/?year=1999").status_code == 200
    assert as_user(world.scrutiny_member).get("/api/casework-themes/?ward=Nowhere").status_code == 400


# Forums ----------------------------------------------------------------------------------------------


def test_a_forum_officer_records_a_forum_meeting_issue_and_response(world, as_user):
    from tests.priorities.factories import PriorityFactory

    priority = PriorityFactory()
    client = as_user(world.performance_officer)
    response = post(client, "/api/forums/", {"name": "Abbey Forum", "wards": []})
    assert response.status_code == 400
    assert response.json() == {"wards": ["Choose the wards the forum covers"]}
    response = post(client, "/api/forums/", {"name": "Abbey Forum", "wards": ["Abbey"]})
    assert response.status_code == 201
    forum = Forum.objects.get()
    held = days_ago(3)
    response = post(client, "/api/forum-meetings/", {"forum": forum.pk, "held_on": held.isoformat(),
                                                      "venue": "Abbey Library"})
    assert response.status_code == 201
    meeting = ForumMeeting.objects.get()
    response = post(client, "/api/forum-meetings/", {"forum": forum.pk, "held_on": held.isoformat(),
                                                      "venue": "Twice"})
    assert response.json() == {"held_on": [f"Abbey Forum already has a meeting on {held:%-d %B %Y}"]}
    response = post(client, "/api/forum-issues/", {"meeting": meeting.pk, "title": "Lunch club closed",
                                                    "priorities": [priority.pk]})
    assert response.status_code == 201
    issue = ForumIssue.objects.get()
    response = post(client, f"/api/forum-issues/{issue.pk}/respond/", {
        "responded_on": (held - datetime.timedelta(days=1)).isoformat(), "text": "x", "status": "resolved"})
    assert response.status_code == 400
    assert response.json() == {"responded_on": [
        f"The date of the response cannot be before the meeting ({held:%-d %B %Y})"]}
    response = post(client, f"/api/forum-issues/{issue.pk}/respond/", {
        "responded_on": TODAY().isoformat(), "text": "A new club opens in March.", "status": "awaiting"})
    assert response.status_code == 400
    assert "status" in response.json()
    response = post(client, f"/api/forum-issues/{issue.pk}/respond/", {
        "responded_on": TODAY().isoformat(), "text": "A new club opens in March.", "status": "action_agreed"})
    assert response.status_code == 201
    body = response.json()
    assert (body["status"], body["priorities"], body["responses"][0]["responded_by"]["id"]) == (
        "action_agreed", [priority.pk], world.performance_officer.pk)
    response = client.patch(f"/api/forum-issues/{issue.pk}/", {"priorities": []}, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["priorities"] == []
    assert response.json()["title"] == "Lunch club closed"


@pytest.mark.parametrize("persona", ["ward_councillor", "head_of_service", "scrutiny_member", "staff"])
def test_readers_cannot_write_to_forums(world, as_user, persona):
    client = as_user(getattr(world, persona))
    assert client.get("/api/forums/").status_code == 200
    assert post(client, "/api/forums/", {"name": "Mine", "wards": ["Abbey"]}).status_code == 403
    assert not Forum.objects.exists()
