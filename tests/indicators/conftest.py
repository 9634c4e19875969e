"""Indicator fixtures built on the shared `world`: indicators of a service the personas act on,
and one of a service that belongs to someone else."""

from decimal import Decimal
from types import SimpleNamespace

import pytest

from tests.indicators.factories import IndicatorFactory, TargetFactory, ValueFactory, period


@pytest.fixture
def ind(world):
    """`reablement` (world.adults: the data officer's service) and `fostering` (world.children: not theirs)."""
    reablement = IndicatorFactory(code="AV RHC 01", name="Reablement episodes ending with no ongoing care",
                                  service=world.adults, accountable_officer=world.head_of_service,
                                  data_officer=world.data_officer)
    waiting = IndicatorFactory(code="AV ACM 02", name="People waiting for an assessment", unit="count",
                               polarity="lower", service=world.adults, tolerance_kind="absolute",
                               tolerance=Decimal(10), accountable_officer=world.head_of_service,
                               data_officer=world.data_officer)
    fostering = IndicatorFactory(code="AV FA 01", name="Foster carers approved", unit="count",
                                 service=world.children, accountable_officer=world.manager_elsewhere)
    q1 = period("Q1 2024/25")
    TargetFactory(indicator=reablement, period=q1, value=Decimal(70))
    TargetFactory(indicator=waiting, period=q1, value=Decimal(200))
    return SimpleNamespace(reablement=reablement, waiting=waiting, fostering=fostering, q1=q1,
                           q2=period("Q2 2024/25"), world=world)


def published(indicator, label, actual, **extra):
    return ValueFactory(indicator=indicator, period=period(label), actual=Decimal(str(actual)), status="published",
                        first_published_at="2024-08-01T10:00:00Z", **extra)
