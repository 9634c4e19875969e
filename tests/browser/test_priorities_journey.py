"""A service plan's year in the browser: written, submitted, approved, then reported against."""

import datetime
import re

import pytest
from playwright.sync_api import Page, expect

from priorities import demo as priorities_demo
from priorities.models import Milestone, MilestoneUpdate, PlanTransition, ServicePlan
from tests.browser.people import choose_person

pytestmark = pytest.mark.browser

SERVICE = "Reablement and Home Care"
OBJECTIVE = "Cut the wait for a home care start to 24 hours"
MILESTONE = "Trial weekend brokerage with two providers"


@pytest.fixture
def plans(council):
    """The demo council's priorities and plans: Reablement's next-year plan is a draft copied forward."""
    priorities_demo.seed()
    return ServicePlan.objects.get(service__name=SERVICE, status=ServicePlan.Status.DRAFT)


def banner(page: Page):
    return page.locator(".govuk-notification-banner--success")


def test_it_takes_a_plan_from_draft_to_approved_to_progress(council, plans, page: Page, sign_in_as):
    """The head of service adds an objective and a milestone to the draft plan and submits it; the
    director approves it; the milestone's owner records progress from the plan page. Each step shows
    a success banner, and the plan's history names who did what."""
    draft = plans
    year = draft.year_label
    due = datetime.date(draft.year + 1, 1, 15)

    # The head of service finds next year's draft through the Plans menu.
    sign_in_as(council["head"])
    page.goto("/home/")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Plans").click()
    page.get_by_label("Financial year").select_option(label=year)
    page.get_by_role("button", name="Show plans").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Service plans {year}")
    page.get_by_test_id("service-plans").get_by_role("link", name=SERVICE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(SERVICE)
    expect(page.get_by_test_id("plan-status")).to_contain_text("Draft")

    # Adds an objective that serves priority 2.
    page.get_by_role("link", name="Add an objective").last.click()
    page.get_by_label("Objective", exact=True).fill(OBJECTIVE)
    page.get_by_label(re.compile(r"^Priority 2: Support unpaid carers")).check()
    page.get_by_role("button", name="Save").click()
    expect(banner(page)).to_contain_text("has been added. Now add its milestones.")
    section = page.locator("section").filter(has=page.get_by_role("heading", name=OBJECTIVE))
    expect(section).to_contain_text("Priority 2: Support unpaid carers")
    expect(section).to_contain_text("No milestones yet")

    # Adds a milestone to it, owned by a reablement support worker, due within the year.
    section.get_by_role("link", name=re.compile(r"^Add a milestone")).click()
    page.get_by_label("Milestone", exact=True).fill(MILESTONE)
    page.get_by_label("Day").fill(str(due.day))
    page.get_by_label("Month").fill(str(due.month))
    page.get_by_label("Year").fill(str(due.year))
    choose_person(page, "Owner", "Aisha Khan")
    page.get_by_role("button", name="Save").click()
    expect(banner(page)).to_contain_text("The milestone has been added.")
    section = page.locator("section").filter(has=page.get_by_role("heading", name=OBJECTIVE))
    row = section.get_by_role("row").filter(has=page.get_by_role("link", name=MILESTONE))
    expect(row).to_contain_text(f"{due:%-d %b %Y}")
    expect(row).to_contain_text("Aisha Khan")
    expect(row).to_contain_text("Not started, 0%")

    # Submits the plan.
    page.get_by_role("link", name="Submit for approval").click()
    page.get_by_role("button", name="Submit for approval").click()
    expect(banner(page)).to_contain_text("The plan has been submitted for approval.")
    expect(page.get_by_test_id("plan-status")).to_contain_text("Submitted for approval")
    expect(page.get_by_role("link", name="Add an objective")).to_have_count(0)
    plan_url = page.url

    # The director approves it.
    sign_in_as(council["director"])
    page.goto(plan_url)
    page.get_by_role("link", name="Approve the plan").click()
    page.get_by_role("button", name="Approve the plan").click()
    expect(banner(page)).to_contain_text("The plan has been approved.")
    expect(page.get_by_test_id("plan-status")).to_contain_text("Approved")
    history = page.get_by_test_id("history")
    expect(history).to_contain_text("Mark Davies Draft → Submitted for approval")
    expect(history).to_contain_text("Helen Okafor Submitted for approval → Approved")

    # The milestone's owner records progress in a few clicks from the plan page.
    sign_in_as(council["staff"])
    page.goto(plan_url)
    section = page.locator("section").filter(has=page.get_by_role("heading", name=OBJECTIVE))
    section.get_by_role("link", name=f"Update progress on {MILESTONE}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Update progress")
    page.get_by_label("In progress").check()
    page.get_by_label("Percentage complete").fill("25")
    page.get_by_label("Progress note").fill("Two providers agreed; the trial starts on the first weekend of January.")
    page.get_by_role("button", name="Save progress").click()
    expect(banner(page)).to_contain_text(f"Progress on ‘{MILESTONE}’ has been recorded.")
    section = page.locator("section").filter(has=page.get_by_role("heading", name=OBJECTIVE))
    expect(section.get_by_role("row").filter(has=page.get_by_role("link", name=MILESTONE))).to_contain_text(
        "In progress, 25%")

    # What was saved is what the pages said.
    plan = ServicePlan.objects.get(pk=draft.pk)
    assert plan.status == ServicePlan.Status.APPROVED
    assert list(PlanTransition.objects.filter(plan=plan).values_list("to_status", "actor__email"))[-2:] == [
        ("submitted", "head@ashfordvale.example"), ("approved", "director@ashfordvale.example")]
    milestone = Milestone.objects.get(title=MILESTONE)
    assert milestone.objective.title == OBJECTIVE
    assert list(milestone.objective.priorities.values_list("number", flat=True)) == [2]
    assert (milestone.status, milestone.percent_complete, milestone.due_on) == ("in_progress", 25, due)
    assert MilestoneUpdate.objects.get(milestone=milestone).recorded_by.email == "staff@ashfordvale.example"
