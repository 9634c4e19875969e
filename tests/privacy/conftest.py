"""Old and recent cases for the retention and subject access tests, made through the services."""

import datetime

import pytest
from django.utils import timezone

from casework.models import CouncillorCase
from complaints import services as complaint_services
from complaints.models import Category, Complaint
from public import services as public_services
from public.models import Feedback
from tests.casework.conftest import log_concern
from tests.complaints.conftest import regimes, respond, working_day_before  # noqa: F401 (fixture)


def years_ago(years, days=0):
    today = timezone.localdate()
    return today.replace(year=today.year - years, day=min(today.day, 28)) - datetime.timedelta(days=days)


def log_case(world, regime, *, received_on, name, accepted_late_reason=""):
    return complaint_services.complaint_log(
        actor=world.complaints_officer, owner=world.complaints_officer, kind=Complaint.Kind.FORMAL, regime=regime,
        complainant_name=name, complainant_type=Complaint.ComplainantType.REPRESENTATIVE,
        contact_details=f"{name.split()[0].lower()}@example.org, 1 High Street", service=world.adults,
        summary=f"{name} says the visits to her mother keep being cancelled.", received_on=received_on,
        points=["The visit was cancelled without notice", "Nobody returned my calls"],
        categories=[Category.objects.get_or_create(name="Delay")[0]], accepted_late_reason=accepted_late_reason)


def closed_case(world, regime, *, closed_years_ago, days=30, name="Alex Example"):
    """A formal complaint answered (point outcomes recorded) and closed that many years ago."""
    received = working_day_before(years_ago(closed_years_ago, days=days + 20))
    complaint = log_case(world, regime, received_on=received, name=name)
    respond(world, complaint, working_day_before(years_ago(closed_years_ago, days=days)), "upheld")
    Complaint.objects.filter(pk=complaint.pk).update(closed_on=years_ago(closed_years_ago))
    return Complaint.objects.get(pk=complaint.pk)


def closed_concern(world, *, closed_years_ago, name="Edna Constituent"):
    case = log_concern(world, name=name, raised_on=years_ago(closed_years_ago, days=40))
    CouncillorCase.objects.filter(pk=case.pk).update(status=CouncillorCase.Status.CLOSED,
                                                     closed_on=years_ago(closed_years_ago))
    return CouncillorCase.objects.get(pk=case.pk)


def feedback_sent(world, *, years, name="Alex Example", email="alex@example.org"):
    feedback = public_services.feedback_submit(comment="My mother's visits were cut short.", service=world.adults,
                                               name=name, email=email)
    Feedback.objects.filter(pk=feedback.pk).update(
        submitted_at=timezone.now() - datetime.timedelta(days=365 * years + 2))
    return Feedback.objects.get(pk=feedback.pk)


@pytest.fixture
def old_and_new(world, regimes):  # noqa: F811
    return {
        "old": closed_case(world, regimes["adults"], closed_years_ago=7),
        "recent": closed_case(world, regimes["adults"], closed_years_ago=5, name="Bea Recent"),
        "open": log_case(world, regimes["adults"], received_on=working_day_before(years_ago(8)), name="Carl Open"),
        "old_case": closed_concern(world, closed_years_ago=7),
        "recent_case": closed_concern(world, closed_years_ago=2, name="Dan Recent"),
        "old_feedback": feedback_sent(world, years=3),
        "new_feedback": feedback_sent(world, years=0, name="Eve New", email="eve@example.org"),
    }
