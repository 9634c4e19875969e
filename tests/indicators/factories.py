"""Factories for indicators, their figures and benchmarks."""

from decimal import Decimal

import factory

from indicators import periods as P
from indicators.models import (
    BenchmarkValue,
    ComparatorArea,
    ComparatorGroup,
    Indicator,
    IndicatorValue,
    IndicatorVersion,
    Period,
    Target,
    ValueStatus,
)
from tests.factories import ServiceFactory


def period(label):
    """The Period row for a label such as 'Q1 2024/25', made if missing."""
    spec = P.parse_period(label)
    found, _ = Period.objects.get_or_create(kind=spec.kind, start=spec.start, defaults={
        "end": spec.end, "fiscal_year": spec.fiscal_year, "label": spec.label})
    return found


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"TEST {n:03d}")
    name = factory.Sequence(lambda n: f"Test indicator {n}")
    framework = "local"
    unit = "percent"
    polarity = "higher"
    frequency = "quarter"
    service = factory.SubFactory(ServiceFactory)
    tolerance = Decimal(5)

    @factory.post_generation
    def first_version(self, create, extracted, **kwargs):
        if create:
            IndicatorVersion.objects.create(indicator=self, number=1, definition={}, change_note="First version")


class ValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorValue

    indicator = factory.SubFactory(IndicatorFactory)
    period = factory.LazyFunction(lambda: period("Q1 2024/25"))
    actual = Decimal("50")
    status = ValueStatus.DRAFT


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Target

    indicator = factory.SubFactory(IndicatorFactory)
    period = factory.LazyFunction(lambda: period("Q1 2024/25"))
    value = Decimal("50")


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ComparatorArea
        django_get_or_create = ["ons_code"]

    ons_code = factory.Sequence(lambda n: f"E0900{n:04d}")
    name = factory.Sequence(lambda n: f"Borough {n}")


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ComparatorGroup

    name = factory.Sequence(lambda n: f"Comparator group {n}")
    minimum_sample = 3
    is_default = True


class BenchmarkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BenchmarkValue

    area = factory.SubFactory(AreaFactory)
    indicator = factory.SubFactory(IndicatorFactory)
    period = factory.LazyFunction(lambda: period("2024/25"))
    value = Decimal("10")
