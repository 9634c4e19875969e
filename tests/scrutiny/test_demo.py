"""The demo council's scrutiny: a committee with a work programme, a completed review, a health topic."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from indicators import demo as indicators_demo
from organisation import demo as organisation_demo
from priorities import demo as priorities_demo
from scrutiny import demo
from scrutiny.models import Committee, Recommendation, ScrutinyReview, Topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    organisation_demo.seed(password="demo-password-for-tests")
    priorities_demo.seed()
    indicators_demo.seed()
    return demo.seed()


def test_it_gives_the_demo_a_health_scrutiny_committee_chaired_by_the_scrutiny_account(seeded):
    """The Health and Adult Social Care Scrutiny Committee has health powers and scrutiny@ chairs it."""
    assert seeded.name == "Health and Adult Social Care Scrutiny Committee"
    assert seeded.has_health_scrutiny_powers
    chair = seeded.members.get(role="chair").person
    assert chair.email == "scrutiny@ashfordvale.example"
    assert Committee.objects.filter(kind="executive").exists()


def test_it_gives_the_committee_a_work_programme_from_every_source(seeded):
    """Topics from the watchlist (a deteriorating indicator), a councillor, the public and complaints, with one
    health scrutiny topic."""
    topics = Topic.objects.filter(committee=seeded)
    assert {"watchlist", "councillor", "public", "complaints"} <= set(topics.values_list("source", flat=True))
    assert topics.get(source="watchlist").indicator.code == "AV ACM 02"
    assert topics.filter(is_health=True).exists()


def test_it_gives_the_demo_a_completed_review_and_one_awaiting_response(seeded):
    """One review is complete with every recommendation answered (accept, partly accept, reject); another awaits
    the executive, one response overdue."""
    done = ScrutinyReview.objects.get(status="complete")
    assert done.is_published
    assert done.outcome
    assert sorted(done.recommendations.values_list("response", flat=True)) == [
        "accepted", "partly_accepted", "rejected"]
    assert done.members.filter(role="co_optee").exists()
    assert done.evidence.count() == 3
    waiting = ScrutinyReview.objects.get(status="awaiting_response")
    assert not waiting.is_published
    assert all(r.standing().code == "overdue" for r in waiting.recommendations.all())
    assert Recommendation.objects.filter(updates__isnull=False).exists()


def test_it_loads_twice_without_change_and_quickly(seeded):
    """A second run (every `make run`) adds nothing and asks the database one question."""
    counts = (Committee.objects.count(), Topic.objects.count(), Recommendation.objects.count())
    with CaptureQueriesContext(connection) as queries:
        demo.seed()
    assert (Committee.objects.count(), Topic.objects.count(), Recommendation.objects.count()) == counts
    assert len(queries) <= 2


def test_it_gives_the_demo_a_best_value_review_in_progress(seeded):
    """Home care is at the options appraisal: scope agreed by the committee, two 4Cs complete, a preferred option."""
    from scrutiny.models import BestValueReview

    review = BestValueReview.objects.get()
    assert review.stage == "options"
    assert review.scope_agreed_by == seeded
    assert review.sections.filter(is_complete=True).count() == 2
    assert review.options.get(is_preferred=True).total == 10


def test_it_gives_the_demo_health_scrutiny_and_call_ins(seeded):
    """NHS bodies, an answered and an overdue request, a substantial change; a decision called in."""
    from scrutiny.models import ExecutiveDecision, InformationRequest, SubstantialChange

    assert sorted(r.standing().code for r in InformationRequest.objects.all()) == ["on_time", "overdue"]
    assert SubstantialChange.objects.filter(committee=seeded).exists()
    assert sorted(d.state().code for d in ExecutiveDecision.objects.all()) == ["called_in", "in_window"]


def test_it_gives_the_demo_a_recorded_health_check(seeded):
    """The Executive's health check has seven answers, with actions on the data question."""
    from scrutiny.models import HealthCheck

    check = HealthCheck.objects.get()
    assert check.overall == "improve"
    assert check.answers.count() == 7
    assert check.answers.get(question=3).actions
