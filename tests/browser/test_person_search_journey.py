"""At a council with many officers, the performance officer names a data officer by typing, not scrolling."""

import re

import pytest
from playwright.sync_api import Page, expect

from organisation.models import Delegation, User
from tests.browser.test_accessibility import axe_violations, describe

pytestmark = pytest.mark.browser

SERVICE = "Fostering and Adoption"


def test_it_suggests_officers_as_the_performance_officer_types(council, page: Page, sign_in_as, settings):
    """With more current officers than PEOPLE_SELECT_LIMIT the data officer is a text box with suggestions
    from the people API. A name no one has is refused by the field, keeping what was typed; choosing a
    suggestion fills in the name and email address, and saving names that officer."""
    settings.PEOPLE_SELECT_LIMIT = 10
    assert User.objects.current().filter(kind=User.Kind.OFFICER).count() > 10  # the demo council's premise
    sign_in_as(council["performance"])
    delegation = Delegation.objects.select_related("deputy_data_officer").get(service__name=SERVICE)
    yvonne = User.objects.get(email="yvonne.clark@ashfordvale.example")

    page.goto(f"/delegation/services/{delegation.service_id}/edit/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Change the scheme of delegation")
    data_officer = page.get_by_role("combobox", name="Data officer", exact=True)
    expect(data_officer).to_be_visible()  # the autocomplete has replaced the plain text box
    expect(page.locator("select#id_data_officer")).to_have_count(0)
    deputy = page.get_by_role("combobox", name="Deputy data officer")
    expect(deputy).to_have_value(f"{delegation.deputy_data_officer.get_full_name()} "
                                 f"({delegation.deputy_data_officer.email})")

    # No one is called this: the autocomplete says so, and so does the form, by the field.
    data_officer.fill("Zebedee")
    expect(page.get_by_role("listbox")).to_contain_text("No one found")
    page.get_by_role("button", name="Save changes").click()
    expect(page).to_have_title(re.compile(r"^Error: "))
    message = "No one called ‘Zebedee’ can be chosen here. Check the spelling, or enter their email address"
    expect(page.locator(".govuk-error-summary").get_by_role("link", name=message)).to_have_attribute(
        "href", "#id_data_officer")
    expect(page.locator("#id_data_officer-error")).to_contain_text(message)
    data_officer = page.get_by_role("combobox", name="Data officer", exact=True)
    expect(data_officer).to_have_value("Zebedee")  # what was typed is kept
    assert not axe_violations(page), describe(axe_violations(page))

    # Typing part of her name offers Yvonne Clark, with her job title and email address.
    data_officer.fill("yvon cla")
    suggestion = page.get_by_role("option", name=re.compile(r"^Yvonne Clark"))
    expect(suggestion).to_contain_text(yvonne.email)
    expect(suggestion).to_contain_text(yvonne.job_title)
    suggestion.click()
    expect(data_officer).to_have_value(f"Yvonne Clark ({yvonne.email})")
    page.get_by_role("button", name="Save changes").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        f"The scheme of delegation for {SERVICE} has been updated.")
    delegation.refresh_from_db()
    assert delegation.data_officer == yvonne
