"""The regimes are data: loaded once, edited by the council, applied to stages that start afterwards."""

import datetime

import pytest
from django.urls import reverse

from complaints.models import Category, Regime, RegimeStage
from complaints.regimes import ensure_regimes
from core.models import ClosureDay
from tests.complaints.conftest import log_case, working_days_ago

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
