"""The dashboards and lists run a fixed number of queries, however many indicators, topics or reviews."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organisation.models import Service, User
from scrutiny import services
from scrutiny.models import (
    BestValueReview,
    CallIn,
    DeliveryOption,
    ExecutiveDecision,
    FourCsEvidence,
    ImprovementAction,
    InformationRequest,
    NhsBody,
    Recommendation,
    ScrutinyReview,
    SubstantialChange,
    Topic,
)
from tests.scrutiny.conftest import add_indicators

pytestmark = pytest.mark.django_db


def count_queries(client, url):
    client.get(url)  # warm the session and the person's roles
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def add_reviews(scrutiny, n):
    for i in range(n):
        topic = Topic.objects.create(committee=scrutiny.committee, title=f"Topic {i}", source="public", year=2026,
                                     meeting=scrutiny.meeting)
        review = ScrutinyReview.objects.create(committee=scrutiny.committee, title=f"Review {i}", scope="x",
                                               topic=topic, reported_on="2026-09-01")
        Recommendation.objects.bulk_create([Recommendation(review=review, number=k, text="Do it") for k in (1, 2)])
    bv = BestValueReview.objects.filter(title="Home care").first() or services.best_value_review_save(
        data={"title": "Home care", "service": Service.objects.get(name="Reablement"), "year": 2026})
    for i in range(n):
        DeliveryOption.objects.create(review=bv, name=f"Option {i}", delivery="external", cost_score=3,
                                      quality_score=3, risk_score=3)
        ImprovementAction.objects.create(review=bv, number=ImprovementAction.objects.count() + 1, recommendation="R",
                                         action="A", owner=User.objects.filter(kind="officer").first(), due_on="2027-01-01",
                                         target="T")
        FourCsEvidence.objects.create(section=bv.sections.first(), title=f"E{i}", summary="S")
        decision = ExecutiveDecision.objects.create(
            reference=f"ED/{ExecutiveDecision.objects.count()}", title="T", decision="D", made_by="M",
            made_on="2026-11-20", published_on="2026-11-20", call_in_ends_on="2026-11-27",
            call_in_committee=scrutiny.committee)
        body = NhsBody.objects.create(name=f"Trust {NhsBody.objects.count()}", kind="acute")
        InformationRequest.objects.create(committee=scrutiny.committee, nhs_body=body, subject="S", request="R",
                                          requested_on="2026-11-01", due_on="2026-11-29")
        SubstantialChange.objects.create(committee=scrutiny.committee, nhs_body=body, title="T", description="D",
                                         received_on="2026-11-01", consultation_ends_on="2026-12-01")
        if i % 2:
            CallIn.objects.create(decision=decision, called_in_on="2026-11-23", reasons="R", meet_by="2026-12-07")


PAGES = [
    ("scrutiny_member", lambda s: reverse("scrutiny:dashboard")),
    ("portfolio_holder", lambda s: reverse("scrutiny:portfolio-dashboard", args=[s.portfolio.pk])),
    ("executive_member", lambda s: reverse("scrutiny:dashboard") + "?framework=local"),
    ("scrutiny_member", lambda s: reverse("scrutiny:work-programme", args=[s.committee.pk])),
    ("scrutiny_member", lambda s: reverse("scrutiny:review-list")),
    ("scrutiny_member", lambda s: reverse("scrutiny:committee-detail", args=[s.committee.pk])),
    ("scrutiny_member", lambda s: "/api/scrutiny/dashboard/"),
    ("scrutiny_member", lambda s: "/api/scrutiny/recommendations/"),
    ("scrutiny_member", lambda s: reverse("scrutiny:best-value-list")),
    ("scrutiny_member", lambda s: reverse("scrutiny:decision-list")),
    ("scrutiny_member", lambda s: "/api/scrutiny/decisions/"),
    ("scrutiny_member", lambda s: reverse("scrutiny:health")),
    ("scrutiny_member", lambda s: reverse("scrutiny:best-value-detail",
                                          args=[BestValueReview.objects.get(title="Home care").pk])),
]


@pytest.mark.parametrize(("who", "url"), PAGES)
def test_it_runs_the_same_queries_for_few_and_many(world, scrutiny, as_user, who, url):
    """The scrutiny, portfolio and whole-council dashboards, the work programme, the review list and the API:
    the same number of queries with 2 indicators and reviews as with 12."""
    client = as_user(getattr(world, who))
    add_indicators(world, 2)
    add_reviews(scrutiny, 2)
    few = count_queries(client, url(scrutiny))
    add_indicators(world, 10)
    add_reviews(scrutiny, 10)
    many = count_queries(client, url(scrutiny))
    assert few == many, f"{few} queries with few, {many} with many"
