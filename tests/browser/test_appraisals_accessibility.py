"""Every appraisal page type passes axe-core's WCAG 2.2 AA rules, support plans included, as each person sees it.

Forms are checked as they open and again with their errors showing.
"""

import pytest
from playwright.sync_api import Page, expect

from appraisals import demo as appraisals_demo
from appraisals.models import Appraisal, SupportPlan
from organisation.models import User
from priorities import demo as priorities_demo
from tests.browser.test_accessibility import axe_violations, describe

pytestmark = pytest.mark.browser


@pytest.fixture
def appraisal_council(council):
    priorities_demo.seed()
    appraisals_demo.seed()
    return council


def pages(council):
    """Paths by demo account: (pages to check as they open, forms to check open and then submitted empty)."""
    aisha = council["staff"]
    aishas = Appraisal.objects.get(person=aisha)
    plan = SupportPlan.objects.get(appraisal__person=aisha)
    action = plan.actions.filter(owner=aisha).exclude(status="done").first()
    oliver = Appraisal.objects.get(person=User.objects.get(first_name="Oliver", last_name="Nolan"))
    graces = SupportPlan.objects.get(appraisal__person__line_manager=council["teammanager"])
    return {
        "staff": ([
            "/home/", "/appraisals/my-objectives/", aishas.get_absolute_url(), plan.get_absolute_url(),
            f"/appraisals/{aishas.pk}/reviews/mid_year/",
            f"/appraisals/support-plan-actions/{action.pk}/edit/",  # her status form: a choice already made
        ], [
            f"/appraisals/support-plans/{plan.pk}/comments/new/",
        ]),
        "head": ([
            "/home/", "/appraisals/", aishas.get_absolute_url(), plan.get_absolute_url(),
            oliver.get_absolute_url(), f"/appraisals/{oliver.pk}/reviews/mid_year/", "/appraisals/cycles/",
        ], [
            f"/appraisals/{oliver.pk}/support-plans/new/?from=mid_year",
            f"/appraisals/support-plans/{plan.pk}/edit/",
            f"/appraisals/support-plans/{plan.pk}/actions/new/",
            f"/appraisals/support-plan-actions/{action.pk}/edit/",
            f"/appraisals/support-plans/{plan.pk}/reviews/new/",
            f"/appraisals/support-plans/{plan.pk}/close/",
            f"/appraisals/support-plans/{plan.pk}/comments/new/",
            "/appraisals/cascade/",
        ]),
        "teammanager": (["/home/", "/appraisals/", graces.get_absolute_url()], []),
        "hr": ([f"/appraisals/?service={aisha.team.service_id}", graces.get_absolute_url(),
                plan.get_absolute_url()], []),
        "performance": (["/appraisals/coverage/"], []),
    }


def check(page: Page, path):
    response = page.goto(path)
    assert response.status == 200, path
    violations = axe_violations(page)
    assert not violations, describe(violations)


def test_it_passes_axe_on_every_appraisal_and_support_plan_page(appraisal_council, page: Page, sign_in_as,
                                                                subtests):
    for person, (reads, forms) in pages(appraisal_council).items():
        sign_in_as(person)
        for path in reads:
            with subtests.test(person=person, path=path):
                check(page, path)
        for path in forms:
            with subtests.test(person=person, path=path, state="open"):
                check(page, path)
            with subtests.test(person=person, path=path, state="errors"):
                page.goto(path)
                for field in page.locator("main form[method=post] textarea").all():
                    field.fill("")
                for field in page.locator("main form[method=post] input[type=text]").all():
                    field.fill("")
                page.locator("main form[method=post] button[type=submit]").first.click()
                expect(page.locator(".govuk-error-summary")).to_be_visible()
                violations = axe_violations(page)
                assert not violations, describe(violations)
