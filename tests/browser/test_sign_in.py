"""Signing in and out through the real form, as every demo account."""

import re
from base64 import b32decode
from binascii import unhexlify

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from core.management.commands.seed_demo import DEMO_PASSWORD
from organisation.demo import DEMO_ACCOUNTS, DEMO_TOTP_KEY
from tests.browser.conftest import email_of
from tests.browser.test_accessibility import axe_violations, describe

pytestmark = pytest.mark.browser

# The roles whose holders answer for orphaned items, and so are offered the page.
SEES_ORPHANS = {"performance", "director", "admin"}


def role_label(role, scope):
    """The text the home page shows for a role, e.g. "Head of service: Reablement and Home Care"."""
    return f"{role.label}: {scope[1]}" if scope else role.label


ACCOUNTS = [
    pytest.param(key, first, [role_label(*r) for r in roles], id=key)
    for key, first, _last, _kind, _title, _team, roles in DEMO_ACCOUNTS
]


# The demo accounts whose roles open complaint or appraisal records: they give a code after the password.
TWO_FACTOR = {"complaints", "panel", "hr", "admin"}


def sign_in(page: Page, email, password):
    page.goto("/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def code_from(key: bytes):
    """What an authenticator app with this key shows now."""
    return f"{totp(key):06d}"


def enter_code(page: Page, code):
    page.get_by_label(re.compile(r"^Code")).fill(code)  # "Code", or "Code from your authenticator app"
    page.get_by_role("button", name="Continue").click()


@pytest.mark.parametrize(("key", "first_name", "roles"), ACCOUNTS)
def test_it_signs_each_role_in_to_a_home_page_showing_that_role(council, page: Page, key, first_name, roles):
    """Signing in with the demo password lands on the home page, which greets the person,
    lists their roles, and offers "Orphaned items" only to those who answer for them."""
    sign_in(page, email_of(key), DEMO_PASSWORD)
    if key in TWO_FACTOR:
        expect(page.get_by_role("heading", level=1)).to_have_text("Enter the code from your authenticator app")
        enter_code(page, code_from(unhexlify(DEMO_TOTP_KEY)))  # the published demo key

    expect(page).to_have_url(re.compile(r"/home/$"))
    expect(page).to_have_title(re.compile(r"^Your home page"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Hello, {first_name}")
    your_roles = page.get_by_test_id("roles")
    for label in roles:
        expect(your_roles.get_by_role("listitem").filter(has_text=label)).to_have_count(1)

    navigation = page.get_by_role("navigation", name="Menu")
    expect(navigation.get_by_role("link", name="Organisation")).to_be_visible()
    expect(navigation.locator("[aria-current]")).to_have_count(0)  # home is no section's page
    orphans = page.get_by_role("main").get_by_role("link", name="Orphaned items", exact=True)
    if key in SEES_ORPHANS:
        expect(orphans).to_be_visible()
    else:
        expect(orphans).to_have_count(0)
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def test_it_shows_an_error_summary_and_a_field_error_for_a_wrong_password(council, page: Page):
    """A wrong password keeps the person on the sign-in page with GOV.UK's "There is a problem"
    summary, whose link leads to the password field, where the same message is repeated."""
    sign_in(page, email_of("performance"), "not-the-password")

    expect(page).to_have_url(re.compile(r"/sign-in/$"))
    expect(page).to_have_title(re.compile(r"^Error: Sign in"))
    message = "Enter a correct email address and password"
    summary = page.locator(".govuk-error-summary")
    expect(summary.get_by_role("heading", name="There is a problem")).to_be_visible()
    summary_link = summary.get_by_role("link", name=re.compile(message))
    expect(summary_link).to_have_attribute("href", "#id_password")

    password = page.get_by_label("Password")
    field_error = page.locator("#id_password-error")
    expect(field_error).to_be_visible()
    expect(field_error).to_contain_text(message)
    expect(password).to_have_attribute("aria-describedby", re.compile(r"\bid_password-error\b"))
    expect(password).to_have_value("")  # the password is never sent back to the page
    expect(page.get_by_label("Email address")).to_have_value(email_of("performance"))

    summary_link.click()
    expect(password).to_be_focused()

    # And the person is not signed in: their home page still asks them to sign in.
    page.goto("/home/")
    expect(page).to_have_url(re.compile(r"/sign-in/\?next=/home/$"))


def test_it_names_each_missing_answer_when_nothing_is_entered(council, page: Page):
    """Submitting the empty form lists one message per field in the error summary, each saying
    what to enter and linking to its field, where the message is repeated."""
    page.goto("/sign-in/")
    page.get_by_role("button", name="Sign in").click()

    expect(page).to_have_title(re.compile(r"^Error: Sign in"))
    summary = page.locator(".govuk-error-summary")
    expect(summary.get_by_role("link")).to_have_text(["Enter your email address", "Enter your password"])
    expect(summary.get_by_role("link", name="Enter your email address")).to_have_attribute("href", "#id_username")
    expect(summary.get_by_role("link", name="Enter your password")).to_have_attribute("href", "#id_password")
    expect(page.locator("#id_username-error")).to_contain_text("Enter your email address")
    expect(page.locator("#id_password-error")).to_contain_text("Enter your password")


def test_it_signs_out_and_forgets_the_session(council, page: Page, live_server):
    """Sign out returns to the public home page; the header offers sign-in again and the
    person's home page is no longer reachable without signing in."""
    sign_in(page, email_of("staff"), DEMO_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Aisha")

    page.get_by_role("button", name="Sign out").click()

    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("How Ashford Vale Council is performing")
    expect(page.get_by_role("link", name="Staff and councillor sign in")).to_be_visible()
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)
    expect(page.get_by_role("navigation", name="Menu")).to_have_count(0)

    page.goto("/home/")
    expect(page).to_have_url(re.compile(r"/sign-in/\?next=/home/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to the performance portal")


def test_a_complaints_officer_sets_up_an_authenticator_then_signs_in_with_a_code(council, page: Page):
    """Password, then set-up (the key as text for an app that cannot scan), backup codes shown once, the
    complaints page; at the next sign-in a wrong code is an error at the field, a backup code works once."""
    TOTPDevice.objects.filter(user__email=email_of("complaints")).delete()  # as if new to the role
    sign_in(page, email_of("complaints"), DEMO_PASSWORD)
    page.goto("/complaints/")  # held back: set-up first, then back here
    expect(page).to_have_url(re.compile(r"/two-factor/set-up/\?next=%2Fcomplaints%2F$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up two-factor authentication")
    expect(page.get_by_role("img", name=re.compile("QR code"))).to_be_visible()
    assert axe_violations(page) == [], describe(axe_violations(page))

    page.get_by_text("I cannot scan the QR code").click()
    key = b32decode(page.locator("#secret-key").inner_text().replace(" ", ""))
    enter_code(page, code_from(key))

    expect(page.get_by_role("heading", level=1)).to_have_text("Your backup codes")
    backup_codes = page.locator("#backup-codes code").all_inner_texts()
    assert len(backup_codes) == 10
    page.get_by_role("link", name="Continue").click()
    expect(page).to_have_url(re.compile(r"/complaints/$"))

    page.get_by_role("button", name="Sign out").click()
    sign_in(page, email_of("complaints"), DEMO_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter the code from your authenticator app")
    enter_code(page, "000000" if code_from(key) != "000000" else "111111")
    expect(page).to_have_title(re.compile(r"^Error: Enter the code"))
    expect(page.locator(".govuk-error-summary").get_by_role("link")).to_have_attribute("href", "#id_code")
    expect(page.locator("#id_code-error")).to_contain_text("The code is not correct")
    assert axe_violations(page) == [], describe(axe_violations(page))

    enter_code(page, backup_codes[0])
    expect(page).to_have_url(re.compile(r"/home/$"))
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, email_of("complaints"), DEMO_PASSWORD)
    enter_code(page, backup_codes[0])
    expect(page.locator("#id_code-error")).to_be_visible()  # used once already
