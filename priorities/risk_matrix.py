"""Scoring risks on the 5x5 likelihood x impact matrix, as pure functions.

A score is likelihood x impact, each from 1 to 5, so 1 to 25. The bands are the
ones most English councils' risk registers use; a council with other bands
changes BANDS and nothing else.
"""

import enum
from dataclasses import dataclass, field

SCALE = (1, 2, 3, 4, 5)
LIKELIHOOD_LABELS = {1: "Rare", 2: "Unlikely", 3: "Possible", 4: "Likely", 5: "Almost certain"}
IMPACT_LABELS = {1: "Negligible", 2: "Minor", 3: "Moderate", 4: "Major", 5: "Severe"}


class RiskBand(enum.Enum):
    LOW = ("low", "Low", "green")
    MEDIUM = ("medium", "Medium", "yellow")
    HIGH = ("high", "High", "orange")
    VERY_HIGH = ("very_high", "Very high", "red")

    def __init__(self, code, label, colour):
        self.code = code
        self.label = label
        self.colour = colour

    def __str__(self):
        return self.label


# (lowest score in the band, band), highest first.
BANDS = ((15, RiskBand.VERY_HIGH), (10, RiskBand.HIGH), (5, RiskBand.MEDIUM), (1, RiskBand.LOW))


def risk_score(likelihood: int, impact: int) -> int:
    if likelihood not in SCALE or impact not in SCALE:
        raise ValueError(f"Likelihood and impact run from 1 to 5, not {likelihood} and {impact}")
    return likelihood * impact


def risk_band(score: int) -> RiskBand:
    if not 1 <= score <= 25:
        raise ValueError(f"A risk score runs from 1 to 25, not {score}")
    return next(band for floor, band in BANDS if score >= floor)


@dataclass
class HeatMapCell:
    likelihood: int
    impact: int
    score: int
    band: RiskBand
    items: list = field(default_factory=list)


def heat_map(placed):
    """Rows of cells, impact 5 (top) down to 1, likelihood 1 to 5 across.

    `placed` is an iterable of (likelihood, impact, item): each item lands in its cell.
    """
    cells = {(l_, i): HeatMapCell(l_, i, l_ * i, risk_band(l_ * i)) for l_ in SCALE for i in SCALE}
    for likelihood, impact, item in placed:
        cells[(likelihood, impact)].items.append(item)
    return [(impact, IMPACT_LABELS[impact], [cells[(l_, impact)] for l_ in SCALE]) for impact in reversed(SCALE)]
