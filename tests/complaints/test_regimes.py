"""The regimes are data: loaded once, edited by the council, applied to stages that start afterwards."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from complaints.models import Category, Complaint, Regime, RegimeStage
from complaints.regimes import ensure_regimes
from complaints.selectors import with_deadline_data
from core.models import ClosureDay
from core.working_days import add_working_days, non_working_days
from tests.complaints.conftest import log_case, respond, working_days_ago

pytestmark = pytest.mark.django_db


def test_it_loads_the_three_regimes_and_never_overwrites_the_councils_changes(regimes):
    assert set(regimes) == {"adults", "childrens", "corporate"}
    assert Category.objects.count() == 6
    RegimeStage.objects.filter(regime__code="corporate", number=1).update(response_days=15)
    Regime.objects.filter(code="adults").update(acknowledge_days=2)
    ensure_regimes()
    assert RegimeStage.objects.get(regime__code="corporate", number=1).response_days == 15
    assert Regime.objects.get(code="adults").acknowledge_days == 2
    assert RegimeStage.objects.count() == 7


def test_it_applies_a_changed_timescale_only_to_stages_that_start_afterwards(world, regimes):
    """A case keeps the timescale in force when its stage began."""
    before = log_case(world, regimes["corporate"])
    RegimeStage.objects.filter(regime__code="corporate", number=1).update(response_days=15)
    after = log_case(world, Regime.objects.get(code="corporate"))
    assert before.stages.get().response_days == 10
    assert after.stages.get().response_days == 15


def test_it_moves_open_deadlines_when_the_council_adds_a_closure_day(world, regimes, as_user):
    complaint = log_case(world, regimes["childrens"], received_on=working_days_ago(2), service=world.children)
    client = as_user(world.complaints_officer)

    def due():
        deadlines = client.get(complaint.get_absolute_url()).context["deadlines"]
        return next(d.due_on for d in deadlines if d.key == "stage-1-response")

    was = due()
    day = complaint.received_on + datetime.timedelta(days=1)
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    ClosureDay.objects.create(date=day, reason="Council closure")
    assert due() > was


def test_it_shows_the_procedures_to_everyone_signed_in(world, regimes, as_user):
    for persona in ("staff", "panel_member", "ward_councillor"):
        response = as_user(getattr(world, persona)).get(reverse("complaints:regimes"))
        assert response.status_code == 200
        assert "Respond within 10 working days, extendable to 20" in response.text
    body = as_user(world.staff).get("/api/complaint-regimes/childrens/").json()
    assert [(s["number"], s["response_days"]) for s in body["stages"]] == [(1, 10), (2, 25), (3, None)]
    assert body["stages"][2]["panel_meets_within_days"] == 30


def test_it_lets_an_administrator_change_the_timescales(world, regimes, as_user):
    client = as_user(world.system_admin)
    regime = regimes["corporate"]
    assert client.get(reverse("admin:complaints_regime_change", args=[regime.pk])).status_code == 200
    assert client.get(reverse("admin:complaints_regime_delete", args=[regime.pk])).status_code == 403
    # Complaint records themselves are not in the admin.
    assert client.get("/admin/complaints/complaint/").status_code == 404



def test_a_changed_timescale_reaches_open_cases_at_once_though_the_rules_are_kept(world, regimes):
    """Pages of cases read the regimes' rules and the closure days from the cache
    (complaints.deadlines.REGIME_RULES, core.working_days.CLOSURE_DAYS): an administrator's change retires them."""
    complaint = log_case(world, regimes["corporate"], received_on=working_days_ago(6))
    respond(world, complaint, on=working_days_ago(2))

    def window():
        with CaptureQueriesContext(connection) as queries:
            case = with_deadline_data(Complaint.objects.filter(pk=complaint.pk)).get()
            deadlines = case.deadlines(today=timezone.localdate(), holidays=non_working_days())
        read = [q["sql"].split(" WHERE ")[0] for q in queries]
        return next(d.due_on for d in deadlines if d.key == "stage-2-request"), read

    window()
    was, read = window()
    assert not [sql for sql in read if 'FROM "complaints_regimestage"' in sql or 'FROM "core_closureday"' in sql]
    assert len(read) == 2  # the case and its stages
    rule = RegimeStage.objects.get(regime__code="corporate", number=2)
    rule.request_within_days += 5
    rule.save()
    longer = window()[0]
    assert longer == add_working_days(was, 5, non_working_days())
    ClosureDay.objects.create(date=add_working_days(timezone.localdate(), 3, non_working_days()), reason="Closed")
    assert window()[0] == add_working_days(longer, 1, non_working_days())
