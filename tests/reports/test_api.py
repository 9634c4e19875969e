"""The API: packs and versions restricted by audience; the performance team produces them, with precise 400s."""

import pytest

from reports.models import ReportVersion

pytestmark = pytest.mark.django_db


def test_a_performance_officer_produces_a_report_through_the_api(world, packs, as_user,
                                                                 django_capture_on_commit_callbacks):
    client = as_user(world.performance_officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/api/reports/generate/", {"report_type": "scrutiny", "audience": "committee",
                                                          "committee": packs.committee.pk, "period": "Q1 2026/27"},
                               content_type="application/json")
    assert response.status_code == 202
    body = response.json()
    version = ReportVersion.objects.get(pk=body["id"])
    assert body["url"].endswith(version.get_absolute_url())
    assert body["idempotency_key"] == f"scrutiny:Q1 2026/27:committee:{packs.committee.pk}:v1"
    detail = client.get(f"/api/reports/versions/{version.pk}/").json()
    assert detail["status"] == "ready"
    assert detail["pdf_url"].endswith(f"/reports/versions/{version.pk}/pdf/")
    assert detail["snapshot"]["period"] == "Q1 2026/27"


@pytest.mark.parametrize(("data", "field", "message"), [
    ({"report_type": "portfolio", "audience": "portfolio", "period": "Q1 2026/27"}, "portfolio",
     "Choose the portfolio."),
    ({"report_type": "complaints", "audience": "executive", "period": "Q1 2026/27"}, "period",
     "Choose a financial year: this report covers a whole year."),
    ({"report_type": "executive", "audience": "executive", "period": "Q9 2026/27"}, "period", None),
    ({"report_type": "weekly", "audience": "executive", "period": "2025/26"}, "report_type", None),
])
def test_it_answers_a_bad_request_field_by_field(world, packs, as_user, data, field, message):
    response = as_user(world.performance_officer).post("/api/reports/generate/", data,
                                                        content_type="application/json")
    assert response.status_code == 400
    assert field in response.json()
    if message:
        assert response.json()[field] == [message]


def test_lists_hold_only_what_the_reader_may_see(world, packs, as_user):
    client = as_user(world.scrutiny_member)
    reports = client.get("/api/reports/").json()["results"]
    assert [r["id"] for r in reports] == [packs.reports.scrutiny.pk]
    versions = client.get("/api/reports/versions/").json()["results"]
    assert [v["id"] for v in versions] == [packs.reports.scrutiny.version.pk]
    assert client.get(f"/api/reports/versions/{packs.reports.adults.version.pk}/").status_code == 404
    assert client.get("/api/reports/schedules/").status_code == 403
