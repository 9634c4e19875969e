"""Priorities fixtures: a strategic plan, two priorities and two service plans on the shared `world`.

Every test here runs on a fixed day, 28 November 2026 (financial year 2026/27),
so that "overdue" and "due soon" never depend on when the suite runs.
"""

import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone

from priorities.models import Milestone, ServicePlan
from tests.priorities.factories import (
    MilestoneFactory,
    ObjectiveFactory,
    PriorityFactory,
    RiskFactory,
    ServicePlanFactory,
    StrategicPlanFactory,
)

TODAY = datetime.date(2026, 11, 28)


def days(n):
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    """Pin `timezone.localdate()` (what the code calls "today") to TODAY."""
    real = timezone.localdate

    def localdate(value=None, timezone=None):
        return TODAY if value is None else real(value, timezone)

    monkeypatch.setattr("django.utils.timezone.localdate", localdate)
    return TODAY


@pytest.fixture
def plans(world):
    """The adults service's draft plan and the children service's approved plan, for 2026/27.

    adults (managed by world.head_of_service): objective 1 serves priority 1 and has an overdue milestone
    and one due in 4 days, both owned by world.staff, and a complete one; one risk.
    children (managed by world.manager_elsewhere): approved, one milestone 20 days overdue.
    """
    strategic = StrategicPlanFactory(title="Council Plan 2025-2028", first_year=2025, last_year=2027)
    p1 = PriorityFactory(strategic_plan=strategic, number=1, title="Independence at home", owner=world.director)
    p2 = PriorityFactory(strategic_plan=strategic, number=2, title="Support for carers", owner=world.director,
                         is_published=False)
    adults = ServicePlanFactory(service=world.adults, year=2026, strategic_plan=strategic)
    objective = ObjectiveFactory(plan=adults, number=1, title="Start home care within 48 hours",
                                 owner=world.head_of_service, priorities=[p1])
    overdue = MilestoneFactory(objective=objective, title="New contracts in all zones", due_on=days(-10),
                               owner=world.staff, status=Milestone.Status.IN_PROGRESS, percent_complete=40)
    soon = MilestoneFactory(objective=objective, title="Brokerage open until 8pm", due_on=days(4),
                            owner=world.staff, status=Milestone.Status.NOT_STARTED, percent_complete=0)
    done = MilestoneFactory(objective=objective, title="Re-tender home care", due_on=days(-90),
                            owner=world.head_of_service, status=Milestone.Status.COMPLETE, percent_complete=100)
    risk = RiskFactory(plan=adults, number=1, title="Providers cannot recruit", owner=world.head_of_service)
    children = ServicePlanFactory(service=world.children, year=2026, strategic_plan=strategic,
                                  status=ServicePlan.Status.APPROVED)
    child_objective = ObjectiveFactory(plan=children, number=1, title="Recruit foster carers",
                                       owner=world.manager_elsewhere, priorities=[p1])
    long_overdue = MilestoneFactory(objective=child_objective, title="Approve 15 households", due_on=days(-20),
                                    owner=world.manager_elsewhere, percent_complete=60)
    return SimpleNamespace(strategic=strategic, p1=p1, p2=p2, adults=adults, objective=objective, overdue=overdue,
                           soon=soon, done=done, risk=risk, children=children, child_objective=child_objective,
                           long_overdue=long_overdue)
