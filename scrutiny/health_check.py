"""The performance-management health check: the guidance's seven leadership questions, as pure pieces.

Leaders review regularly whether their arrangements remain fit for purpose.
Each question gets live evidence (shares worked out from the system) and a
suggested rating from it; the recorded judgement is the leaders' own.

Suggested rating from a question's shares: none known -> "unknown"; any below
50% -> "weak"; all at least 80% -> "strong"; otherwise "adequate".
"""

from dataclasses import dataclass, field

QUESTIONS = [
    "Do councillors and managers have a clear, agreed direction and set of priorities for social care?",
    "Has this direction been formulated with the workforce, key partner and user groups?",
    "Do councillors and managers have the right mechanisms and information to enable them to both measure and "
    "manage performance effectively?",
    "Do staff know what is expected of them and do managers know if they are achieving it?",
    "Has the council assessed the risks inherent in its corporate and social services plans?",
    "Does the council ensure that it is making its resources work in the best way to deliver value for money?",
    "Does the council know whether its performance management arrangements are making a real difference by "
    "improving services on the ground, and that these improvements are measurable?",
]

STRONG_FROM = 80
WEAK_BELOW = 50

RATINGS = {"strong": ("Strong", "green"), "adequate": ("Adequate", "yellow"), "weak": ("Weak", "red"),
           "unknown": ("Not enough evidence", "grey")}


@dataclass
class Measure:
    """One piece of evidence: `count` of `total` (a share), or a plain fact when `total` is None."""

    label: str
    count: int
    total: int | None = None
    url: str = ""

    @property
    def percent(self):
        return share(self.count, self.total)

    @property
    def text(self):
        if self.total is None:
            return str(self.count)
        if not self.total:
            return "none to count"
        return f"{self.count} of {self.total} ({self.percent}%)"


@dataclass
class Question:
    number: int
    text: str
    measures: list = field(default_factory=list)

    @property
    def suggested(self):
        return suggest_rating([m.percent for m in self.measures if m.total is not None])


def share(count, total):
    """A whole-number percentage; None when there is nothing to divide by."""
    if not total:
        return None
    return round(100 * count / total)


def suggest_rating(percentages):
    known = [p for p in percentages if p is not None]
    if not known:
        return "unknown"
    if any(p < WEAK_BELOW for p in known):
        return "weak"
    if all(p >= STRONG_FROM for p in known):
        return "strong"
    return "adequate"
