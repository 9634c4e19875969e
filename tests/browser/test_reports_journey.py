"""The performance officer sets up a report schedule, produces a pack on demand, watches it complete and opens
it as HTML and PDF; every page passes axe. A real Celery worker (over Redis) produces it, so the status page
really has to follow the progress."""

import re

import pytest
from celery.contrib.testing.worker import start_worker
from playwright.sync_api import Page, expect

from indicators import demo as indicators_demo
from perfportal.celery import app
from priorities import demo as priorities_demo
from reports.models import ReportSchedule, ReportVersion
from scrutiny import demo as scrutiny_demo
from tests.browser.test_accessibility import axe_violations, describe

pytestmark = [pytest.mark.browser, pytest.mark.integration]

PERIOD = "Q2 2026/27"


@pytest.fixture
def reports_council(council):
    priorities_demo.seed()
    indicators_demo.seed()
    scrutiny_demo.seed()
    return council


@pytest.fixture
def worker(reports_council):
    app.control.purge()
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=20):
        yield


def assert_accessible(page):
    violations = axe_violations(page)
    assert not violations, describe(violations)


def test_a_performance_officer_schedules_produces_and_opens_a_report_pack(reports_council, worker, page: Page,
                                                                         sign_in_as):
    """Priya Shah, the performance officer, sets up the quarterly scrutiny pack for the health scrutiny committee
    (getting the number of working days wrong first), produces last quarter's pack on demand, watches the page
    follow it to completion, reads it in the portal and downloads the PDF. Sarah Lewis, who chairs the
    committee, finds it in her archive."""
    sign_in_as("performance")
    page.goto("/home/")
    page.get_by_role("link", name="Report packs: produce, schedule and archive").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Report packs")
    assert_accessible(page)
    page.get_by_role("navigation", name="Report packs").get_by_role("link", name="Schedules").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Report schedules")
    assert_accessible(page)
    page.get_by_role("link", name="Set up a schedule").click()

    page.get_by_label("Scrutiny performance report", exact=True).check()
    page.get_by_label("A scrutiny committee", exact=True).check()
    page.get_by_label("Scrutiny committee", exact=True).select_option(label=scrutiny_demo.HEALTH_COMMITTEE)
    page.get_by_label("Quarterly", exact=True).check()
    page.get_by_label("Working days after the period ends").fill("ten")
    page.get_by_role("checkbox", name=re.compile(r"^Sarah Lewis")).check()
    page.get_by_role("button", name="Save the schedule").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a whole number from 0 to 60")
    field = page.locator(".govuk-form-group--error", has=page.get_by_label("Working days after the period ends"))
    expect(field.locator(".govuk-error-message")).to_contain_text("Enter a whole number from 0 to 60")
    assert_accessible(page)
    page.get_by_label("Working days after the period ends").fill("10")
    page.get_by_role("button", name="Save the schedule").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Scrutiny performance report")
    expect(page.get_by_test_id("next-report")).to_contain_text("due")
    schedule = ReportSchedule.objects.get()
    assert [p.email for p in schedule.recipients.all()] == [reports_council["scrutiny"].email]
    assert schedule.periodic_task.enabled
    assert_accessible(page)

    page.get_by_role("link", name="Produce a report now").click()
    expect(page.get_by_label("Scrutiny performance report")).to_be_checked()
    page.get_by_label("Period").select_option(label=PERIOD)
    assert_accessible(page)
    page.get_by_role("button", name="Produce the report").click()

    status = page.get_by_test_id("status")
    expect(status).to_contain_text(re.compile("Waiting to start|Being produced"))  # the worker has it
    assert_accessible(page)
    expect(status).to_contain_text("Ready", timeout=90_000)  # the page followed it without being reloaded by hand
    version = ReportVersion.objects.get()
    assert (version.status, version.report.period.label, version.trigger) == ("ready", PERIOD, "on_demand")
    assert_accessible(page)

    page.get_by_role("link", name="Read the report").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Scrutiny performance report")
    expect(page.get_by_role("heading", name="1. Summary")).to_be_visible()
    expect(page.get_by_role("navigation", name="Contents")).to_be_visible()
    expect(page.locator("img.report-chart").first).to_have_attribute("alt", re.compile("chart"))
    # The committee's directorate, and trends for the indicators that need its attention (ADR 0007).
    expect(page.get_by_text(re.compile(r"\d+ indicators? in the Adult Social Care directorate in ")).first).to_be_visible()
    assert page.locator("img.report-chart").count() >= 2  # the RAG summary's bars and at least one trend
    assert_accessible(page)
    pdf = page.request.get(page.get_by_role("link", name=re.compile("Download the PDF")).get_attribute("href"))
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")

    # The report's page lists its versions; the commentary form feeds the next one.
    page.get_by_role("link", name="Back to the version").click()
    page.get_by_role("link", name="All versions of this report").click()
    expect(page.get_by_test_id("versions")).to_contain_text("Version 1")
    assert_accessible(page)
    page.get_by_role("link", name="Write the commentary").click()
    page.get_by_label("Summary").fill("Assessment waits are the committee's concern this quarter.")
    assert_accessible(page)
    page.get_by_role("button", name="Save commentary").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Scrutiny performance report")
    expect(page.locator("main")).to_contain_text("Assessment waits are the committee's concern this quarter.")

    sign_in_as("scrutiny")
    page.goto("/home/")
    page.get_by_role("link", name="Progress report packs for you").click()
    expect(page.get_by_test_id("archive")).to_contain_text(PERIOD)
    expect(page.get_by_test_id("archive")).to_contain_text(scrutiny_demo.HEALTH_COMMITTEE)
    assert_accessible(page)
