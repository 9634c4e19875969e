"""Who may see and change each scrutiny page and endpoint."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def read_pages(s):
    return [
        reverse("scrutiny:dashboard"),
        reverse("scrutiny:portfolio-dashboard", args=[s.portfolio.pk]),
        reverse("scrutiny:committee-list"),
        reverse("scrutiny:committee-detail", args=[s.committee.pk]),
        reverse("scrutiny:meeting-detail", args=[s.meeting.pk]),
        reverse("scrutiny:work-programme", args=[s.committee.pk]),
        reverse("scrutiny:topic-detail", args=[s.topic.pk]),
        reverse("scrutiny:review-list"),
        reverse("scrutiny:review-detail", args=[s.review.pk]),
    ]


def edit_pages(s):
    return [
        reverse("scrutiny:committee-create"),
        reverse("scrutiny:committee-edit", args=[s.committee.pk]),
        reverse("scrutiny:committee-member-add", args=[s.committee.pk]),
        reverse("scrutiny:meeting-create", args=[s.committee.pk]),
        reverse("scrutiny:meeting-edit", args=[s.meeting.pk]),
        reverse("scrutiny:agenda-item-create", args=[s.meeting.pk]),
        reverse("scrutiny:topic-create", args=[s.committee.pk]),
        reverse("scrutiny:topic-edit", args=[s.topic.pk]),
        reverse("scrutiny:review-edit", args=[s.review.pk]),
        reverse("scrutiny:review-member-add", args=[s.review.pk]),
        reverse("scrutiny:evidence-add", args=[s.review.pk]),
        reverse("scrutiny:recommendation-add", args=[s.review.pk]),
        reverse("scrutiny:report-submit", args=[s.review.pk]),
        reverse("scrutiny:review-complete", args=[s.review.pk]),
        reverse("scrutiny:implementation-update", args=[s.second.pk]),
    ]


@pytest.mark.parametrize("who", ["scrutiny_member", "executive_member", "portfolio_holder", "ward_councillor",
                                 "staff", "performance_officer"])
def test_it_lets_officers_and_councillors_read_every_scrutiny_page(world, scrutiny, as_user, who):
    """Councillors and officers read the dashboards, committees, work programmes and reviews."""
    client = as_user(getattr(world, who))
    for url in read_pages(scrutiny):
        assert client.get(url).status_code == 200, url


def test_it_keeps_an_independent_person_and_the_public_out(world, scrutiny, as_user):
    """An independent panel member is refused every page (an unpublished report is not found); the signed-out
    public is sent to sign in."""
    panel, public = as_user(world.panel_member), as_user(None)
    for url in read_pages(scrutiny) + edit_pages(scrutiny):
        assert panel.get(url).status_code in (403, 404), url  # 404: an unpublished report is not there for them
        response = public.get(url)
        assert response.status_code == 302, url
        assert "/sign-in/" in response["Location"], url


@pytest.mark.parametrize("who", ["scrutiny_member", "executive_member", "head_of_service", "director"])
def test_it_lets_only_performance_officers_change_scrutiny_records(world, scrutiny, as_user, who):
    """Councillors read but do not edit; a head of service or director cannot edit either: 403 on every form."""
    client = as_user(getattr(world, who))
    for url in edit_pages(scrutiny):
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"title": "Changed"}).status_code == 403, url
    scrutiny.topic.refresh_from_db()
    assert scrutiny.topic.title == "Hospital discharge"


def test_it_lets_a_performance_officer_open_every_form(world, scrutiny, as_user):
    """Performance officers act as scrutiny officers: every form opens for them."""
    client = as_user(world.performance_officer)
    for url in edit_pages(scrutiny):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize(("who", "status"), [("executive_member", 200), ("portfolio_holder", 200),
                                             ("scrutiny_member", 403), ("performance_officer", 403),
                                             ("system_admin", 403)])
def test_it_lets_only_executive_members_respond(world, scrutiny, as_user, who, status):
    """The executive's response is entered by executive members; no one else, not even a scrutiny officer."""
    url = reverse("scrutiny:respond", args=[scrutiny.first.pk])
    assert as_user(getattr(world, who)).get(url).status_code == status


def test_it_hides_unpublished_reports_from_an_independent_person_in_the_api(world, scrutiny, as_user):
    """The API shows no scrutiny records to an independent person; officers see the unpublished report."""
    assert as_user(world.panel_member).get("/api/scrutiny/reviews/").status_code == 403
    data = as_user(world.staff).get("/api/scrutiny/reviews/").json()
    assert [r["title"] for r in data["results"]] == ["Hospital discharge"]


API_LISTS = ["committees", "committee-members", "meetings", "agenda-items", "topics", "reviews", "review-members",
             "evidence", "recommendations", "dashboard"]


@pytest.mark.parametrize("endpoint", API_LISTS)
def test_it_guards_every_endpoint(world, scrutiny, as_user, endpoint):
    """Every endpoint: councillors read; the public and independent people are refused; councillors cannot write."""
    url = f"/api/scrutiny/{endpoint}/"
    assert as_user(world.scrutiny_member).get(url).status_code == 200
    assert as_user(None).get(url).status_code in (401, 403)
    assert as_user(world.panel_member).get(url).status_code == 403
    if endpoint != "dashboard":
        assert as_user(world.scrutiny_member).post(url, {}, content_type="application/json").status_code == 403


def test_it_lets_only_the_executive_respond_through_the_api(world, scrutiny, as_user):
    """POST respond: 403 for a scrutiny officer, 200 for an executive member, and the response is saved."""
    url = f"/api/scrutiny/recommendations/{scrutiny.first.pk}/respond/"
    body = {"response": "rejected", "response_reasons": "No money.", "responded_on": "2026-11-27"}
    assert as_user(world.performance_officer).post(url, body, content_type="application/json").status_code == 403
    scrutiny.first.refresh_from_db()
    assert scrutiny.first.response == ""
    response = as_user(world.executive_member).post(url, body, content_type="application/json")
    assert response.status_code == 200, response.content
    scrutiny.first.refresh_from_db()
    assert (scrutiny.first.response, scrutiny.first.responded_by) == ("rejected", world.executive_member)
    assert response.json()["response_standing"] == "late"
