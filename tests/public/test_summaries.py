"""The plain-English summaries, secondary suppression and CSV cells: pure rules, tested table by table."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaints.rules import Count
from indicators import rag as R
from priorities.rag import Rag
from public import disclosure, opendata, summaries


@pytest.mark.parametrize(("n", "words"), [(0, "none"), (1, "one"), (9, "nine"), (10, "10"), (1234, "1,234")])
def test_it_writes_small_numbers_in_words(n, words):
    assert summaries.number(n) == words


@pytest.mark.parametrize(("names", "joined"), [
    ([], ""), (["A"], "A"), (["A", "B"], "A and B"), (["A", "B", "C"], "A, B and C"),
    (["A", "B", "C", "D", "E"], "A, B, C and 2 more"),
])
def test_it_joins_names_as_people_write_them(names, joined):
    assert summaries.join_names(names) == joined


@pytest.mark.parametrize(("n", "text"), [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"),
                                         (12, "12th"), (13, "13th"), (21, "21st"), (102, "102nd")])
def test_it_writes_ordinals(n, text):
    assert summaries.ordinal(n) == text


@pytest.mark.parametrize(("rag", "words"), [
    (R.GREEN, "on target"), (R.GREEN_AMBER, "just off target"), (R.AMBER, "just off target"),
    (R.RED_AMBER, "off target"), (R.RED, "off target"), ("", "no target"), (None, "no target"),
])
def test_it_says_what_each_rag_means(rag, words):
    assert summaries.target_words(rag) == words


def test_it_says_how_many_figures_are_on_and_off_target_and_names_the_ones_off():
    items = [("Waits", R.RED), ("Reviews", R.GREEN), ("Carers", R.GREEN), ("Safety", R.AMBER), ("Costs", R.RED),
             ("Hours", "")]
    assert summaries.indicators_summary(items) == [
        "Two of the 5 published indicators with a target are on target.",
        "Two are off target: Waits and Costs.",
        "One is just off target: Safety.",
        "One indicator has figures but no target, so they show a trend only.",
    ]


def test_it_says_when_nothing_is_off_target():
    assert summaries.indicators_summary([("Reviews", R.GREEN)]) == [
        "One of the 1 published indicator with a target is on target.", "None is off target."]


def test_it_says_when_nothing_is_published():
    assert summaries.indicators_summary([]) == ["The council has not published any figures yet."]
    assert summaries.priorities_summary([]) == ["The council has not published its priorities yet."]


def test_it_says_which_priorities_are_behind():
    items = [("Homes", Rag.GREEN), ("Carers", Rag.RED), ("Safety", Rag.AMBER), ("Work", Rag.AMBER),
             ("Staff", Rag.GREY)]
    assert summaries.priorities_summary(items) == [
        "One of the council's 5 published priorities is on track this year.",
        "One is behind schedule: Carers.",
        "Two have some delays: Safety and Work.",
        "Work on one has not started yet.",
    ]


def test_it_counts_milestones_done_and_names_the_overdue():
    assert summaries.milestones_summary(12, 5, ["Open the hub"], "2026/27") == [
        "In 2026/27, services have completed five of the 12 published milestones in their plans.",
        "One is overdue: Open the hub.",
    ]
    assert summaries.milestones_summary(0, 0, [], "2026/27") == ["No milestones have been published for 2026/27 yet."]


def test_it_describes_one_figure_against_its_target_trend_and_comparators():
    sentences = summaries.indicator_summary(
        name="Reablement", period="Q1 2024/25", figure="66.0%", target="70.0%", rag=R.RED,
        polarity_label="Higher is better", vs_previous=R.Direction(R.DOWN, R.WORSE),
        vs_last_year=R.Direction(R.DOWN, R.WORSE), england="71.0%", rank=12, ranked_among=16,
        group="CIPFA neighbours", benchmark_period="2023/24")
    assert sentences == [
        "In Q1 2024/25 the figure was 66.0%, against a target of 70.0%: off target.",
        "Higher is better.",
        "It got worse since the period before and since the same period a year before.",
        "In 2023/24 it ranked 12th of 16 compared with CIPFA neighbours, where 1st is the best.",
        "The figure for England in Q1 2024/25 was 71.0%.",
    ]


def test_it_says_when_a_figure_moved_different_ways():
    sentences = summaries.indicator_summary(
        name="Waits", period="Q2", figure="240", target=None, rag="", polarity_label="Lower is better",
        vs_previous=R.Direction(R.DOWN, R.BETTER), vs_last_year=R.Direction(R.UP, R.WORSE))
    assert sentences[0] == "In Q2 the figure was 240. There is no target for this period."
    assert sentences[2] == "It improved since the period before but got worse since the same period a year before."


def test_it_summarises_the_executive_s_responses():
    assert summaries.responses_summary(reviews=2, recommendations=5, accepted=2, partly=1, rejected=1, awaiting=1,
                                       implemented=1) == [
        "Two published scrutiny reviews made five recommendations.",
        "The executive accepted two, partly accepted one and rejected one, giving its reasons.",
        "One is still waiting for the executive's response.",
        "One of the three accepted recommendations has been carried out so far.",
    ]
    assert summaries.responses_summary(reviews=1, recommendations=1, accepted=1, partly=0, rejected=0, awaiting=0,
                                       implemented=1, single=True)[0] == "This review made one recommendation."


def test_it_summarises_complaints_with_small_counts_suppressed():
    assert summaries.complaints_summary(year_label="2025/26", formal=Count(3, 5), compliments=Count(12, 5),
                                        on_time=80, top_category="Delay") == [
        "In 2025/26 the council received fewer than 5 formal complaints about its services and 12 compliments.",
        "It answered 80% of complaints within the time it is allowed.",
        "The most common subject of complaints was delay.",
    ]


# Secondary suppression -------------------------------------------------------------------------------

def rows(*columns):
    """Rows of Counts from columns of numbers, threshold 5."""
    return [(f"row {i}", *[Count(col[i], 5) for col in columns]) for i in range(len(columns[0]))]


def shown(table):
    return [[str(c) for c in row[1:]] for row in table]


def test_it_holds_back_a_second_count_when_one_small_count_stands_alone_in_a_column():
    table = disclosure.protect(rows([21, 3, 9, 12]))
    assert shown(table) == [["21"], ["fewer than 5"], ["not shown"], ["12"]]


def test_it_leaves_columns_with_no_or_several_small_counts_alone():
    assert shown(disclosure.protect(rows([21, 9, 12]))) == [["21"], ["9"], ["12"]]
    assert shown(disclosure.protect(rows([2, 3, 12]))) == [["fewer than 5"], ["fewer than 5"], ["12"]]


def test_it_does_not_hold_back_zeros():
    assert shown(disclosure.protect(rows([0, 3, 7]))) == [["0"], ["fewer than 5"], ["not shown"]]


@given(st.lists(st.lists(st.integers(0, 40), min_size=2, max_size=2), min_size=1, max_size=8))
def test_no_small_count_can_be_worked_out_from_the_column_total(values):
    """Property: after protection, no column has exactly one hidden count beside shown non-zero ones."""
    table = disclosure.protect([("r", *[Count(v, 5) for v in row]) for row in values])
    for col in (1, 2):
        hidden = [row[col] for row in table if getattr(row[col], "suppressed", False)]
        others_nonzero = [row[col] for row in table if not getattr(row[col], "suppressed", False) and row[col].value]
        assert len(hidden) != 1 or not others_nonzero


# CSV cells ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "cell"), [
    ("=HYPERLINK(\"http://evil\")", "'=HYPERLINK(\"http://evil\")"), ("+1+2", "'+1+2"), ("-2+3", "'-2+3"),
    ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("\rx", "'\rx"), ("Plain text", "Plain text"),
    (Decimal("-3.50"), "-3.5"), (Decimal("66.0000"), "66"), (7, 7), (None, ""), (True, "yes"),
])
def test_it_defuses_formulas_in_csv_cells(value, cell):
    assert opendata.cell(value) == cell


def test_it_writes_a_csv_that_a_spreadsheet_will_not_run():
    text = opendata.csv_text(["name", "value"], [["=cmd|' /C calc'!A0", Decimal("-1.5")]])
    assert text.splitlines()[1] == "'=cmd|' /C calc'!A0,-1.5"
