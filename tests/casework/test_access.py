"""Who sees a councillor's case: the councillor who raised it; once sent, the service's accountable officer and
deputy, and the casework managers. Nobody else, on any page or endpoint; every look is in the access log.

An outsider gets 404 (a case's existence is not revealed). Themes are for every councillor and officer, and
name no one.
"""

import pytest
from django.urls import reverse

from casework.models import CouncillorCase
from complaints.models import CaseAccess
from tests.casework.conftest import log_concern

pytestmark = pytest.mark.django_db

# Never see the case: another member for the same ward, a member for another ward, the accountable officer of
# another service, and everyone the scheme of delegation does not name for Reablement.
OUTSIDERS = ["same_ward", "other_ward", "manager_elsewhere", "director", "team_manager", "data_officer", "staff",
             "hr_officer", "executive_member", "portfolio_holder", "scrutiny_member", "panel_member", "system_admin"]


def person(world, councillors, key):
    return councillors.get(key) or getattr(world, key)


@pytest.fixture
def cases(world):
    sent = log_concern(world, name="Edna Sent")
    kept = log_concern(world, consent=False, name="Ernest Kept")
    CaseAccess.objects.all().delete()
    return {"sent": sent, "kept": kept}


def case_urls(case):
    return [reverse(f"casework:{name}", args=[case.pk]) for name in ("detail", "consent", "respond", "close",
                                                                     "access-log")]


@pytest.mark.parametrize("key", OUTSIDERS)
def test_it_shows_outsiders_no_case_on_any_page_or_endpoint(world, councillors, cases, as_user, key):
    """404 on every case page and endpoint, an empty list, and each attempt logged as refused."""
    user = person(world, councillors, key)
    client = as_user(user)
    attempts = 0
    for case in cases.values():
        for url in case_urls(case):
            assert client.get(url).status_code == 404, url
            attempts += 1
        assert client.post(reverse("casework:close", args=[case.pk]), {"closed_on_0": "1"}).status_code == 404
        assert client.get(f"/api/casework/{case.pk}/").status_code == 404
        for endpoint, data in (("consent", {}), ("respond", {"responded_on": "2026-01-05", "response": "x"}),
                               ("close", {"closed_on": "2026-01-05"})):
            response = client.post(f"/api/casework/{case.pk}/{endpoint}/", data, content_type="application/json")
            assert response.status_code == 404, endpoint
        attempts += 5
    listing = client.get(reverse("casework:list"))
    assert listing.status_code in (200, 403)
    assert "Edna Sent" not in listing.text
    assert cases["sent"].reference not in listing.text
    assert client.get("/api/casework/").json().get("count", 0) == 0
    assert CaseAccess.objects.filter(user=user, granted=False).count() == attempts
    assert not CaseAccess.objects.filter(user=user, granted=True).exists()
    for case in cases.values():
        case.refresh_from_db()
        assert (case.status, case.response) == (CouncillorCase.Status.OPEN, "")


def test_the_councillor_sees_their_own_cases_sent_or_not(world, cases, as_user):
    client = as_user(world.ward_councillor)
    for case in cases.values():
        page = client.get(case.get_absolute_url())
        assert page.status_code == 200
        assert case.constituent_name in page.text
    listing = client.get(reverse("casework:list"))
    assert {row.case for row in listing.context["rows"]} == set(cases.values())
    assert CaseAccess.objects.filter(user=world.ward_councillor, granted=True, casework__isnull=False).count() == 2


def test_the_accountable_officer_and_deputy_see_only_cases_sent_to_their_service(world, cases, as_user):
    world.adults.delegation.deputy_accountable_officer = world.team_manager
    world.adults.delegation.save()
    for officer in (world.head_of_service, world.team_manager):
        client = as_user(officer)
        page = client.get(cases["sent"].get_absolute_url())
        assert page.status_code == 200
        assert "Edna Sent" in page.text
        assert page.context["can_respond"]
        assert client.get(cases["kept"].get_absolute_url()).status_code == 404
        listing = client.get(reverse("casework:list"))
        assert [row.case for row in listing.context["rows"]] == [cases["sent"]]
        api = client.get("/api/casework/").json()
        assert [c["reference"] for c in api["results"]] == [cases["sent"].reference]


def test_access_follows_the_scheme_of_delegation_when_it_changes(world, cases, as_user):
    """A handover passes the open cases to the new accountable officer; the old one no longer sees them."""
    world.adults.delegation.accountable_officer = world.director
    world.adults.delegation.save()
    assert as_user(world.director).get(cases["sent"].get_absolute_url()).status_code == 200
    assert as_user(world.head_of_service).get(cases["sent"].get_absolute_url()).status_code == 404


@pytest.mark.parametrize("manager", ["complaints_officer", "performance_officer"])
def test_casework_managers_see_every_sent_case_and_who_looked(world, cases, as_user, manager):
    client = as_user(getattr(world, manager))
    assert client.get(cases["sent"].get_absolute_url()).status_code == 200
    assert client.get(cases["kept"].get_absolute_url()).status_code == 404
    log = client.get(reverse("casework:access-log", args=[cases["sent"].pk]))
    assert log.status_code == 200
    assert [entry.user for entry in log.context["page"]] == [getattr(world, manager)] * 2
    # The councillor who raised it does not read the log.
    assert as_user(world.ward_councillor).get(
        reverse("casework:access-log", args=[cases["sent"].pk])).status_code == 403


def test_the_complaints_access_log_lists_looks_at_casework_too(world, cases, as_user):
    as_user(world.head_of_service).get(cases["sent"].get_absolute_url())
    as_user(world.staff).get(cases["sent"].get_absolute_url())
    page = as_user(world.complaints_officer).get(reverse("complaints:access-log"))
    entries = list(page.context["page"])
    assert [(e.user, e.granted, e.case) for e in entries] == [(world.staff, False, cases["sent"]),
                                                              (world.head_of_service, True, cases["sent"])]
    assert "Councillor casework" in page.text


def test_every_councillor_sees_themes_without_names(world, councillors, cases, as_user):
    for key in ("scrutiny_member", "other_ward", "executive_member", "staff"):
        page = as_user(person(world, councillors, key)).get(reverse("casework:themes"))
        assert page.status_code == 200
        assert "Edna Sent" not in page.text
        assert "Ernest Kept" not in page.text
        assert cases["sent"].reference not in page.text
        assert "fewer than 5" in page.text  # two cases in Abbey
        api = as_user(person(world, councillors, key)).get("/api/casework-themes/").json()
        assert api["total"] == {"count": None, "text": "fewer than 5"}
        assert "Edna" not in str(api)
    assert as_user(world.panel_member).get(reverse("casework:themes")).status_code == 403
    assert as_user(world.panel_member).get("/api/casework-themes/").status_code == 403
