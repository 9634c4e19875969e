"""Every page type passes axe-core's WCAG 2.2 AA rules, as the accessibility statement promises.

Pages are grouped by who sees them, so each group costs one demo council; each page is
its own subtest, so a failure names the page and lists its violations.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import axe_playwright_python
import pytest
from playwright.sync_api import Page, Response, expect

from organisation.models import Directorate, Portfolio, Service, User

pytestmark = pytest.mark.browser

# axe-core as bundled by axe-playwright-python. The site's CSP allows only scripts with the
# request's nonce, so add_script_tag would be blocked; page.evaluate runs it over DevTools instead.
AXE_SOURCE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe_violations(page: Page):
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SOURCE)
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_22_AA,
    )
    return results["violations"]


def describe(violations):
    """A readable list: each rule broken, how badly, where, and what to fix."""
    lines = [f"{len(violations)} accessibility violation(s):"]
    for v in violations:
        lines.append(f"\n- {v['id']} ({v['impact']}): {v['help']}\n  {v['helpUrl']}")
        for node in v["nodes"]:
            lines.append(f"    at {' '.join(str(t) for t in node['target'])}")
            lines.append(f"       {node['html'][:300]}")
            for line in (node.get("failureSummary") or "").splitlines():
                lines.append(f"       {line}")
    return "\n".join(lines)


@dataclass(frozen=True)
class Visit:
    """A page to check: how to reach it, and the main heading that proves it is showing.

    `open` is a path, or steps taken in the browser (to reach a form's error state, say);
    `shows` is a further heading that proves the state was reached ("There is a problem").
    """

    name: str
    open: str | Callable[[Page], Response | None]
    heading: str | re.Pattern
    status: int = 200
    shows: str | None = None


def go(path):
    """Steps that open a path worked out once the council exists, e.g. a service's page."""
    return lambda page: page.goto(path())


def path_to(model, **lookup):
    return go(lambda: model.objects.get(**lookup).get_absolute_url())


def submit(path, answers=None):
    """Steps that open a form, give the answers (options chosen by label, or text typed), and submit it."""

    def steps(page: Page):
        page.goto(path() if callable(path) else path)
        for label, value in (answers or {}).items():
            field = page.get_by_label(label, exact=True)
            if field.evaluate("el => el.tagName") == "SELECT":
                field.select_option(label=value)
            else:
                field.fill(value)
        page.get_by_role("button", name=re.compile(r"^(Sign in|Save changes|Send reset link|Continue)$")).click()

    return steps


def delegation_form(service):
    return lambda: f"/delegation/services/{Service.objects.get(name=service).pk}/edit/"


def portfolio_form():
    return f"/delegation/portfolios/{Portfolio.objects.get(name='Adult Social Care and Health').pk}/edit/"


PROBLEM = "There is a problem"  # the GOV.UK error summary's heading

EVERYONE = [
    Visit("public home page", "/", "How Ashford Vale Council is performing"),
    Visit("sign in", "/sign-in/", "Sign in to the performance portal"),
    Visit("sign in, wrong password",
          submit("/sign-in/", {"Email address": "performance@ashfordvale.example", "Password": "wrong"}),
          "Sign in to the performance portal", shows=PROBLEM),
    Visit("sign in, nothing entered", submit("/sign-in/"), "Sign in to the performance portal", shows=PROBLEM),
    Visit("password reset", "/password-reset/", "Reset your password"),
    Visit("password reset, nothing entered", submit("/password-reset/"), "Reset your password", shows=PROBLEM),
    Visit("password reset sent", submit("/password-reset/", {"Email address": "staff@ashfordvale.example"}),
          "Check your email"),
    Visit("password reset link expired", "/password-reset/MQ/not-a-token/", "This link has expired or has been used"),
    Visit("password changed", "/password-reset/complete/", "Your password has been changed"),
    Visit("accessibility statement", "/accessibility/", re.compile(r"^Accessibility statement")),
    Visit("API documentation", "/api/docs/", "perfportal API"),
    Visit("page not found", "/no-such-page/", "Page not found", status=404),
]

PERFORMANCE_OFFICER = [
    Visit("home", "/home/", "Hello, Priya"),
    Visit("organisation", "/organisation/", "Ashford Vale Council"),
    Visit("directorate", path_to(Directorate, name="Children's Services"), "Children's Services"),
    Visit("service with a leaver", path_to(Service, name="Fostering and Adoption"), "Fostering and Adoption"),
    Visit("service with a vacancy", path_to(Service, name="Children in Care"), "Children in Care"),
    Visit("people", "/people/", "People"),
    Visit("people, filtered", "/people/?q=reed&role=data_officer&kind=officer", "People"),
    Visit("people, with leavers", "/people/?q=lowe&leavers=1", "People"),
    Visit("people, no one matches", "/people/?q=nobody-at-all", "People"),
    Visit("person", path_to(User, email="data@ashfordvale.example"), "Tom Reed"),
    Visit("person who has left", path_to(User, email="karen.lowe@ashfordvale.example"), "Karen Lowe"),
    Visit("scheme of delegation", "/delegation/", "Scheme of delegation"),
    Visit("delegation form", go(delegation_form("Fostering and Adoption")), "Change the scheme of delegation"),
    Visit("delegation form with errors",
          submit(delegation_form("Fostering and Adoption"), {"Accountable officer": ""}),
          "Change the scheme of delegation", shows=PROBLEM),
    Visit("delegation saved", submit(delegation_form("Reablement and Home Care")), "Scheme of delegation",
          shows="Success"),
    Visit("portfolio form", go(portfolio_form), "Change the portfolio holders"),
    Visit("portfolio form with errors", submit(portfolio_form, {"Portfolio holder": "Choose a councillor"}),
          "Change the portfolio holders", shows=PROBLEM),
    Visit("management information form", "/delegation/management-information/edit/",
          "Senior manager responsible for management information"),
    Visit("management information form with errors",
          submit("/delegation/management-information/edit/",
                 {"Senior manager responsible for management information": "Choose a senior manager"}),
          "Senior manager responsible for management information", shows=PROBLEM),
    Visit("orphaned items", "/delegation/orphaned/", "Orphaned items"),
    Visit("page not found, signed in", "/organisation/services/999999/", "Page not found", status=404),
]

PAGES_BY_PERSON = {
    None: EVERYONE,
    "performance": PERFORMANCE_OFFICER,
    "director": [
        Visit("home", "/home/", "Hello, Helen"),
        Visit("orphaned items, read only", "/delegation/orphaned/", "Orphaned items"),
        Visit("scheme of delegation, read only", "/delegation/", "Scheme of delegation"),
    ],
    "staff": [
        Visit("home", "/home/", "Hello, Aisha"),
        Visit("people, without leavers", "/people/", "People"),
        Visit("own person page", path_to(User, email="staff@ashfordvale.example"), "Aisha Khan"),
        Visit("forbidden", "/delegation/orphaned/", "You do not have permission to see this page", status=403),
        Visit("your account", "/account/", "Your account"),
        Visit("two-factor set-up", "/two-factor/set-up/", "Set up two-factor authentication"),
        Visit("two-factor set-up, wrong code",
              submit("/two-factor/set-up/", {"Code from your authenticator app": "12"}),
              "Set up two-factor authentication", shows=PROBLEM),
    ],
    "data": [Visit("home", "/home/", "Hello, Tom")],
    "leader": [Visit("home", "/home/", "Hello, Janet")],
    "portfolio": [Visit("home", "/home/", "Hello, David")],
    "panel": [Visit("home", "/home/", "Hello, Ruth")],
    "admin": [
        Visit("home", "/home/", "Hello, Sam"),
        Visit("reset someone's two-factor authentication",
              go(lambda: f"/people/{User.objects.get(email='complaints@ashfordvale.example').pk}/two-factor/reset/"),
              re.compile(r"^Reset two-factor authentication for ")),
    ],
}


@pytest.mark.parametrize("person", list(PAGES_BY_PERSON), ids=lambda key: key or "signed-out")
def test_it_has_no_wcag_2_2_aa_violations(council, page: Page, sign_in_as, subtests, person):
    """Each page this person can reach shows its heading and has no axe-core WCAG 2.2 AA violations."""
    if person:
        sign_in_as(person)
    for visit in PAGES_BY_PERSON[person]:
        with subtests.test(msg=visit.name):
            response = page.goto(visit.open) if isinstance(visit.open, str) else visit.open(page)
            if response is not None:  # None after submitting a form: the heading says where it led
                assert response.status == visit.status
            expect(page.get_by_role("heading", level=1)).to_have_text(visit.heading)
            if visit.shows:
                expect(page.get_by_role("heading", name=visit.shows, exact=True)).to_be_visible()
            violations = axe_violations(page)
            if violations:
                pytest.fail(f"{visit.name} ({page.url}):\n{describe(violations)}", pytrace=False)
