"""Factories for priorities and plans. Dates default to the current financial year."""

import datetime

import factory
from django.utils import timezone

from priorities import periods
from priorities.models import (
    EngagementExercise,
    Milestone,
    NonPriority,
    Objective,
    Priority,
    Risk,
    ServicePlan,
    StrategicPlan,
)
from tests.factories import ServiceFactory, UserFactory


def this_year():
    return periods.fiscal_year_of(timezone.localdate())


def days_from_today(n):
    return timezone.localdate() + datetime.timedelta(days=n)


class StrategicPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StrategicPlan

    title = "Council Plan"
    first_year = factory.LazyFunction(lambda: this_year() - 1)
    last_year = factory.LazyFunction(lambda: this_year() + 1)


class PriorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Priority

    strategic_plan = factory.SubFactory(StrategicPlanFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Priority title {n}")
    description = "What the council will achieve."
    area = Priority.Area.SOCIAL_SERVICES
    origin = Priority.Origin.LOCAL
    rationale = "Because people told us."
    owner = factory.SubFactory(UserFactory)
    status = Priority.Status.AGREED
    is_published = True


class NonPriorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NonPriority

    strategic_plan = factory.SubFactory(StrategicPlanFactory)
    title = factory.Sequence(lambda n: f"Not a priority {n}")
    reason = "It costs too much for too little."
    decision = "The Executive agreed."
    decided_on = factory.LazyFunction(lambda: days_from_today(-200))
    review_on = factory.LazyFunction(lambda: days_from_today(200))
    is_published = True


class EngagementExerciseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EngagementExercise

    title = factory.Sequence(lambda n: f"Consultation {n}")
    purpose = "To hear from carers."
    methods = ["survey"]
    starts_on = factory.LazyFunction(lambda: days_from_today(-300))
    is_published = True


class ServicePlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServicePlan

    service = factory.SubFactory(ServiceFactory)
    year = factory.LazyFunction(this_year)
    strategic_plan = factory.SubFactory(StrategicPlanFactory)
    status = ServicePlan.Status.DRAFT


class ObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Objective
        skip_postgeneration_save = True

    plan = factory.SubFactory(ServicePlanFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Objective {n}")
    owner = factory.SubFactory(UserFactory)
    is_published = True

    @factory.post_generation
    def priorities(self, create, extracted, **kwargs):
        if create and extracted:
            self.priorities.set(extracted)


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    objective = factory.SubFactory(ObjectiveFactory)
    title = factory.Sequence(lambda n: f"Milestone {n}")
    due_on = factory.LazyAttribute(lambda m: min(max(days_from_today(30), m.objective.plan.starts_on),
                                                 m.objective.plan.ends_on))
    owner = factory.SubFactory(UserFactory)
    status = Milestone.Status.IN_PROGRESS
    percent_complete = 50
    is_published = True


class RiskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Risk

    plan = factory.SubFactory(ServicePlanFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Risk {n}")
    likelihood = 4
    impact = 4
    mitigations = "Weekly review."
    residual_likelihood = 3
    residual_impact = 3
    owner = factory.SubFactory(UserFactory)
    review_on = factory.LazyFunction(lambda: days_from_today(30))
