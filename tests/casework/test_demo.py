"""The demo council's casework and forums: several wards, some overdue, some kept for want of consent; two
forums with meetings, issues, responses and priorities behind them."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from casework import demo, selectors
from casework.models import CouncillorCase, Forum, ForumIssue, IssueResponse
from core.working_days import non_working_days
from organisation.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_council(settings):
    settings.DEBUG = True
    call_command("seed_demo", "--quiet")


def test_it_loads_casework_from_several_wards_some_overdue_some_without_consent(demo_council):
    cases = CouncillorCase.objects.all()
    assert cases.values("ward").distinct().count() >= 5
    assert cases.filter(routed_on__isnull=True, consent_given=False).count() >= 3
    assert set(cases.values_list("status", flat=True)) == {"open", "responded", "closed"}
    holidays = non_working_days()
    statuses = {case.deadline(today=timezone.localdate(), holidays=holidays).status
                for case in cases.filter(routed_on__isnull=False)}
    assert {"overdue", "due_soon", "met", "missed"} <= statuses
    for case in cases.filter(routed_on__isnull=False).select_related("service__delegation"):
        assert case.routed_to_id == case.service.delegation.accountable_officer_id
    # The demo ward councillor has a case of each kind, and the head of Reablement has overdue casework.
    ward = User.objects.get(email="ward@ashfordvale.example")
    assert selectors.home_panel(ward)["councillor"] == {"open": 2, "responded": 1, "not_sent": 2}
    head = User.objects.get(email="head@ashfordvale.example")
    assert selectors.home_panel(head)["overdue_count"] >= 1


def test_it_loads_two_forums_with_meetings_issues_responses_and_priorities(demo_council):
    assert Forum.objects.count() == 2
    for forum in Forum.objects.all():
        assert forum.meetings.filter(held_on__lte=timezone.localdate()).count() >= 2
        assert ForumIssue.objects.filter(meeting__forum=forum).exclude(priorities=None).exists()
        assert IssueResponse.objects.filter(issue__meeting__forum=forum).exists()
    assert ForumIssue.objects.filter(status="awaiting").exists()
    assert ForumIssue.objects.filter(status="resolved").exists()


def test_it_loads_only_once(demo_council):
    counts = (CouncillorCase.objects.count(), Forum.objects.count(), ForumIssue.objects.count())
    demo.seed()
    assert (CouncillorCase.objects.count(), Forum.objects.count(), ForumIssue.objects.count()) == counts
