"""RAG status and direction of travel: computed from the figures, never typed.

Pure functions with no I/O. Councils judge "off target" differently, so the
tolerance rule is a parameter (see DOMAIN.md):

- standard (Reigate and most councils): green on or better than target, amber
  within the tolerance, red beyond it;
- improving (Havering): green within the tolerance, amber beyond it but
  improving on the previous period, red beyond it and not improving;
- four_level (Barnet): green on target, green-amber within the inner
  tolerance, red-amber within the outer tolerance, red beyond it.

Tolerances are absolute (in the indicator's unit) or a percentage of the target.
"""

from dataclasses import dataclass
from decimal import Decimal

# Polarity: which way is better.
HIGHER = "higher"
LOWER = "lower"
RANGE = "range"  # a target range is best

# RAG statuses, best first.
GREEN = "green"
GREEN_AMBER = "green_amber"
AMBER = "amber"
RED_AMBER = "red_amber"
RED = "red"
STATUS_ORDER = (GREEN, GREEN_AMBER, AMBER, RED_AMBER, RED)

# Tolerance schemes and kinds.
STANDARD = "standard"
IMPROVING = "improving"
FOUR_LEVEL = "four_level"
ABSOLUTE = "absolute"
PERCENTAGE = "percentage"

# Direction of travel.
UP = "up"
DOWN = "down"
LEVEL = "level"
BETTER = "better"
SAME = "same"
WORSE = "worse"

ZERO = Decimal(0)


@dataclass(frozen=True)
class ToleranceRule:
    scheme: str = STANDARD
    kind: str = PERCENTAGE
    tolerance: Decimal = ZERO
    outer: Decimal | None = None  # four_level only; twice the inner tolerance when not given

    def describe(self):
        unit = "%" if self.kind == PERCENTAGE else ""
        inner = f"{_plain(self.tolerance)}{unit}"
        if self.scheme == IMPROVING:
            return (f"Green within {inner} of target; beyond that amber if improving on the previous period, "
                    "red if not")
        if self.scheme == FOUR_LEVEL:
            outer = f"{_plain(self.outer_tolerance)}{unit}"
            return f"Green on target; green-amber within {inner}; red-amber within {outer}; red beyond {outer}"
        return f"Green on or better than target; amber within {inner}; red beyond {inner}"

    @property
    def outer_tolerance(self):
        return self.outer if self.outer is not None else self.tolerance * 2


def _plain(number):
    return f"{Decimal(number).normalize():f}"


def _d(value):
    return value if isinstance(value, Decimal) else Decimal(str(value))


def shortfall(actual, target, polarity, target_upper=None):
    """How far the actual falls short of the target, in the bad direction; 0 or less is on target.

    Returns (shortfall, the bound it is measured against).
    """
    actual, target = _d(actual), _d(target)
    if polarity == HIGHER:
        return target - actual, target
    if polarity == LOWER:
        return actual - target, target
    if polarity == RANGE:
        upper = _d(target_upper) if target_upper is not None else target
        if actual < target:
            return target - actual, target
        if actual > upper:
            return actual - upper, upper
        return ZERO, target
    raise ValueError(f"Unknown polarity {polarity!r}")


def band_width(reference, kind, tolerance):
    """A tolerance turned into the unit of the indicator."""
    tolerance = _d(tolerance)
    if kind == PERCENTAGE:
        return abs(_d(reference)) * tolerance / 100
    return tolerance


def rag_status(actual, target, polarity, rule=ToleranceRule(), *, target_upper=None, previous=None):
    """The RAG status of a value against its target, or None when either is missing."""
    if actual is None or target is None:
        return None
    gap, reference = shortfall(actual, target, polarity, target_upper)
    if gap <= 0:
        return GREEN
    inner = band_width(reference, rule.kind, rule.tolerance)
    if rule.scheme == IMPROVING:
        if gap <= inner:
            return GREEN
        travel = direction_of_travel(actual, previous, polarity, target=target, target_upper=target_upper)
        return AMBER if travel is not None and travel.judgement == BETTER else RED
    if rule.scheme == FOUR_LEVEL:
        if gap <= inner:
            return GREEN_AMBER
        if gap <= band_width(reference, rule.kind, rule.outer_tolerance):
            return RED_AMBER
        return RED
    return AMBER if gap <= inner else RED


@dataclass(frozen=True)
class Direction:
    movement: str  # up, down or level: what the figure did
    judgement: str | None  # better, same or worse: what that means, given the polarity

    @property
    def label(self):
        if self.judgement is None:
            return {UP: "Up", DOWN: "Down", LEVEL: "No change"}[self.movement]
        if self.judgement == SAME:
            return "No change"
        return f"{self.movement.capitalize()}, {'improving' if self.judgement == BETTER else 'getting worse'}"

    @property
    def arrow(self):
        return {UP: "↑", DOWN: "↓", LEVEL: "→"}[self.movement]


def _distance_from_range(value, low, high):
    if value < low:
        return low - value
    if value > high:
        return value - high
    return ZERO


def direction_of_travel(current, previous, polarity, *, target=None, target_upper=None, level_within=ZERO):
    """Up, down or level against an earlier value, and whether that is better or worse.

    Movements no bigger than `level_within` count as level. For a target range
    the judgement is whether the figure moved nearer the range; without a
    target it cannot be judged.
    """
    if current is None or previous is None:
        return None
    current, previous = _d(current), _d(previous)
    change = current - previous
    level_within = _d(level_within)
    if change > level_within:
        movement = UP
    elif change < -level_within:
        movement = DOWN
    else:
        return Direction(LEVEL, SAME)
    if polarity == HIGHER:
        return Direction(movement, BETTER if movement == UP else WORSE)
    if polarity == LOWER:
        return Direction(movement, BETTER if movement == DOWN else WORSE)
    if target is None:
        return Direction(movement, None)
    upper = target_upper if target_upper is not None else target
    before = _distance_from_range(previous, _d(target), _d(upper))
    after = _distance_from_range(current, _d(target), _d(upper))
    if after < before:
        return Direction(movement, BETTER)
    if after > before:
        return Direction(movement, WORSE)
    return Direction(movement, SAME)


def consecutive_from_end(items, predicate):
    """How many items at the end of a sequence satisfy a predicate, without a break."""
    count = 0
    for item in reversed(list(items)):
        if not predicate(item):
            break
        count += 1
    return count


def deteriorating_run(values, polarity):
    """How many of the latest period-on-period movements were for the worse, without a break.

    `values` are in period order; a missing value breaks the run.
    """
    run = 0
    values = list(values)
    for later, earlier in zip(reversed(values), reversed(values[:-1]), strict=False):
        travel = direction_of_travel(later, earlier, polarity)
        if travel is None or travel.judgement != WORSE:
            break
        run += 1
    return run
