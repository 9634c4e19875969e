"""Risk scoring on the 5x5 likelihood x impact matrix, table by table."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from priorities.risk_matrix import RiskBand, heat_map, risk_band, risk_score

scale = st.integers(1, 5)


@pytest.mark.parametrize(
    ("likelihood", "impact", "score", "band"),
    [
        (1, 1, 1, RiskBand.LOW),
        (2, 2, 4, RiskBand.LOW),
        (1, 5, 5, RiskBand.MEDIUM),
        (3, 3, 9, RiskBand.MEDIUM),
        (2, 5, 10, RiskBand.HIGH),
        (3, 4, 12, RiskBand.HIGH),
        (3, 5, 15, RiskBand.VERY_HIGH),
        (4, 4, 16, RiskBand.VERY_HIGH),
        (5, 5, 25, RiskBand.VERY_HIGH),
    ],
)
def test_it_scores_and_bands_a_risk(likelihood, impact, score, band):
    """Score = likelihood x impact; bands 1-4 low, 5-9 medium, 10-14 high, 15-25 very high."""
    assert risk_score(likelihood, impact) == score
    assert risk_band(score) is band


@pytest.mark.parametrize(("likelihood", "impact"), [(0, 3), (6, 1), (3, 0), (2, 6)])
def test_it_refuses_scores_off_the_matrix(likelihood, impact):
    with pytest.raises(ValueError, match="1 to 5"):
        risk_score(likelihood, impact)


@given(scale, scale)
def test_it_never_bands_a_higher_score_lower(likelihood, impact):
    order = list(RiskBand)
    score = risk_score(likelihood, impact)
    for other_l in range(likelihood, 6):
        for other_i in range(impact, 6):
            assert order.index(risk_band(risk_score(other_l, other_i))) >= order.index(risk_band(score))


def test_it_places_each_risk_in_its_heat_map_cell():
    """The heat map reads like the paper one: impact 5 at the top, likelihood 1 on the left."""
    rows = heat_map([(4, 4, "R1"), (2, 3, "R2"), (2, 3, "R3")])
    assert [impact for impact, _, _ in rows] == [5, 4, 3, 2, 1]
    assert [cell.likelihood for cell in rows[0][2]] == [1, 2, 3, 4, 5]
    cells = {(c.likelihood, c.impact): c for _, _, row in rows for c in row}
    assert cells[(4, 4)].items == ["R1"]
    assert cells[(4, 4)].band is RiskBand.VERY_HIGH
    assert cells[(2, 3)].items == ["R2", "R3"]
    assert cells[(2, 3)].score == 6
    assert sum(len(c.items) for c in cells.values()) == 3
