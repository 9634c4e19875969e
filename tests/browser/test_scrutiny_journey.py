"""From the scrutiny dashboard to the executive's response: a deteriorating indicator becomes scrutiny work."""

import re

import pytest
from playwright.sync_api import Page, expect

from indicators import demo as indicators_demo
from priorities import demo as priorities_demo
from scrutiny import demo as scrutiny_demo
from scrutiny.models import Recommendation, Topic

pytestmark = pytest.mark.browser

WATCHED = "AV RHC 03"  # "Home care hours awaiting a provider": worse for the last periods in the demo


@pytest.fixture
def scrutiny_council(council):
    priorities_demo.seed()
    indicators_demo.seed()
    scrutiny_demo.seed()
    return council


def test_it_takes_a_deteriorating_indicator_to_the_work_programme_and_a_recommendation_to_a_response(
        scrutiny_council, page: Page, sign_in_as):
    """Sarah Lewis, who chairs the health scrutiny committee, opens the dashboard from the navigation, finds a
    deteriorating indicator on the watchlist and drills into its page (chart and benchmark). Priya Shah, the
    performance officer acting as scrutiny officer, puts it on the committee's work programme from the
    dashboard. David Clarke, the portfolio holder, sees the carers review's overdue recommendation and records
    the executive's response, partly accepting it with reasons."""
    # The scrutiny member reads the dashboard and drills down.
    sign_in_as(scrutiny_council["scrutiny"])
    page.goto("/home/")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Scrutiny").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Scrutiny dashboard")
    watchlist = page.get_by_test_id("watchlist")
    row = watchlist.get_by_role("row").filter(has_text=WATCHED)
    expect(row).to_contain_text("Worse in each of the last")
    expect(row.get_by_role("link", name="Add to the work programme")).to_have_count(0)  # councillors read
    row.get_by_role("link", name=WATCHED).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Home care hours awaiting a provider")
    expect(page.locator("body")).to_contain_text("Commentary")

    # The scrutiny officer puts it on the work programme.
    sign_in_as("performance")
    page.goto("/scrutiny/")
    page.get_by_test_id("watchlist").get_by_role("row").filter(has_text=WATCHED).get_by_role(
        "link", name="Add to the work programme").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add to the work programme")
    page.get_by_role("button", name="Add to the work programme").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose the committee")
    assert not Topic.objects.filter(indicator__code=WATCHED).exists()
    page.get_by_label("Which committee's work programme").select_option(
        label="Health and Adult Social Care Scrutiny Committee")
    page.get_by_role("button", name="Add to the work programme").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        f"{WATCHED} is on the Health and Adult Social Care Scrutiny Committee work programme")
    topic = Topic.objects.get(indicator__code=WATCHED)
    assert (topic.source, topic.priority, topic.status) == ("watchlist", "high", "proposed")
    page.get_by_role("link", name="Back to the work programme").click()
    expect(page.get_by_test_id("work-programme")).to_contain_text(f"Performance of {WATCHED}")

    # The portfolio holder answers an overdue recommendation.
    sign_in_as("portfolio")
    page.goto("/home/")
    panel = page.get_by_test_id("scrutiny-panel")
    expect(panel).to_contain_text("overdue")
    panel.get_by_role("link", name=re.compile("awaiting the executive's response")).click()
    page.get_by_role("link", name="Support for unpaid carers").click()
    card = page.get_by_test_id("recommendation-1")
    expect(card).to_contain_text("Overdue")
    card.get_by_role("link", name="Respond to recommendation 1").click()
    page.get_by_label("Partly accepted").check()
    page.get_by_role("button", name="Record the response").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Give the reasons for not accepting")
    page.get_by_label("Reasons").fill("Emergency respite from April for carers of people with dementia first.")
    page.get_by_role("button", name="Record the response").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "The executive's response to recommendation 1 is recorded")
    expect(page.get_by_test_id("recommendation-1")).to_contain_text("Answered late")
    recommendation = Recommendation.objects.get(review__title="Support for unpaid carers", number=1)
    assert recommendation.response == "partly_accepted"
    assert recommendation.responded_by.email == "portfolio@ashfordvale.example"
