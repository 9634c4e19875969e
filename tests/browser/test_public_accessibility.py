"""Every public page, and the staff pages that moderate feedback, pass axe-core's WCAG 2.2 AA rules."""

import re

import pytest
from playwright.sync_api import Page, expect

from indicators.models import Indicator
from organisation.models import Service
from priorities.models import Priority
from public.models import Feedback
from scrutiny.models import BestValueReview, ScrutinyReview
from tests.browser.public_council import public_council  # noqa: F401
from tests.browser.test_accessibility import PROBLEM, Visit, axe_violations, describe, go, path_to

pytestmark = pytest.mark.browser


def public(model, **lookup):
    name = {Priority: "priorities", Indicator: "indicators", ScrutinyReview: "scrutiny",
            BestValueReview: "best-value", Service: "services"}[model]
    return go(lambda: f"/published/{name}/{model.objects.get(**lookup).pk}/")


def empty_feedback(page: Page):
    page.goto(f"/published/priorities/{Priority.objects.get(number=1).pk}/feedback/")
    page.get_by_role("button", name="Send feedback").click()


def moderation_errors(page: Page):
    page.goto(f"/organisation/feedback/{Feedback.objects.get(status='pending').pk}/")
    page.get_by_label("No, do not publish it").check()
    page.get_by_role("button", name="Save the decision").click()


PUBLIC = [
    Visit("home", "/", "How Ashford Vale Council is performing"),
    Visit("priorities", "/published/priorities/", "Our priorities"),
    Visit("priority", public(Priority, number=1), re.compile(r"^Help older and disabled people")),
    Visit("non-priorities", "/published/not-priorities/", "What is not a priority, and why"),
    Visit("service plans", "/published/service-plans/", "What each service will do this year"),
    Visit("service", public(Service, name="Reablement and Home Care"), "Reablement and Home Care"),
    Visit("figures", "/published/indicators/", "How our social services are performing"),
    Visit("figure with chart and comparators", public(Indicator, code="ASCOF 2A(2)"), re.compile(r"^Permanent")),
    Visit("monthly figure", public(Indicator, code="CQC 1"), re.compile(r"^Care homes rated")),
    Visit("you said, we did", "/published/you-said-we-did/", "You said, we did"),
    Visit("scrutiny and Best Value reviews", "/published/scrutiny/", "Scrutiny and Best Value reviews"),
    Visit("scrutiny review", public(ScrutinyReview, is_published=True), "Hospital discharge and reablement"),
    Visit("Best Value reviews", "/published/best-value/", "Best Value reviews"),
    Visit("Best Value review", public(BestValueReview, is_published=True), re.compile(r"^Day opportunities")),
    Visit("complaints", "/published/complaints/", "Complaints and compliments"),
    Visit("have your say", "/published/feedback/", "Have your say"),
    Visit("feedback form", go(lambda: f"/published/priorities/{Priority.objects.get(number=1).pk}/feedback/"),
          "Tell us what you think"),
    Visit("feedback form with errors", empty_feedback, "Tell us what you think", shows=PROBLEM),
    Visit("feedback on a service", go(
        lambda: f"/published/services/{Service.objects.get(name='Safeguarding Adults').pk}/feedback/"),
        "Tell us what you think"),
    Visit("feedback sent", "/published/feedback/sent/", "Feedback sent"),
    Visit("open data", "/published/data/", "Open data"),
    Visit("accessibility statement", "/accessibility/", re.compile(r"^Accessibility statement")),
]

PERFORMANCE_OFFICER = [
    Visit("feedback queue", "/organisation/feedback/", "Public feedback"),
    Visit("feedback queue, published", "/organisation/feedback/?status=published", "Public feedback"),
    Visit("feedback to moderate", go(lambda: f"/organisation/feedback/{Feedback.objects.get(status='pending').pk}/"),
          re.compile(r"^Feedback about")),
    Visit("feedback to moderate, with errors", moderation_errors, re.compile(r"^Feedback about"), shows=PROBLEM),
]

ACCOUNTABLE_OFFICER = [
    Visit("feedback to answer", path_to(Feedback, status="published", answer=""), re.compile(r"^Feedback about")),
]

PAGES_BY_PERSON = {None: PUBLIC, "performance": PERFORMANCE_OFFICER, "angela.wright": ACCOUNTABLE_OFFICER}


@pytest.mark.parametrize("person", list(PAGES_BY_PERSON), ids=lambda key: key or "signed-out")
def test_it_has_no_wcag_2_2_aa_violations(public_council, page: Page, sign_in_as, subtests, person):  # noqa: F811
    """Each page shows its heading (and its error summary when it should) with no axe-core violations."""
    if person:
        sign_in_as(person)
    for visit in PAGES_BY_PERSON[person]:
        with subtests.test(msg=visit.name):
            response = page.goto(visit.open) if isinstance(visit.open, str) else visit.open(page)
            if response is not None:
                assert response.status == visit.status
            expect(page.get_by_role("heading", level=1)).to_have_text(visit.heading)
            if visit.shows:
                expect(page.get_by_role("heading", name=visit.shows, exact=True)).to_be_visible()
            if page.locator("#indicator-chart").count():
                expect(page.locator("#indicator-chart")).to_have_attribute("data-state", "drawn")
            violations = axe_violations(page)
            if violations:
                pytest.fail(f"{visit.name} ({page.url}):\n{describe(violations)}", pytrace=False)
