"""Report pack fixtures on the shared `world` and the scrutiny fixtures: a committee, a review, indicators.

Tests run on the real clock: the fixtures give figures up to Q2 2026/27 and report on that quarter.
"""

from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.utils import timezone

from indicators.models import ValueStatus
from organisation.models import Role
from reports.models import Audience, Report, ReportType, ReportVersion, idempotency_key
from tests.factories import CouncillorFactory, PortfolioFactory, UserFactory, grant
from tests.indicators.factories import IndicatorFactory, ValueFactory, period
from tests.scrutiny.conftest import add_indicators, scrutiny  # noqa: F401 (a fixture and a helper)

LAST_QUARTER = "Q2 2026/27"


@pytest.fixture
def packs(world, scrutiny):  # noqa: F811 (the imported fixture)
    """Indicators with verified figures (red, falling, bottom quartile), a draft figure nobody outside the
    service may see in a report, a second portfolio with its own holder, and one report for each audience."""
    indicators = add_indicators(world, 2)
    secret = IndicatorFactory(service=world.adults, name="Measure still in draft")
    ValueFactory(indicator=secret, period=period(LAST_QUARTER), actual=Decimal("12.3456"), status=ValueStatus.DRAFT)
    children = PortfolioFactory(name="Children and Families")
    world.children.portfolio = children
    world.children.save()
    children.holder = grant(CouncillorFactory(first_name="Paul", email="children-holder@test.example"),
                            Role.EXECUTIVE_MEMBER)
    children.save()
    quarter = period(LAST_QUARTER)
    reports = SimpleNamespace(
        executive=ready_report(ReportType.EXECUTIVE, Audience.EXECUTIVE, quarter),
        adults=ready_report(ReportType.PORTFOLIO, Audience.PORTFOLIO, quarter, portfolio=world.portfolio),
        children=ready_report(ReportType.PORTFOLIO, Audience.PORTFOLIO, quarter, portfolio=children),
        scrutiny=ready_report(ReportType.SCRUTINY, Audience.COMMITTEE, quarter, committee=scrutiny.committee),
        directorate=ready_report(ReportType.EXECUTIVE, Audience.DIRECTORATE, quarter,
                                 directorate=world.children_dir),
    )
    return SimpleNamespace(indicators=indicators, secret=secret, children=children, quarter=quarter,
                           committee=scrutiny.committee, reports=reports, outsider=UserFactory(first_name="Olly"))


def ready_report(report_type, audience, quarter, **target):
    """A report with one finished version, made directly: for tests of who may read it, not of what it says."""
    report = Report(report_type=report_type, audience=audience, period=quarter, **target)
    report.audience_key = report.make_audience_key()
    report.save()
    version = ReportVersion.objects.create(
        report=report, number=1, idempotency_key=idempotency_key(report_type, quarter.label, report.audience_key, 1),
        status=ReportVersion.Status.READY, trigger=ReportVersion.Trigger.ON_DEMAND, generated_at=timezone.now(),
        html=f"<article><h1>{report.title}</h1></article>", pdf=b"%PDF-1.7 test", pdf_pages=1)
    report.version = version
    return report
