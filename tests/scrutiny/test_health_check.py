"""The performance-management health check: seven questions, live evidence, a recorded judgement."""

import datetime

import pytest
from django.urls import reverse

from scrutiny.health_check import QUESTIONS, Measure, share, suggest_rating
from scrutiny.models import HealthCheck
from tests.conftest import forget_kept_summaries
from tests.scrutiny.conftest import add_indicators

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("percentages", "expected"), [
    ([], "unknown"),
    ([None, None], "unknown"),
    ([80, 100], "strong"),
    ([79, 100], "adequate"),
    ([50, 90], "adequate"),
    ([49, 100], "weak"),
    ([None, 85], "strong"),
])
def test_it_suggests_a_rating_from_the_shares(percentages, expected):
    """Any share below 50% suggests weak; all at 80% or more, strong; otherwise adequate."""
    assert suggest_rating(percentages) == expected


@pytest.mark.parametrize(("count", "total", "percent", "text"), [
    (3, 4, 75, "3 of 4 (75%)"), (0, 0, None, "none to count"), (2, 3, 67, "2 of 3 (67%)"), (5, None, None, "5"),
])
def test_it_words_a_measure(count, total, percent, text):
    """Shares show as 'n of m (p%)', facts as the number, and nothing to count says so."""
    measure = Measure("x", count, total)
    assert (measure.percent, measure.text) == (percent, text)
    assert share(count, total) == percent


def test_it_answers_the_seven_questions_with_live_evidence(world, scrutiny, as_user):
    """The page asks the guidance's seven questions and counts, for example, scrutiny recommendations answered
    within 2 months (1 of the 2 due: the other is overdue) and indicators with a target this year."""
    add_indicators(world, 2)
    page = as_user(world.executive_member).get(reverse("scrutiny:health-check")).content.decode()
    for question in QUESTIONS:
        assert question.replace("'", "&#x27;") in page
    assert "Scrutiny recommendations answered within 2 months</a>: <strong>1 of 2 (50%)" in page
    assert "Indicators with a target for this year</a>: <strong>2 of 2 (100%)" in page


def form_data(rating="adequate", **extra):
    data = {"reviewed_by": "The Executive", "overall": "improve"}
    for n in range(1, 8):
        data[f"rating_{n}"] = rating
    return {**data, **extra}


def test_it_records_a_judgement_with_the_evidence_as_it_stood(world, scrutiny, as_user):
    """An executive member records a rating per question and the overall judgement; the evidence is kept."""
    client = as_user(world.executive_member)
    response = client.post(reverse("scrutiny:health-check-record"),
                           form_data(comment_3="Late figures in children's services.",
                                     actions_3="Enter within 20 days."))
    check = HealthCheck.objects.get()
    assert response["Location"] == check.get_absolute_url()
    assert (check.overall, check.recorded_by, check.reviewed_on) == ("improve", world.executive_member,
                                                                     datetime.date(2026, 11, 28))
    assert check.answers.count() == 7
    assert check.answers.get(question=3).actions == "Enter within 20 days."
    assert "Scrutiny recommendations answered within 2 months" in [m["label"] for m in check.evidence["7"]]
    assert "Fit for purpose, with improvements needed" in client.get(check.get_absolute_url()).content.decode()


def test_it_needs_actions_for_a_weak_answer_and_saves_nothing_without(world, scrutiny, as_user):
    """A weak rating with no actions is refused next to that question's actions; a missing rating next to it."""
    client = as_user(world.performance_officer)
    data = form_data(rating_2="weak")
    del data["rating_5"]
    response = client.post(reverse("scrutiny:health-check-record"), data)
    assert response.status_code == 400
    assert "Rate question 5" in response.content.decode()
    response = client.post(reverse("scrutiny:health-check-record"), form_data(rating_2="weak"))
    assert "Question 2 is rated weak: record the actions agreed" in response.content.decode()
    assert not HealthCheck.objects.exists()


@pytest.mark.parametrize(("who", "reads", "records"), [
    ("executive_member", 200, 200), ("performance_officer", 200, 200), ("scrutiny_member", 200, 403),
    ("head_of_service", 200, 403), ("panel_member", 403, 403),
])
def test_it_lets_leaders_record_and_others_read(world, scrutiny, as_user, who, reads, records):
    """Officers and councillors read the health check; executive members and the performance team record it."""
    client = as_user(getattr(world, who))
    assert client.get(reverse("scrutiny:health-check")).status_code == reads
    assert client.get(reverse("scrutiny:health-check-record")).status_code == records
    assert client.get("/api/scrutiny/health-checks/evidence/").status_code == reads
    body = {"reviewed_by": "Exec", "overall": "fit",
            "answers": [{"question": n, "rating": "strong"} for n in range(1, 8)]}
    status = as_user(getattr(world, who)).post("/api/scrutiny/health-checks/", body,
                                               content_type="application/json").status_code
    assert status == (201 if records == 200 else 403)


def test_it_keeps_the_health_check_to_a_fixed_number_of_queries(world, scrutiny, as_user):
    """The evidence page asks the same number of questions of the database with 2 indicators as with 12."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = as_user(world.executive_member)
    add_indicators(world, 2)
    client.get(reverse("scrutiny:health-check"))
    forget_kept_summaries()
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("scrutiny:health-check"))
    add_indicators(world, 10)
    forget_kept_summaries()
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("scrutiny:health-check"))
    assert len(few) == len(many)
