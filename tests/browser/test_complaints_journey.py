"""A children's complaint from logging to a stage 3 review panel's recommendations, and a lesson in the plan.

The complaints officer logs it, records the stage 1 response, moves it to stage 2
and then (after a refused, impossible date) to a review panel of three independent
people; the panel's chair signs in, sees only that case, and records the panel's
report and recommendations. The complaints officer then records a learning action
linked to the service plan, and the plan shows what changed because of complaints.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from complaints.models import CaseAccess, Complaint, PanelRecommendation
from core.working_days import add_working_days, non_working_days
from organisation.models import Role, Service, User
from tests.browser.people import choose_person
from tests.factories import UserFactory, grant
from tests.priorities.factories import ObjectiveFactory, ServicePlanFactory

pytestmark = pytest.mark.browser


def fill_date(page: Page, legend, day):
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def working_days_back(n):
    import datetime

    from django.utils import timezone

    holidays = non_working_days()
    day = timezone.localdate()
    while add_working_days(day, n, holidays) > timezone.localdate():
        day -= datetime.timedelta(days=1)
    return day


def expect_success(page: Page, text):
    banner = page.locator(".govuk-notification-banner--success")
    expect(banner).to_contain_text(text)


def test_it_takes_a_childrens_complaint_to_a_review_panel_that_records_its_recommendations(
        council, page: Page, sign_in_as, context):
    holidays = non_working_days()
    received = working_days_back(60)
    stage1_reply = add_working_days(received, 8, holidays)
    stage2_request = add_working_days(stage1_reply, 5, holidays)
    stage2_reply = add_working_days(stage2_request, 20, holidays)
    stage3_request = add_working_days(stage2_reply, 5, holidays)
    met = add_working_days(stage3_request, 10, holidays)
    reported = add_working_days(met, 3, holidays)
    head = User.objects.get(email="joanne.taylor@ashfordvale.example")
    plan = ServicePlanFactory(service=Service.objects.get(name="Children in Care"))
    objective = ObjectiveFactory(plan=plan, number=1, title="Every planned move follows the care plan", owner=head)
    for first, last in (("Tessa", "Morgan"), ("Alan", "Fairweather")):
        grant(UserFactory(first_name=first, last_name=last, kind="independent",
                          email=f"{first.lower()}@ashfordvale.example"), Role.PANEL_MEMBER)

    # The complaints officer logs the complaint.
    sign_in_as("complaints")
    page.goto("/home/")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Complaints").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Complaints")
    page.get_by_role("button", name="Log a complaint or compliment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Log a complaint or compliment")
    page.get_by_role("group", name="Procedure").get_by_label("Children's social care").check()
    fill_date(page, "Date received", received)
    page.get_by_label("Complainant's name").fill("Jamie Example")
    page.get_by_role("group", name="Who is complaining").get_by_label("Child or young person").check()
    page.get_by_label("Service", exact=True).select_option(label="Children in Care")
    page.get_by_role("group", name="What is it about").get_by_label("Communication").check()
    page.get_by_label("Summary").fill("My placement ended without the meeting my care plan promised.")
    page.get_by_label("Points of complaint").fill("There was no planning meeting\nNobody asked what I wanted")
    choose_person(page, "Investigating officer for stage 1", "Joanne Taylor")
    page.get_by_role("button", name="Log it").click()

    complaint = Complaint.objects.get()
    assert complaint.reference == f"CSC-{received.year}-0001"
    expect(page).to_have_url(re.compile(rf"/complaints/{complaint.pk}/$"))
    expect_success(page, f"Formal complaint {complaint.reference} has been logged.")
    expect(page.get_by_role("heading", level=1)).to_have_text(complaint.reference)
    deadlines = page.get_by_test_id("deadlines")
    stage1_row = deadlines.get_by_role("row").filter(has_text="Stage 1 response")
    expect(stage1_row).to_contain_text(f"{add_working_days(received, 10, holidays):%-d %b %Y}")
    expect(stage1_row).to_contain_text("Overdue")  # received 60 working days ago, not yet answered

    # Stage 1: the response, with an outcome for each point.
    page.get_by_role("link", name="Record the stage 1 response").click()
    fill_date(page, "Date of the response", stage1_reply)
    page.get_by_label("Findings").fill("The move was urgent; the meeting should still have been held.")
    page.get_by_role("group", name=re.compile("^Point 1")).get_by_label("Partly upheld").check()
    page.get_by_role("group", name=re.compile("^Point 2")).get_by_label("Not upheld").check()
    page.get_by_role("button", name="Record the response").click()
    expect_success(page, "The response to stage 1 (local resolution) has been recorded.")
    expect(deadlines.get_by_role("row").filter(has_text="Stage 1 response")).to_contain_text("Met")

    # Stage 2: the complainant asked within 20 working days.
    page.get_by_role("link", name="Move to stage 2 (investigation)").click()
    fill_date(page, "Date the complainant asked for it", stage2_request)
    page.get_by_role("button", name="Move to stage 2").click()
    expect_success(page, "The complaint has moved to stage 2 (investigation).")
    page.get_by_role("link", name="Record the stage 2 response").click()
    fill_date(page, "Date of the response", stage2_reply)
    page.get_by_label("Findings").fill("The investigation found no planning meeting was held.")
    page.get_by_role("group", name=re.compile("^Point 1")).get_by_label("Upheld", exact=True).check()
    page.get_by_role("group", name=re.compile("^Point 2")).get_by_label("Upheld", exact=True).check()
    page.get_by_role("button", name="Record the response").click()
    expect_success(page, "The response to stage 2 (investigation) has been recorded.")

    # Stage 3: a request dated before the stage 2 response is refused, and nothing is saved.
    page.get_by_role("link", name="Move to stage 3 (review panel)").click()
    fill_date(page, "Date the complainant asked for it", stage2_request)
    page.get_by_role("button", name="Move to stage 3").click()
    expect(page).to_have_title(re.compile(r"^Error: "))
    message = f"The request cannot be before the stage 2 response ({stage2_reply:%-d %B %Y})"
    expect(page.locator(".govuk-error-summary")).to_contain_text(message)
    expect(page.locator("#id_requested_on-error")).to_contain_text(message)
    assert complaint.stages.count() == 2
    fill_date(page, "Date the complainant asked for it", stage3_request)
    page.get_by_role("button", name="Move to stage 3").click()
    expect_success(page, "The complaint has moved to stage 3 (review panel).")
    expect(page.get_by_test_id("panel-members")).to_contain_text("No members chosen yet (3 needed)")

    # The panel: three independent people, Ruth Bennett in the chair.
    page.get_by_role("link", name="Choose the panel's members").click()
    members = page.get_by_role("group", name="Members")
    for name in ("Ruth Bennett", "Tessa Morgan", "Alan Fairweather"):
        members.get_by_label(f"{name} (independent person)").check()
    page.get_by_label("Chair").select_option(label="Ruth Bennett – Independent Panel Member")
    page.get_by_role("button", name="Save").click()
    expect_success(page, "The review panel's members have been saved.")
    expect(page.get_by_test_id("panel-members")).to_contain_text("Ruth Bennett (independent person, chair)")

    # The panel's chair signs in: she sees this case, and only this one.
    context.clear_cookies()
    ruth = sign_in_as("panel")
    page.goto("/home/")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Complaints").click()
    rows = page.get_by_test_id("complaints").locator("tbody tr")
    expect(rows).to_have_count(1)
    rows.get_by_role("link", name=complaint.reference).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(complaint.reference)
    expect(page.get_by_role("link", name="Change the details and key dates")).to_have_count(0)
    page.get_by_role("link", name="Record the panel's meeting, report and recommendations").click()
    fill_date(page, "Date the panel met", met)
    fill_date(page, "Date of the report", reported)
    page.get_by_label("The panel's findings").fill("The placement ended without the planning the care plan required.")
    page.get_by_label("Recommendations").fill(
        "Apologise in writing to Jamie\nHold a planning meeting before any planned move")
    page.get_by_role("button", name="Save the report").click()
    expect_success(page, "The panel's report and recommendations have been recorded.")
    recommendations = page.get_by_test_id("recommendations")
    expect(recommendations.locator("tbody tr")).to_have_count(2)
    expect(recommendations).to_contain_text("Hold a planning meeting before any planned move")
    expect(page.get_by_test_id("deadlines").get_by_role("row").filter(has_text="Council's response")).to_contain_text(
        f"{add_working_days(reported, 15, holidays):%-d %b %Y}")

    assert list(PanelRecommendation.objects.order_by("number").values_list("text", flat=True)) == [
        "Apologise in writing to Jamie", "Hold a planning meeting before any planned move"]
    panel = complaint.stages.get(stage__number=3).panel
    assert (panel.meeting_on, panel.report_on) == (met, reported)
    officer = User.objects.get(email="complaints@ashfordvale.example")
    assert CaseAccess.objects.filter(complaint=complaint, user=ruth, granted=True).exists()
    assert CaseAccess.objects.filter(complaint=complaint, user=officer, granted=True).count() >= 10

    # The complaints officer records what will change, in the Children in Care service plan.
    context.clear_cookies()
    sign_in_as("complaints")
    page.goto(complaint.get_absolute_url())
    page.get_by_role("link", name="Add a learning action").click()
    page.get_by_label("What will change").fill("Hold a planning meeting before every planned placement move")
    choose_person(page, "Owner", "Joanne Taylor")
    fill_date(page, "Due date", plan.ends_on)
    page.get_by_role("group", name="Status").get_by_label("In progress").check()
    page.get_by_label("Service plan objective").select_option(
        label=f"{plan.year_label}: Objective 1: Every planned move follows the care plan")
    page.get_by_role("button", name="Save").click()
    expect_success(page, "The learning action has been added.")
    learning = page.get_by_test_id("learning-actions")
    learning.get_by_role("link", name=re.compile("^Every planned move follows the care plan")).click()
    expect(page).to_have_url(re.compile(rf"/plans/{plan.pk}/#objective-{objective.pk}$"))
    changed = page.get_by_test_id("complaints-learning")
    expect(changed).to_contain_text("Hold a planning meeting before every planned placement move")
    expect(changed).to_contain_text("From a complaint (children's social care)")
    expect(changed).not_to_contain_text(complaint.reference)
    expect(page.get_by_text("Jamie Example")).to_have_count(0)
    assert objective.learning_actions.get().complaint == complaint
