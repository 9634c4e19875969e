"""Plans and indicators pages pass axe-core's WCAG 2.2 AA rules too (see test_accessibility.py)."""

import re

import pytest
from playwright.sync_api import Page, expect

from indicators import demo as indicators_demo
from indicators.models import Indicator
from priorities import demo as priorities_demo
from priorities.models import EngagementExercise, Milestone, Priority, ServicePlan
from tests.browser.test_accessibility import PROBLEM, Visit, axe_violations, describe, go, path_to

pytestmark = pytest.mark.browser


def plan(service):
    return ServicePlan.objects.filter(service__name=service).order_by("-year").first()


def plan_path(service, suffix=""):
    return go(lambda: f"/plans/{plan(service).pk}/{suffix}")


def invalid_objective(page: Page):
    """Submit the add-objective form empty, to see its errors."""
    page.goto(f"/plans/{plan('Reablement and Home Care').pk}/objectives/new/")
    page.get_by_role("button", name=re.compile("^(Add|Save)")).click()


PERFORMANCE_OFFICER = [
    Visit("strategic plans", "/priorities/strategic-plans/", "Strategic plans"),
    Visit("strategic plan", go(lambda: f"/priorities/strategic-plans/{Priority.objects.get(number=1).strategic_plan_id}/"),
          re.compile(r"^Council Plan")),
    Visit("priority", path_to(Priority, number=1), re.compile(r"^Help older and disabled people")),
    Visit("golden thread", go(lambda: f"/priorities/strategic-plans/{Priority.objects.get(number=1).strategic_plan_id}"
                                      "/golden-thread/"), re.compile(r"^The golden thread")),
    Visit("non-priorities", go(lambda: f"/priorities/strategic-plans/{Priority.objects.get(number=1).strategic_plan_id}"
                                       "/non-priorities/"), "What is not a priority"),
    Visit("engagement", "/priorities/engagement/", "Engagement"),
    Visit("engagement exercise", path_to(EngagementExercise, title__startswith="Living well at home"),
          re.compile(r"^Living well at home")),
    Visit("service plans", "/plans/", re.compile(r"^Service plans")),
    Visit("service plan", plan_path("Reablement and Home Care"), "Reablement and Home Care"),
    Visit("add an objective", plan_path("Reablement and Home Care", "objectives/new/"), "Add an objective"),
    Visit("milestone", path_to(Milestone, title="Triage every new referral within two working days"),
          "Triage every new referral within two working days"),
    Visit("milestone progress", go(lambda: Milestone.objects.get(
        title="Triage every new referral within two working days").get_absolute_url() + "progress/"),
        "Update progress"),
    Visit("indicators", "/indicators/", "Indicators"),
    Visit("indicator with chart and benchmark", path_to(Indicator, code="ASCOF 2A(2)"), re.compile(r"^Permanent")),
    Visit("targets", go(lambda: f"/indicators/{Indicator.objects.get(code='ASCOF 2A(2)').pk}/targets/"),
          "Set targets"),
    Visit("entering values", "/indicators/entry/", "Enter indicator values"),
    Visit("verifying values", "/indicators/verify/", "Verify values"),
    Visit("publishing values", "/indicators/publish/", "Publish values"),
    Visit("watchlist", "/indicators/watchlist/", "Watchlist"),
    Visit("benchmarking", "/indicators/benchmarks/", "Benchmarking"),
    Visit("benchmark import", "/indicators/benchmarks/import/", "Import comparator figures"),
]

HEAD_OF_SERVICE = [
    Visit("add an objective with errors", invalid_objective, "Add an objective", shows=PROBLEM),
]

PAGES_BY_PERSON = {
    None: [Visit("published indicators", "/published/indicators/", "How our social services are performing")],
    "performance": PERFORMANCE_OFFICER,
    "head": HEAD_OF_SERVICE,
    "scrutiny": [
        Visit("indicator, as a councillor", path_to(Indicator, code="ASCOF 3A"), re.compile(r".+")),
        Visit("service plan, as a councillor", plan_path("Safeguarding Adults"), "Safeguarding Adults"),
    ],
}


@pytest.mark.parametrize("person", list(PAGES_BY_PERSON), ids=lambda key: key or "signed-out")
def test_it_has_no_wcag_2_2_aa_violations(council, page: Page, sign_in_as, subtests, person):
    """Each plans and indicators page this person can reach has no axe-core WCAG 2.2 AA violations."""
    priorities_demo.seed()
    indicators_demo.seed()
    priorities_demo.link_indicators()
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
            violations = axe_violations(page)
            if violations:
                pytest.fail(f"{visit.name} ({page.url}):\n{describe(violations)}", pytrace=False)
