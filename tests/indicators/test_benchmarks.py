"""Median, quartiles, rank and the small-sample warning against comparator councils."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indicators import rag as R
from indicators.benchmarks import quantile, quartiles, rank, summarise

D = Decimal


@pytest.mark.parametrize(("values", "expected"), [
    ([1, 2, 3, 4, 5], (2, 3, 4)),
    ([1, 2, 3, 4], (D("1.75"), D("2.5"), D("3.25"))),
    ([7], (7, 7, 7)),
    ([3, 1, 2], (D("1.5"), 2, D("2.5"))),
    ([10, 10, 10, 10], (10, 10, 10)),
])
def test_it_takes_inclusive_quartiles(values, expected):
    """Quartiles follow the inclusive method (Excel QUARTILE.INC)."""
    assert quartiles([D(v) for v in values]) == tuple(D(e) for e in expected)


@pytest.mark.parametrize(("ours", "polarity", "expected"), [
    (D(90), R.HIGHER, 1),
    (D(55), R.HIGHER, 3),    # 60 and 70 are better
    (D(60), R.HIGHER, 2),    # tied with 60: shares the better rank
    (D(55), R.LOWER, 3),     # 40 and 50 are better
    (D(10), R.LOWER, 1),
])
def test_it_ranks_us_among_the_comparators_best_first(ours, polarity, expected):
    assert rank(ours, [D(40), D(50), D(60), D(70)], polarity) == expected


def test_it_leaves_out_no_data_and_warns_on_a_small_sample():
    """NA is no data, not zero: it changes neither the median nor the count with data."""
    summary = summarise([D(10), None, D(20), None, D(30)], D(22), R.HIGHER, minimum_sample=4)
    assert summary.count == 3
    assert summary.group_size == 5
    assert summary.median == D(20)
    assert summary.small_sample is True
    assert (summary.rank, summary.ranked_among) == (2, 4)
    assert summary.quartile_label == "Second quartile"


def test_it_puts_a_worst_figure_in_the_bottom_quartile_by_polarity():
    values = [D(v) for v in (100, 200, 300, 400, 500)]
    assert summarise(values, D(600), R.LOWER).is_bottom_quartile
    assert summarise(values, D(600), R.HIGHER).quartile == 1
    assert summarise(values, D(50), R.HIGHER).is_bottom_quartile


def test_it_summarises_an_empty_group_without_failing():
    summary = summarise([None, None], D(5), R.HIGHER, minimum_sample=2)
    assert summary.count == 0
    assert summary.median is None
    assert summary.small_sample


samples = st.lists(st.decimals(min_value=-1000, max_value=1000, places=2, allow_nan=False, allow_infinity=False),
                   min_size=1, max_size=30)


@given(values=samples)
def test_it_keeps_the_quartiles_in_order_within_the_range(values):
    lower, median, upper = quartiles(values)
    assert min(values) <= lower <= median <= upper <= max(values)


@given(values=samples, p=st.decimals(min_value=0, max_value=1, places=2))
def test_it_does_not_care_about_the_order_of_the_figures(values, p):
    assert quantile(values, p) == quantile(list(reversed(values)), p)


@given(values=samples, ours=st.decimals(min_value=-1000, max_value=1000, places=2))
def test_it_mirrors_the_rank_when_polarity_is_swapped(values, ours):
    """Better-than-us one way is worse-than-us the other; ties count in neither."""
    ties = sum(1 for v in values if v == ours)
    assert rank(ours, values, R.HIGHER) + rank(ours, values, R.LOWER) == len(values) + 2 - ties
