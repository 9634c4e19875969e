"""Every scrutiny page type passes axe-core's WCAG 2.2 AA rules, for a councillor and for a scrutiny officer."""

import pytest
from playwright.sync_api import Page, expect

from indicators import demo as indicators_demo
from organisation.models import Portfolio
from priorities import demo as priorities_demo
from scrutiny import demo as scrutiny_demo
from scrutiny.models import (
    BestValueReview,
    Committee,
    ExecutiveDecision,
    HealthCheck,
    Meeting,
    Recommendation,
    ScrutinyReview,
    Topic,
)
from tests.browser.test_accessibility import axe_violations, describe

pytestmark = pytest.mark.browser


@pytest.fixture
def scrutiny_council(council):
    priorities_demo.seed()
    indicators_demo.seed()
    scrutiny_demo.seed()
    return council


def pages():
    committee = Committee.objects.get(name=scrutiny_demo.HEALTH_COMMITTEE)
    review = ScrutinyReview.objects.get(status="awaiting_response")
    bv = BestValueReview.objects.get()
    return {
        "councillor": [
            "/scrutiny/", f"/scrutiny/portfolios/{Portfolio.objects.get(name='Adult Social Care and Health').pk}/", "/scrutiny/committees/", committee.get_absolute_url(),
            f"/scrutiny/committees/{committee.pk}/work-programme/", Meeting.objects.filter(committee=committee)
            .first().get_absolute_url(), Topic.objects.filter(source="watchlist").get().get_absolute_url(),
            "/scrutiny/reviews/", review.get_absolute_url(), "/scrutiny/best-value/", bv.get_absolute_url(),
            "/scrutiny/decisions/", ExecutiveDecision.objects.get(reference="ED/2026/027").get_absolute_url(),
            "/scrutiny/health/", "/scrutiny/health-check/", HealthCheck.objects.get().get_absolute_url(),
        ],
        "filled": [f"/scrutiny/topics/{Topic.objects.first().pk}/edit/", f"/scrutiny/reviews/{review.pk}/report/"],
        "officer": [
            f"/scrutiny/best-value/{bv.pk}/options/new/", f"/scrutiny/best-value/{bv.pk}/actions/new/",
            f"/scrutiny/decisions/{ExecutiveDecision.objects.get(reference='ED/2026/031').pk}/call-in/",
            "/scrutiny/health/requests/new/", "/scrutiny/health-check/record/",
            f"/scrutiny/recommendations/{Recommendation.objects.filter(response='').first().pk}/update/",
        ],
    }


def test_it_passes_axe_on_every_scrutiny_page(scrutiny_council, page: Page, sign_in_as, subtests):
    """A scrutiny councillor's pages, and a scrutiny officer's forms as they open and with their errors showing."""
    found = pages()
    sign_in_as("scrutiny")
    for path in found["councillor"]:
        with subtests.test(path=path):
            assert page.goto(path).status == 200
            violations = axe_violations(page)
            assert not violations, describe(violations)
    sign_in_as("performance")
    for path in found["filled"]:  # forms that open filled in: checked as they open
        with subtests.test(path=path):
            assert page.goto(path).status == 200
            assert not (violations := axe_violations(page)), describe(violations)
    for path in found["officer"]:
        with subtests.test(path=path):
            assert page.goto(path).status == 200
            assert not (violations := axe_violations(page)), describe(violations)
            page.locator("main form[method=post] button[type=submit]").first.click()
            expect(page.locator(".govuk-error-summary")).to_be_visible()
            assert not (violations := axe_violations(page)), describe(violations)
