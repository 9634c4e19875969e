"""A council with things published and, beside them, things that must never reach the public.

Every unpublished thing carries a marker string starting LEAKMARK (or an e-mail
address at leak.example), so a test can prove none of it appears on any public
page, download or feed. Published things carry plain words the tests look for,
so they also prove the pages show what they should.
"""

import time
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.utils import timezone

from complaints import services as complaint_services
from complaints.models import Complaint, Regime
from indicators.models import ValueStatus
from priorities.models import Communication, MilestoneUpdate, ServicePlan, YouSaidWeDid
from public import caching, forms
from public.models import Feedback
from scrutiny.models import (
    BestValueReview,
    Committee,
    Evidence,
    FourCsSection,
    ImprovementAction,
    Recommendation,
    ScrutinyReview,
)
from tests.appraisals.factories import AppraisalFactory, StaffObjectiveFactory
from tests.complaints.conftest import days_ago, working_day_before
from tests.factories import UserFactory
from tests.indicators.factories import IndicatorFactory, TargetFactory, ValueFactory, period
from tests.priorities.factories import (
    EngagementExerciseFactory,
    MilestoneFactory,
    NonPriorityFactory,
    ObjectiveFactory,
    PriorityFactory,
    RiskFactory,
    ServicePlanFactory,
    StrategicPlanFactory,
    days_from_today,
)

MARK = "LEAKMARK"
LEAK_DOMAIN = "leak.example"


def clear_caches():
    """No cached pages, shared or this process's own, and no rate-limit counts (the test Redis database only)."""
    cache.clear()
    caching.forget_local()


@pytest.fixture(autouse=True)
def empty_cache():
    clear_caches()
    yield
    clear_caches()


def started(seconds_ago=60):
    """A form start time long enough ago for a person to have filled the form in."""
    return forms.started_token(now=time.time() - seconds_ago)


def feedback_post(**overrides):
    data = {"comment": "The home care visits are always on time.", "relationship": "carer", "name": "",
            "email": "", "consent": "on", "website": "", "started": started()}
    data.update(overrides)
    return data


@pytest.fixture
def pub(world):
    """Published priorities, plans, figures, reviews and feedback, each beside a hidden twin with a marker."""
    w = world
    secret_owner = UserFactory(first_name=f"{MARK}Owner", last_name="Person", email=f"owner@{LEAK_DOMAIN}")
    plan = StrategicPlanFactory(title="Council Plan for Testshire")
    priority = PriorityFactory(strategic_plan=plan, number=1, title="Live well at home", owner=w.head_of_service,
                               description="People stay independent.", rationale="People asked for it.")
    draft_priority = PriorityFactory(strategic_plan=plan, number=2, title=f"{MARK} draft priority",
                                     is_published=False, owner=secret_owner)
    Communication.objects.create(priority=priority, audience=Communication.Audience.STAFF,
                                 channel=f"{MARK} staff briefing", communicated_on=days_from_today(-20),
                                 note=f"{MARK} communication note")

    approved = ServicePlanFactory(service=w.adults, strategic_plan=plan, status=ServicePlan.Status.APPROVED,
                                  purpose="Help people regain their independence.")
    objective = ObjectiveFactory(plan=approved, number=1, title="Shorter waits for home care", owner=secret_owner,
                                 priorities=[priority])
    hidden_objective = ObjectiveFactory(plan=approved, number=2, title=f"{MARK} unpublished objective",
                                        is_published=False, owner=secret_owner, priorities=[priority])
    milestone = MilestoneFactory(objective=objective, title="Zoned contracts let", owner=secret_owner)
    MilestoneFactory(objective=objective, title=f"{MARK} unpublished milestone", is_published=False,
                     owner=secret_owner)
    MilestoneFactory(objective=hidden_objective, title=f"{MARK} milestone under a hidden objective",
                     owner=secret_owner)
    MilestoneUpdate.objects.create(milestone=milestone, status="in_progress", percent_complete=50,
                                   note=f"{MARK} internal progress note", recorded_by=secret_owner)
    RiskFactory(plan=approved, title=f"{MARK} risk", owner=secret_owner)
    draft_plan = ServicePlanFactory(service=w.carers, strategic_plan=plan, status=ServicePlan.Status.SUBMITTED)
    draft_objective = ObjectiveFactory(plan=draft_plan, title=f"{MARK} objective of a plan not approved",
                                       owner=secret_owner, priorities=[priority])
    MilestoneFactory(objective=draft_objective, title=f"{MARK} milestone of a plan not approved",
                     owner=secret_owner)

    NonPriorityFactory(strategic_plan=plan, title="Evening day centres", reason="Few people asked for it.")
    NonPriorityFactory(strategic_plan=plan, title=f"{MARK} unpublished non-priority", is_published=False)
    exercise = EngagementExerciseFactory(title="Living well consultation", participants=120,
                                         what_people_said="Waiting is the worst part.", lead_officer=secret_owner)
    exercise.priorities.set([priority])
    YouSaidWeDid.objects.create(exercise=exercise, you_said="Waits are too long", we_did="Funded more staff")
    hidden_exercise = EngagementExerciseFactory(title=f"{MARK} unpublished consultation", is_published=False)
    YouSaidWeDid.objects.create(exercise=hidden_exercise, you_said=f"{MARK} you said", we_did=f"{MARK} we did")

    indicator = IndicatorFactory(code="AV RHC 01", name="Reablement episodes ending with no ongoing care",
                                 service=w.adults, accountable_officer=secret_owner, data_officer=secret_owner)
    objective.indicators.set([indicator])
    TargetFactory(indicator=indicator, period=period("Q1 2024/25"), value=Decimal(70))
    TargetFactory(indicator=indicator, period=period("Q2 2024/25"), value=Decimal(70))
    published = ValueFactory(indicator=indicator, period=period("Q1 2024/25"), actual=Decimal("66.0"),
                             status=ValueStatus.PUBLISHED, rag="red", commentary="Published commentary on Q1.",
                             entered_by=secret_owner, verified_by=w.head_of_service,
                             published_at=timezone.now(), first_published_at=timezone.now())
    for label, status in (("Q2 2024/25", ValueStatus.DRAFT), ("Q3 2024/25", ValueStatus.SUBMITTED),
                          ("Q4 2024/25", ValueStatus.VERIFIED)):
        ValueFactory(indicator=indicator, period=period(label), actual=Decimal("88.8"), status=status,
                     commentary=f"{MARK} {status} commentary", entered_by=secret_owner)
    unpublished_indicator = IndicatorFactory(code="AV SECRET 01", name=f"{MARK} indicator with no published figure",
                                             service=w.adults)
    ValueFactory(indicator=unpublished_indicator, period=period("Q1 2024/25"), status=ValueStatus.VERIFIED)
    retired = IndicatorFactory(code="AV OLD 01", name=f"{MARK} retired indicator", service=w.adults,
                               is_active=False)
    ValueFactory(indicator=retired, period=period("Q1 2024/25"), status=ValueStatus.PUBLISHED)

    committee = Committee.objects.create(name="Health Scrutiny", kind=Committee.Kind.SCRUTINY)
    review = ScrutinyReview.objects.create(committee=committee, title="Hospital discharge review",
                                           scope="Discharge delays.", status=ScrutinyReview.Status.COMPLETE,
                                           report_summary="Weekend delays.", is_published=True,
                                           published_on=days_from_today(-100))
    Recommendation.objects.create(review=review, number=1, text="Open brokerage at weekends.",
                                  response=Recommendation.Response.ACCEPTED, response_reasons="It will help.",
                                  responded_on=days_from_today(-80))
    Evidence.objects.create(review=review, kind=Evidence.Kind.WITNESS, title=f"{MARK} witness session",
                            gathered_on=days_from_today(-150), source=f"{MARK} witness", summary="Said things.")
    hidden_review = ScrutinyReview.objects.create(committee=committee, title=f"{MARK} unpublished review",
                                                  scope="Secret.", report_summary=f"{MARK} draft report")
    Recommendation.objects.create(review=hidden_review, number=1, text=f"{MARK} draft recommendation")

    best_value = BestValueReview.objects.create(title="Day opportunities review", service=w.adults, year=2025,
                                                stage="monitoring", report_summary="Too little help into work.",
                                                service_stars=1, prospects="promising", is_published=True,
                                                judged_on=days_from_today(-50), baseline=f"{MARK} baseline")
    FourCsSection.objects.create(review=best_value, c="challenge", findings="People want work.", is_complete=True)
    FourCsSection.objects.create(review=best_value, c="compete", findings=f"{MARK} unfinished findings")
    ImprovementAction.objects.create(review=best_value, number=1, recommendation="More jobs.",
                                     action="Commission supported employment", owner=secret_owner,
                                     due_on=days_from_today(30), target="30 people")
    BestValueReview.objects.create(title=f"{MARK} unpublished Best Value review", service=w.adults, year=2026)

    staff_objective = StaffObjectiveFactory(appraisal=AppraisalFactory(person=w.staff),
                                            title=f"{MARK} appraisal objective", service_objective=objective)

    complaint = complaint_services.complaint_log(
        actor=w.complaints_officer, owner=w.complaints_officer, kind=Complaint.Kind.FORMAL,
        regime=Regime.objects.get(code="adults"), complainant_name=f"{MARK} Complainant",
        complainant_type=Complaint.ComplainantType.USER, contact_details=f"{MARK} 1 High Street",
        service=w.adults, summary=f"{MARK} complaint summary", received_on=working_day_before(days_ago(3)),
        points=(f"{MARK} point of complaint",))

    def feedback(**fields):
        now = timezone.now()
        return Feedback.objects.create(consented_at=now, submitted_at=now, **fields)

    answered = feedback(priority=priority, comment=f"{MARK} raw comment with a name in it",
                        published_text="Edited text shown to everyone.", status=Feedback.Status.PUBLISHED,
                        name=f"{MARK} Sender", email=f"sender@{LEAK_DOMAIN}", routed_to=w.head_of_service,
                        moderation_note=f"{MARK} moderation note", answer="Thank you: we have acted.",
                        answered_by=w.performance_officer, answered_at=timezone.now(),
                        relationship=Feedback.Relationship.CARER)
    pending = feedback(service=w.adults, comment=f"{MARK} pending feedback", name=f"{MARK} Pending",
                       email=f"pending@{LEAK_DOMAIN}", routed_to=w.head_of_service)
    feedback(priority=draft_priority, status=Feedback.Status.PUBLISHED, comment="Hidden.",
             published_text=f"{MARK} published feedback about an unpublished priority",
             answer=f"{MARK} answer about an unpublished priority", answered_at=timezone.now())
    withheld = feedback(service=w.adults, comment=f"{MARK} withheld feedback", status=Feedback.Status.NOT_PUBLISHED,
                        reason=Feedback.Reason.PERSONAL, moderation_note=f"{MARK} why withheld")
    return SimpleNamespace(
        world=w, plan=plan, priority=priority, draft_priority=draft_priority, approved=approved,
        objective=objective, hidden_objective=hidden_objective, milestone=milestone, draft_plan=draft_plan,
        exercise=exercise, hidden_exercise=hidden_exercise, indicator=indicator, published=published,
        unpublished_indicator=unpublished_indicator, retired=retired, committee=committee, review=review,
        hidden_review=hidden_review, best_value=best_value, staff_objective=staff_objective, complaint=complaint,
        answered=answered, pending=pending, withheld=withheld, secret_owner=secret_owner,
    )
