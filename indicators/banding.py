"""PAF performance bands, as pure functions.

The Performance Assessment Framework rated each indicator in five bands:
5 very good, 4 good, 3 acceptable, 2 ask questions, 1 investigate urgently.
Some indicators were capped below 5, and "key thresholds" capped the rating of
a council beyond them (for example, more than 20% of looked-after children with
three or more placements in the year could not score above band 1).

An indicator's banding is four ascending boundaries [b1, b2, b3, b4]:
- higher is better: below b1 band 1, below b2 band 2, below b3 band 3,
  below b4 band 4, otherwise band 5;
- lower is better: above b4 band 1, above b3 band 2, above b2 band 3,
  above b1 band 4, otherwise band 5.
A value on a boundary gets the better band.
"""

from decimal import Decimal

from indicators.rag import HIGHER, LOWER

BAND_LABELS = {
    5: "Very good",
    4: "Good",
    3: "Acceptable",
    2: "Ask questions",
    1: "Investigate urgently",
}


def _d(value):
    return value if isinstance(value, Decimal) else Decimal(str(value))


def check_thresholds(thresholds):
    """Raise ValueError unless there are four ascending boundaries."""
    if len(thresholds) != 4:
        raise ValueError("A PAF banding needs four boundaries, one between each pair of bands")
    values = [_d(t) for t in thresholds]
    if any(b <= a for a, b in zip(values, values[1:], strict=False)):
        raise ValueError("The band boundaries must go up from band 1 to band 5's side, each above the last")
    return values


def paf_band(value, thresholds, polarity, *, cap=5, key_thresholds=()):
    """The PAF band (1-5) of a value, or None when there is no value or no banding.

    `key_thresholds` are (threshold, cap) pairs: a value beyond the threshold
    on the bad side cannot score above that cap.
    """
    if value is None or not thresholds or polarity not in (HIGHER, LOWER):
        return None
    value = _d(value)
    bounds = check_thresholds(thresholds)
    if polarity == HIGHER:
        band = 1 + sum(1 for bound in bounds if value >= bound)
    else:
        band = 1 + sum(1 for bound in bounds if value <= bound)
    band = min(band, cap)
    for threshold, key_cap in key_thresholds:
        beyond = value > _d(threshold) if polarity == LOWER else value < _d(threshold)
        if beyond:
            band = min(band, int(key_cap))
    return band
