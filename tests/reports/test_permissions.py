"""Each report pack is read by its audience only; the performance team runs them; nobody else sees a thing."""

import pytest

from reports.models import ReportSchedule

pytestmark = pytest.mark.django_db


def pages(report):
    v = report.version
    return [report.get_absolute_url(), v.get_absolute_url(), f"/reports/versions/{v.pk}/report/",
            f"/reports/versions/{v.pk}/pdf/", f"/reports/versions/{v.pk}/status/"]


def readable(client, report):
    return [client.get(url).status_code for url in pages(report)]


def test_it_lets_a_portfolio_holder_read_their_portfolio_and_not_another(world, packs, as_user):
    holder = as_user(world.portfolio_holder)
    assert readable(holder, packs.reports.adults) == [200, 200, 200, 200, 200]
    assert readable(holder, packs.reports.children) == [404, 404, 404, 404, 404]
    assert holder.get(f"/api/reports/{packs.reports.children.pk}/").status_code == 404
    listed = {r["id"] for r in holder.get("/api/reports/").json()["results"]}
    assert packs.reports.adults.pk in listed
    assert packs.reports.children.pk not in listed
    assert packs.reports.executive.pk in listed  # an executive member reads the executive's report


def test_it_keeps_scrutiny_packs_from_staff_unless_they_are_sent_them(world, packs, as_user):
    staff = as_user(world.staff)
    assert readable(staff, packs.reports.scrutiny) == [404, 404, 404, 404, 404]
    assert "No report packs have been produced for you yet" in staff.get("/reports/").content.decode()
    schedule = ReportSchedule(report_type="scrutiny", audience="committee", committee=packs.committee)
    schedule.audience_key = schedule.make_audience_key()
    schedule.save()
    schedule.recipients.add(world.staff)
    packs.reports.scrutiny.schedule = schedule
    packs.reports.scrutiny.save()
    assert readable(as_user(world.staff), packs.reports.scrutiny) == [200, 200, 200, 200, 200]


def test_it_lets_the_committee_read_its_pack_but_not_a_ward_councillor(world, packs, as_user):
    assert readable(as_user(world.scrutiny_member), packs.reports.scrutiny) == [200] * 5
    assert readable(as_user(world.ward_councillor), packs.reports.scrutiny) == [404] * 5
    assert readable(as_user(world.ward_councillor), packs.reports.executive) == [404] * 5


def test_it_gives_a_directorate_pack_to_its_managers_only(world, packs, as_user):
    assert readable(as_user(world.manager_elsewhere), packs.reports.directorate) == [200] * 5  # Fostering's head
    assert readable(as_user(world.head_of_service), packs.reports.directorate) == [404] * 5  # an adults head
    assert readable(as_user(world.director), packs.reports.directorate) == [200] * 5


def test_it_shows_anonymous_visitors_nothing(packs, client):
    for url in pages(packs.reports.executive) + ["/reports/", "/reports/schedules/", "/reports/generate/"]:
        response = client.get(url)
        assert response.status_code == 302
        assert "/sign-in/" in response["Location"]
    assert client.get("/api/reports/").status_code in (401, 403)
    assert client.get(f"/api/reports/versions/{packs.reports.executive.version.pk}/").status_code in (401, 403)


@pytest.mark.parametrize("persona", ["staff", "scrutiny_member", "executive_member", "director", "system_admin"])
def test_only_the_performance_team_runs_schedules_and_produces_reports(world, packs, as_user, persona):
    client = as_user(getattr(world, persona))
    expected = 200 if persona == "system_admin" else 403
    assert client.get("/reports/schedules/").status_code == expected
    assert client.get("/reports/schedules/new/").status_code == expected
    assert client.get("/reports/generate/").status_code == expected
    assert client.post(f"/reports/{packs.reports.executive.pk}/new-version/").status_code in (expected, 302, 404)
    assert client.post("/api/reports/generate/", {}).status_code == (400 if persona == "system_admin" else 403)


def test_the_performance_officer_reads_every_pack(world, packs, as_user):
    client = as_user(world.performance_officer)
    for report in vars(packs.reports).values():
        assert readable(client, report) == [200] * 5
    assert client.get("/api/reports/").json()["count"] == 5


def test_a_leaver_loses_access(world, packs, as_user):
    import datetime

    world.portfolio_holder.left_on = datetime.date(2026, 1, 1)
    world.portfolio_holder.save()
    assert readable(as_user(world.portfolio_holder), packs.reports.adults) == [404] * 5
