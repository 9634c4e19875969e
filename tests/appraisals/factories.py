"""Factories for appraisals. The cycle defaults to 2026/27 with the mid-year window open on 28 November 2026."""

import datetime

import factory
from django.utils import timezone

from appraisals.models import (
    DEFAULT_SCALE,
    Appraisal,
    AppraisalCycle,
    AppraisalObjective,
    RatingLevel,
    SupportPlan,
    SupportPlanAction,
)
from tests.factories import UserFactory


class CycleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AppraisalCycle
        skip_postgeneration_save = True

    year = 2026
    objective_setting_starts = datetime.date(2026, 4, 1)
    objective_setting_ends = datetime.date(2026, 5, 31)
    mid_year_starts = datetime.date(2026, 10, 1)
    mid_year_ends = datetime.date(2026, 12, 18)
    year_end_starts = datetime.date(2027, 3, 1)
    year_end_ends = datetime.date(2027, 4, 30)
    opened_by = factory.SubFactory(UserFactory)

    @factory.post_generation
    def scale(self, create, extracted, **kwargs):
        if create:
            RatingLevel.objects.bulk_create(RatingLevel(cycle=self, value=v, label=label)
                                            for v, label in (extracted or DEFAULT_SCALE))


class AppraisalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Appraisal

    cycle = factory.SubFactory(CycleFactory)
    person = factory.SubFactory(UserFactory)


class StaffObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AppraisalObjective

    appraisal = factory.SubFactory(AppraisalFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Staff objective {n}")
    measure = "Checked at each one-to-one."
    target_date = datetime.date(2027, 3, 15)
    is_personal_development = factory.LazyAttribute(lambda o: o.service_objective is None)
    service_objective = None
    agreed_at = factory.LazyFunction(timezone.now)


class SupportPlanFactory(factory.django.DjangoModelFactory):
    """An open support plan, opened a fortnight before the frozen day, next reviewed a fortnight after it."""

    class Meta:
        model = SupportPlan

    appraisal = factory.SubFactory(AppraisalFactory)
    kind = SupportPlan.Kind.SUPPORT
    concerns = "Case records written up late."
    expected_standard = "Every record within two working days."
    support_offered = "Weekly supervision."
    opened_on = datetime.date(2026, 11, 14)
    opened_by = factory.LazyAttribute(lambda p: p.appraisal.person.line_manager)
    next_review_on = datetime.date(2026, 12, 12)


class SupportPlanActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupportPlanAction

    plan = factory.SubFactory(SupportPlanFactory)
    description = factory.Sequence(lambda n: f"Support action {n}")
    owner = factory.LazyAttribute(lambda a: a.plan.appraisal.person)
    due_on = datetime.date(2026, 12, 11)
