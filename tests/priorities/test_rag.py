"""The golden thread's roll-up rule (docs/decisions/0002-golden-thread-roll-up.md), table by table."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from priorities.rag import Rag, mean_progress, milestone_rag, roll_up

TODAY = datetime.date(2026, 11, 28)
G, A, R, N = Rag.GREEN, Rag.AMBER, Rag.RED, Rag.GREY


def due(days):
    return TODAY + datetime.timedelta(days=days)


@pytest.mark.parametrize(
    ("complete", "started", "percent", "due_in", "expected", "why"),
    [
        (True, True, 100, -30, G, "complete is green, even when it finished late"),
        (True, True, 100, 60, G, "complete early is green"),
        (False, True, 90, -1, R, "a day overdue is red, however far along"),
        (False, False, 0, -40, R, "overdue and never started is red"),
        (False, True, 49, 14, A, "due within 14 days and under half done is amber"),
        (False, True, 49, 0, A, "due today and under half done is amber, not yet red"),
        (False, False, 0, 3, A, "due in 3 days and not started is amber"),
        (False, True, 50, 5, G, "due soon but half done is green"),
        (False, True, 10, 15, G, "under way and due in 15 days is green"),
        (False, False, 0, 15, N, "not started and not due within 14 days is not yet due"),
        (False, False, 0, 200, N, "far off and not started is not yet due"),
    ],
)
def test_it_rates_a_milestone_from_its_status_and_dates(complete, started, percent, due_in, expected, why):
    """A milestone's RAG follows the documented rule on the day it is asked."""
    assert milestone_rag(complete=complete, started=started, percent_complete=percent, due_on=due(due_in),
                         today=TODAY) is expected, why


@pytest.mark.parametrize(
    ("children", "expected", "why"),
    [
        ([], N, "nothing to roll up is grey"),
        ([N, N], N, "only milestones not yet due is grey"),
        ([G], G, "one green is green"),
        ([A], A, "one amber is amber"),
        ([R], R, "one red is red"),
        ([G, G, A], G, "one amber in three (a third, not more) stays green"),
        ([G, A], A, "one amber in two (more than a third) is amber"),
        ([G, G, R], A, "one red in three is amber: never hidden, not yet red"),
        ([G, R], R, "one red in two (more than a third) is red"),
        ([G, R, R], R, "two reds in three is red"),
        ([G] * 9 + [R], A, "one red among ten is amber"),
        ([G, G, G, N, N, N, N, A], G, "greys are left out: one amber in four rated is green"),
        ([N, N, N, R], R, "greys are left out: one red among one rated is red"),
        ([A, A, G, G, G, G], G, "two ambers in six, exactly a third, is green"),
        ([A, A, A, G, G, G], A, "three ambers in six is amber"),
    ],
)
def test_it_rolls_ratings_up_by_one_rule(children, expected, why):
    """Objectives from milestones and priorities from objectives use the same rule."""
    assert roll_up(children) is expected, why


@pytest.mark.parametrize(
    ("percentages", "expected"),
    [([], None), ([100], 100), ([0, 100], 50), ([40, 60, 71], 57), ([33, 33, 34], 33)],
)
def test_it_averages_progress(percentages, expected):
    assert mean_progress(percentages) == expected


def test_it_labels_each_rating_in_words_not_colour_alone():
    """Every rating has a word to show, so no page depends on colour."""
    assert [r.label for r in (G, A, R, N)] == ["Green", "Amber", "Red", "Not yet due"]


ratings = st.sampled_from(list(Rag))
WORSE = {N: (N, G, A, R), G: (G, A, R), A: (A, R), R: (R,)}


@given(st.lists(ratings, max_size=30), st.randoms())
def test_it_ignores_the_order_of_the_children(children, rnd):
    shuffled = list(children)
    rnd.shuffle(shuffled)
    assert roll_up(shuffled) is roll_up(children)


@given(st.lists(ratings, min_size=1, max_size=30), st.data())
def test_it_never_improves_a_parent_when_a_child_gets_worse(children, data):
    """Making any one rated child worse never makes the parent better."""
    index = data.draw(st.integers(0, len(children) - 1))
    if children[index] is N:
        return  # grey is "not rated", not "best": a grey child turning rated is a different question
    worse = list(children)
    worse[index] = data.draw(st.sampled_from(WORSE[children[index]]))
    assert roll_up(worse).severity >= roll_up(children).severity


@given(st.lists(ratings, max_size=30))
def test_it_is_red_only_with_a_red_child_and_never_hides_one(children):
    result = roll_up(children)
    assert (result is R) <= (R in children)
    if R in children:
        assert result in (A, R)


@given(st.sampled_from([G, A, R]), st.integers(1, 20), st.integers(0, 20))
def test_it_gives_a_parent_of_like_children_their_rating(rating, count, greys):
    assert roll_up([rating] * count + [N] * greys) is rating
