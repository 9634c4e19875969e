"""The API: definitions, values through their sign-off, targets, benchmarks and the watchlist."""

from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from indicators.models import IndicatorValue, Target
from indicators.services import rag_refresh
from tests.indicators.conftest import published
from tests.indicators.factories import (
    AreaFactory,
    BenchmarkFactory,
    GroupFactory,
    IndicatorFactory,
    period,
)

pytestmark = pytest.mark.django_db


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_it_takes_a_value_through_entry_verification_and_publication(ind):
    """Entered and submitted by the data officer, verified by the head, published by the performance team."""
    response = api(ind.world.data_officer).post("/api/indicator-values/", {
        "indicator": ind.reablement.pk, "period": "Q2 2024/25", "actual": "73.5", "submit": True}, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["period_label"], body["status"], body["actual"]) == ("Q2 2024/25", "submitted", "73.5000")
    pk = body["id"]
    assert api(ind.world.head_of_service).post(f"/api/indicator-values/{pk}/verify/").json()["status"] == "verified"
    assert api(ind.world.performance_officer).post(
        f"/api/indicator-values/{pk}/publish/").json()["status"] == "published"
    value = IndicatorValue.objects.get(pk=pk)
    assert (value.entered_by, value.verified_by, value.published_by) == (
        ind.world.data_officer, ind.world.head_of_service, ind.world.performance_officer)


def test_it_rejects_bad_figures_through_the_api_with_messages(ind):
    client = api(ind.world.data_officer)
    response = client.post("/api/indicator-values/", {"indicator": ind.reablement.pk, "period": "2024/25",
                                                      "actual": "50"}, format="json")
    assert response.status_code == 400
    assert "2024/25 is a year" in str(response.json())
    response = client.post("/api/indicator-values/", {"indicator": ind.reablement.pk, "period": "Q1 2024/25",
                                                      "actual": "150"}, format="json")
    assert "150" in str(response.json())
    assert "above 100" in str(response.json())
    response = client.post("/api/indicator-values/", {"indicator": ind.reablement.pk, "period": "Q1 2024/25",
                                                      "numerator": "5", "denominator": "0"}, format="json")
    assert "divided by zero" in str(response.json())
    assert not IndicatorValue.objects.exists()


def test_it_needs_a_reason_to_change_a_published_value_through_the_api(ind):
    value = published(ind.reablement, "Q1 2024/25", 70, entered_by=ind.world.data_officer)
    client = api(ind.world.data_officer)
    response = client.patch(f"/api/indicator-values/{value.pk}/", {"actual": "68"}, format="json")
    assert response.status_code == 400
    assert "Say why" in str(response.json())
    response = client.patch(f"/api/indicator-values/{value.pk}/", {"actual": "68", "reason": "Late returns"},
                            format="json")
    assert response.json()["status"] == "submitted"
    value.refresh_from_db()
    assert value.actual == Decimal(68)
    assert value.revisions.get(action="changed").reason == "Late returns"


def test_it_filters_values_by_framework_service_period_status_and_rag(ind):
    published(ind.reablement, "Q1 2024/25", 75)
    published(ind.waiting, "Q1 2024/25", 260)
    ascof = IndicatorFactory(code="ASCOF 1A", framework="ascof", unit="score", frequency="year",
                             service=ind.world.carers)
    published(ascof, "2023/24", 19)
    rag_refresh()
    client = api(ind.world.performance_officer)

    def codes(**params):
        return sorted(r["indicator_code"] for r in client.get("/api/indicator-values/", params).json()["results"])

    assert codes(framework="ascof") == ["ASCOF 1A"]
    assert codes(service=ind.world.adults.pk) == ["AV ACM 02", "AV RHC 01"]
    assert codes(period_label="2023/24") == ["ASCOF 1A"]
    assert codes(rag="red") == ["AV ACM 02"]
    assert codes(rag="green") == ["AV RHC 01"]
    assert codes(status="draft") == []
    assert codes(fiscal_year=2024, period_kind="quarter") == ["AV ACM 02", "AV RHC 01"]
    assert [i["code"] for i in client.get("/api/indicators/", {"framework": "ascof"}).json()["results"]] == [
        "ASCOF 1A"]


def test_it_sets_targets_through_the_api_for_managers(ind):
    response = api(ind.world.head_of_service).post("/api/targets/", {
        "indicator": ind.reablement.pk, "period": "Q2 2024/25", "value": "75"}, format="json")
    assert response.status_code == 201
    assert Target.objects.get(indicator=ind.reablement, period__label="Q2 2024/25").value == Decimal(75)


def test_it_gives_the_benchmark_summary_through_the_api(ind):
    yearly = IndicatorFactory(code="ASCOF 3A", frequency="year", service=ind.world.adults)
    published(yearly, "2024/25", 65)
    group = GroupFactory(name="Near neighbours", minimum_sample=5)
    for n, value in enumerate([60, 62, None, 70]):
        area = AreaFactory(ons_code=f"E0800001{n}")
        group.areas.add(area)
        BenchmarkFactory(area=area, indicator=yearly, period=period("2024/25"),
                         value=Decimal(value) if value is not None else None)
    rows = api(ind.world.scrutiny_member).get(f"/api/indicators/{yearly.pk}/benchmark/").json()
    assert rows == [{
        "period": "2024/25", "group": "Near neighbours", "ours": "65.0000", "count": 3, "group_size": 4,
        "median": "62.0000", "lower_quartile": "61.0000", "upper_quartile": "66.0000", "rank": 2,
        "ranked_among": 4, "quartile": 2, "small_sample": True,
    }]


def test_it_changes_a_definition_through_the_api_as_a_new_version(ind):
    client = api(ind.world.performance_officer)
    response = client.patch(f"/api/indicators/{ind.reablement.pk}/", {"name": "Renamed"}, format="json")
    assert response.status_code == 400
    response = client.patch(f"/api/indicators/{ind.reablement.pk}/", {
        "name": "Renamed", "change_note": "New national definition", "effective_from": "Q1 2025/26"},
        format="json")
    assert response.status_code == 200
    ind.reablement.refresh_from_db()
    assert (ind.reablement.name, ind.reablement.version) == ("Renamed", 2)
    detail = client.get(f"/api/indicators/{ind.reablement.pk}/").json()
    assert [v["number"] for v in detail["versions"]] == [1, 2]
    assert detail["versions"][1]["effective_from"] == "2025-04-01"


def test_it_serves_the_schema_with_the_indicator_endpoints(ind, as_user):
    page = as_user(ind.world.staff).get("/api/docs/").content.decode()
    assert "/api/indicator-values/{id}/verify/" in page
    assert "/api/watchlist/" in page
