"""Call-in of executive decisions: the window in working days, who may call in, and the outcome."""

import datetime

import pytest
from django.urls import reverse

from core.models import ClosureDay
from scrutiny.models import CallIn, ExecutiveDecision
from tests.factories import CouncillorFactory

pytestmark = pytest.mark.django_db


def date(prefix, day):
    return {f"{prefix}_0": day.day, f"{prefix}_1": day.month, f"{prefix}_2": day.year}


def text(response):
    return response.content.decode().replace("&#x27;", "'")


@pytest.fixture
def decision(world, scrutiny, as_user):
    as_user(world.performance_officer).post(reverse("scrutiny:decision-create"), {
        "reference": "ED/1", "title": "Close the day centre", "decision": "Close it.", "made_by": "The Executive",
        "call_in_committee": scrutiny.committee.pk, **date("made_on", datetime.date(2026, 11, 23)),
        **date("published_on", datetime.date(2026, 11, 24))})
    return ExecutiveDecision.objects.get(reference="ED/1")


@pytest.fixture
def callers(world):
    return [world.scrutiny_member, world.ward_councillor, CouncillorFactory(first_name="Third")]


def test_it_works_out_the_call_in_window_in_working_days(decision, world, as_user):
    """Published on Tuesday 24 November 2026, a 5-working-day window ends on Tuesday 1 December."""
    assert decision.call_in_ends_on == datetime.date(2026, 12, 1)
    page = text(as_user(world.scrutiny_member).get(decision.get_absolute_url()))
    assert "1 December 2026" in page
    assert "Can be called in" in page


def test_it_counts_closure_days_and_the_committee_s_own_window(world, scrutiny, as_user):
    """A council closure day is not a working day, and a committee can set a 3-day window."""
    ClosureDay.objects.create(date=datetime.date(2026, 11, 25), reason="Staff training day")
    scrutiny.committee.call_in_days = 3
    scrutiny.committee.save()
    as_user(world.performance_officer).post(reverse("scrutiny:decision-create"), {
        "reference": "ED/2", "title": "T", "decision": "D", "made_by": "M",
        "call_in_committee": scrutiny.committee.pk, **date("made_on", datetime.date(2026, 11, 24)),
        **date("published_on", datetime.date(2026, 11, 24))})
    assert ExecutiveDecision.objects.get(reference="ED/2").call_in_ends_on == datetime.date(2026, 11, 30)


def test_it_records_a_call_in_by_enough_members_within_the_window(decision, callers, world, scrutiny, as_user):
    """Three non-executive councillors call it in on 27 November; the committee must meet within 10 working
    days, by 11 December; a meeting after that is flagged."""
    client = as_user(world.performance_officer)
    client.post(reverse("scrutiny:call-in-record", args=[decision.pk]), {
        "members": [c.pk for c in callers], "reasons": "No consultation.", "meeting": scrutiny.meeting.pk,
        **date("called_in_on", datetime.date(2026, 11, 27))})
    call_in = CallIn.objects.get(decision=decision)
    assert call_in.meet_by == datetime.date(2026, 12, 11)
    assert set(call_in.members.all()) == set(callers)
    assert call_in.meeting_is_late  # the meeting is on 18 December
    page = text(client.get(decision.get_absolute_url()))
    assert "Called in" in page
    assert "Later than the working days allowed" in page
    client.post(reverse("scrutiny:call-in-outcome", args=[decision.pk]),
                {"meeting": scrutiny.meeting.pk, "outcome": "refer_back", "outcome_notes": "Consult first."})
    call_in.refresh_from_db()
    assert call_in.outcome == "refer_back"
    assert decision.state().code == "referred"


@pytest.mark.parametrize(("change", "message"), [
    ({"called_in_on": datetime.date(2026, 12, 2)}, "The call-in window ran from 24 November 2026 to 1 December"),
    ({"members": 2}, "3 members are needed to call in a decision; 2 chosen"),
    ({"executive": True}, "is an executive member and cannot call in"),
])
def test_it_refuses_a_call_in_outside_the_rules(decision, callers, world, as_user, change, message):
    """Too late, too few members, or an executive member among them: refused by the field, nothing saved."""
    members = callers[:change.get("members", 3)]
    if change.get("executive"):
        members = [*callers[:2], world.executive_member]
    response = as_user(world.performance_officer).post(reverse("scrutiny:call-in-record", args=[decision.pk]), {
        "members": [m.pk for m in members], "reasons": "Because.",
        **date("called_in_on", change.get("called_in_on", datetime.date(2026, 11, 27)))})
    assert response.status_code == 400
    assert message in text(response)
    assert not CallIn.objects.exists()


def test_it_keeps_decisions_to_readers_and_call_ins_to_officers(decision, world, as_user):
    """Councillors read decisions but cannot record a call-in; the public and independent people see nothing."""
    councillor = as_user(world.scrutiny_member)
    assert councillor.get(reverse("scrutiny:decision-list")).status_code == 200
    for url in (reverse("scrutiny:decision-create"), reverse("scrutiny:call-in-record", args=[decision.pk]),
                reverse("scrutiny:decision-edit", args=[decision.pk])):
        assert councillor.get(url).status_code == 403
    assert as_user(world.panel_member).get(decision.get_absolute_url()).status_code == 403
    assert as_user(world.panel_member).get("/api/scrutiny/decisions/").status_code == 403


def test_it_records_a_call_in_through_the_api(decision, callers, world, as_user):
    """POST call-in returns the decision, now called in, with the date the committee must meet by."""
    response = as_user(world.performance_officer).post(
        f"/api/scrutiny/decisions/{decision.pk}/call-in/",
        {"called_in_on": "2026-11-30", "reasons": "Why.", "members": [c.pk for c in callers]},
        content_type="application/json")
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["state"] == "called_in"
    assert data["call_in"]["meet_by"] == "2026-12-14"
    assert as_user(world.scrutiny_member).post(
        f"/api/scrutiny/decisions/{decision.pk}/call-in-outcome/", {}, content_type="application/json"
    ).status_code == 403
