"""Health scrutiny: NHS bodies, requests for information with deadlines, substantial change proposals."""

import datetime

import pytest
from django.urls import reverse

from scrutiny.models import Committee, InformationRequest, NhsBody, SubstantialChange

pytestmark = pytest.mark.django_db


def date(prefix, day):
    return {f"{prefix}_0": day.day, f"{prefix}_1": day.month, f"{prefix}_2": day.year}


def text(response):
    return response.content.decode().replace("&#x27;", "'")


@pytest.fixture
def trust(db):
    return NhsBody.objects.create(name="Vale General Hospital NHS Trust", kind="acute")


def test_it_gives_an_nhs_body_28_days_and_flags_the_overdue_answer(world, scrutiny, trust, as_user):
    """A request made on 20 October 2026 is due on 17 November; unanswered on 28 November it is overdue; an
    answer then records it as late."""
    client = as_user(world.performance_officer)
    client.post(reverse("scrutiny:information-request-create"), {
        "committee": scrutiny.committee.pk, "nhs_body": trust.pk, "subject": "Delayed discharges",
        "request": "Numbers by reason.", "response_days": "28", **date("requested_on", datetime.date(2026, 10, 20))})
    request = InformationRequest.objects.get()
    assert request.due_on == datetime.date(2026, 11, 17)
    page = text(as_user(world.scrutiny_member).get(reverse("scrutiny:health")))
    assert "1 request for information overdue" in page
    client.post(reverse("scrutiny:information-response", args=[request.pk]),
                {"response": "Half waited for home care.", **date("responded_on", datetime.date(2026, 11, 27))})
    request.refresh_from_db()
    assert request.responded_on == datetime.date(2026, 11, 27)
    assert request.standing().code == "late"


def test_it_refuses_a_request_from_a_committee_without_health_powers(world, trust, as_user):
    """Only a committee with health scrutiny powers can ask; others are not offered, and nothing is saved."""
    other = Committee.objects.create(name="Children's Scrutiny", kind="scrutiny")
    response = as_user(world.performance_officer).post(reverse("scrutiny:information-request-create"), {
        "committee": other.pk, "nhs_body": trust.pk, "subject": "S", "request": "R", "response_days": "28",
        **date("requested_on", datetime.date(2026, 11, 20))})
    assert response.status_code == 400
    assert "Choose one of the options" in text(response)
    assert not InformationRequest.objects.exists()


def test_it_records_a_substantial_change_and_the_committee_s_response(world, scrutiny, trust, as_user):
    """A proposal is recorded with its consultation close; the committee objects, in full, and it is saved."""
    client = as_user(world.performance_officer)
    response = client.post(reverse("scrutiny:substantial-change-create"), {
        "committee": scrutiny.committee.pk, "nhs_body": trust.pk, "title": "Close the minor injuries unit",
        "description": "Move it.", **date("received_on", datetime.date(2026, 11, 10)),
        **date("consultation_ends_on", datetime.date(2026, 11, 1))})
    assert "The consultation cannot close before the proposal was received" in text(response)
    client.post(reverse("scrutiny:substantial-change-create"), {
        "committee": scrutiny.committee.pk, "nhs_body": trust.pk, "title": "Close the minor injuries unit",
        "description": "Move it.", **date("received_on", datetime.date(2026, 11, 10)),
        **date("consultation_ends_on", datetime.date(2027, 1, 10))})
    change = SubstantialChange.objects.get()
    url = reverse("scrutiny:substantial-change-respond", args=[change.pk])
    assert "Enter the response in full" in text(client.post(url, {"response": "objects",
                                                                   **date("responded_on", datetime.date(2026, 11, 27))}))
    client.post(url, {"response": "objects", "response_detail": "Travel times for rural wards.",
                      **date("responded_on", datetime.date(2026, 11, 27))})
    change.refresh_from_db()
    assert (change.response, change.response_detail) == ("objects", "Travel times for rural wards.")


def test_it_keeps_health_scrutiny_to_readers_and_edits_to_officers(world, scrutiny, trust, as_user):
    """Councillors read the health page but not its forms; an independent person sees neither, nor the API."""
    councillor = as_user(world.scrutiny_member)
    assert councillor.get(reverse("scrutiny:health")).status_code == 200
    for url in (reverse("scrutiny:nhs-body-create"), reverse("scrutiny:information-request-create"),
                reverse("scrutiny:substantial-change-create")):
        assert councillor.get(url).status_code == 403
        assert as_user(world.performance_officer).get(url).status_code == 200
    assert as_user(world.panel_member).get(reverse("scrutiny:health")).status_code == 403
    for endpoint in ("nhs-bodies", "information-requests", "substantial-changes"):
        assert as_user(world.panel_member).get(f"/api/scrutiny/{endpoint}/").status_code == 403
        assert councillor.get(f"/api/scrutiny/{endpoint}/").status_code == 200
        assert councillor.post(f"/api/scrutiny/{endpoint}/", {}).status_code == 403


def test_it_takes_requests_and_answers_through_the_api(world, scrutiny, trust, as_user):
    """POST a request: due date worked out; POST its answer: standing on time."""
    client = as_user(world.performance_officer)
    response = client.post("/api/scrutiny/information-requests/", {
        "committee": scrutiny.committee.pk, "nhs_body": trust.pk, "subject": "S", "request": "R",
        "requested_on": "2026-11-20", "response_days": 20}, content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["due_on"] == "2026-12-10"
    pk = response.json()["id"]
    response = client.post(f"/api/scrutiny/information-requests/{pk}/answer/",
                           {"responded_on": "2026-11-25", "response": "Here."}, content_type="application/json")
    assert response.json()["standing"] == "on_time"
