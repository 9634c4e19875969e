"""The demo council's year of complaints: across the regimes, some late, one review panel, quick to load."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from complaints import demo, selectors
from complaints.models import (
    CaseAccess,
    Complaint,
    ComplaintStage,
    LearningAction,
    OmbudsmanReferral,
    ReviewPanel,
)
from core.working_days import non_working_days
from organisation.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_council(settings):
    settings.DEBUG = True
    call_command("seed_demo", "--quiet")


def test_it_loads_a_year_of_complaints_across_the_regimes(demo_council):
    today = timezone.localdate()
    complaints = Complaint.objects.all()
    assert set(complaints.values_list("regime__code", flat=True)) == {"adults", "childrens", "corporate"}
    assert set(complaints.values_list("kind", flat=True)) == {"formal", "informal", "compliment"}
    this_year = complaints.filter(received_on__gt=today - datetime.timedelta(days=400))
    first = this_year.order_by("received_on").first().received_on
    assert today - datetime.timedelta(days=370) <= first <= today - datetime.timedelta(days=300)
    # And a few closed six to eight years ago, for retention: those past seven years already anonymised.
    old = complaints.exclude(pk__in=this_year)
    assert old.count() == 5
    assert not old.filter(closed_on__isnull=True).exists()
    assert old.filter(anonymised_at__isnull=False, complainant_name="Anonymised").count() == 3
    assert ComplaintStage.objects.filter(stage__number=2).exists()
    assert LearningAction.objects.exists()
    assert OmbudsmanReferral.objects.exclude(decision="").exists()


def test_it_has_timescales_met_missed_and_overdue(demo_council):
    holidays = non_working_days()
    rows = selectors.case_rows(selectors.complaint_list(User.objects.get(email="complaints@ashfordvale.example"),
                                                        status="all", kind="formal"))
    statuses = {d.status for row in rows for d in row.deadlines}
    assert {"met", "missed", "overdue", "due_soon"} <= statuses
    assert holidays  # the deadlines above were worked out in working days


def test_it_has_one_panel_that_only_its_members_see(demo_council, as_user):
    panel = ReviewPanel.objects.select_related("stage__complaint").get()
    members = set(panel.memberships.values_list("member__email", flat=True))
    assert "panel@ashfordvale.example" in members
    assert len(members) == 3
    assert panel.recommendations.count() == 3
    assert panel.council_response_on is None
    ruth = User.objects.get(email="panel@ashfordvale.example")
    assert list(Complaint.objects.visible_to(ruth)) == [panel.stage.complaint]
    ward = User.objects.get(email="ward@ashfordvale.example")
    assert as_user(ward).get(panel.stage.complaint.get_absolute_url()).status_code == 404
    assert not CaseAccess.objects.filter(granted=True).exists()


def test_it_loads_quickly_and_only_once(demo_council):
    count = Complaint.objects.count()
    with CaptureQueriesContext(connection) as queries:
        demo.seed()
    assert Complaint.objects.count() == count
    assert len(queries) < 30
    Complaint.objects.all().delete()
    with CaptureQueriesContext(connection) as queries:
        demo.seed()
    assert Complaint.objects.count() == count
    assert len(queries) < 60
