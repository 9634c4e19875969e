"""A quarter's figures, from the data officer's entry grid to a councillor's chart."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from indicators import demo as indicators_demo
from indicators import periods as P
from indicators.models import Indicator, IndicatorValue

pytestmark = pytest.mark.browser

SERVICE = "Reablement and Home Care"
WATCH_CSP = """window.__csp = [];
document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.sourceFile));"""


@pytest.fixture
def indicator_council(council):
    indicators_demo.seed()
    return council


def test_it_takes_a_quarter_from_entry_through_verification_to_a_councillor_s_chart(
        indicator_council, page: Page, sign_in_as):
    """Tom Reed enters Reablement and Home Care's figures for the last quarter; a red figure without
    commentary is refused with the GOV.UK error summary and nothing saved; with commentary both go
    for verification. Mark Davies, the head of service, verifies them (he did not enter them). A
    scrutiny councillor then sees the figure in the indicator's Plotly chart and its data table,
    with the page breaking none of the content security policy."""
    quarter = P.previous(P.containing(P.QUARTER, timezone.localdate())).label
    page.add_init_script(WATCH_CSP)

    # The data officer finds the overdue quarter for his service.
    sign_in_as(indicator_council["data"])
    page.goto("/home/")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Indicators").click()
    page.get_by_role("link", name="Enter values").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter indicator values")
    page.get_by_role("link", name=f"{quarter} for {SERVICE}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Enter values for {quarter}")

    # A red figure with no commentary cannot go forward.
    page.get_by_label(re.compile(r"^Actual for AV RHC 01")).fill("41.5")
    page.get_by_label(re.compile(r"^Actual for AV RHC 02")).fill("10,050")
    page.get_by_role("button", name="Save and submit for verification").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("There is a problem")
    expect(summary).to_contain_text("AV RHC 01 is red against its target: add commentary")
    assert not IndicatorValue.objects.filter(period__label=quarter, indicator__service__name=SERVICE).exists()

    # With commentary both are submitted.
    page.get_by_label("Commentary for AV RHC 01").fill(
        "Two reablement workers left in the quarter; agency cover starts next month.")
    page.get_by_role("button", name="Save and submit for verification").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        f"2 values for {SERVICE}, {quarter} submitted for verification")
    grid = page.get_by_test_id("entry-grid")
    expect(grid.get_by_role("row").filter(has_text="AV RHC 01")).to_contain_text("Submitted")
    expect(grid.get_by_role("row").filter(has_text="AV RHC 01")).to_contain_text("Red")
    values = IndicatorValue.objects.filter(period__label=quarter, indicator__service__name=SERVICE)
    assert sorted(values.values_list("indicator__code", "status")) == [("AV RHC 01", "submitted"),
                                                                       ("AV RHC 02", "submitted")]

    # The head of service verifies them.
    sign_in_as(indicator_council["head"])
    page.goto("/indicators/verify/")
    queue = page.get_by_test_id("verify")
    for code in ("AV RHC 01", "AV RHC 02"):
        row = queue.get_by_role("row").filter(has=page.get_by_role("link", name=re.compile(rf"^{code} ")))
        expect(row).to_contain_text("Tom Reed")
        row.get_by_role("checkbox").check()
    page.get_by_role("button", name="Verify the chosen values").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("2 values verified")
    assert set(values.values_list("status", flat=True)) == {"verified"}
    assert {v.verified_by.email for v in values.select_related("verified_by")} == {"head@ashfordvale.example"}

    # A scrutiny councillor sees the figure on the chart and in the table.
    sign_in_as(indicator_council["scrutiny"])
    indicator = Indicator.objects.get(code="AV RHC 01")
    page.goto("/indicators/")
    page.get_by_test_id("indicators").get_by_role("link", name=re.compile(r"^AV RHC 01 ")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(indicator.name)
    chart = page.locator("#indicator-chart")
    expect(chart).to_have_attribute("data-state", "drawn")
    expect(chart.locator("svg.main-svg").first).to_be_visible()
    expect(chart.locator(".legendtext").filter(has_text="Target")).to_have_count(1)
    row = page.get_by_test_id("series").get_by_role("row").filter(
        has=page.get_by_role("rowheader", name=quarter, exact=True))
    expect(row).to_contain_text("41.5%")
    expect(row).to_contain_text("Red")
    expect(page.get_by_test_id("key-figures")).to_contain_text("41.5%")
    expect(page.locator("#commentary")).to_be_visible()
    expect(page.get_by_text("Two reablement workers left in the quarter")).to_be_visible()
    chart.hover()
    assert page.evaluate("window.__csp") == []
