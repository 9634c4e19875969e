"""Benchmarking against comparator councils: median, quartiles and rank, as pure functions.

Quartiles use the inclusive method (Excel's QUARTILE.INC, the default in most
statistics packages): the p-th quantile sits at position p x (n - 1) in the
sorted values, interpolating between neighbours. Missing values ("NA": no
data) are left out, never counted as zero.

Our rank is among the comparators with data plus ourselves, 1 being the best
by the indicator's polarity; equal values share a rank.
"""

from dataclasses import dataclass
from decimal import Decimal

from indicators.rag import HIGHER, LOWER

QUARTILE_LABELS = {1: "Top quartile", 2: "Second quartile", 3: "Third quartile", 4: "Bottom quartile"}


def _d(value):
    return value if isinstance(value, Decimal) else Decimal(str(value))


def quantile(values, p):
    """The inclusive p-quantile of some numbers (at least one)."""
    ordered = sorted(_d(v) for v in values)
    if not ordered:
        raise ValueError("No values to take a quantile of")
    position = _d(p) * (len(ordered) - 1)
    below = int(position)
    fraction = position - below
    if below + 1 >= len(ordered):
        return ordered[-1]
    return ordered[below] + (ordered[below + 1] - ordered[below]) * fraction


def quartiles(values):
    """Lower quartile, median and upper quartile."""
    return quantile(values, Decimal("0.25")), quantile(values, Decimal("0.5")), quantile(values, Decimal("0.75"))


def rank(ours, values, polarity):
    """Our position among the values and ourselves, 1 the best; ties share the better rank."""
    ours = _d(ours)
    if polarity == HIGHER:
        return 1 + sum(1 for v in values if _d(v) > ours)
    if polarity == LOWER:
        return 1 + sum(1 for v in values if _d(v) < ours)
    return None


def quartile_of(ours, lower, upper, median, polarity):
    """Which quartile of the comparators our value sits in, 1 the best and 4 the worst."""
    ours = _d(ours)
    if polarity == HIGHER:
        return 1 if ours >= upper else 2 if ours >= median else 3 if ours >= lower else 4
    if polarity == LOWER:
        return 1 if ours <= lower else 2 if ours <= median else 3 if ours <= upper else 4
    return None


@dataclass(frozen=True)
class Summary:
    count: int  # comparators with data
    group_size: int  # comparators in the group
    median: Decimal | None
    lower_quartile: Decimal | None
    upper_quartile: Decimal | None
    ours: Decimal | None
    rank: int | None
    ranked_among: int | None
    quartile: int | None
    minimum_sample: int

    @property
    def small_sample(self):
        return self.count < self.minimum_sample

    @property
    def quartile_label(self):
        return QUARTILE_LABELS.get(self.quartile, "")

    @property
    def is_bottom_quartile(self):
        return self.quartile == 4


def summarise(values, ours, polarity, *, minimum_sample=5, group_size=None):
    """Median, quartiles, our rank and quartile against comparator values (None is no data)."""
    values = list(values)
    present = [_d(v) for v in values if v is not None]
    group_size = len(values) if group_size is None else group_size
    if not present:
        return Summary(0, group_size, None, None, None, ours, None, None, None, minimum_sample)
    lower, median, upper = quartiles(present)
    our_rank = our_quartile = among = None
    if ours is not None:
        our_rank = rank(ours, present, polarity)
        among = len(present) + 1 if our_rank is not None else None
        our_quartile = quartile_of(ours, lower, upper, median, polarity)
    return Summary(len(present), group_size, median, lower, upper, ours, our_rank, among, our_quartile,
                   minimum_sample)
