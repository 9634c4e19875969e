"""Static charts: round axes, gaps for missing figures, no bar for a suppressed count, text a reader can use."""

import base64

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reports import charts


@pytest.mark.parametrize(("span", "step"), [(10, 2), (1, 0.2), (7.5, 2), (250, 50), (0.03, 0.01), (0.02, 0.005), (0, 1.0)])
def test_it_picks_round_steps(span, step):
    assert charts.nice_step(span) == pytest.approx(step)


@given(st.lists(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), min_size=1, max_size=20))
def test_the_axis_always_holds_every_value(values):
    bottom, top, step = charts.axis_range(values)
    assert bottom <= min(values) + 1e-9
    assert top >= max(values) - 1e-9
    assert step > 0
    assert (top - bottom) / step <= 12


def test_it_draws_a_trend_with_a_gap_and_a_legend_of_styles():
    svg = charts.line_chart(periods=["Q1", "Q2", "Q3", "Q4"], suffix="%", styles=charts.series_styles("#1d4f3a"),
                            series=[("ours", "Ashford Vale", [60, None, 64, 66]), ("target", "Target", [65] * 4),
                                    ("england", "England", [None] * 4)])
    assert svg.startswith("<svg")
    assert svg.endswith("</svg>")
    assert "Ashford Vale" in svg
    assert "Target" in svg
    assert "England" not in svg  # a series with no figures stays out of the legend
    assert 'stroke-dasharray="6 4"' in svg  # the target is dashed, not only another colour
    assert svg.count("<path") >= 2  # the line breaks at the missing quarter
    assert "%" in svg


def test_period_labels_name_the_year_once_where_it_starts_or_changes():
    import re

    svg = charts.line_chart(periods=["Q3 2025/26", "Q4 2025/26", "Q1 2026/27", "Q2 2026/27"],
                            styles=charts.series_styles("#1d4f3a"), series=[("ours", "Ours", [1, 2, 3, 4])])
    texts = re.findall(r">([^<>]+)</text>", svg)
    assert texts.count("2025/26") == 1
    assert texts.count("2026/27") == 1
    assert {"Q3", "Q4", "Q1", "Q2"} <= set(texts)
    annual = charts.line_chart(periods=["2024/25", "2025/26"], styles=charts.series_styles("#1d4f3a"),
                               series=[("ours", "Ours", [1, 2])])
    assert re.findall(r">([^<>]+)</text>", annual).count("2024/25") == 1


def test_a_suppressed_count_gets_no_bar_but_keeps_its_words():
    svg = charts.bar_chart(bars=[("Adults", 12, "12"), ("Children", None, "fewer than 5")], colour="#1d4f3a")
    assert svg.count("<rect") == 2  # the background and one bar
    assert "fewer than 5" in svg


def test_it_makes_a_data_uri_an_img_can_show():
    uri = charts.data_uri("<svg></svg>")
    assert uri.startswith("data:image/svg+xml;base64,")
    assert base64.b64decode(uri.split(",")[1]) == b"<svg></svg>"


@pytest.mark.parametrize(("value", "step", "text"), [(19.4, 0.2, "19.4"), (7.5, 2.5, "7.5"), (450, 50, "450"),
                                                     (0.25, 0.25, "0.25"), (1000, 500, "1,000"), (60, 2.5, "60.0")])
def test_tick_labels_carry_the_decimals_their_step_needs(value, step, text):
    assert charts.tick_label(value, step) == text


def test_table_rows_escape_every_cell_and_say_none_for_an_empty_table():
    from reports.templatetags.reports_tags import table_rows

    html = table_rows([["<b>A</b>", "1", {"tag": "red", "text": "Red & late"}]], [1], 3)
    assert '<th scope="row" class="govuk-table__header report-table__rowhead">&lt;b&gt;A&lt;/b&gt;</th>' in html
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">1</td>' in html
    assert '<td class="govuk-table__cell"><strong class="govuk-tag govuk-tag--red">Red &amp; late</strong></td>' in html
    assert table_rows([], [], 4) == ('<tr class="govuk-table__row"><td class="govuk-table__cell" colspan="4">None.'
                                     '</td></tr>')
