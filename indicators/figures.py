"""The figures that pages about "now" read: each indicator's latest figure and the few periods before it.

A council keeps years of figures; the indicator list, the dashboards, the
watchlist and the golden thread only need the latest of each and a few
before it. Reading them by period first (the periods of the last few years,
one small query) and then by (indicator, period) through the unique index
on both keeps what a page reads to the number of indicators, whatever the
length of their history: ten years or a hundred cost the same.
"""

from collections import defaultdict
from functools import lru_cache
from typing import NamedTuple

from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone

from indicators import periods as P
from indicators.models import Indicator, IndicatorValue, Period

# An indicator's latest figure is looked for among the periods of each kind from this many before
# today onwards (figures arrive a month or two after a period ends, and are verified later still);
# only indicators with no figure there are searched further back.
RECENT_PERIODS = {P.MONTH: 6, P.QUARTER: 3, P.YEAR: 3}
# The periods read up front: from the start of this many financial years ago onwards.
RECENT_YEARS = 5
# What a latest figure carries, in the model's field order (as Model.from_db needs); the rest of the row is
# read only if asked for.
VALUE_FIELDS = ("id", "indicator_id", "period_id", "actual", "commentary", "is_provisional", "status", "rag")
RAG_AT = VALUE_FIELDS.index("rag")


class PeriodIndex:
    """The Period rows a page about now needs, read in one query and looked up by id or spec.

    Older periods (an indicator whose figures stopped years ago) are read on demand, one query
    for all of them.
    """

    def __init__(self, today=None):
        self.today = today or timezone.localdate()
        self.since = P.year(P.fiscal_year_of(self.today) - RECENT_YEARS).start
        self.by_id = {}
        self.by_spec = {}
        self._load(Q(start__gte=self.since))

    def _load(self, condition):
        for period in Period.objects.filter(condition):
            self.by_id[period.pk] = period
            self.by_spec[(period.kind, period.start)] = period

    def read_from(self, first):
        """Make sure every period from `first` on is known."""
        if first < self.since:
            self._load(Q(start__gte=first, start__lt=self.since))
            self.since = first

    def read(self, specs):
        """Make sure the periods of these specs are known."""
        missing = {(s.kind, s.start) for s in specs if (s.kind, s.start) not in self.by_spec and s.start < self.since}
        if missing:
            condition = Q(pk__in=[])
            for kind, start in missing:
                condition |= Q(kind=kind, start=start)
            self._load(condition)

    def ids_from(self, kind, first, last=None):
        """Ids of the periods of a kind (any kind when None) starting from `first` up to `last` (open when None)."""
        return [p.pk for (k, start), p in self.by_spec.items()
                if (kind is None or k == kind) and start >= first and (last is None or start <= last)]

    def ids_of(self, specs):
        return [self.by_spec[(s.kind, s.start)].pk for s in specs if (s.kind, s.start) in self.by_spec]


def pairs_q(period_ids_by_indicator):
    """A Q over rows of these indicators in these periods: {indicator id: period ids}."""
    by_periods = defaultdict(set)
    for indicator_id, period_ids in period_ids_by_indicator.items():
        if period_ids:
            by_periods[frozenset(period_ids)].add(indicator_id)
    condition = Q(pk__in=[])
    for period_ids, ids in by_periods.items():
        condition |= Q(period_id__in=period_ids, indicator_id__in=ids)
    return condition


@lru_cache(maxsize=8192)
def back(spec, steps):
    """The period `steps` periods before `spec` (pure; cached, since every page asks for the same few)."""
    for _ in range(steps):
        spec = P.previous(spec)
    return spec


@lru_cache(maxsize=8192)
def spec_of(kind, start):
    return P.containing(kind, start)


@lru_cache(maxsize=8192)
def last_year(spec):
    """The same period a year before (pure; cached)."""
    return P.same_period_last_year(spec)


class Point(NamedTuple):
    """One figure of a series, as the watchlist and the comparisons read it (a tuple: thousands are made per
    page, and a frozen dataclass costs several times as much to make)."""

    period_id: int
    start: object
    kind: str
    label: str
    actual: object
    rag: str


class RecentFigures:
    """Each indicator's latest figure among `values` (of its own frequency), and its figures of every kind
    in the `span` periods up to it.

    `values` is an IndicatorValue queryset already narrowed to what the person may see. Two queries (the
    periods, then the figures), and two or three more only when some indicator has no figure in the
    recent periods.

    With `earlier`, the same query also reads the figures of the period before each recent period and of
    the same period a year before, so that earlier_actuals() (the direction of travel) needs no query of
    its own for an indicator whose latest figure is recent.
    """

    def __init__(self, values, indicators, *, span=1, periods=None, earlier=False):
        self.periods = periods or PeriodIndex()
        self.span = span
        self.latest = {}
        self.points = defaultdict(list)
        self.frequency = {i.pk: i.frequency for i in indicators}
        self._earlier_ids = set()  # the periods whose figures were read into self._actuals
        self._actuals = {}
        if not self.frequency:
            return
        self.values = values.filter(indicator_id__in=self.frequency, actual__isnull=False).order_by()
        window = []
        for kind, count in RECENT_PERIODS.items():
            window += self.periods.ids_from(kind, back(P.containing(kind, self.periods.today),
                                                       count + span - 2).start)
        read = set(window)
        if earlier:
            specs = [spec_of(p.kind, p.start) for p in map(self.periods.by_id.__getitem__, window)]
            read.update(self.periods.ids_of([back(s, 1) for s in specs] + [last_year(s) for s in specs]))
            self._earlier_ids = read
        rows = list(self.values.filter(period_id__in=read).values_list(*VALUE_FIELDS))
        if earlier:
            self._actuals = {(row[1], row[2]): row[3] for row in rows}  # (indicator id, period id): actual
            in_window = set(window)
            rows = [row for row in rows if row[2] in in_window]
        self._take(rows)
        missing = [pk for pk in self.frequency if pk not in self.latest]
        if missing:
            self._search_back(missing)

    def _take(self, rows):
        newest = {}
        for row in rows:
            period = self.periods.by_id[row[2]]
            indicator_id = row[1]
            self.points[indicator_id].append(Point(period.pk, period.start, period.kind, period.label, row[3],
                                                   row[RAG_AT]))
            if period.kind == self.frequency[indicator_id] and (
                    indicator_id not in newest or period.start > newest[indicator_id][0].start):
                newest[indicator_id] = (period, row)
        for indicator_id, (period, row) in newest.items():
            value = IndicatorValue.from_db("default", VALUE_FIELDS, row)
            value.period = period
            self.latest[indicator_id] = value
        for points in self.points.values():
            points.sort(key=lambda p: (p.start, p.kind))

    def _search_back(self, missing):
        """The latest figure of indicators with none in the recent periods, and the periods before it."""
        newest = (self.values.filter(indicator_id=OuterRef("pk"), period__kind=OuterRef("frequency"))
                  .order_by("-period__start").values("pk")[:1])
        rows = list(self.values.filter(pk__in=Indicator.objects.filter(pk__in=missing)
                                       .annotate(newest=Subquery(newest)).values("newest"))
                    .values_list(*VALUE_FIELDS, "period__kind", "period__start"))
        if not rows:
            return
        firsts = {row[1]: (row[-2], back(spec_of(row[-2], row[-1]), self.span - 1).start, row[-1])
                  for row in rows}
        self.periods.read_from(min(first for _, first, _ in firsts.values()))
        wanted = {indicator_id: self.periods.ids_from(None, first, last)
                  for indicator_id, (_, first, last) in firsts.items()}
        self._take(list(self.values.filter(pairs_q(wanted)).values_list(*VALUE_FIELDS)))

    def series(self, indicator_id, count=None):
        """The indicator's own-frequency figures in the `count` periods up to its latest (all read: `span`)."""
        latest = self.latest.get(indicator_id)
        if latest is None:
            return []
        period = latest.period
        first = back(spec_of(period.kind, period.start), (count or self.span) - 1).start
        return [p for p in self.points[indicator_id] if p.kind == period.kind and first <= p.start <= period.start]

    def around(self, indicator_id, count=None):
        """Figures of any kind of period starting in the `count` periods up to the latest."""
        latest = self.latest.get(indicator_id)
        if latest is None:
            return []
        period = latest.period
        first = back(spec_of(period.kind, period.start), (count or self.span) - 1).start
        return [p for p in self.points[indicator_id] if first <= p.start <= period.start]

    def _was_read(self, spec):
        """Whether the figures of this period were read with the recent ones (or there is no such period)."""
        period = self.periods.by_spec.get((spec.kind, spec.start))
        if period is None:
            return spec.start >= self.periods.since  # the index holds every period from `since` on
        return period.pk in self._earlier_ids

    def earlier_actuals(self):
        """The actual of the period before each latest figure, and of the same period a year before.

        One query, or none when the recent figures were read with `earlier` and every latest figure is
        recent: {(indicator id, kind, start): actual}.
        """
        specs = {}
        found = {}
        for indicator_id, v in self.latest.items():
            spec = spec_of(v.period.kind, v.period.start)
            pair = [back(spec, 1), last_year(spec)]
            if self._earlier_ids and all(self._was_read(s) for s in pair):
                for s in pair:
                    period = self.periods.by_spec.get((s.kind, s.start))
                    if period is not None and (indicator_id, period.pk) in self._actuals:
                        found[(indicator_id, s.kind, s.start)] = self._actuals[(indicator_id, period.pk)]
                continue
            specs[indicator_id] = pair
        if not specs:
            return found
        self.periods.read([spec for pair in specs.values() for spec in pair])
        wanted = {indicator_id: self.periods.ids_of(pair) for indicator_id, pair in specs.items()}
        for indicator_id, period_id, actual in self.values.filter(pairs_q(wanted)).values_list(
                "indicator_id", "period_id", "actual"):
            period = self.periods.by_id[period_id]
            found[(indicator_id, period.kind, period.start)] = actual
        return found

    def targets(self):
        """The targets that apply to the latest figures (their period's own, or their year's): one query."""
        from indicators.models import Target

        years = {v.period.fiscal_year: P.year(v.period.fiscal_year) for v in self.latest.values()}
        self.periods.read(list(years.values()))
        year_ids = {year: self.periods.ids_of([spec]) for year, spec in years.items()}
        wanted = {indicator_id: [v.period_id, *year_ids[v.period.fiscal_year]]
                  for indicator_id, v in self.latest.items()}
        # Only what the RAG, the direction and the pages use of a target: not the note or who set it when.
        targets = list(Target.objects.filter(pairs_q(wanted)).order_by().defer("note", "set_by", "set_at"))
        for target in targets:
            target.period = self.periods.by_id[target.period_id]
        return targets
