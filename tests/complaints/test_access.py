"""Who sees a complaint: the complaints team, the investigating officer and that case's panel; no one else.

An outsider gets 404 (a case's existence is not revealed), on every page and API
endpoint; every look at a case, and every refused attempt, is in the access log.
"""

import pytest
from django.urls import reverse

from complaints.models import CaseAccess, Complaint
from tests.complaints.conftest import log_case, panel_case

pytestmark = pytest.mark.django_db

OUTSIDERS = ["manager_elsewhere", "head_of_service", "director", "ward_councillor", "scrutiny_member",
             "executive_member", "performance_officer", "staff", "hr_officer", "system_admin"]


@pytest.fixture
def cases(world, regimes, independents, other_independents):
    """`adult`: investigated by the team manager; `panel`: heard by the panel persona's panel; `other`: another
    panel's case."""
    adult = log_case(world, regimes["adults"], investigator=world.team_manager)
    panel = panel_case(world, regimes, independents)
    other = panel_case(world, regimes, other_independents, start_days_ago=150)
    CaseAccess.objects.all().delete()
    return {"adult": adult, "panel": panel, "other": other}


def case_urls(complaint):
    stage = complaint.stages.order_by("stage__number").last()
    urls = [reverse(f"complaints:{name}", args=[complaint.pk]) for name in (
        "detail", "edit", "escalate", "close", "case-access-log", "learning-create", "ombudsman")]
    urls += [reverse("complaints:stage-edit", args=[stage.pk]), reverse("complaints:stage-respond", args=[stage.pk])]
    if hasattr(stage, "panel"):
        urls += [reverse(f"complaints:{name}", args=[stage.panel.pk])
                 for name in ("panel-edit", "panel-report", "panel-response")]
    return urls


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_it_shows_outsiders_no_case_on_any_page(world, cases, as_user, persona):
    """Managers (even of the complaint's service), councillors and administrators get 404 on every case page,
    and the attempt is logged as refused."""
    user = getattr(world, persona)
    client = as_user(user)
    for complaint in cases.values():
        for url in case_urls(complaint):
            assert client.get(url).status_code == 404, url
        assert client.post(reverse("complaints:close", args=[complaint.pk]), {}).status_code == 404
    refused = CaseAccess.objects.filter(user=user, granted=False)
    assert refused.count() == sum(len(case_urls(c)) + 1 for c in cases.values())
    assert not CaseAccess.objects.filter(user=user, granted=True).exists()
    for complaint in cases.values():
        complaint.refresh_from_db()
        assert complaint.closed_on is None


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_it_shows_outsiders_no_case_in_the_api(world, cases, as_user, persona):
    client = as_user(getattr(world, persona))
    listing = client.get("/api/complaints/")
    assert listing.status_code == 200
    assert listing.json()["count"] == 0
    for complaint in cases.values():
        assert client.get(f"/api/complaints/{complaint.pk}/").status_code == 404
        response = client.post(f"/api/complaints/{complaint.pk}/escalate/", {"stage": 2, "requested_on": "2026-01-05"},
                               content_type="application/json")
        assert response.status_code in (403, 404)
    assert not CaseAccess.objects.filter(user=getattr(world, persona), granted=True).exists()


def test_it_shows_a_panel_member_their_panels_case_and_no_other(world, cases, as_user):
    """Ruth sits on one panel: she sees that case (page and API) and gets 404 for the other panel's case and
    for the adult complaint, each attempt logged."""
    client = as_user(world.panel_member)
    assert client.get(cases["panel"].get_absolute_url()).status_code == 200
    assert client.get(cases["other"].get_absolute_url()).status_code == 404
    assert client.get(cases["adult"].get_absolute_url()).status_code == 404
    assert client.get(f"/api/complaints/{cases['other'].pk}/").status_code == 404
    listing = client.get("/api/complaints/").json()
    assert [c["reference"] for c in listing["results"]] == [cases["panel"].reference]
    response = client.get(reverse("complaints:list"))
    assert [row.complaint for row in response.context["rows"]] == [cases["panel"]]
    log = CaseAccess.objects.filter(user=world.panel_member)
    assert list(log.filter(granted=False).values_list("complaint", flat=True).order_by("pk")) == [
        cases["other"].pk, cases["adult"].pk, cases["other"].pk]
    assert log.filter(granted=True, complaint=cases["panel"]).count() == 2  # the page and the API list


def test_it_shows_the_investigator_their_case_but_lets_them_change_only_its_response(world, cases, as_user):
    client = as_user(world.team_manager)
    complaint = cases["adult"]
    stage = complaint.stages.get()
    assert client.get(complaint.get_absolute_url()).status_code == 200
    assert client.get(reverse("complaints:stage-respond", args=[stage.pk])).status_code == 200
    assert client.get(reverse("complaints:edit", args=[complaint.pk])).status_code == 403
    assert client.get(reverse("complaints:stage-edit", args=[stage.pk])).status_code == 403
    assert client.get(cases["panel"].get_absolute_url()).status_code == 404
    assert client.get(reverse("complaints:access-log")).status_code == 403


def test_it_shows_complaints_officers_every_case(world, cases, as_user):
    client = as_user(world.complaints_officer)
    for complaint in cases.values():
        for url in case_urls(complaint):
            assert client.get(url).status_code in (200, 302), url
    response = client.get(reverse("complaints:list"), {"status": "all"})
    assert {row.complaint.pk for row in response.context["rows"]} == {c.pk for c in cases.values()}


def test_it_logs_every_look_at_a_case_on_a_page_and_through_the_api(world, cases, as_user):
    complaint = cases["adult"]
    client = as_user(world.complaints_officer)
    client.get(complaint.get_absolute_url())
    client.get(f"/api/complaints/{complaint.pk}/")
    client.get("/api/complaints/")
    entries = CaseAccess.objects.filter(user=world.complaints_officer, complaint=complaint).order_by("pk")
    assert [(e.via, e.path, e.granted) for e in entries] == [
        ("page", complaint.get_absolute_url(), True),
        ("api", f"/api/complaints/{complaint.pk}/", True),
        ("api", "/api/complaints/", True),
    ]
    assert CaseAccess.objects.filter(via="api", path="/api/complaints/").count() == Complaint.objects.count()


def test_it_lets_complaints_officers_read_the_access_log(world, cases, as_user):
    """The log names who looked, including refused attempts; only complaints officers may read it."""
    as_user(world.manager_elsewhere).get(cases["adult"].get_absolute_url())
    as_user(world.team_manager).get(cases["adult"].get_absolute_url())
    response = as_user(world.complaints_officer).get(reverse("complaints:case-access-log", args=[cases["adult"].pk]))
    assert response.status_code == 200
    text = response.text
    assert "Claire Tester" in text
    assert "Refused" in text
    assert "Grace Tester" in text
    for persona in ("manager_elsewhere", "head_of_service", "ward_councillor", "panel_member", "team_manager"):
        assert as_user(getattr(world, persona)).get(reverse("complaints:access-log")).status_code == 403


def test_it_sends_anonymous_visitors_to_sign_in(world, cases, as_user):
    client = as_user(None)
    for url in [reverse("complaints:list"), reverse("complaints:statistics"), *case_urls(cases["adult"])]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login")), url
    assert client.get("/api/complaints/").status_code in (401, 403)
    assert not CaseAccess.objects.exists()


@pytest.mark.parametrize("persona", ["manager_elsewhere", "head_of_service", "ward_councillor", "panel_member",
                                     "team_manager"])
def test_it_lets_only_complaints_officers_log_a_complaint(world, regimes, as_user, persona):
    client = as_user(getattr(world, persona))
    assert client.get(reverse("complaints:create")).status_code == 403
    response = client.post("/api/complaints/", {"kind": "formal", "regime": "adults"}, content_type="application/json")
    assert response.status_code == 403
    assert not Complaint.objects.exists()


@pytest.mark.parametrize(("persona", "allowed"), [
    ("head_of_service", True), ("manager_elsewhere", True), ("ward_councillor", True), ("scrutiny_member", True),
    ("complaints_officer", True), ("staff", True), ("panel_member", False),
])
def test_it_shows_statistics_to_officers_and_councillors_only(world, cases, as_user, persona, allowed):
    """Statistics are aggregate; an independent panel member sees only their panel's case."""
    client = as_user(getattr(world, persona))
    assert client.get(reverse("complaints:statistics")).status_code == (200 if allowed else 403)
    assert client.get("/api/complaint-statistics/").status_code == (200 if allowed else 403)
    assert not CaseAccess.objects.exists()
