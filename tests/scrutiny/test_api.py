"""The scrutiny API: writes go through the same services and rules as the pages."""

import pytest

from scrutiny.models import Recommendation, Topic
from tests.scrutiny.conftest import add_indicators

pytestmark = pytest.mark.django_db


def post(client, url, body):
    return client.post(url, body, content_type="application/json")


def test_it_adds_a_topic_and_a_recommendation_and_sends_the_report(world, scrutiny, as_user):
    """A scrutiny officer adds a scheduled topic and a recommendation, then sends the report: the response date
    comes back worked out."""
    client = as_user(world.performance_officer)
    response = post(client, "/api/scrutiny/topics/", {
        "committee": scrutiny.committee.pk, "title": "Carers", "source": "public", "priority": "high",
        "method": "report", "status": "proposed", "year": 2026, "meeting": scrutiny.meeting.pk})
    assert response.status_code == 201, response.content
    assert Topic.objects.get(title="Carers").status == "scheduled"
    review = scrutiny.review
    review.reported_on = None
    review.save()
    response = post(client, "/api/scrutiny/recommendations/", {"review": review.pk, "text": "A third."})
    assert response.status_code == 201
    assert response.json()["number"] == 3
    response = post(client, f"/api/scrutiny/reviews/{review.pk}/report/",
                    {"report_summary": "Done.", "reported_on": "2026-12-31", "publish": True})
    assert response.json()["response_due_on"] == "2027-02-28"
    review.refresh_from_db()
    assert review.is_published
    assert review.status == "awaiting_response"


def test_it_answers_a_bad_request_with_the_pages_messages(world, scrutiny, as_user):
    """A rejected recommendation without reasons is refused with the same words as the page; nothing is saved."""
    response = post(as_user(world.executive_member), f"/api/scrutiny/recommendations/{scrutiny.first.pk}/respond/",
                    {"response": "rejected", "responded_on": "2026-11-27"})
    assert response.status_code == 400
    assert "Give the reasons" in response.json()["response_reasons"][0]
    assert Recommendation.objects.get(pk=scrutiny.first.pk).response == ""


def test_it_lists_the_dashboard_for_a_portfolio(world, scrutiny, as_user):
    """The dashboard endpoint gives each indicator's RAG, trend, quartile and watchlist reasons; `portfolio`
    narrows it to the portfolio's services."""
    add_indicators(world, 2)
    rows = as_user(world.portfolio_holder).get(f"/api/scrutiny/dashboard/?portfolio={world.portfolio.pk}").json()
    assert [r["service"] for r in rows] == ["Reablement"]
    assert rows[0]["rag"] == "red"
    assert rows[0]["quartile"] == 4
    assert rows[0]["watchlist"]


def test_it_shows_councillors_their_dashboards_on_the_home_page(world, scrutiny, as_user):
    """A portfolio holder's home page links to their portfolio's dashboard and counts overdue responses."""
    page = as_user(world.portfolio_holder).get("/home/").content.decode()
    assert "Your portfolio: Adult Social Care and Health" in page
    assert "1 scrutiny recommendation awaiting" in page
    assert "1 overdue" in page
    assert "scrutiny-panel" not in as_user(world.staff).get("/home/").content.decode()
