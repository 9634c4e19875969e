"""The performance officer's pages: schedules with errors beside their fields, on-demand production, commentary,
retrying a failure; lists that cost the same number of queries however long they are."""

import datetime
import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reports import services
from reports.models import Report, ReportSchedule, ReportVersion
from tests.factories import PortfolioFactory
from tests.indicators.factories import period
from tests.reports.conftest import ready_report

pytestmark = pytest.mark.django_db


def errors(response):
    return [html.unescape(e) for e in re.findall(r'govuk-error-message">.*?</span> (.*?)</p>',
                                                 response.content.decode())]


def test_it_sets_up_a_schedule_from_the_form(world, packs, as_user):
    client = as_user(world.performance_officer)
    response = client.post("/reports/schedules/new/", {
        "report_type": "portfolio", "audience": "portfolio", "portfolio": world.portfolio.pk,
        "frequency": "quarter", "working_days_after": "15", "run_at": "07:30", "is_active": "on",
        "recipients": [world.portfolio_holder.pk]})
    schedule = ReportSchedule.objects.get()
    assert response.status_code == 302
    assert response["Location"] == schedule.get_absolute_url()
    assert (schedule.working_days_after, schedule.run_at, schedule.created_by) == (15, datetime.time(7, 30),
                                                                                  world.performance_officer)
    assert list(schedule.recipients.all()) == [world.portfolio_holder]
    page = client.get(schedule.get_absolute_url()).content.decode()
    assert f"{schedule.next_period.label}, due" in page


def test_it_shows_each_mistake_beside_its_field_and_saves_nothing(world, packs, as_user):
    client = as_user(world.performance_officer)
    response = client.post("/reports/schedules/new/", {"report_type": "portfolio", "audience": "portfolio",
                                                       "frequency": "quarter", "working_days_after": "61",
                                                       "run_at": "seven"})
    assert response.status_code == 400
    assert errors(response) == ["Enter a whole number from 0 to 60", "Enter a time like 07:00"]
    assert "There is a problem" in response.content.decode()
    response = client.post("/reports/schedules/new/", {"report_type": "portfolio", "audience": "executive",
                                                       "frequency": "quarter", "working_days_after": "5",
                                                       "run_at": "07:00"})
    assert errors(response) == ["The portfolio holder's report is for a portfolio holder."]
    response = client.post("/reports/schedules/new/", {"report_type": "complaints", "audience": "committee",
                                                       "committee": packs.committee.pk, "frequency": "quarter",
                                                       "working_days_after": "5", "run_at": "07:00"})
    assert errors(response) == ["The annual complaints report is produced annually."]
    assert not ReportSchedule.objects.exists()


def test_it_produces_a_report_on_demand_and_shows_it(world, packs, as_user, django_capture_on_commit_callbacks):
    client = as_user(world.performance_officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/reports/generate/", {"report_type": "scrutiny", "audience": "committee",
                                                      "committee": packs.committee.pk,
                                                      "period": period("Q1 2026/27").pk})
    version = ReportVersion.objects.get(report__period__label="Q1 2026/27")
    assert response["Location"] == version.get_absolute_url()
    assert (version.status, version.requested_by, version.trigger) == ("ready", world.performance_officer,
                                                                       "on_demand")
    page = client.get(version.get_absolute_url()).content.decode()
    assert "Read the report" in page
    assert "report-status.mjs" not in page  # nothing left to follow
    page = client.get(f"/reports/versions/{version.pk}/report/").content.decode()
    assert "Open brokerage at weekends." in page
    pdf = client.get(f"/reports/versions/{version.pk}/pdf/")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_a_version_being_produced_is_followed_by_a_script_and_reports_its_phase(world, packs, as_user):
    version = services.report_request(report_type="scrutiny", audience="committee", committee=packs.committee,
                                      period=period("Q1 2026/27"), enqueue=False)
    ReportVersion.objects.filter(pk=version.pk).update(status="running", phase="Drawing the charts")
    client = as_user(world.performance_officer)
    page = client.get(version.get_absolute_url()).content.decode()
    assert "reports/report-status.mjs" in page
    assert "Drawing the charts" in page
    assert client.get(f"/reports/versions/{version.pk}/status/").json() == {
        "status": "running", "label": "Being produced", "phase": "Drawing the charts", "failure_reason": ""}
    assert client.get(f"/reports/versions/{version.pk}/report/")["Location"] == version.get_absolute_url()


def test_a_failure_shows_its_reason_and_can_be_tried_again(world, packs, as_user,
                                                           django_capture_on_commit_callbacks):
    version = packs.reports.scrutiny.version
    ReportVersion.objects.filter(pk=version.pk).update(status="failed", failure_reason="The database went away")
    client = as_user(world.performance_officer)
    page = client.get(version.get_absolute_url()).content.decode()
    assert "The report could not be produced" in page
    assert "The database went away" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/reports/versions/{version.pk}/retry/")
    assert response["Location"] == version.get_absolute_url()
    version.refresh_from_db()
    assert (version.status, version.failure_reason) == ("ready", "")
    assert b"%PDF" in bytes(version.pdf)[:8]


def test_officers_write_commentary_that_the_next_version_carries(world, packs, as_user,
                                                                 django_capture_on_commit_callbacks):
    report = packs.reports.scrutiny
    client = as_user(world.performance_officer)
    response = client.post(f"/reports/{report.pk}/commentary/", {
        "summary": "Waiting times are the committee's concern.", "recommendations": "  ", "nonsense": "ignored"})
    assert response["Location"] == report.get_absolute_url()
    report.refresh_from_db()
    assert report.commentary == {"summary": "Waiting times are the committee's concern."}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/reports/{report.pk}/new-version/")
    second = report.versions.get(number=2)
    assert response["Location"] == second.get_absolute_url()
    assert second.snapshot["sections"][0]["commentary"] == "Waiting times are the committee's concern."
    assert "Waiting times are the committee&#x27;s concern." in second.html
    assert "Waiting times" not in report.versions.get(number=1).html


def count_queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_archive_and_schedules_cost_the_same_however_many(world, packs, as_user):
    client = as_user(world.performance_officer)
    holder = as_user(world.portfolio_holder)

    def grow(n):
        for i in range(n):
            portfolio = PortfolioFactory(name=f"Portfolio {Report.objects.count()}-{i}")
            report = ready_report("portfolio", "portfolio", period("Q1 2026/27"), portfolio=portfolio)
            services.schedule_save(data={"report_type": "portfolio", "audience": "portfolio",
                                         "portfolio": portfolio, "frequency": "quarter", "working_days_after": 5,
                                         "run_at": datetime.time(7, 0), "recipients": [world.portfolio_holder]})
            report.schedule = ReportSchedule.objects.get(portfolio=portfolio)
            report.save()

    grow(1)
    small = [count_queries(client, "/reports/"), count_queries(client, "/reports/schedules/"),
             count_queries(holder, "/reports/"), count_queries(client, "/api/reports/")]
    grow(6)
    large = [count_queries(client, "/reports/"), count_queries(client, "/reports/schedules/"),
             count_queries(holder, "/reports/"), count_queries(client, "/api/reports/")]
    assert small == large
    assert f"{Report.objects.count()} version" in client.get("/reports/").content.decode()


def test_navigation_and_home_pages_lead_to_the_packs(world, packs, as_user):
    officer = as_user(world.performance_officer).get("/home/").content.decode()
    assert "Report packs: produce, schedule and archive" in officer
    councillor = as_user(world.portfolio_holder).get("/home/").content.decode()
    assert "Progress report packs for you" in councillor
    archive = as_user(world.portfolio_holder).get("/reports/").content.decode()
    assert 'aria-current="page"><strong class="govuk-service-navigation__active-fallback">Scrutiny' in archive
