"""PAF's five performance bands, with caps and key thresholds."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indicators import rag as R
from indicators.banding import BAND_LABELS, check_thresholds, paf_band

HIGHER_BANDS = [10, 20, 25, 30]  # e.g. PAF B11: intensive home care as a share
LOWER_BANDS = [10, 13, 16, 22]   # e.g. PAF A1: children with three or more placements


@pytest.mark.parametrize(("value", "polarity", "kwargs", "band"), [
    (5, R.HIGHER, {}, 1),
    (10, R.HIGHER, {}, 2),   # on a boundary: the better band
    (19.9, R.HIGHER, {}, 2),
    (22, R.HIGHER, {}, 3),
    (27, R.HIGHER, {}, 4),
    (30, R.HIGHER, {}, 5),
    (45, R.HIGHER, {}, 5),
    (45, R.HIGHER, {"cap": 4}, 4),          # an indicator capped below band 5
    (8, R.LOWER, {}, 5),
    (10, R.LOWER, {}, 5),
    (12, R.LOWER, {}, 4),
    (15, R.LOWER, {}, 3),
    (21, R.LOWER, {}, 2),
    (25, R.LOWER, {}, 1),
    (21, R.LOWER, {"key_thresholds": [[20, 1]]}, 1),  # more than 20%: capped at band 1 by the key threshold
    (20, R.LOWER, {"key_thresholds": [[20, 1]]}, 2),  # exactly 20% is not beyond it
    (12, R.HIGHER, {"key_thresholds": [[15, 2]]}, 2),
])
def test_it_bands_a_value_as_paf_did(value, polarity, kwargs, band):
    """Bands go from 1 (investigate urgently) to 5 (very good), capped where the indicator says."""
    thresholds = HIGHER_BANDS if polarity == R.HIGHER else LOWER_BANDS
    assert paf_band(Decimal(str(value)), thresholds, polarity, **kwargs) == band


def test_it_names_the_bands():
    assert BAND_LABELS[5] == "Very good"
    assert BAND_LABELS[1] == "Investigate urgently"


def test_it_gives_no_band_without_a_value_or_a_banding():
    assert paf_band(None, HIGHER_BANDS, R.HIGHER) is None
    assert paf_band(Decimal(5), [], R.HIGHER) is None


@pytest.mark.parametrize("thresholds", [[1, 2, 3], [1, 2, 2, 3], [4, 3, 2, 1]])
def test_it_refuses_a_banding_that_is_not_four_rising_boundaries(thresholds):
    with pytest.raises(ValueError, match="four|go up"):
        check_thresholds(thresholds)


values = st.decimals(min_value=-100, max_value=200, places=1, allow_nan=False, allow_infinity=False)


@given(value=values, more=st.decimals(min_value=0, max_value=100, places=1))
def test_it_never_gives_a_better_figure_a_lower_band(value, more):
    assert paf_band(value + more, HIGHER_BANDS, R.HIGHER) >= paf_band(value, HIGHER_BANDS, R.HIGHER)
    assert paf_band(value - more, LOWER_BANDS, R.LOWER) >= paf_band(value, LOWER_BANDS, R.LOWER)


@given(value=values, cap=st.integers(min_value=1, max_value=5))
def test_it_never_goes_above_the_cap(value, cap):
    assert 1 <= paf_band(value, HIGHER_BANDS, R.HIGHER, cap=cap) <= cap
