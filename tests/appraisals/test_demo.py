"""The demo council's appraisal cycle: in progress, mixed states, and a meaningful set for Aisha."""

import pytest
from django.utils import timezone

from appraisals import demo, selectors, states
from appraisals.models import Appraisal, AppraisalCycle, SupportPlan
from organisation import demo as organisation_demo
from priorities import demo as priorities_demo

pytestmark = pytest.mark.django_db


def test_it_seeds_a_cycle_in_progress_with_mixed_states(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    accounts = organisation_demo.seed(password="x")
    priorities_demo.seed()
    cycle = demo.seed()
    assert demo.seed() == cycle
    assert AppraisalCycle.objects.count() == 1
    aisha = Appraisal.objects.get(cycle=cycle, person=accounts["staff"])
    objectives = list(aisha.objectives.select_related("service_objective"))
    assert len(objectives) == 3
    assert all(o.is_agreed for o in objectives)
    assert sum(o.service_objective is not None for o in objectives) == 2
    assert all(o.progress_notes.exists() for o in objectives)
    seen = {s.state for s in selectors.team_standings(accounts["hr"], cycle,
                                                      service=accounts["staff"].team.service)}
    everyone = selectors.annotated_appraisals(cycle)
    found = {states.appraisal_state(objectives_agreed=a.has_agreed, mid_year_done=a.mid_done,
                                    year_end_done=a.year_done) for a in everyone}
    assert {states.State.NOT_STARTED, states.State.OBJECTIVES_AGREED, states.State.MID_YEAR_DONE} <= found
    assert seen


def test_it_seeds_open_support_plans_seen_only_by_the_right_demo_accounts(settings):
    """Aisha's plan (run by Mark) and one in Grace's team: each open, with actions, a past review and a next
    review to come. staff@ sees her own, teammanager@ the one in her team, hr@ both; nobody else either."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    accounts = organisation_demo.seed(password="x")
    priorities_demo.seed()
    demo.seed()
    plans = list(SupportPlan.objects.select_related("appraisal__person"))
    assert len(plans) == 2
    for plan in plans:
        assert plan.is_open
        assert plan.actions.count() >= 2
        assert plan.reviews.filter(held_on__lt=timezone.localdate()).exists()
        assert plan.next_review_on > timezone.localdate()
        assert plan.comments.exists()
    aishas = SupportPlan.objects.get(appraisal__person=accounts["staff"])
    graces = SupportPlan.objects.get(appraisal__person__line_manager=accounts["teammanager"])
    assert aishas.opened_by == accounts["head"]

    def seen_by(key):
        return set(SupportPlan.objects.visible_to(accounts[key]))

    assert seen_by("staff") == {aishas}
    assert seen_by("head") == {aishas}
    assert seen_by("teammanager") == {graces}
    assert seen_by("hr") == {aishas, graces}
    for key in ("performance", "director", "data", "leader", "portfolio", "scrutiny", "ward", "complaints",
                "panel", "admin"):
        assert seen_by(key) == set(), key
