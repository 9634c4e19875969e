"""A carer follows a priority's progress without signing in, and the council answers her in public."""

import csv
import io
import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from priorities.models import Priority
from public.models import Feedback
from tests.browser.public_council import public_council  # noqa: F401

pytestmark = pytest.mark.browser

PRIORITY = "Help older and disabled people live independently at home for longer"
INDICATOR = "Permanent admissions to residential and nursing care homes, aged 65 or over"
WATCH_CSP = """window.__csp = [];
document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.sourceFile));"""


def test_a_carer_reads_a_priority_s_progress_and_the_council_answers_her_feedback(
        public_council, page: Page, context, sign_in_as):  # noqa: F811
    """From the home page she finds the priority, reads its progress, opens an indicator's chart and
    table, downloads its figures and sends feedback; Priya, a performance officer, publishes it and
    answers it, the priority's owner is told by e-mail, and the answer shows on the public page."""
    page.add_init_script(WATCH_CSP)

    # She finds the priority from the home page.
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("How Ashford Vale Council is performing")
    expect(page.get_by_test_id("summary")).to_contain_text("are off target")
    page.get_by_role("navigation", name="Published performance").get_by_role("link", name="Priorities").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Our priorities")
    page.get_by_test_id("priorities").get_by_role("link", name=re.compile(PRIORITY)).click()

    # She reads its progress: the summary, then each objective's steps.
    expect(page.get_by_role("heading", level=1)).to_have_text(PRIORITY)
    expect(page.get_by_test_id("summary")).to_contain_text("services have completed")
    expect(page.get_by_role("heading", name=re.compile(r"^Progress in \d{4}.\d{2}$"))).to_be_visible()
    steps = page.get_by_test_id("milestones").first
    expect(steps.get_by_role("row").nth(1)).to_contain_text(re.compile(r"\d+%"))

    # She opens one of the figures that measures it: the table first, then the chart.
    page.get_by_role("link", name=INDICATOR).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(INDICATOR)
    expect(page.get_by_test_id("summary")).to_contain_text("off target")
    chart = page.locator("#indicator-chart")
    expect(chart).to_have_attribute("data-state", "drawn")
    expect(chart.locator("svg.main-svg").first).to_be_visible()
    expect(chart.locator(".legendtext").filter(has_text=re.compile(r"^England$"))).to_have_count(1)
    table = page.get_by_test_id("series")
    latest = page.get_by_test_id("key-figures").locator(".portal-key-figure__value").first.inner_text()
    expect(table).to_contain_text(latest)

    # She downloads the figures.
    with page.expect_download() as download:
        page.get_by_role("link", name="Download these figures (CSV)").click()
    with open(download.value.path(), encoding="utf-8-sig") as f:
        rows = list(csv.reader(io.StringIO(f.read())))
    assert rows[0][:3] == ["indicator_code", "indicator_name", "framework"]
    assert {row[0] for row in rows[1:]} == {"ASCOF 2A(2)"}
    assert float(latest.replace(",", "")) in {float(row[9]) for row in rows[1:]}

    # She goes back to the priority and tells the council what she thinks.
    page.go_back()  # the download left her on the indicator's page
    expect(page.get_by_role("heading", level=1)).to_have_text(PRIORITY)
    page.get_by_role("button", name="Tell us what you think about this priority").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tell us what you think")
    page.get_by_role("button", name="Send feedback").click()  # nothing filled in
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter your feedback")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Tick the box to agree")
    page.get_by_label("Your feedback").fill("Mum waited two weeks for her care to start after reablement ended. "
                                            "She lives at 3 Mill Lane.")
    page.get_by_label("I care for someone who does").check()
    page.get_by_role("textbox", name="Email address (optional)").fill("carer@example.com")
    page.get_by_label(re.compile(r"^I agree that the council may publish my feedback")).check()
    page.wait_for_timeout(1100)  # a person takes longer than a second; the form drops quicker posts as spam
    page.get_by_role("button", name="Send feedback").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Feedback sent")
    feedback = Feedback.objects.get(email="carer@example.com")
    assert feedback.status == Feedback.Status.PENDING
    priority = Priority.objects.get(title=PRIORITY)
    assert feedback.routed_to == priority.owner
    assert page.evaluate("window.__csp") == []

    # Priya moderates it: she takes the address out before publishing, then answers it.
    sign_in_as("performance")
    page.goto("/organisation/")
    page.get_by_role("navigation", name="Organisation").get_by_role("link", name="Public feedback").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Public feedback")
    page.get_by_test_id("queue").get_by_role("link", name=re.compile(r"^Mum waited two weeks")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Feedback about {PRIORITY}")
    expect(page.get_by_text("carer@example.com")).to_be_visible()
    page.get_by_label("Yes, publish it").check()
    page.get_by_label("Text to publish").fill("Mum waited two weeks for her care to start after reablement ended.")
    page.get_by_role("button", name="Save the decision").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("The feedback is published")
    page.get_by_label("The council's answer").fill("We are sorry. From April, home care starts the day "
                                                    "reablement ends: providers are paid for travel time.")
    page.get_by_role("button", name="Publish the answer").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("The council's answer is published")
    owner_mail = [m for m in mail.outbox if m.to == [priority.owner.email]]
    assert len(owner_mail) == 1
    assert "Mum waited two weeks" in owner_mail[0].body
    assert [m.to for m in mail.outbox if "has answered your feedback" in m.subject] == [["carer@example.com"]]

    # Signed out, anyone can read her feedback, without her address, and the council's answer.
    context.clear_cookies()
    page.goto(f"/published/priorities/{priority.pk}/")
    answered = page.locator(f"#feedback-{feedback.pk}")
    expect(answered).to_contain_text("Mum waited two weeks for her care to start after reablement ended.")
    expect(answered).not_to_contain_text("Mill Lane")
    expect(answered).to_contain_text("From a carer")
    expect(answered).to_contain_text("providers are paid for travel time")


def test_the_pages_print_without_navigation_or_chart(public_council, page: Page):  # noqa: F811
    """Printed, an indicator page keeps its summary and table and drops the menus, forms and chart."""
    from indicators.models import Indicator

    indicator = Indicator.objects.get(code="ASCOF 2A(2)")
    page.goto(f"/published/indicators/{indicator.pk}/")
    expect(page.locator("#indicator-chart")).to_have_attribute("data-state", "drawn")
    page.emulate_media(media="print")
    expect(page.locator(".govuk-service-navigation")).to_be_hidden()
    expect(page.locator(".govuk-footer")).to_be_hidden()
    expect(page.locator("#indicator-chart")).to_be_hidden()
    expect(page.locator("form")).to_have_count(1)
    expect(page.locator("form")).to_be_hidden()
    expect(page.get_by_test_id("summary")).to_be_visible()
    expect(page.get_by_test_id("series")).to_be_visible()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    assert len(pdf) > 10_000


def test_the_pages_work_without_javascript(public_council, browser, live_server):  # noqa: F811
    """With scripts off, the figures are all in the table and the feedback form still sends."""
    from indicators.models import Indicator

    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    page = context.new_page()
    indicator = Indicator.objects.get(code="ASCOF 2A(2)")
    page.goto(f"/published/indicators/{indicator.pk}/")
    expect(page.get_by_text("The chart needs JavaScript. The table above gives the same figures.")).to_be_visible()
    expect(page.get_by_test_id("series").get_by_role("row")).not_to_have_count(1)
    page.goto("/published/complaints/")
    page.get_by_label("Financial year").select_option(index=0)
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Complaints and compliments")
    context.close()
