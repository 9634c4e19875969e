"""Statistics for managers, scrutiny and the annual report: aggregate, with small numbers suppressed."""

import datetime

import pytest
from django.urls import reverse

from complaints import selectors, services
from complaints.models import Category, Complaint
from core.working_days import add_working_days, non_working_days
from tests.complaints.conftest import log_case, respond

pytestmark = pytest.mark.django_db

D = datetime.date
YEAR = 2025  # the financial year 2025/26: 1 April 2025 to 31 March 2026


@pytest.fixture
def year_of_complaints(world, regimes):
    """In 2025/26: six adult complaints (five answered in time, one late, all acknowledged in time), three
    informal complaints, three compliments and one children's complaint; and one adult complaint the year
    before, which must not be counted."""
    holidays = non_working_days()
    for n in range(6):
        received = add_working_days(D(2025, 5, 1), 10 * n, holidays)
        complaint = log_case(world, regimes["adults"], received_on=received,
                             acknowledged_on=add_working_days(received, 2, holidays),
                             categories=[Category.objects.get(name="Delay")])
        respond(world, complaint, add_working_days(received, 25 if n == 5 else 15, holidays),
                "upheld" if n % 2 else "not_upheld")
    for n in range(3):
        log_case(world, regimes["adults"], kind="informal", received_on=D(2025, 6, 2 + n))
        log_case(world, regimes["adults"], kind="compliment", received_on=D(2025, 7, 1 + n))
    children = log_case(world, regimes["childrens"], received_on=D(2025, 9, 1), service=world.children)
    respond(world, children, D(2025, 9, 10), "partly_upheld")
    log_case(world, regimes["adults"], received_on=D(2025, 3, 3))


def test_it_counts_the_years_complaints_and_suppresses_small_numbers(year_of_complaints):
    stats = selectors.statistics(period=selectors.Period(YEAR), threshold=5)
    volumes = {name: tuple(str(c) for c in counts) for name, *counts in stats.volumes}
    assert volumes["Adult social care"] == ("6", "fewer than 5", "fewer than 5")
    assert volumes["Children's social care"] == ("fewer than 5", "0", "0")
    assert volumes["All regimes"] == ("7", "fewer than 5", "fewer than 5")
    timeliness = {(regime, step): str(share) for regime, step, share in stats.timeliness}
    assert timeliness[("Adult social care", "Acknowledgement")] == "100%"
    assert timeliness[("Adult social care", "Stage 1 response")] == "83%"  # 5 of 6
    assert timeliness[("Children's social care", "Stage 1 response")] == "not shown (fewer than 5)"
    outcomes = {stage: [str(c) for c in counts] for stage, counts, _ in stats.outcomes}
    # Six adult complaints with two points each: three upheld, three not; the children's one partly upheld.
    assert outcomes["Stage 1"] == ["6", "fewer than 5", "6", "0"]
    assert dict((name, str(c)) for name, c in stats.categories) == {"Delay": "6"}


def test_it_takes_the_threshold_from_settings(year_of_complaints, settings):
    settings.SUPPRESS_COUNTS_BELOW = 3
    stats = selectors.statistics(period=selectors.Period(YEAR))
    volumes = {name: tuple(str(c) for c in counts) for name, *counts in stats.volumes}
    assert volumes["Adult social care"] == ("6", "3", "3")
    assert volumes["Children's social care"] == ("fewer than 3", "0", "0")


def test_it_narrows_to_a_quarter_a_service_and_a_regime(world, year_of_complaints, regimes):
    quarter = selectors.Period(YEAR, 2)  # July to September 2025
    assert (quarter.starts_on, quarter.ends_on, quarter.label) == (D(2025, 7, 1), D(2025, 9, 30),
                                                                   "Quarter 2 of 2025/26")
    stats = selectors.statistics(period=quarter, service=world.children, threshold=1)
    assert [(name, [c.value for c in counts]) for name, *counts in stats.by_service] == [("Fostering", [1, 0, 0])]
    stats = selectors.statistics(period=selectors.Period(YEAR), regime=regimes["childrens"], threshold=1)
    assert [name for name, *_ in stats.volumes] == ["Children's social care", "All regimes"]


def test_it_shows_councillors_counts_and_no_one_in_particular(world, year_of_complaints, as_user):
    response = as_user(world.ward_councillor).get(reverse("complaints:statistics"), {"year": YEAR})
    assert response.status_code == 200
    text = response.text
    assert "fewer than 5" in text
    assert "83%" in text
    assert "Alex Example" not in text
    for reference in Complaint.objects.values_list("reference", flat=True):
        assert reference not in text


def test_it_gives_the_same_aggregates_through_the_api(world, year_of_complaints, as_user):
    body = as_user(world.scrutiny_member).get("/api/complaint-statistics/", {"year": YEAR}).json()
    assert body["period"]["label"] == "2025/26"
    assert body["suppressed_below"] == 5
    adults = next(row for row in body["volumes"] if row["regime"] == "Adult social care")
    assert adults["formal"] == {"count": 6, "text": "6"}
    assert adults["informal"] == {"count": None, "text": "fewer than 5"}
    children = next(row for row in body["timeliness"] if row["regime"] == "Children's social care")
    assert (children["within_timescale_percent"], children["responses"]) == (None, None)


def test_it_rejects_a_quarter_that_does_not_exist(world, as_user):
    response = as_user(world.scrutiny_member).get("/api/complaint-statistics/", {"quarter": 5})
    assert response.status_code == 400
    assert "quarter" in response.json()


def test_it_counts_a_late_panel_response_as_outside_the_timescale(world, regimes, independents):
    from tests.complaints.conftest import panel_case

    complaint = panel_case(world, regimes, independents)
    panel = complaint.stages.get(stage__number=3).panel
    holidays = non_working_days()
    met = add_working_days(panel.stage.requested_on, 35, holidays)  # 30 allowed
    reported = add_working_days(met, 2, holidays)
    services.panel_record_report(panel=panel, actor=world.complaints_officer, meeting_on=met, report_on=reported,
                                 report="Found.", recommendations=["Apologise"])
    responded = add_working_days(reported, 5, holidays)
    services.panel_respond(panel=panel, actor=world.complaints_officer, council_response_on=responded,
                           council_response="Agreed.", decisions={r.pk: "accepted" for r in panel.recommendations.all()})
    year = selectors.current_period(responded).year
    stats = selectors.statistics(period=selectors.Period(year), threshold=1)
    shares = {step: (s.numerator, s.denominator) for _, step, s in stats.timeliness
              if step.startswith(("Review", "Council"))}
    assert shares == {"Review panel meets": (0, 1), "Review panel report": (1, 1),
                      "Council's response to the panel": (1, 1)}
