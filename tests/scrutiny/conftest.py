"""Scrutiny fixtures on the shared `world`: a health scrutiny committee, its work programme and a review.

Every test here runs on a fixed day, Saturday 28 November 2026, so that
"overdue" never depends on when the suite runs.
"""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.utils import timezone

from indicators.models import ExceptionRule, ValueStatus
from indicators.services import rag_refresh
from priorities.models import ServicePlan
from scrutiny.models import (
    Committee,
    CommitteeMember,
    Meeting,
    Recommendation,
    ScrutinyReview,
    Topic,
)
from tests.indicators.factories import (
    AreaFactory,
    BenchmarkFactory,
    GroupFactory,
    IndicatorFactory,
    TargetFactory,
    ValueFactory,
    period,
)
from tests.priorities.factories import (
    MilestoneFactory,
    ObjectiveFactory,
    PriorityFactory,
    ServicePlanFactory,
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
def scrutiny(world):
    """A health scrutiny committee chaired by the scrutiny member, a meeting, a topic and a reported review.

    The review went to the executive on 10 September 2026, so its response was due on 10 November:
    recommendation 1 is overdue, recommendation 2 was answered in time.
    """
    committee = Committee.objects.create(name="Health and Adult Social Care Scrutiny Committee",
                                         kind=Committee.Kind.SCRUTINY, has_health_scrutiny_powers=True)
    CommitteeMember.objects.create(committee=committee, person=world.scrutiny_member, role="chair")
    meeting = Meeting.objects.create(committee=committee, held_on=days(20), venue="Council Chamber")
    topic = Topic.objects.create(committee=committee, title="Hospital discharge", source=Topic.Source.COUNCILLOR,
                                 year=2026)
    review = ScrutinyReview.objects.create(committee=committee, topic=topic, title="Hospital discharge",
                                           scope="Delays leaving hospital.", started_on=days(-200),
                                           reported_on=datetime.date(2026, 9, 10),
                                           status=ScrutinyReview.Status.AWAITING_RESPONSE)
    first = Recommendation.objects.create(review=review, number=1, text="Open brokerage at weekends.")
    second = Recommendation.objects.create(review=review, number=2, text="Offer reablement to all.",
                                           response="accepted", responded_on=datetime.date(2026, 10, 1),
                                           responded_by=world.executive_member)
    return SimpleNamespace(committee=committee, meeting=meeting, topic=topic, review=review, first=first,
                           second=second, portfolio=world.portfolio)


def add_indicators(world, n):
    """n indicators across two services, each red for the last two quarters with a target and benchmarks,
    caught by the watchlist; and n objectives under one priority. Returns the indicators."""
    if not ExceptionRule.objects.exists():
        ExceptionRule.objects.create(name="Red twice", kind=ExceptionRule.Kind.RED_RUN, periods=2)
        ExceptionRule.objects.create(name="Bottom quartile", kind=ExceptionRule.Kind.BOTTOM_QUARTILE)
    group = GroupFactory()
    areas = [AreaFactory() for _ in range(4)]
    group.areas.set(areas)
    quarters = [period("Q4 2025/26"), period("Q1 2026/27"), period("Q2 2026/27")]
    indicators = []
    for i in range(n):
        service = world.adults if i % 2 else world.children
        indicator = IndicatorFactory(service=service)
        for q, actual in zip(quarters, ("70", "60", "50"), strict=True):
            TargetFactory(indicator=indicator, period=q, value=Decimal("80"))
            ValueFactory(indicator=indicator, period=q, actual=Decimal(actual), status=ValueStatus.VERIFIED)
            for a, value in zip(areas, ("60", "70", "80", "90"), strict=True):
                BenchmarkFactory(indicator=indicator, area=a, period=q, value=Decimal(value))
        indicators.append(indicator)
    rag_refresh(indicator_ids=[i.pk for i in indicators])
    plan = ServicePlan.objects.filter(service=world.adults, year=2026).first()
    if plan is None:
        priority = PriorityFactory(strategic_plan__first_year=2025, strategic_plan__last_year=2027)
        plan = ServicePlanFactory(service=world.adults, strategic_plan=priority.strategic_plan, year=2026)
    priority = plan.strategic_plan.priorities.first()
    for _ in range(n):
        objective = ObjectiveFactory(plan=plan, priorities=[priority])
        MilestoneFactory(objective=objective, due_on=days(-5), status="in_progress")
    return indicators
