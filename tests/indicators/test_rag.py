"""RAG status, tolerance rules and direction of travel: computed, never typed."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indicators import rag as R
from indicators.rag import ToleranceRule

STANDARD_5PC = ToleranceRule(R.STANDARD, R.PERCENTAGE, Decimal(5))
STANDARD_ABS = ToleranceRule(R.STANDARD, R.ABSOLUTE, Decimal(10))
HAVERING = ToleranceRule(R.IMPROVING, R.PERCENTAGE, Decimal(10))
BARNET = ToleranceRule(R.FOUR_LEVEL, R.PERCENTAGE, Decimal(5), Decimal(10))


@pytest.mark.parametrize(("actual", "target", "polarity", "rule", "expected"), [
    # Standard (Reigate): green on or better than target, amber within tolerance, red beyond.
    (80, 80, R.HIGHER, STANDARD_5PC, R.GREEN),
    (85, 80, R.HIGHER, STANDARD_5PC, R.GREEN),
    (76, 80, R.HIGHER, STANDARD_5PC, R.AMBER),   # 4 short; 5% of 80 is 4
    ("75.9", 80, R.HIGHER, STANDARD_5PC, R.RED),
    (84, 80, R.LOWER, STANDARD_5PC, R.AMBER),
    (85, 80, R.LOWER, STANDARD_5PC, R.RED),
    (70, 80, R.LOWER, STANDARD_5PC, R.GREEN),
    (190, 200, R.HIGHER, STANDARD_ABS, R.AMBER),  # absolute: within 10 units
    (189, 200, R.HIGHER, STANDARD_ABS, R.RED),
    (210, 200, R.LOWER, STANDARD_ABS, R.AMBER),
    # Barnet's four levels: green, green-amber (5%), red-amber (10%), red.
    (100, 100, R.HIGHER, BARNET, R.GREEN),
    (96, 100, R.HIGHER, BARNET, R.GREEN_AMBER),
    (91, 100, R.HIGHER, BARNET, R.RED_AMBER),
    (89, 100, R.HIGHER, BARNET, R.RED),
    (108, 100, R.LOWER, BARNET, R.RED_AMBER),
])
def test_it_rates_a_value_against_its_target(actual, target, polarity, rule, expected):
    """The council's convention decides how far off target is amber and how far is red."""
    assert R.rag_status(Decimal(str(actual)), Decimal(target), polarity, rule) == expected


@pytest.mark.parametrize(("actual", "previous", "expected"), [
    (95, 90, R.GREEN),    # within 10%: green, improving or not
    (91, 99, R.GREEN),
    (85, 80, R.AMBER),    # more than 10% off, but better than last period
    (85, 88, R.RED),      # more than 10% off and getting worse
    (85, 85, R.RED),      # more than 10% off and not improving
    (85, None, R.RED),    # no earlier figure to show improvement
])
def test_it_applies_havering_rule_amber_only_when_off_target_but_improving(actual, previous, expected):
    """Havering: green within 10%, amber beyond it if improving, red if not."""
    previous = Decimal(previous) if previous is not None else None
    assert R.rag_status(Decimal(actual), Decimal(100), R.HIGHER, HAVERING, previous=previous) == expected


@pytest.mark.parametrize(("actual", "expected"), [
    (60, R.GREEN), (55, R.GREEN), (65, R.GREEN),  # inside the range
    (53, R.AMBER), (67, R.AMBER),                 # within 5% of the nearer end
    (50, R.RED), (70, R.RED),
])
def test_it_rates_a_target_range_by_the_nearer_end(actual, expected):
    """For "a target range is best", anything inside the range is green."""
    assert R.rag_status(Decimal(actual), Decimal(55), R.RANGE, STANDARD_5PC, target_upper=Decimal(65)) == expected


def test_it_gives_no_rag_without_a_figure_or_a_target():
    """A missing figure or target is shown as no RAG, never as green."""
    assert R.rag_status(None, Decimal(1), R.HIGHER) is None
    assert R.rag_status(Decimal(1), None, R.HIGHER) is None


@pytest.mark.parametrize(("current", "previous", "polarity", "movement", "judgement", "label"), [
    (80, 75, R.HIGHER, R.UP, R.BETTER, "Up, improving"),
    (70, 75, R.HIGHER, R.DOWN, R.WORSE, "Down, getting worse"),
    (80, 75, R.LOWER, R.UP, R.WORSE, "Up, getting worse"),
    (70, 75, R.LOWER, R.DOWN, R.BETTER, "Down, improving"),
    (75, 75, R.HIGHER, R.LEVEL, R.SAME, "No change"),
    (75, 75, R.LOWER, R.LEVEL, R.SAME, "No change"),
])
def test_it_judges_direction_of_travel_by_polarity(current, previous, polarity, movement, judgement, label):
    """Down is better when lower is better."""
    travel = R.direction_of_travel(Decimal(current), Decimal(previous), polarity)
    assert (travel.movement, travel.judgement, travel.label) == (movement, judgement, label)


@pytest.mark.parametrize(("current", "previous", "judgement"), [
    (60, 50, R.BETTER),   # moved into the range
    (70, 60, R.WORSE),    # moved out of it
    (58, 62, R.SAME),     # inside the range both times
    (80, 75, R.WORSE),    # further above it
])
def test_it_judges_travel_for_a_target_range_by_distance_from_the_range(current, previous, judgement):
    travel = R.direction_of_travel(Decimal(current), Decimal(previous), R.RANGE, target=Decimal(55),
                                   target_upper=Decimal(65))
    assert travel.judgement == judgement


def test_it_treats_small_movements_as_level_when_asked():
    """A configured level band stops noise from reading as a trend."""
    travel = R.direction_of_travel(Decimal("75.2"), Decimal(75), R.HIGHER, level_within=Decimal("0.5"))
    assert travel.movement == R.LEVEL


def test_it_counts_red_runs_and_deteriorating_runs_from_the_latest_period():
    """Exception rules look back from the latest period and stop at the first break."""
    assert R.consecutive_from_end([R.RED, R.GREEN, R.RED, R.RED], lambda s: s == R.RED) == 2
    assert R.deteriorating_run([10, 9, 10, 11, 12], R.LOWER) == 3
    assert R.deteriorating_run([10, 9, 10, 11, 12], R.HIGHER) == 0
    assert R.deteriorating_run([10, None, 11, 12], R.LOWER) == 1


def test_it_describes_each_rule_in_plain_words():
    assert R.ToleranceRule(R.STANDARD, R.PERCENTAGE, Decimal(5)).describe() == (
        "Green on or better than target; amber within 5%; red beyond 5%")
    assert "amber if improving" in HAVERING.describe()
    assert "red-amber within 10%" in BARNET.describe()


numbers = st.decimals(min_value=-10000, max_value=10000, places=2, allow_nan=False, allow_infinity=False)
tolerances = st.decimals(min_value=0, max_value=50, places=1, allow_nan=False, allow_infinity=False)
schemes = st.sampled_from([R.STANDARD, R.FOUR_LEVEL])
kinds = st.sampled_from([R.ABSOLUTE, R.PERCENTAGE])

MIRROR = {R.BETTER: R.WORSE, R.WORSE: R.BETTER, R.SAME: R.SAME}


@given(current=numbers, previous=numbers)
def test_it_mirrors_the_judgement_when_polarity_is_swapped(current, previous):
    """The same movement is an improvement one way round and a deterioration the other."""
    higher = R.direction_of_travel(current, previous, R.HIGHER)
    lower = R.direction_of_travel(current, previous, R.LOWER)
    assert higher.movement == lower.movement
    assert lower.judgement == MIRROR[higher.judgement]


@given(current=numbers, previous=numbers)
def test_it_reverses_the_movement_when_the_figures_are_swapped(current, previous):
    forward = R.direction_of_travel(current, previous, R.HIGHER)
    backward = R.direction_of_travel(previous, current, R.HIGHER)
    assert backward.judgement == MIRROR[forward.judgement]


@given(actual=numbers, target=numbers, tolerance=tolerances, kind=kinds, scheme=schemes)
def test_it_is_green_exactly_when_on_or_better_than_target(actual, target, tolerance, kind, scheme):
    rule = ToleranceRule(scheme, kind, tolerance)
    assert (R.rag_status(actual, target, R.HIGHER, rule) == R.GREEN) == (actual >= target)
    assert (R.rag_status(actual, target, R.LOWER, rule) == R.GREEN) == (actual <= target)


@given(actual=numbers, better=st.decimals(min_value=0, max_value=500, places=2), target=numbers,
       tolerance=tolerances, kind=kinds, scheme=schemes)
def test_it_never_rates_a_better_figure_worse(actual, better, target, tolerance, kind, scheme):
    """Improving the figure can only keep or improve its RAG (standard and four-level rules)."""
    rule = ToleranceRule(scheme, kind, tolerance)
    worse_status = R.rag_status(actual, target, R.HIGHER, rule)
    better_status = R.rag_status(actual + better, target, R.HIGHER, rule)
    assert R.STATUS_ORDER.index(better_status) <= R.STATUS_ORDER.index(worse_status)


@given(actual=numbers, target=numbers, tolerance=tolerances, kind=kinds)
def test_it_mirrors_the_rag_when_figure_target_and_polarity_are_all_flipped(actual, target, tolerance, kind):
    """Being 5 below a higher-is-better target is the same as being 5 above a lower-is-better one."""
    rule = ToleranceRule(R.STANDARD, kind, tolerance)
    assert R.rag_status(actual, target, R.HIGHER, rule) == R.rag_status(-actual, -target, R.LOWER, rule)
