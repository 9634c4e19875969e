"""Reads of indicators, values, targets and benchmarks, and the access helpers.

Each page's read is a fixed number of queries whatever the number of
indicators, periods or comparators: figures are loaded in bulk and RAG, travel
and benchmark summaries are worked out in Python by the pure functions.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, Min, OuterRef, Prefetch, Q, Value
from django.http import Http404
from django.utils import timezone

from indicators import periods as P
from indicators import rag as R
from indicators import row_cache
from indicators.banding import BAND_LABELS, paf_band
from indicators.benchmarks import summarise
from indicators.figures import RecentFigures, back, pairs_q, spec_of
from indicators.models import (
    BenchmarkValue,
    ComparatorArea,
    ComparatorGroup,
    DataImport,
    ExceptionRule,
    Indicator,
    IndicatorValue,
    IndicatorVersion,
    Period,
    Target,
    ValueRevision,
    ValueStatus,
)
from organisation.models import Council, Service

# Access ---------------------------------------------------------------------


def _require_signed_in(user):
    if not user.is_authenticated:
        raise PermissionDenied


def can_edit_library(user):
    """The corporate performance team maintains the library, comparator groups and imports."""
    return user.is_authenticated and (user.access.is_performance_officer or user.access.is_system_admin)


def can_enter(user, indicator):
    """Data officers and managers enter their own services' values; the performance team any."""
    if not user.is_authenticated:
        return False
    access = user.access
    return access.is_performance_officer or indicator.service_id in access.data_service_ids


def can_set_targets(user, indicator):
    return user.is_authenticated and user.access.manages_service(indicator.service_id)


def can_verify(user, value):
    """A manager of the service or the performance team, and never the person who entered the figure."""
    return (user.is_authenticated and user.access.manages_service(value.indicator.service_id)
            and value.entered_by_id != user.pk)


def can_publish(user):
    return user.is_authenticated and user.access.is_performance_officer


def get_indicator_for_user(user, pk, *, write=False):
    try:
        indicator = Indicator.objects.visible_to(user).select_related(
            "service__directorate", "accountable_officer", "data_officer"
        ).get(pk=pk)
    except (Indicator.DoesNotExist, ValueError):
        raise Http404 from None
    if write and not can_edit_library(user):
        raise PermissionDenied
    return indicator


def get_value_for_user(user, pk, *, write=False):
    """A value the person may see; with write, one they may also change."""
    _require_signed_in(user)
    try:
        value = IndicatorValue.objects.visible_to(user).select_related(
            "indicator__service", "period", "entered_by", "submitted_by", "verified_by", "published_by"
        ).get(pk=pk)
    except IndicatorValue.DoesNotExist:
        raise Http404 from None
    if write and not can_enter(user, value.indicator):
        raise PermissionDenied
    return value


def get_entry_service_for_user(user, pk):
    """A service whose figures the person may enter."""
    _require_signed_in(user)
    try:
        service = Service.objects.select_related("directorate").get(pk=pk)
    except Service.DoesNotExist:
        raise Http404 from None
    access = user.access
    if not (access.is_performance_officer or service.pk in access.data_service_ids):
        raise PermissionDenied
    return service


def get_period(pk):
    try:
        return Period.objects.get(pk=pk)
    except Period.DoesNotExist:
        raise Http404 from None


def get_group_for_user(user, pk, *, write=False):
    _require_signed_in(user)
    try:
        group = ComparatorGroup.objects.get(pk=pk)
    except ComparatorGroup.DoesNotExist:
        raise Http404 from None
    if write and not can_edit_library(user):
        raise PermissionDenied
    return group


def get_import_for_user(user, pk):
    """An import is seen by whoever uploaded it and by the performance team."""
    _require_signed_in(user)
    try:
        data_import = DataImport.objects.select_related("uploaded_by", "indicator", "group").get(pk=pk)
    except DataImport.DoesNotExist:
        raise Http404 from None
    if data_import.uploaded_by_id != user.pk and not can_edit_library(user):
        raise PermissionDenied
    if data_import.kind == DataImport.Kind.BENCHMARKS and not can_edit_library(user):
        raise PermissionDenied
    return data_import


def entry_services(user):
    """Services whose figures the person may enter."""
    if not user.is_authenticated:
        return Service.objects.none()
    if user.access.is_performance_officer:
        return Service.objects.filter(indicators__isnull=False).distinct()
    return Service.objects.filter(pk__in=user.access.data_service_ids)


# Targets and series -----------------------------------------------------------


class TargetBook:
    """Targets by period; a quarter or month without its own target takes its year's."""

    def __init__(self, targets):
        self.by_period = {}
        self.by_year = {}
        for target in targets:
            self.by_period[(target.indicator_id, target.period_id)] = target
            if target.period.kind == P.YEAR:
                self.by_year[(target.indicator_id, target.period.fiscal_year)] = target

    def get(self, indicator_id, period):
        return self.by_period.get((indicator_id, period.pk)) or self.by_year.get((indicator_id, period.fiscal_year))


def compute_rag(indicator, actual, target, previous_actual):
    if target is None:
        return None
    return R.rag_status(actual, target.value, indicator.polarity, indicator.tolerance_rule,
                        target_upper=target.value_upper, previous=previous_actual)


def travel(indicator, current, earlier, target=None):
    return R.direction_of_travel(
        current, earlier, indicator.polarity,
        target=target.value if target else None, target_upper=target.value_upper if target else None,
    )


@dataclass
class SeriesRow:
    period: Period
    value: IndicatorValue | None = None
    target: Target | None = None
    vs_previous: R.Direction | None = None
    vs_last_year: R.Direction | None = None
    benchmark: object = None  # benchmarks.Summary
    england: object = None  # the England figure for the period
    band: int | None = None
    version: int = 1
    version_break: bool = False

    @property
    def actual(self):
        return self.value.actual if self.value else None

    @property
    def band_label(self):
        return BAND_LABELS.get(self.band, "")


def _actuals_by_start(values):
    return {(v.period.kind, v.period.start): v.actual for v in values if v.actual is not None}


def _earlier(actuals, period, step):
    spec = period.spec
    earlier = step(spec)
    return actuals.get((earlier.kind, earlier.start))


def our_area_code():
    council = Council.objects.only("ons_code").first()
    return council.ons_code if council else ""


def version_for(versions, period):
    """The definition version in force for a period: the last one effective by its start."""
    number = 1
    for version in versions:
        if version.effective_from is None or version.effective_from <= period.start:
            number = version.number
    return number


# The indicator page shows this many financial years of the series unless asked for all of them: a long
# history costs the same to show, and earlier years are a click away. A monthly indicator shows three years
# (36 rows, as a council's monthly scorecard does) and a quarterly one five: ten years of months is a
# 120-row table nobody reads, and its rendering was most of the page's time.
SERIES_YEARS = 10
SERIES_YEARS_BY_FREQUENCY = {P.MONTH: 3, P.QUARTER: 5, P.YEAR: SERIES_YEARS}


def series_years(indicator):
    """How many financial years the indicator page shows unless asked for every year."""
    return SERIES_YEARS_BY_FREQUENCY.get(indicator.frequency, SERIES_YEARS)


def indicator_page(user, indicator, *, group_id=None, years=SERIES_YEARS, today=None):
    """Everything the indicator page shows: the series, benchmarks, versions and chart data.

    The last `years` financial years (None: all of them). Nine queries whatever the length of the
    series or the size of the group; with a number of years, what is read does not grow with the history
    before them.
    """
    today = today or timezone.localdate()
    values = IndicatorValue.objects.visible_to(user).filter(indicator=indicator).select_related(
        "entered_by", "verified_by").order_by("period__start")
    targets = Target.objects.filter(indicator=indicator)
    groups, group = comparator_group_choice(group_id)
    if years is None:
        values = list(values.select_related("period"))
        targets = list(targets.select_related("period"))
        benchmarks = benchmark_rows(Q(indicator=indicator), group)
        earlier, shown = False, None
    else:
        first = P.year(P.fiscal_year_of(today) - years + 1).start
        # A year more of our own figures than is shown, for the direction of travel of the first rows. The
        # periods are read once and shared by the figures, targets and benchmarks that fall in them.
        # The periods are named by a subquery, not a list of ids: hundreds of parameters cost more to pass
        # than the page's own work.
        read = Period.objects.filter(start__gte=first - timedelta(days=400))
        periods = {p.pk: p for p in read}
        shown = {pk for pk, p in periods.items() if p.start >= first}
        window = Q(period_id__in=read.filter(start__gte=first).values("pk"))
        earlier = IndicatorValue.objects.visible_to(user).filter(indicator=indicator,
                                                                period__start__lt=first).exists()
        values = list(values.filter(period_id__in=read.values("pk")))
        targets = list(targets.filter(window))
        benchmarks = benchmark_rows(Q(indicator=indicator) & window, group, periods=periods)
        _share_periods(values, periods)
        _share_periods(targets, periods)
    versions = list(IndicatorVersion.objects.filter(indicator=indicator).order_by("number"))
    rows, by_period = series_rows(indicator, values, TargetBook(targets), versions, benchmarks, group,
                                  our_area_code(), shown=shown)

    latest = next((r for r in reversed(rows) if r.actual is not None), None)
    latest_benchmark = next((r for r in reversed(rows) if r.benchmark and r.benchmark.ours is not None), None)
    comparator_table = []
    if latest_benchmark:
        comparator_table = sorted(
            by_period[latest_benchmark.period.pk],
            key=lambda b: (b.value is None, -(b.value or 0) if indicator.polarity != R.LOWER else (b.value or 0)),
        )
    has_benchmarks = any(r.benchmark or r.england is not None for r in rows)
    return {
        "rows": rows,
        "has_benchmarks": has_benchmarks,
        "has_group_figures": any(r.benchmark for r in rows),
        "has_commentary": any(r.value and r.value.commentary for r in rows),
        "latest": latest,
        "latest_benchmark": latest_benchmark,
        "comparator_table": comparator_table,
        "groups": groups,
        "group": group,
        "versions": versions,
        "chart": chart_data(indicator, rows, group),
        "years": years,
        "earlier_years": earlier,
    }


def comparator_group_choice(group_id=None):
    """Every comparator group (with its size), and the one asked for, else the default, else the first."""
    groups = list(ComparatorGroup.objects.annotate(size=Count("areas")))
    group = next((g for g in groups if str(g.pk) == str(group_id)), None) if group_id else None
    return groups, group or next((g for g in groups if g.is_default), None) or (groups[0] if groups else None)


def benchmark_rows(condition, group, *, periods=None):
    """England's figures and the group's members' (with `in_group`) matching a condition: one query.

    `periods` ({id: Period}) when the caller has read every period the condition allows: they are shared,
    not read again with each figure."""
    area_filter = Q(area__kind=ComparatorArea.Kind.COUNTRY)
    membership = Value(False)
    if group:
        members = ComparatorGroup.areas.through.objects.filter(comparatorgroup=group, comparatorarea=OuterRef("area"))
        area_filter |= Q(Exists(members))
        membership = Exists(members)
    found = BenchmarkValue.objects.filter(condition).filter(area_filter).annotate(in_group=membership)
    if periods is None:
        return list(found.select_related("period", "area"))
    return _share_periods(list(found.select_related("area")), periods)


def _share_periods(items, periods):
    """Give each figure, target or benchmark its period from `periods` ({id: Period}), read once for them
    all, as select_related would have given it a copy of its own."""
    if items:
        field = type(items[0])._meta.get_field("period")
        for item in items:
            field.set_cached_value(item, periods[item.period_id])
    return items


def series_rows(indicator, values, targets, versions, benchmarks, group, ours, *, shown=None):
    """The indicator page's series, without a query: a row for each period with one of the indicator's figures
    (those in `shown`, a set of period ids, if given), or with a target or a benchmark of its frequency.

    Returns the rows and the comparators' benchmark rows by period id (our own council left out).
    """
    by_period = defaultdict(list)
    england = {}
    for b in benchmarks:
        if b.period.kind != indicator.frequency:
            continue
        if b.area.kind == ComparatorArea.Kind.COUNTRY:
            england[b.period.pk] = b.value
        if b.in_group and b.area.ons_code != ours:
            by_period[b.period.pk].append(b)

    periods_by_pk = {v.period.pk: v.period for v in values if shown is None or v.period.pk in shown}
    for t in targets.by_period.values():
        if t.period.kind == indicator.frequency:
            periods_by_pk[t.period.pk] = t.period
    for b in benchmarks:
        if b.period.kind == indicator.frequency:
            periods_by_pk[b.period.pk] = b.period
    actuals = _actuals_by_start(values)
    value_by_period = {v.period_id: v for v in values}
    rows = []
    previous_version = None
    for period in sorted(periods_by_pk.values(), key=lambda p: p.start):
        value = value_by_period.get(period.pk)
        target = targets.get(indicator.pk, period)
        actual = value.actual if value else None
        row = SeriesRow(period=period, value=value, target=target)
        row.vs_previous = travel(indicator, actual, _earlier(actuals, period, P.previous), target)
        row.vs_last_year = travel(indicator, actual, _earlier(actuals, period, P.same_period_last_year), target)
        comparators = by_period.get(period.pk, [])
        if group and comparators:
            row.benchmark = summarise([b.value for b in comparators], actual, indicator.polarity,
                                      minimum_sample=group.minimum_sample, group_size=group.size)
        row.england = england.get(period.pk)
        row.band = paf_band(actual, indicator.band_thresholds, indicator.polarity, cap=indicator.band_cap,
                            key_thresholds=indicator.band_key_thresholds)
        row.version = version_for(versions, period)
        row.version_break = previous_version is not None and row.version != previous_version
        previous_version = row.version
        rows.append(row)
    return rows, by_period


PERIODS_A_YEAR = {P.MONTH: 12, P.QUARTER: 4, P.YEAR: 1}


VALUE_AUDIT_FIELDS = ("entered_by", "entered_at", "submitted_by", "submitted_at", "verified_by", "verified_at",
                      "published_by", "published_at", "first_published_at")


def recent_series(user, indicators, *, until, count):
    """The indicator page's series of many indicators up to a day (a report's period end): seven queries
    whatever their number.

    Reads each indicator's figures, targets and benchmarks in the `count` periods of each kind up to `until`
    and a year more (for the direction of travel of the first of them), so an indicator's rows are the
    page's last `count` rows unless its series has gaps. Returns the default comparator group and
    {indicator id: rows ending by `until`}.
    """
    indicators = list(indicators)
    firsts = {kind: back(P.containing(kind, until), count + per_year).start for kind, per_year in PERIODS_A_YEAR.items()}
    periods = {p.pk: p for p in Period.objects.filter(start__gte=min(firsts.values()), start__lte=until)
               if p.start >= firsts[p.kind]}
    ids = [i.pk for i in indicators]
    window = Q(indicator_id__in=ids, period_id__in=list(periods))
    values, targets, versions, benchmarks = (defaultdict(list) for _ in range(4))
    # A report reads tens of thousands of figures: not who entered, verified and published each, nor when.
    for v in _share_periods(list(IndicatorValue.objects.visible_to(user).filter(window).order_by()
                                 .defer(*VALUE_AUDIT_FIELDS)), periods):
        values[v.indicator_id].append(v)
    for t in _share_periods(list(Target.objects.filter(window).order_by()), periods):
        targets[t.indicator_id].append(t)
    for version in IndicatorVersion.objects.filter(indicator_id__in=ids).order_by("number"):
        versions[version.indicator_id].append(version)
    _, group = comparator_group_choice()
    for b in benchmark_rows(window, group, periods=periods):
        benchmarks[b.indicator_id].append(b)
    ours = our_area_code()
    found = {}
    for indicator in indicators:
        rows, _ = series_rows(indicator, values[indicator.pk], TargetBook(targets[indicator.pk]),
                              versions[indicator.pk], benchmarks[indicator.pk], group, ours)
        found[indicator.pk] = [r for r in rows if r.period.end <= until]
    return group, found


def _num(value):
    return float(value) if value is not None else None


def chart_data(indicator, rows, group):
    """The figures the Plotly chart draws; the page's table shows the same ones."""
    from django.conf import settings
    from django.utils.text import slugify

    return {
        "ours": settings.COUNCIL_NAME,
        "colour": settings.COUNCIL_COLOUR,
        "filename": slugify(indicator.code),
        "title": f"{indicator.code}: {indicator.name}",
        "unit": indicator.get_unit_display(),
        "suffix": indicator.unit_suffix.strip(),
        "polarity": indicator.get_polarity_display(),
        "periods": [r.period.label for r in rows],
        "actual": [_num(r.actual) for r in rows],
        "provisional": [bool(r.value and r.value.is_provisional) for r in rows],
        "target": [_num(r.target.value) if r.target else None for r in rows],
        "median": [_num(r.benchmark.median) if r.benchmark else None for r in rows],
        "lower_quartile": [_num(r.benchmark.lower_quartile) if r.benchmark else None for r in rows],
        "upper_quartile": [_num(r.benchmark.upper_quartile) if r.benchmark else None for r in rows],
        "england": [_num(r.england) for r in rows],
        "group": group.name if group else "",
        "breaks": [{"period": r.period.label, "version": r.version} for r in rows if r.version_break],
    }


# Lists ------------------------------------------------------------------------


@dataclass
class ListRow:
    indicator: Indicator
    latest: IndicatorValue | None = None
    target: Target | None = None
    vs_previous: R.Direction | None = None
    vs_last_year: R.Direction | None = None


def library(user, *, framework="", service=None, q="", ids=None):
    """The indicators the person may see, filtered and in the library's order (a queryset)."""
    indicators = Indicator.objects.visible_to(user).select_related("service", "accountable_officer")
    if ids is not None:
        indicators = indicators.filter(pk__in=ids)
    if framework:
        indicators = indicators.filter(framework=framework)
    if service:
        indicators = indicators.filter(service=service)
    if q:
        indicators = indicators.filter(Q(code__icontains=q) | Q(name__icontains=q))
    return indicators.order_by("framework", "code")


# What a row of a list, a dashboard or the public home page needs of each indicator, rated or not (list_rows):
# making 600 whole indicators, with their definitions, JSON band settings, timestamps and accountable officers,
# cost more than everything else on such a page.
ROW_FIELDS = ("code", "name", "framework", "unit", "polarity", "frequency", "decimal_places", "is_active",
              "service__name")


def row_indicators(indicators, *, services=True):
    """Read these indicators (a queryset) with ROW_FIELDS only, each given its service from one more query
    (none without `services`, for a page that names no service): a council's 600 indicators share 40
    services, and making a copy of its service with each indicator (select_related) was a fifth of the work
    of a dashboard built from kept rows."""
    own = [name for name in ROW_FIELDS if "__" not in name]
    indicators = list(indicators.select_related(None).only(*own, "service"))
    if not services:
        return indicators
    services = Service.objects.only("name").in_bulk({i.service_id for i in indicators})
    field = Indicator._meta.get_field("service")
    for indicator in indicators:
        field.set_cached_value(indicator, services[indicator.service_id])
    return indicators


def indicator_list(user, *, framework="", service=None, rag="", q="", status="", ids=None, lean=False):
    """Indicators with their latest visible value, its target, RAG and direction.

    Five queries, whatever the length of the indicators' history (see indicators.figures). `lean`: only what
    a row shows of each indicator (ROW_FIELDS) and not its service, for a page that shows no more.
    """
    indicators = library(user, framework=framework, service=service, q=q, ids=ids)
    indicators = row_indicators(indicators, services=False) if lean else list(indicators)
    rows = rows_for(user, indicators)
    if rag:
        rows = [r for r in rows if r.latest is not None and r.latest.rag == rag]
    if status:
        rows = [r for r in rows if r.latest is not None and r.latest.status == status]
    return rows


def rows_for(user, indicators):
    """A ListRow for each of these indicators, with the figures the person may see.

    Each indicator's row is kept until its figures change (indicators.row_cache): four queries for the
    indicators whose rows are not kept, none when all are.
    """

    def build(missing):
        figures = RecentFigures(IndicatorValue.objects.visible_to(user), missing, earlier=True)
        return {r.indicator.pk: (r.latest, r.target, r.vs_previous, r.vs_last_year)
                for r in list_rows(missing, figures)}

    kept = row_cache.rows(user, indicators, build, kind="latest")
    return [ListRow(indicator, *kept[indicator.pk]) for indicator in indicators]


def list_rows(indicators, figures):
    """A ListRow for each indicator from its RecentFigures: one or two queries (the targets; the earlier figures
    unless the figures were read with `earlier`)."""
    earlier = figures.earlier_actuals()
    targets = TargetBook(figures.targets())
    rows = []
    for indicator in indicators:
        row = ListRow(indicator)
        value = figures.latest.get(indicator.pk)
        if value is not None:
            spec = spec_of(value.period.kind, value.period.start)
            before, year_before = back(spec, 1), P.same_period_last_year(spec)
            row.latest = value
            row.target = targets.get(indicator.pk, value.period)
            row.vs_previous = travel(indicator, value.actual,
                                     earlier.get((indicator.pk, before.kind, before.start)), row.target)
            row.vs_last_year = travel(indicator, value.actual,
                                      earlier.get((indicator.pk, year_before.kind, year_before.start)), row.target)
        rows.append(row)
    return rows


def latest_figures(user, indicator_ids):
    """The latest figure, target, RAG and direction the person may see for some indicators, by id.

    For other apps (service plans, dashboards) that show an indicator's status: a fixed number of queries.
    """
    wanted = set(indicator_ids)
    if not wanted:
        return {}
    return {row.indicator.pk: row for row in indicator_list(user, ids=wanted)}


@dataclass
class GridRow:
    indicator: Indicator
    value: IndicatorValue | None
    target: Target | None
    previous: IndicatorValue | None
    last_year: IndicatorValue | None

    @property
    def is_locked(self):
        """Published and verified figures are changed one at a time, with a reason."""
        return self.value is not None and self.value.status in (ValueStatus.VERIFIED, ValueStatus.PUBLISHED)


def entry_grid(service, period):
    """The indicators due for a service in a period, with this, the last and last year's values: four queries."""
    indicators = list(
        Indicator.objects.filter(service=service, is_active=True, frequency=period.kind).order_by("framework", "code")
    )
    spec = period.spec
    earlier_specs = [P.previous(spec), P.same_period_last_year(spec)]
    earlier = {(p.start): p for p in Period.objects.filter(kind=period.kind,
                                                           start__in=[s.start for s in earlier_specs])}
    previous_period = earlier.get(earlier_specs[0].start)
    last_year_period = earlier.get(earlier_specs[1].start)
    period_ids = [p.pk for p in (period, previous_period, last_year_period) if p]
    values = {
        (v.indicator_id, v.period_id): v
        for v in IndicatorValue.objects.filter(indicator__in=indicators, period_id__in=period_ids)
        .select_related("entered_by", "period")
    }
    targets = TargetBook(
        Target.objects.filter(indicator__in=indicators)
        .filter(Q(period=period) | Q(period__kind=P.YEAR, period__fiscal_year=period.fiscal_year))
        .select_related("period")
    )
    return [
        GridRow(
            indicator=i,
            value=values.get((i.pk, period.pk)),
            target=targets.get(i.pk, period),
            previous=values.get((i.pk, previous_period.pk)) if previous_period else None,
            last_year=values.get((i.pk, last_year_period.pk)) if last_year_period else None,
        )
        for i in indicators
    ]


def entry_periods(today=None, *, quarters=6, months=6, years=3):
    """Recent periods a data officer may want to enter, newest first, created if missing."""
    from indicators.services import periods_ensure

    today = today or timezone.localdate()
    specs = []
    spec = P.previous(P.containing(P.QUARTER, today))
    for _ in range(quarters):
        specs.append(spec)
        spec = P.previous(spec)
    spec = P.previous(P.containing(P.MONTH, today))
    for _ in range(months):
        specs.append(spec)
        spec = P.previous(spec)
    spec = P.previous(P.containing(P.YEAR, today))
    for _ in range(years):
        specs.append(spec)
        spec = P.previous(spec)
    found = periods_ensure(specs)
    return [found[s] for s in specs]


def entry_progress(services, period_list):
    """For each service and period: how many indicators are due and how many have a value. Two queries."""
    service_ids = [s.pk for s in services]
    due = defaultdict(int)
    due_days = {}
    for service_id, frequency, count, days in (
        Indicator.objects.filter(service_id__in=service_ids, is_active=True)
        .values_list("service_id", "frequency").annotate(n=Count("pk"), days=Min("due_days"))
    ):
        due[(service_id, frequency)] = count
        due_days[(service_id, frequency)] = days
    entered = defaultdict(lambda: defaultdict(int))
    for service_id, period_id, status, count in (
        IndicatorValue.objects.filter(indicator__service_id__in=service_ids, indicator__is_active=True,
                                      period__in=period_list)
        .values_list("indicator__service_id", "period_id", "status").annotate(n=Count("pk"))
    ):
        entered[(service_id, period_id)][status] += count
    return {
        (service.pk, period.pk): {"due": due[(service.pk, period.kind)],
                                  "due_days": due_days.get((service.pk, period.kind), 28),
                                  **entered[(service.pk, period.pk)]}
        for service in services for period in period_list
    }


def verification_queue(user):
    """Submitted values awaiting verification in the services the person manages."""
    values = IndicatorValue.objects.filter(status=ValueStatus.SUBMITTED).select_related(
        "indicator__service", "period", "entered_by", "submitted_by")
    if not user.access.is_performance_officer:
        values = values.filter(indicator__service_id__in=user.access.managed_service_ids)
    return values.order_by("indicator__service__name", "period__start", "indicator__code")


def publication_queue():
    return IndicatorValue.objects.filter(status=ValueStatus.VERIFIED).select_related(
        "indicator__service", "period", "entered_by", "verified_by"
    ).order_by("indicator__service__name", "period__start", "indicator__code")


def revisions_of(value):
    return ValueRevision.objects.filter(value=value).select_related("actor").order_by("at", "pk")


def comparator_groups():
    return ComparatorGroup.objects.annotate(size=Count("areas")).prefetch_related(
        Prefetch("areas", queryset=ComparatorArea.objects.order_by("name"))
    )


# Watchlist --------------------------------------------------------------------


@dataclass
class WatchItem:
    indicator: Indicator
    rule: ExceptionRule
    reason: str
    latest: IndicatorValue | None = None
    periods: list = field(default_factory=list)


# The watchlist judges each indicator on its figures in the longest run a rule asks for, and this many
# more periods, up to its latest figure.
WATCH_EXTRA_PERIODS = 2


def watch_rules():
    return list(ExceptionRule.objects.filter(is_active=True).select_related("comparator_group"))


def watch_span(rules):
    return max((rule.periods for rule in rules), default=1) + WATCH_EXTRA_PERIODS


@dataclass
class Comparators:
    """The comparator groups, the default one, and each group's areas other than our own council: two queries."""

    groups: list
    default: ComparatorGroup | None
    members: dict

    @classmethod
    def read(cls):
        """One query: each group joined to its areas (a group without any still comes back, once)."""
        fields = [f.attname for f in ComparatorGroup._meta.concrete_fields]
        rows = (ComparatorGroup.objects
                .annotate(ours=Exists(Council.objects.filter(ons_code=OuterRef("areas__ons_code"))))
                .values_list(*fields, "areas__id", "ours"))
        groups, members = {}, defaultdict(set)
        for row in rows:
            group_id, area_id, ours = row[0], row[-2], row[-1]
            if group_id not in groups:
                groups[group_id] = ComparatorGroup.from_db("default", fields, row[:len(fields)])
            if area_id is not None and not ours:
                members[group_id].add(area_id)
        groups = list(groups.values())
        default = next((g for g in groups if g.is_default), groups[0] if groups else None)
        return cls(groups, default, members)

    def areas_for(self, rules):
        """The areas of the default group and of the groups the bottom-quartile rules name."""
        groups = {self.default.pk} if self.default else set()
        groups |= {r.comparator_group_id for r in rules if r.kind == ExceptionRule.Kind.BOTTOM_QUARTILE
                   and r.comparator_group_id}
        return set().union(*(self.members[pk] for pk in groups)) if groups else set()


def comparator_figures(periods_by_indicator, areas):
    """Comparators' figures for these indicators and periods, from these areas: one query.

    Returns {(indicator id, period id): [(area id, value)]}; a value is None where the publisher had no data.
    """
    found = defaultdict(list)
    if not areas or not any(periods_by_indicator.values()):
        return found
    for indicator_id, period_id, area_id, value in (
            BenchmarkValue.objects.filter(pairs_q(periods_by_indicator), area_id__in=areas).order_by()
            .values_list("indicator_id", "period_id", "area_id", "value")):
        found[(indicator_id, period_id)].append((area_id, value))
    return found


def watchlist(*, user=None, rules=None, indicators=None, figures=None, comparators=None, benchmarks=None):
    """Indicators caught by the active exception rules, on verified and published figures.

    Each indicator is judged on its latest few periods (a run longer than that is reported as "or
    more"), so the cost does not grow with the length of its history. The scrutiny dashboards pass in
    what they have already read; on its own, nine queries.
    """
    rules = watch_rules() if rules is None else rules
    if not rules:
        return []
    if indicators is None:
        indicators = Indicator.objects.filter(is_active=True).select_related("service")
        indicators = list(indicators.visible_to(user) if user is not None else indicators)
    span = watch_span(rules)
    if figures is None:
        values = IndicatorValue.objects.all()
        values = values.visible_to(user) if user is not None else values.filter(status__in=(
            ValueStatus.VERIFIED, ValueStatus.PUBLISHED))
        figures = RecentFigures(values, indicators, span=span)
    series = {i.pk: figures.series(i.pk, span) for i in indicators}

    quartile_rules = [r for r in rules if r.kind == ExceptionRule.Kind.BOTTOM_QUARTILE]
    if quartile_rules:
        comparators = comparators or Comparators.read()
        if benchmarks is None:
            benchmarks = comparator_figures({pk: [p.period_id for p in points] for pk, points in series.items()},
                                            comparators.areas_for(quartile_rules))

    def last(run, longest):
        """"the last 3 periods", or "the last 5 periods or more" when the run may go on before the periods read."""
        return f"the last {run} periods or more" if run >= longest else f"the last {run} periods"

    found = []
    for indicator in indicators:
        own = series.get(indicator.pk)
        if not own:
            continue
        for rule in rules:
            if rule.framework and rule.framework != indicator.framework:
                continue
            reason = None
            if rule.kind == ExceptionRule.Kind.RED_RUN:
                run = R.consecutive_from_end(own, lambda p: p.rag == R.RED)
                if run >= rule.periods:
                    reason = f"Red for {last(run, span)}"
            elif rule.kind == ExceptionRule.Kind.DETERIORATING:
                run = R.deteriorating_run([p.actual for p in own], indicator.polarity)
                if run >= rule.periods:
                    reason = f"Worse in each of {last(run, span - 1)}"
            else:
                group = rule.comparator_group or comparators.default
                if group is None:
                    continue
                members = comparators.members.get(group.pk, set())
                for point in reversed(own):
                    values = [value for area_id, value in benchmarks.get((indicator.pk, point.period_id), ())
                              if area_id in members]
                    if values:
                        summary = summarise(values, point.actual, indicator.polarity,
                                            minimum_sample=group.minimum_sample)
                        if summary.is_bottom_quartile:
                            reason = (f"Bottom quartile of {group.name} in {point.label} "
                                      f"(ranked {summary.rank} of {summary.ranked_among})")
                        break
            if reason:
                found.append(WatchItem(indicator, rule, reason, figures.latest.get(indicator.pk)))
    return found


def values_for_export(user, *, service=None, fiscal_year=None):
    """Values the person may see, for the template that imports them back."""
    values = IndicatorValue.objects.visible_to(user).select_related("indicator", "period")
    if service:
        values = values.filter(indicator__service=service)
    if fiscal_year:
        values = values.filter(period__fiscal_year=fiscal_year)
    return values.order_by("indicator__code", "period__start")
