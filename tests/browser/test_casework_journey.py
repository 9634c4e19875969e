"""A ward councillor logs a constituent's concern; the service's accountable officer responds; the councillor
passes it on and closes it.

Imran Hussain (ward councillor for Eastgate) starts from his home page, forgets the consent question and is
told why it matters, then sends the concern about home care to Reablement and Home Care. Mark Davies, that
service's accountable officer in the scheme of delegation, finds it under Complaints > Councillor casework,
gives an impossible date (before the concern reached him) and is told so, then responds. Imran reads the
response and closes the case. Every look is in the access log.
"""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from casework.models import CouncillorCase
from complaints.models import CaseAccess
from core.working_days import add_working_days, non_working_days
from tests.browser.test_complaints_journey import expect_success, fill_date

pytestmark = pytest.mark.browser


def test_a_ward_councillor_logs_a_concern_and_the_accountable_officer_responds(council, page: Page, sign_in_as,
                                                                                context):
    today = timezone.localdate()

    # The councillor starts from his home page.
    imran = sign_in_as("ward")
    page.goto("/home/")
    casework = page.get_by_test_id("your-casework")
    expect(casework).to_contain_text("0 waiting for a response from the service")
    casework.get_by_role("link", name="Log a constituent's concern").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Log a constituent's concern")
    expect(page.get_by_role("group", name="Ward").get_by_label("Eastgate")).to_be_checked()
    page.get_by_label("Constituent's name").fill("Agnes Walton")
    page.get_by_label("How to contact them").fill("07700 900123")
    page.get_by_label("Service", exact=True).select_option(label="Reablement and Home Care")
    page.get_by_role("group", name="What is it about").get_by_label("Quality of care").check()
    page.get_by_label("The concern", exact=True).fill("Her carers stay ten minutes of a thirty-minute visit.")
    page.get_by_role("button", name="Save the concern").click()

    # Nothing saved until he says whether she agrees to officers seeing it; the form says why it matters.
    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Say whether the constituent agrees to officers seeing their concern")
    expect(page.get_by_text("Without it the case stays with you, is not sent to the service")).to_be_visible()
    assert not CouncillorCase.objects.exists()
    consent = page.get_by_role("group", name="Does the constituent agree to council officers seeing their concern?")
    consent.get_by_label("Yes, they agree to officers seeing their concern").check()
    page.get_by_role("button", name="Save the concern").click()

    case = CouncillorCase.objects.get()
    due = add_working_days(today, 10, non_working_days())
    expect(page).to_have_url(re.compile(rf"/casework/{case.pk}/$"))
    expect_success(page, f"{case.reference} has been sent to Mark Davies, who should respond within 10 working days.")
    expect(page.get_by_test_id("case-status")).to_have_text("Open")
    expect(page.get_by_text(f"Response due {due:%-d %B %Y}")).to_be_visible()
    expect(page.get_by_test_id("response")).to_contain_text("Mark Davies")

    # The accountable officer finds it in the complaints section's casework list.
    context.clear_cookies()
    mark = sign_in_as("head")
    page.goto("/home/")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Complaints").click()
    page.get_by_role("navigation", name="Complaints, casework and forums").get_by_role(
        "link", name="Councillor casework").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Councillor casework")
    rows = page.get_by_test_id("casework").locator("tbody tr")
    expect(rows).to_have_count(1)
    expect(rows).to_contain_text("Imran Hussain")
    expect(rows).not_to_contain_text("Agnes Walton")  # names only on the case page, where each look is logged
    rows.get_by_role("link", name=case.reference).click()
    expect(page.get_by_test_id("details")).to_contain_text("Agnes Walton")
    page.get_by_role("link", name="Respond to the councillor").click()
    fill_date(page, "Date of the response", today - datetime.timedelta(days=1))
    page.get_by_label("The response", exact=True).fill("A senior carer will review the visits on Monday.")
    page.get_by_role("button", name="Record the response").click()
    message = f"The date of the response cannot be before the day it was sent to the service ({today:%-d %B %Y})"
    expect(page.locator(".govuk-error-summary")).to_contain_text(message)
    expect(page.locator("#id_responded_on-error")).to_contain_text(message)
    case.refresh_from_db()
    assert case.responded_on is None
    fill_date(page, "Date of the response", today)
    page.get_by_role("button", name="Record the response").click()
    expect_success(page, "Your response to Imran Hussain has been recorded.")
    expect(page.get_by_test_id("case-status")).to_have_text("Responded")

    # The councillor reads the response and closes the case.
    context.clear_cookies()
    sign_in_as("ward")
    page.goto("/home/")
    expect(page.get_by_test_id("your-casework")).to_contain_text("1 answered, to pass on and close")
    page.get_by_test_id("your-casework").get_by_role("link", name="Your cases").click()
    page.get_by_test_id("casework").get_by_role("link", name=case.reference).click()
    expect(page.get_by_test_id("response")).to_contain_text("A senior carer will review the visits on Monday.")
    page.get_by_role("link", name="Close the case").click()
    page.get_by_role("button", name="Close the case").click()
    expect_success(page, f"{case.reference} has been closed.")
    expect(page.get_by_test_id("case-status")).to_have_text("Closed")
    expect(page.get_by_role("link", name="Close the case")).to_have_count(0)

    case.refresh_from_db()
    assert (case.status, case.responded_by, case.closed_on) == ("closed", mark, today)
    looks = CaseAccess.objects.filter(casework=case, granted=True)
    assert looks.filter(user=imran).count() >= 3
    assert looks.filter(user=mark).count() >= 2
    assert not CaseAccess.objects.filter(casework=case, granted=False).exists()
