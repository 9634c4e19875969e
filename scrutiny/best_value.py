"""Best Value options appraisal and judgements, as pure functions.

Each option is scored 1 (worst) to 5 (best) on cost, quality and risk; for
risk, 5 means the lowest risk. The total is the weighted sum (equal weights by
default), and options rank by total, ties broken by quality then by cost: a
council choosing between equals takes the better service first.
"""

from dataclasses import dataclass

SCORES = range(1, 6)
DEFAULT_WEIGHTS = (1, 1, 1)  # cost, quality, risk

STARS = {0: "0 stars: poor", 1: "1 star: fair", 2: "2 stars: good", 3: "3 stars: excellent"}
PROSPECTS = {"poor": "Poor", "uncertain": "Uncertain", "promising": "Promising", "excellent": "Excellent"}


@dataclass(frozen=True)
class Scored:
    key: object
    total: int
    quality: int
    cost: int


def option_total(cost: int, quality: int, risk: int, weights=DEFAULT_WEIGHTS) -> int:
    for score in (cost, quality, risk):
        if score not in SCORES:
            raise ValueError(f"Scores run from 1 to 5, not {score}")
    wc, wq, wr = weights
    return cost * wc + quality * wq + risk * wr


def rank_options(options, weights=DEFAULT_WEIGHTS):
    """Rank (key, cost, quality, risk) tuples best first; return Scored rows."""
    scored = [Scored(key, option_total(c, q, r, weights), q, c) for key, c, q, r in options]
    return sorted(scored, key=lambda s: (-s.total, -s.quality, -s.cost))
