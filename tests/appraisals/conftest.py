"""Appraisal fixtures on the shared `world`: a 2026/27 plan and cycle, and a line-management chain.

Every test runs on 28 November 2026: objective setting (April to May) is over, the
mid-year review window (1 October to 18 December) is open, the year-end one is not.

Chain: world.staff (Aisha) -> world.team_manager (Grace) -> world.head_of_service (Mark).
world.peer is Aisha's colleague with the same line manager.
"""

import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone

from tests.appraisals.factories import (
    AppraisalFactory,
    CycleFactory,
    StaffObjectiveFactory,
    SupportPlanActionFactory,
    SupportPlanFactory,
)
from tests.factories import UserFactory, grant
from tests.priorities.factories import (
    ObjectiveFactory,
    PriorityFactory,
    ServicePlanFactory,
    StrategicPlanFactory,
)

TODAY = datetime.date(2026, 11, 28)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    real = timezone.localdate

    def localdate(value=None, timezone=None):
        return TODAY if value is None else real(value, timezone)

    monkeypatch.setattr("django.utils.timezone.localdate", localdate)
    # A role starts on the day it is granted; that default holds the real localdate, so without this
    # every role would start after the frozen day and nobody would hold one.
    from organisation.models import RoleAssignment

    monkeypatch.setattr(RoleAssignment._meta.get_field("starts_on"), "_get_default", localdate)
    return TODAY


@pytest.fixture
def chain(world):
    from organisation.models import Role

    world.team_manager.line_manager = world.head_of_service
    world.team_manager.save()
    world.peer = grant(UserFactory(first_name="Ben", email="peer@test.example", team=world.adults_team,
                                   line_manager=world.team_manager), Role.STAFF)
    return world


@pytest.fixture
def appraisals(chain):
    """The 2026/27 cycle; Aisha's appraisal with one agreed objective on the thread to priority 1."""
    w = chain
    strategic = StrategicPlanFactory(title="Council Plan 2025-2028", first_year=2025, last_year=2027)
    priority = PriorityFactory(strategic_plan=strategic, number=1, title="Independence at home",
                               owner=w.director)
    plan = ServicePlanFactory(service=w.adults, year=2026, strategic_plan=strategic, status="approved")
    plan_objective = ObjectiveFactory(plan=plan, number=1, title="Start home care within 48 hours",
                                      owner=w.head_of_service, priorities=[priority])
    cycle = CycleFactory(opened_by=w.hr_officer)
    mine = AppraisalFactory(cycle=cycle, person=w.staff)
    objective = StaffObjectiveFactory(appraisal=mine, number=1, service_objective=plan_objective,
                                      agreed_by=w.team_manager)
    peers = AppraisalFactory(cycle=cycle, person=w.peer)
    return SimpleNamespace(cycle=cycle, priority=priority, plan=plan, plan_objective=plan_objective, mine=mine,
                           objective=objective, peers=peers, world=w)


@pytest.fixture
def support_plan(appraisals):
    """Aisha's open support plan, run by Grace: one action owned by Aisha, one by Grace, no review yet.

    Opened on 14 November 2026, next review on 12 December 2026.
    """
    a, w = appraisals, appraisals.world
    a.support_plan = SupportPlanFactory(appraisal=a.mine, opened_by=w.team_manager)
    a.aishas_action = SupportPlanActionFactory(plan=a.support_plan, owner=w.staff,
                                               description="Shadow a senior worker")
    a.graces_action = SupportPlanActionFactory(plan=a.support_plan, owner=w.team_manager,
                                               description="Book the refresher")
    return a
