"""Secondary suppression for published tables of counts: a pure rule, no I/O.

Counts from 1 to N-1 are already shown as "fewer than N" (complaints.rules.Count).
But a table that shows a total beside a column with one such count gives it
away: total minus the others. So in any column with exactly one suppressed
count, the smallest other non-zero count is held back too, and the two can
only be known together.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Withheld:
    """A count held back only so that a small count beside it cannot be worked out."""

    value: int
    suppressed = True

    def __str__(self):
        return "not shown"


def protect(rows, first=1):
    """Rows of (label, count, count, ...): in each column from `first`, leave no suppressed count alone."""
    rows = [list(row) for row in rows]
    if not rows:
        return []
    for col in range(first, len(rows[0])):
        cells = [row[col] for row in rows]
        if sum(bool(getattr(c, "suppressed", False)) for c in cells) != 1:
            continue
        shown = [(c.value, i) for i, c in enumerate(cells) if not getattr(c, "suppressed", False) and c.value]
        if shown:
            _, i = min(shown)
            rows[i][col] = Withheld(cells[i].value)
    return [tuple(row) for row in rows]
