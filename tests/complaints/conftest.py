"""Complaint cases for the tests, made through the services as an officer would make them.

Dates count back from today, so the pages (which use today) and the services agree.
"""

import datetime

import pytest
from django.utils import timezone

from complaints import services
from complaints.models import Complaint, Regime
from core.working_days import add_working_days, non_working_days
from organisation.models import Role
from tests.factories import UserFactory, grant


def days_ago(n):
    return timezone.localdate() - datetime.timedelta(days=n)


def working_day_before(day):
    while day.weekday() >= 5 or day in non_working_days():
        day -= datetime.timedelta(days=1)
    return day


def working_days_ago(n):
    """The working day n working days before today."""
    day = working_day_before(timezone.localdate())
    for _ in range(n):
        day = working_day_before(day - datetime.timedelta(days=1))
    return day


@pytest.fixture
def regimes(db):
    """The three regimes, loaded by the post_migrate signal from complaints/regimes.py."""
    return {r.code: r for r in Regime.objects.prefetch_related("stages")}


def log_case(world, regime, *, received_on=None, kind=Complaint.Kind.FORMAL, service=None, investigator=None,
             points=("The visit was cancelled without notice", "Nobody returned my calls"), **extra):
    return services.complaint_log(
        actor=world.complaints_officer, owner=world.complaints_officer, kind=kind, regime=regime,
        complainant_name="Alex Example", complainant_type=Complaint.ComplainantType.USER,
        contact_details="1 High Street", service=service or world.adults, summary="Visits keep being cancelled.",
        received_on=received_on or working_day_before(days_ago(3)), points=points if kind != "compliment" else (),
        investigator=investigator, **extra)


def respond(world, complaint, on, outcome="upheld"):
    stage = complaint.stages.select_related("stage").order_by("-stage__number").first()
    stage.complaint = complaint
    return services.stage_respond(stage=stage, actor=world.complaints_officer, responded_on=on, findings="Found.",
                                  outcomes={p.pk: outcome for p in complaint.points.all()})


def escalate(world, complaint, number, on, investigator=None):
    return services.complaint_escalate(complaint=complaint, actor=world.complaints_officer, stage_number=number,
                                       requested_on=on, investigator=investigator)


def panel_case(world, regimes, members, *, start_days_ago=120):
    """A children's complaint taken to a stage 3 review panel whose members are `members`."""
    holidays = non_working_days()
    received = working_day_before(days_ago(start_days_ago))
    complaint = log_case(world, regimes["childrens"], received_on=received, service=world.children)
    respond(world, complaint, add_working_days(received, 8, holidays), "not_upheld")
    escalate(world, complaint, 2, add_working_days(received, 12, holidays))
    respond(world, complaint, add_working_days(received, 30, holidays), "partly_upheld")
    stage = escalate(world, complaint, 3, add_working_days(received, 35, holidays))
    stage.complaint = complaint
    panel = stage.panel
    panel.stage = stage
    services.panel_update(panel=panel, actor=world.complaints_officer, members=members, chair=members[0])
    return complaint


@pytest.fixture
def independents(world):
    """The panel member persona plus two more independent people (a children's panel needs three)."""
    extra = [grant(UserFactory(first_name=name, kind="independent"), Role.PANEL_MEMBER) for name in ("Iris", "Ian")]
    return [world.panel_member, *extra]


@pytest.fixture
def other_independents(world):
    return [grant(UserFactory(first_name=name, kind="independent"), Role.PANEL_MEMBER)
            for name in ("Olga", "Otto", "Oona")]
