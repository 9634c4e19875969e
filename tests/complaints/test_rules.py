"""The complaint regimes' timescales and stage rules, as tables of dates (no database).

The working days come from the bundled England and Wales bank holidays:
Easter 2025 is 18 and 21 April, the early May bank holiday 5 May 2025, the
spring bank holiday 26 May 2025 and 25 May 2026, Easter 2026 3 and 6 April,
and Boxing Day 2026 (a Saturday) is observed on Monday 28 December.
"""

import datetime

import pytest

from complaints import rules
from complaints.regimes import REGIMES
from complaints.rules import StageRule, StageState, Status
from core.working_days import _bank_holidays, add_working_days

D = datetime.date
REGIME = {r["code"]: r for r in REGIMES}
STAGE = {(r["code"], s["number"]): s for r in REGIMES for s in r["stages"]}


@pytest.fixture(scope="module")
def holidays():
    return _bank_holidays()


def test_it_seeds_the_statutory_timescales_from_domain_md():
    """The starting data says what DOMAIN.md says: adults acknowledge in 3 working days and write after 6
    months; children's stage 1 is 10 (to 20), stage 2 is 25 (to 65) requested within 20, and the panel meets
    within 30, reports within 5, and the council responds within 15."""
    assert REGIME["adults"]["acknowledge_days"] == 3
    assert REGIME["adults"]["delay_letter_months"] == 6
    assert len(REGIME["adults"]["stages"]) == 1
    assert (STAGE["childrens", 1]["response_days"], STAGE["childrens", 1]["max_response_days"]) == (10, 20)
    assert (STAGE["childrens", 2]["response_days"], STAGE["childrens", 2]["max_response_days"]) == (25, 65)
    assert STAGE["childrens", 2]["request_within_days"] == 20
    panel = STAGE["childrens", 3]
    assert panel["is_panel"]
    assert panel["panel_size"] == 3
    assert panel["panel_all_independent"]
    assert (panel["panel_meets_within_days"], panel["panel_report_within_days"],
            panel["council_response_within_days"]) == (30, 5, 15)
    assert REGIME["corporate"]["is_statutory"] is False


@pytest.mark.parametrize(("regime", "stage", "field", "start", "due", "why"), [
    # Adult social care: acknowledge within 3 working days.
    ("adults", None, "acknowledge_days", D(2025, 4, 17), D(2025, 4, 24), "Maundy Thursday: skips Easter"),
    ("adults", None, "acknowledge_days", D(2025, 12, 19), D(2025, 12, 24), "a Friday: skips the weekend"),
    ("adults", None, "acknowledge_days", D(2025, 12, 23), D(2025, 12, 30), "skips Christmas and Boxing Day"),
    ("adults", None, "acknowledge_days", D(2025, 12, 31), D(2026, 1, 6), "across the year end and New Year's Day"),
    ("adults", None, "acknowledge_days", D(2025, 1, 4), D(2025, 1, 8), "received on a Saturday"),
    # Adult social care: the council's standard response time (20 working days) across Easter 2026.
    ("adults", 1, "response_days", D(2026, 3, 23), D(2026, 4, 22), "across Good Friday and Easter Monday"),
    # Children's: stage 1 in 10 working days, extendable to 20.
    ("childrens", 1, "response_days", D(2025, 4, 14), D(2025, 4, 30), "across Easter 2025"),
    ("childrens", 1, "max_response_days", D(2025, 4, 14), D(2025, 5, 15), "across Easter and early May"),
    # Children's: stage 2 in 25 working days.
    ("childrens", 2, "response_days", D(2025, 12, 1), D(2026, 1, 8), "across Christmas and the year end"),
    # Children's: ask for stage 2 within 20 working days of the stage 1 reply.
    ("childrens", 2, "request_within_days", D(2025, 12, 12), D(2026, 1, 14), "window across the year end"),
    # Children's review panel: meets within 30 working days of the request, reports in 5, response in 15.
    ("childrens", 3, "panel_meets_within_days", D(2026, 3, 16), D(2026, 4, 29), "across Easter 2026"),
    ("childrens", 3, "panel_report_within_days", D(2026, 5, 21), D(2026, 5, 29), "across the spring bank holiday"),
    ("childrens", 3, "council_response_within_days", D(2026, 12, 18), D(2027, 1, 13),
     "Boxing Day 2026 observed on Monday 28th, and New Year's Day"),
    # Corporate: the council's own timescales.
    ("corporate", None, "acknowledge_days", D(2025, 5, 2), D(2025, 5, 12), "across the early May bank holiday"),
    ("corporate", 1, "response_days", D(2025, 5, 22), D(2025, 6, 6), "across the spring bank holiday"),
])
def test_it_computes_each_regimes_deadlines_in_working_days(holidays, regime, stage, field, start, due, why):
    days = REGIME[regime][field] if stage is None else STAGE[regime, stage][field]
    assert add_working_days(start, days, holidays) == due, why


@pytest.mark.parametrize(("received", "months", "due"), [
    (D(2026, 1, 15), 6, D(2026, 7, 15)),
    (D(2025, 8, 31), 6, D(2026, 2, 28)),  # no 31 February: the month's last day
    (D(2025, 9, 30), 6, D(2026, 3, 30)),
    (D(2026, 3, 31), -1, D(2026, 2, 28)),
    (D(2026, 1, 31), -12, D(2025, 1, 31)),
])
def test_it_counts_the_adults_delay_letter_in_calendar_months(received, months, due):
    """If there is no response within 6 months (calendar months, not working days), write explaining why."""
    assert rules.add_months(received, months) == due


@pytest.mark.parametrize(("done", "today", "status", "text"), [
    (D(2026, 3, 10), D(2026, 4, 1), Status.MET, "Met"),
    (D(2026, 3, 11), D(2026, 4, 1), Status.MISSED, "Missed by 1 working day"),
    (D(2026, 3, 17), D(2026, 4, 1), Status.MISSED, "Missed by 5 working days"),
    (None, D(2026, 3, 11), Status.OVERDUE, "Overdue by 1 working day"),
    (None, D(2026, 3, 14), Status.OVERDUE, "Overdue by 3 working days"),  # a Saturday
    (None, D(2026, 3, 10), Status.DUE_SOON, "Due today"),
    (None, D(2026, 3, 3), Status.DUE_SOON, "Due in 5 working days"),
    (None, D(2026, 3, 2), Status.PENDING, "Not due yet"),
])
def test_it_says_where_a_deadline_stands(holidays, done, today, status, text):
    """Due on Tuesday 10 March 2026: done that day is met; a day later is missed; due within five working
    days is due soon."""
    deadline = rules.deadline("x", "Stage 1 response", D(2026, 3, 10), done, today=today, holidays=holidays)
    assert (deadline.status, deadline.status_text) == (status, text)
    assert deadline.status.breached == (status in (Status.MISSED, Status.OVERDUE))


@pytest.mark.parametrize(("done", "today", "status"), [
    (D(2026, 3, 5), D(2026, 3, 20), Status.USED),
    (None, D(2026, 3, 9), Status.OPEN),
    (None, D(2026, 3, 11), Status.LAPSED),
])
def test_it_never_counts_the_complainants_window_as_a_breach(holidays, done, today, status):
    deadline = rules.deadline("w", "Complainant may ask for stage 2", D(2026, 3, 10), done, today=today,
                              holidays=holidays, owed_by_council=False)
    assert deadline.status == status
    assert not deadline.status.breached
    assert not deadline.status.needs_attention


def _rules(code):
    return [StageRule(s["number"], s["name"], s.get("request_within_days"), s.get("escalate_when_overdue", False))
            for s in REGIME[code]["stages"]]


TODAY = D(2026, 6, 1)
ANSWERED = StageState(1, D(2025, 11, 24), D(2025, 12, 12), D(2025, 12, 8))


@pytest.mark.parametrize(("regime", "current", "target", "requested", "reason", "errors"), [
    # Children's: stage 1 -> 2 -> 3, one at a time, within 20 working days of the reply.
    ("childrens", ANSWERED, 2, D(2026, 1, 14), "", {}),
    ("childrens", ANSWERED, 2, D(2026, 1, 15), "", {"late_request_reason": "The request came 21 working days"}),
    ("childrens", ANSWERED, 2, D(2026, 1, 15), "They were in hospital", {}),
    ("childrens", ANSWERED, 3, D(2026, 1, 5), "", {"stage": "Stage 3 (review panel) can only follow stage 2 "
                                                            "(investigation): a complaint cannot skip a stage"}),
    ("childrens", ANSWERED, 1, D(2026, 1, 5), "", {"stage": "The complaint is already at stage 1"}),
    ("childrens", ANSWERED, 2, D(2025, 12, 11), "", {"requested_on": "The request cannot be before the stage 1 "
                                                                    "response (12 December 2025)"}),
    ("childrens", ANSWERED, 2, D(2026, 6, 2), "", {"requested_on": "The date of the request must be today"}),
    # Stage 1 unanswered: stage 2 may be asked for once stage 1 is overdue, not before.
    ("childrens", StageState(1, D(2026, 1, 5), None, D(2026, 1, 19)), 2, D(2026, 1, 19), "",
     {"stage": "Stage 1 (local resolution) has no response yet and is not overdue (due 19 January 2026)"}),
    ("childrens", StageState(1, D(2026, 1, 5), None, D(2026, 1, 19)), 2, D(2026, 1, 20), "", {}),
    # Stage 2 unanswered: the review panel needs the stage 2 response.
    ("childrens", StageState(2, D(2026, 1, 5), None, D(2026, 2, 9)), 3, D(2026, 3, 2), "",
     {"stage": "Stage 2 (investigation) has no response yet: record it before moving to stage 3"}),
    ("childrens", StageState(2, D(2026, 1, 5), D(2026, 2, 6), D(2026, 2, 9)), 3, D(2026, 3, 6), "", {}),
    ("childrens", StageState(3, D(2026, 3, 6), D(2026, 5, 1), None), 4, D(2026, 5, 4), "",
     {"stage": "Stage 3 (review panel) is the last stage of this regime: the complainant's next step is the "
               "Ombudsman"}),
    # Adult social care has one stage: then the Ombudsman.
    ("adults", ANSWERED, 2, D(2026, 1, 5), "", {"stage": "Stage 1 (local resolution) is the last stage"}),
    # Corporate: the council's three stages, in order.
    ("corporate", ANSWERED, 2, D(2026, 1, 14), "", {}),
    ("corporate", ANSWERED, 3, D(2026, 1, 14), "", {"stage": "Stage 3 (member review panel) can only follow "
                                                             "stage 2 (corporate review)"}),
    ("corporate", StageState(1, D(2026, 1, 5), None, D(2026, 1, 19)), 2, D(2026, 2, 2), "",
     {"stage": "Stage 1 (service response) has no response yet: record it before moving to stage 2"}),
])
def test_it_moves_complaints_through_each_regimes_stages_in_order(holidays, regime, current, target, requested,
                                                                    reason, errors):
    found = rules.escalation_errors(stages=_rules(regime), current=current, target=target, requested_on=requested,
                                    late_reason=reason, today=TODAY, holidays=holidays)
    assert found.keys() == errors.keys()
    for field, start in errors.items():
        assert found[field].startswith(start), found[field]


@pytest.mark.parametrize(("regime", "stage", "requested", "extended_to", "error"), [
    ("childrens", 1, D(2025, 4, 14), D(2025, 5, 15), None),
    ("childrens", 1, D(2025, 4, 14), D(2025, 5, 16), "This stage can be extended to at most 20 working days: "
                                                     "15 May 2025 at the latest"),
    ("childrens", 1, D(2025, 4, 14), D(2025, 4, 30), "The new deadline must be after the current one (30 April 2025)"),
    ("childrens", 2, D(2025, 12, 1), D(2026, 2, 27), None),
    ("adults", 1, D(2026, 3, 23), D(2026, 9, 30), None),  # agreed with the complainant: no fixed limit
    ("corporate", 2, D(2026, 3, 2), D(2026, 4, 22), "This stage can be extended to at most 30 working days"),
])
def test_it_limits_extensions_to_what_the_regime_allows(holidays, regime, stage, requested, extended_to, error):
    rule = STAGE[regime, stage]
    found = rules.extension_errors(requested_on=requested, response_days=rule["response_days"],
                                   max_response_days=rule.get("max_response_days"), extended_to=extended_to,
                                   holidays=holidays)
    if error is None:
        assert found == {}
    else:
        assert found["extended_to"].startswith(error), found


@pytest.mark.parametrize(("dates", "errors"), [
    ({"received_on": D(2026, 6, 2)}, {"received_on": "The date received must be today or in the past"}),
    ({"received_on": D(2026, 3, 2), "matter_occurred_on": D(2026, 3, 3)},
     {"matter_occurred_on": "The date of the matter must be on or before the date received"}),
    ({"received_on": D(2026, 3, 2), "matter_occurred_on": D(2025, 3, 1)},
     {"accepted_late_reason": "The matter is more than 12 months before the complaint was received"}),
    ({"received_on": D(2026, 3, 2), "matter_occurred_on": D(2025, 3, 1), "accepted_late_reason": "Only found out"},
     {}),
    ({"received_on": D(2026, 3, 2), "matter_occurred_on": D(2025, 3, 2)}, {}),  # exactly 12 months: in time
    ({"received_on": D(2026, 3, 2), "acknowledged_on": D(2026, 2, 27)},
     {"acknowledged_on": "The date acknowledged cannot be before the date received (2 March 2026)"}),
    ({"received_on": D(2026, 3, 2), "acknowledged_on": D(2026, 6, 2)},
     {"acknowledged_on": "The date acknowledged must be today or in the past"}),
])
def test_it_refuses_impossible_complaint_dates(dates, errors):
    found = rules.complaint_date_errors(time_limit_months=12, today=TODAY, **dates)
    assert found.keys() == errors.keys()
    for field, start in errors.items():
        assert found[field].startswith(start), found[field]


@pytest.mark.parametrize(("requested", "responded", "error"), [
    (D(2026, 3, 2), D(2026, 3, 2), None),
    (D(2026, 3, 2), D(2026, 2, 27), "The response date cannot be before the stage began (2 March 2026)"),
    (D(2026, 3, 2), D(2026, 6, 2), "The response date must be today or in the past"),
])
def test_it_refuses_a_response_before_the_complaint_was_received(requested, responded, error):
    found = rules.response_errors(requested_on=requested, responded_on=responded, today=TODAY)
    assert found.get("responded_on") == error


@pytest.mark.parametrize(("meeting", "report", "response", "errors"), [
    (D(2026, 4, 1), D(2026, 4, 3), D(2026, 4, 20), {}),
    (D(2026, 3, 13), None, None, {"meeting_on": "The date the panel met cannot be before the date the request"}),
    (D(2026, 4, 1), D(2026, 3, 31), None, {"report_on": "The date of the report cannot be before the date the "
                                                        "panel met (1 April 2026)"}),
    (None, D(2026, 4, 3), None, {"report_on": "Enter the date the panel met first"}),
    (D(2026, 4, 1), D(2026, 4, 3), D(2026, 4, 2), {"council_response_on": "The date of the council's response "
                                                                          "cannot be before the date the report"}),
])
def test_it_keeps_the_panels_dates_in_order(meeting, report, response, errors):
    found = rules.panel_date_errors(requested_on=D(2026, 3, 16), meeting_on=meeting, report_on=report,
                                    council_response_on=response, today=TODAY)
    assert found.keys() == errors.keys()
    for field, start in errors.items():
        assert found[field].startswith(start), found[field]


@pytest.mark.parametrize(("value", "threshold", "text", "suppressed"), [
    (0, 5, "0", False),
    (1, 5, "fewer than 5", True),
    (4, 5, "fewer than 5", True),
    (5, 5, "5", False),
    (1234, 5, "1,234", False),
    (7, 10, "fewer than 10", True),
    (1, 1, "1", False),
])
def test_it_suppresses_small_counts(value, threshold, text, suppressed):
    count = rules.Count(value, threshold)
    assert (str(count), count.suppressed) == (text, suppressed)


@pytest.mark.parametrize(("numerator", "denominator", "text", "percent"), [
    (4, 5, "80%", 80),
    (3, 4, "not shown (fewer than 5)", None),
    (0, 0, "none", None),
    (2, 3, "not shown (fewer than 5)", None),
    (10, 12, "83%", 83),
])
def test_it_hides_a_share_of_a_small_number(numerator, denominator, text, percent):
    share = rules.Share(numerator, denominator, 5)
    assert (str(share), share.percent) == (text, percent)
