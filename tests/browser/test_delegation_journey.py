"""The performance officer finds a leaver still named in the scheme of delegation and replaces them."""

import re

import pytest
from playwright.sync_api import Page, expect

from organisation.models import Delegation, User
from tests.browser.people import choose_person, person_box, shown

pytestmark = pytest.mark.browser

SERVICE = "Fostering and Adoption"


def delegation_row(page: Page, service):
    return page.get_by_test_id("delegation-table").get_by_role("row").filter(
        has=page.get_by_role("rowheader", name=re.compile(rf"^{service}"))
    )


def data_officer_orphan(page: Page, service):
    """The orphaned-items row for a service's data officer."""
    return page.get_by_test_id("orphans").get_by_role("row").filter(
        has=page.get_by_role("link", name=service, exact=True)
    ).filter(has=page.get_by_role("cell", name="Data officer", exact=True))


def test_it_lets_the_performance_officer_replace_a_data_officer_who_has_left(council, page: Page, sign_in_as):
    """The scheme of delegation flags Fostering and Adoption's data officer as having left; the
    orphaned-items page lists them; changing the delegation refuses a deputy who is the data
    officer (with the GOV.UK error summary and a message by the field, saving nothing), then
    accepts a current officer, confirms it, and the item is no longer orphaned."""
    officer = sign_in_as(council["performance"])
    delegation = Delegation.objects.select_related("data_officer", "deputy_data_officer").get(service__name=SERVICE)
    leaver, deputy = delegation.data_officer, delegation.deputy_data_officer
    assert leaver.has_left  # the demo council's premise
    assert deputy.is_current
    replacement = User.objects.get(email="yvonne.clark@ashfordvale.example")

    # The scheme of delegation names the leaver, tagged as having left; not as a link, since most
    # people may not open a leaver's page (the orphaned-items page links to it).
    page.goto("/home/")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Organisation").click()
    page.get_by_role("navigation", name="Organisation").get_by_role("link", name="Scheme of delegation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Scheme of delegation")
    data_officer_cell = delegation_row(page, SERVICE).get_by_role("cell").nth(1)
    expect(data_officer_cell).to_contain_text(str(leaver))
    expect(data_officer_cell.get_by_role("link", name=str(leaver))).to_have_count(0)
    expect(data_officer_cell.locator(".govuk-tag")).to_have_text(re.compile(r"^Left \d{1,2} \w{3} \d{4}$"))

    # Orphaned items lists the service's data officer, and why.
    menu = page.get_by_role("navigation", name="Organisation")
    menu.get_by_role("link", name="Orphaned items").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Orphaned items")
    # The menu marks this page alone as current, though its address is under /delegation/.
    expect(menu.locator("[aria-current=page]")).to_have_count(1)
    expect(menu.get_by_role("link", name="Orphaned items")).to_have_attribute("aria-current", "page")
    orphans = page.get_by_test_id("orphans").locator("tbody tr")
    orphan = data_officer_orphan(page, SERVICE)
    expect(orphan).to_have_count(1)
    expect(orphan.get_by_role("link", name=str(leaver))).to_be_visible()
    expect(orphan).to_contain_text(f"Left on {leaver.left_on:%-d %B %Y}")
    orphans_before = orphans.count()

    # Follow the item to its line in the scheme, and from there to the change form.
    orphan.get_by_role("link", name=SERVICE, exact=True).click()
    expect(page).to_have_url(re.compile(rf"/delegation/#service-{delegation.service_id}$"))
    delegation_row(page, SERVICE).get_by_role("link", name=f"Change delegation for {SERVICE}").click()
    expect(page).to_have_url(re.compile(rf"/delegation/services/{delegation.service_id}/edit/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Change the scheme of delegation")
    # The demo council has more officers than a select should hold: each is a search box.
    data_officer = person_box(page, "Data officer")
    deputy_data_officer = person_box(page, "Deputy data officer")
    expect(deputy_data_officer).to_have_value(shown(deputy))
    # The leaver cannot be chosen again: only current officers are suggested.
    expect(data_officer).to_have_value("")
    data_officer.fill(leaver.get_full_name())
    expect(page.get_by_role("listbox")).to_contain_text("No one found")

    # A deputy who is the data officer is refused, and nothing is saved.
    choose_person(page, "Data officer", str(deputy))
    page.get_by_role("button", name="Save changes").click()
    expect(page).to_have_title(re.compile(r"^Error: "))
    summary = page.locator(".govuk-error-summary")
    expect(summary.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(summary.get_by_role("link", name="The deputy must be a different person")).to_have_attribute(
        "href", "#id_deputy_data_officer"
    )
    expect(page.locator("#id_deputy_data_officer-error")).to_contain_text("The deputy must be a different person")
    # The box's description, read out with it, carries the error.
    expect(deputy_data_officer).to_have_accessible_description(re.compile("The deputy must be a different person"))
    expect(data_officer).to_have_value(shown(deputy))  # the answer is kept
    delegation.refresh_from_db()
    assert delegation.data_officer == leaver
    assert delegation.deputy_data_officer == deputy

    # A current officer is accepted.
    choose_person(page, "Data officer", str(replacement))
    page.get_by_role("button", name="Save changes").click()
    expect(page).to_have_url(re.compile(rf"/delegation/#service-{delegation.service_id}$"))
    banner = page.locator(".govuk-notification-banner--success")
    expect(banner.get_by_role("heading", name="Success")).to_be_visible()
    expect(banner).to_contain_text(f"The scheme of delegation for {SERVICE} has been updated.")
    data_officer_cell = delegation_row(page, SERVICE).get_by_role("cell").nth(1)
    expect(data_officer_cell.get_by_role("link", name=str(replacement))).to_be_visible()
    expect(data_officer_cell.locator(".govuk-tag")).to_have_count(0)

    # The orphaned-items page no longer lists the service's data officer.
    page.get_by_role("navigation", name="Organisation").get_by_role("link", name="Orphaned items").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Orphaned items")
    expect(data_officer_orphan(page, SERVICE)).to_have_count(0)
    expect(orphans).to_have_count(orphans_before - 1)  # the other items are still listed

    delegation.refresh_from_db()
    assert delegation.data_officer == replacement
    assert delegation.deputy_data_officer == deputy
    assert delegation.updated_by == officer
