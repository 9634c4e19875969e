"""Who may see and change what: every page and API endpoint, tried by someone who must not."""

from decimal import Decimal

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from indicators.models import ComparatorGroup, DataImport, IndicatorValue, Target
from tests.indicators.conftest import published
from tests.indicators.factories import GroupFactory, ValueFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def figures(ind):
    """A published, a verified and a draft figure for the adults service; a draft for children's."""
    return {
        "published": published(ind.reablement, "Q4 2023/24", 66, entered_by=ind.world.data_officer),
        "verified": ValueFactory(indicator=ind.reablement, period=ind.q1, actual=Decimal("71.25"),
                                 status="verified", entered_by=ind.world.data_officer),
        "draft": ValueFactory(indicator=ind.waiting, period=ind.q1, actual=Decimal("333.5"), status="draft",
                              entered_by=ind.world.data_officer),
        "submitted": ValueFactory(indicator=ind.waiting, period=ind.q2, actual=Decimal("222.5"),
                                  status="submitted", entered_by=ind.world.data_officer),
        "elsewhere": ValueFactory(indicator=ind.fostering, period=ind.q1, actual=Decimal("4"), status="draft"),
    }


def url(name, *args):
    return reverse(f"indicators:{name}", args=args)


# (url name, args from the fixture, people who may open it, people who must not) -- GET.
PAGES = [
    ("list", (), ["staff", "scrutiny_member", "ward_councillor"], []),
    ("detail", ("reablement",), ["staff", "executive_member", "panel_member"], []),
    ("watchlist", (), ["scrutiny_member", "staff"], []),
    ("benchmarks", (), ["ward_councillor"], []),
    ("create", (), ["performance_officer", "system_admin"], ["head_of_service", "data_officer", "scrutiny_member"]),
    ("edit", ("reablement",), ["performance_officer"], ["head_of_service", "director", "data_officer", "staff"]),
    ("targets", ("reablement",), ["head_of_service", "director", "team_manager", "performance_officer"],
     ["manager_elsewhere", "data_officer", "executive_member", "staff"]),
    ("entry", (), ["data_officer", "head_of_service", "performance_officer"],
     ["staff", "scrutiny_member", "hr_officer", "complaints_officer"]),
    ("entry-grid", ("adults", "q1"), ["data_officer", "head_of_service", "performance_officer"],
     ["manager_elsewhere", "staff", "portfolio_holder"]),
    ("verify", (), ["head_of_service", "director", "performance_officer"], ["data_officer", "staff",
                                                                           "scrutiny_member"]),
    ("publish", (), ["performance_officer"], ["head_of_service", "director", "data_officer", "executive_member"]),
    ("benchmarks-import", (), ["performance_officer"], ["head_of_service", "data_officer", "scrutiny_member"]),
    ("values-import", (), ["data_officer", "performance_officer"], ["staff", "scrutiny_member", "hr_officer"]),
    ("group-create", (), ["performance_officer"], ["head_of_service", "executive_member"]),
]


def resolve_args(ind, args):
    lookup = {"reablement": ind.reablement.pk, "adults": ind.world.adults.pk, "q1": ind.q1.pk}
    return [lookup[a] for a in args]


@pytest.mark.parametrize(("name", "args", "allowed", "refused"), PAGES)
def test_it_opens_each_page_to_the_right_people_only(ind, as_user, name, args, allowed, refused):
    """Allowed people get the page; others get 403; someone signed out is sent to sign in."""
    target = url(name, *resolve_args(ind, args))
    for persona in allowed:
        assert as_user(getattr(ind.world, persona)).get(target).status_code == 200, persona
    for persona in refused:
        assert as_user(getattr(ind.world, persona)).get(target).status_code == 403, persona
    response = as_user(None).get(target)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_it_shows_councillors_and_staff_verified_figures_only(ind, figures, as_user):
    """Drafts and submitted figures stay with the service and the performance team."""
    for persona in ("scrutiny_member", "staff", "portfolio_holder", "manager_elsewhere"):
        page = as_user(getattr(ind.world, persona)).get(ind.waiting.get_absolute_url()).content.decode()
        assert "333.5" not in page, persona
        assert "222.5" not in page, persona
        page = as_user(getattr(ind.world, persona)).get(ind.reablement.get_absolute_url()).content.decode()
        assert "71.3%" in page, persona
        assert "66.0%" in page, persona
    page = as_user(ind.world.data_officer).get(ind.waiting.get_absolute_url()).content.decode()
    assert "333.5" in page


def test_it_shows_the_public_only_published_figures(ind, figures, as_user):
    client = as_user(None)
    page = client.get(reverse("public-indicator", args=[ind.reablement.pk])).content.decode()
    assert "66.0%" in page
    assert "71.3%" not in page
    listing = client.get(reverse("public-indicators")).content.decode()
    assert "Reablement episodes ending with no ongoing care" in listing
    assert "People waiting for an assessment" not in listing  # nothing of it is published
    assert "Entered by" not in page


@pytest.mark.parametrize("persona", ["scrutiny_member", "manager_elsewhere", "staff"])
def test_it_hides_a_draft_figure_page_from_people_outside_the_service(ind, figures, as_user, persona):
    assert as_user(getattr(ind.world, persona)).get(figures["draft"].get_absolute_url()).status_code == 404


def test_it_stops_a_data_officer_entering_another_service_s_figures(ind, figures, as_user):
    """A data officer of one service cannot post figures into another's grid."""
    children_grid = url("entry-grid", ind.world.children.pk, ind.q1.pk)
    response = as_user(ind.world.data_officer).post(children_grid, {f"actual-{ind.fostering.pk}": "9"})
    assert response.status_code == 403
    assert IndicatorValue.objects.get(pk=figures["elsewhere"].pk).actual == Decimal(4)


@pytest.mark.parametrize("persona", ["manager_elsewhere", "scrutiny_member", "staff"])
def test_it_stops_outsiders_changing_a_published_figure(ind, figures, as_user, persona):
    value = figures["published"]
    client = as_user(getattr(ind.world, persona))
    change = url("value-change", value.pk)
    assert client.get(change).status_code == 403
    assert client.post(change, {"actual": "1", "reason": "because"}).status_code == 403
    value.refresh_from_db()
    assert (value.actual, value.status) == (Decimal(66), "published")


def test_it_stops_outsiders_verifying_returning_or_publishing(ind, figures, as_user):
    submitted = figures["submitted"]
    as_user(ind.world.manager_elsewhere).post(url("verify"), {"value": [submitted.pk]})
    assert as_user(ind.world.data_officer).post(url("value-return", submitted.pk),
                                                {"reason": "no"}).status_code == 403
    assert as_user(ind.world.head_of_service).post(url("publish"),
                                                   {"value": [figures["verified"].pk]}).status_code == 403
    submitted.refresh_from_db()
    figures["verified"].refresh_from_db()
    assert submitted.status == "submitted"
    assert figures["verified"].status == "verified"


def test_it_stops_someone_else_setting_targets_or_editing_groups(ind, as_user):
    response = as_user(ind.world.manager_elsewhere).post(url("targets", ind.reablement.pk),
                                                         {f"target-{ind.q1.pk}": "1"})
    assert response.status_code == 403
    assert Target.objects.get(indicator=ind.reablement).value == Decimal(70)
    group = GroupFactory(name="CIPFA nearest neighbours")
    assert as_user(ind.world.head_of_service).post(url("group-edit", group.pk), {"name": "Mine"}).status_code == 403
    assert ComparatorGroup.objects.get(pk=group.pk).name == "CIPFA nearest neighbours"


def test_it_keeps_an_import_to_its_uploader_and_the_performance_team(ind, as_user):
    data_import = DataImport.objects.create(kind="values", file_name="mine.csv", uploaded_by=ind.world.data_officer,
                                            header=["indicator_code", "period", "actual"], rows=[["X", "2024/25", "1"]])
    assert as_user(ind.world.data_officer).get(url("import-preview", data_import.pk)).status_code == 200
    assert as_user(ind.world.performance_officer).get(url("import", data_import.pk)).status_code == 200
    for persona in ("manager_elsewhere", "head_of_service", "scrutiny_member"):
        assert as_user(getattr(ind.world, persona)).get(url("import-preview", data_import.pk)).status_code == 403


# The API ---------------------------------------------------------------------


def api(user):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.mark.parametrize("path", ["/api/indicators/", "/api/indicator-values/", "/api/targets/", "/api/periods/",
                                  "/api/comparator-areas/", "/api/comparator-groups/", "/api/benchmark-values/",
                                  "/api/watchlist/"])
def test_it_refuses_every_api_endpoint_to_someone_signed_out(ind, path):
    assert api(None).get(path).status_code in (401, 403)
    assert api(ind.world.staff).get(path).status_code == 200


def test_it_filters_api_values_by_who_is_asking(ind, figures):
    """Councillors get verified and published figures; the service's data officer every status of theirs."""
    def codes(user):
        rows = api(user).get("/api/indicator-values/").json()["results"]
        return sorted((r["indicator_code"], r["status"]) for r in rows)

    assert codes(ind.world.scrutiny_member) == [("AV RHC 01", "published"), ("AV RHC 01", "verified")]
    assert codes(ind.world.manager_elsewhere) == [("AV FA 01", "draft"), ("AV RHC 01", "published"),
                                                  ("AV RHC 01", "verified")]
    assert ("AV ACM 02", "draft") in codes(ind.world.data_officer)
    assert ("AV FA 01", "draft") not in codes(ind.world.data_officer)


def test_it_refuses_api_writes_to_people_without_the_right(ind, figures):
    """Each write is tried by someone who must not make it; nothing changes."""
    outsider = api(ind.world.manager_elsewhere)
    response = outsider.post("/api/indicator-values/", {"indicator": ind.reablement.pk, "period": "Q2 2024/25",
                                                        "actual": "50"}, format="json")
    assert response.status_code == 403
    assert outsider.patch(f"/api/indicator-values/{figures['published'].pk}/",
                          {"actual": "1", "reason": "x"}, format="json").status_code == 403
    assert outsider.post(f"/api/indicator-values/{figures['submitted'].pk}/verify/").status_code == 404  # unseen
    assert api(ind.world.data_officer).post(
        f"/api/indicator-values/{figures['submitted'].pk}/verify/").status_code == 403  # entered it
    assert api(ind.world.head_of_service).post(
        f"/api/indicator-values/{figures['verified'].pk}/publish/").status_code == 403
    assert api(ind.world.data_officer).post("/api/targets/", {"indicator": ind.reablement.pk, "period": "Q1 2024/25",
                                                             "value": "1"}, format="json").status_code == 403
    assert api(ind.world.head_of_service).post("/api/indicators/", {"code": "X"}, format="json").status_code == 403
    assert api(ind.world.head_of_service).post("/api/comparator-groups/", {"name": "X"},
                                               format="json").status_code == 403
    assert api(ind.world.scrutiny_member).get(
        f"/api/indicator-values/{figures['draft'].pk}/").status_code == 404
    figures["published"].refresh_from_db()
    figures["submitted"].refresh_from_db()
    figures["verified"].refresh_from_db()
    assert figures["published"].actual == Decimal(66)
    assert figures["submitted"].status == "submitted"
    assert figures["verified"].status == "verified"
    assert IndicatorValue.objects.filter(period__label="Q2 2024/25", indicator=ind.reablement).count() == 0
    assert Target.objects.get(indicator=ind.reablement).value == Decimal(70)
