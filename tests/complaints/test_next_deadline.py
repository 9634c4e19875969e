"""The next deadline the council owes on each open case (Complaint.next_due_on) stays in step with the case,
and the officer's home page shows each case once, choosing them by it."""

import pytest
from django.urls import reverse
from django.utils import timezone

from complaints import deadlines, selectors, services
from complaints.models import Complaint
from core.models import ClosureDay
from core.working_days import add_working_days, non_working_days
from tests.complaints.conftest import (
    days_ago,
    log_case,
    respond,
    working_day_before,
    working_days_ago,
)

pytestmark = pytest.mark.django_db


def next_due(complaint):
    return Complaint.objects.values_list("next_due_on", flat=True).get(pk=complaint.pk)


def worked_out(complaint):
    """What the rules give today, from the case as the selectors load it."""
    loaded = selectors.with_deadline_data(Complaint.objects.filter(pk=complaint.pk)).get()
    return deadlines.next_due(loaded, today=timezone.localdate(), holidays=non_working_days())


def test_it_keeps_the_next_deadline_as_the_case_moves_on(world, regimes):
    """An adults' case logged: the acknowledgement is due first; acknowledged: the stage 1 response. A children's
    case answered at stage 1 owes nothing (the complainant may ask for stage 2); escalated: stage 2's response;
    answered again: nothing."""
    received = working_day_before(days_ago(2))
    holidays = non_working_days()
    adults = log_case(world, regimes["adults"], received_on=received)
    assert next_due(adults) == add_working_days(received, adults.acknowledge_days, holidays) == adults.next_due_on
    services.complaint_update(complaint=adults, actor=world.complaints_officer, acknowledged_on=received,
                              service=adults.service, team=adults.team)
    assert next_due(adults) == add_working_days(received, 20, holidays) == worked_out(adults)

    complaint = log_case(world, regimes["childrens"], received_on=received, service=world.children)
    assert next_due(complaint) == worked_out(complaint) is not None
    respond(world, complaint, working_day_before(timezone.localdate()))
    assert next_due(complaint) is None
    services.complaint_escalate(complaint=complaint, actor=world.complaints_officer, stage_number=2,
                                requested_on=timezone.localdate())
    assert next_due(complaint) == worked_out(complaint) is not None
    respond(world, complaint, working_day_before(timezone.localdate()))
    assert next_due(complaint) is None


def test_a_closure_day_moves_the_open_cases_next_deadlines(world, regimes):
    received = working_day_before(days_ago(1))
    complaint = log_case(world, regimes["adults"], received_on=received)
    before = next_due(complaint)
    closed = add_working_days(received, 1, non_working_days())
    day = ClosureDay.objects.create(date=closed, reason="Council closure")
    assert next_due(complaint) == add_working_days(before, 1, non_working_days()) != before
    day.delete()
    assert next_due(complaint) == before


def test_informal_complaints_and_compliments_owe_nothing(world, regimes):
    assert next_due(log_case(world, regimes["adults"], kind="informal")) is None
    assert next_due(log_case(world, regimes["adults"], kind="compliment")) is None


def test_the_morning_reminders_put_right_a_next_deadline_written_around_the_models(world, regimes):
    """A bulk load or a restored backup sends no signals: the daily job works every open case out afresh."""
    complaint = log_case(world, regimes["adults"], received_on=working_day_before(days_ago(9)))
    right = next_due(complaint)
    Complaint.objects.filter(pk=complaint.pk).update(next_due_on=None)
    services.deadline_reminders_send()
    assert next_due(complaint) == right


def test_the_home_page_shows_each_case_once_and_the_ten_overdue_longest(world, regimes, as_user):
    """Twelve unacknowledged cases overdue and one due soon: the overdue deadlines of the ten cases overdue
    longest are listed, the count says twelve cases, and "2 more" links to the case list. An acknowledged case not yet due is not shown."""
    for n in range(12):
        log_case(world, regimes["adults"], received_on=working_day_before(days_ago(10 + 2 * n)))
    soon = log_case(world, regimes["adults"], received_on=working_day_before(timezone.localdate()))
    quiet = log_case(world, regimes["adults"], received_on=working_day_before(days_ago(2)))
    services.complaint_update(complaint=quiet, actor=world.complaints_officer, acknowledged_on=quiet.received_on,
                              service=quiet.service, team=quiet.team)
    response = as_user(world.complaints_officer).get(reverse("home"))
    panel = response.context["complaint_deadlines"]
    assert (panel["overdue_count"], panel["more"]) == (12, 2)
    # The older cases' acknowledgements and stage 1 responses are both overdue: each is listed.
    longest = Complaint.objects.filter(kind="formal").order_by("next_due_on", "reference")[:10]
    assert {item.complaint for item in panel["overdue"]} == set(longest)
    assert {item.deadline.status for item in panel["overdue"]} == {"overdue"}
    due = [item.deadline.due_on for item in panel["overdue"]]
    assert due == sorted(due)
    assert due[0] == longest[0].next_due_on
    assert [(item.complaint, item.deadline.key) for item in panel["due_soon"]] == [(soon, "acknowledge")]
    assert "12 cases overdue, 1 case with a deadline due within 5 working days." in response.text
    assert "And 2 more cases overdue." in response.text
    assert quiet.reference not in response.text


def test_the_home_page_shows_the_ten_cases_due_soonest_and_counts_the_rest(world, regimes, as_user):
    """Twelve cases received over the last two days, none acknowledged: every acknowledgement is due soon. The ten
    due soonest are listed, soonest first; the count says twelve cases, and "2 more" links to the case list."""
    for n in range(12):
        log_case(world, regimes["adults"], received_on=working_day_before(days_ago(n % 3)))
    response = as_user(world.complaints_officer).get(reverse("home"))
    panel = response.context["complaint_deadlines"]
    assert (panel["soon_count"], panel["more_soon"], panel["overdue"]) == (12, 2, [])
    soonest = Complaint.objects.filter(kind="formal").order_by("next_due_on", "reference")[:10]
    assert [item.complaint for item in panel["due_soon"]] == list(soonest)
    assert [item.deadline.key for item in panel["due_soon"]] == ["acknowledge"] * 10
    assert "0 cases overdue, 12 cases with a deadline due within 5 working days." in response.text
    assert "And 2 more cases due soon." in response.text


def test_an_overdue_case_is_listed_as_overdue_not_again_as_due_soon(world, regimes):
    """Received 17 working days ago and never acknowledged: the acknowledgement is overdue and the stage 1
    response (20 working days) is due in 3. The case shows once, as overdue."""
    complaint = log_case(world, regimes["adults"], received_on=working_days_ago(17))
    loaded = selectors.with_deadline_data(Complaint.objects.filter(pk=complaint.pk)).get()
    statuses = {d.key: d.status for d in loaded.deadlines(today=timezone.localdate(), holidays=non_working_days())}
    assert (statuses["acknowledge"], statuses["stage-1-response"]) == ("overdue", "due_soon")
    panel = selectors.home_panel(world.complaints_officer)
    assert [(i.complaint, i.deadline.key) for i in panel["overdue"]] == [(complaint, "acknowledge")]
    assert (panel["due_soon"], panel["overdue_count"]) == ([], 1)
