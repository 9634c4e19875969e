"""Complaint timescales and stage rules: pure functions of dates and the regime's data.

No database here. Working days come from core.working_days (the one
implementation the portal has); the caller passes the set of non-working days
(`core.working_days.non_working_days()`), so every rule can be tested with a
table of dates. Each check returns messages keyed by the form field they belong
next to, worded for the person who typed the answer.
"""

import calendar
import datetime
from dataclasses import dataclass
from enum import StrEnum

from core.working_days import add_working_days, working_days_between

DUE_SOON_WORKING_DAYS = 5  # "due soon" on home pages and in reminders


class Status(StrEnum):
    # Something the council owes: an acknowledgement, a response, a panel report.
    MET = "met"
    MISSED = "missed"
    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    PENDING = "pending"
    # A window the complainant may use: asking for the next stage.
    OPEN = "open"
    USED = "used"
    LAPSED = "lapsed"

    @property
    def label(self):
        return STATUS_LABELS[self]

    @property
    def colour(self):
        return STATUS_COLOURS[self]

    @property
    def needs_attention(self):
        return self in (Status.OVERDUE, Status.DUE_SOON)

    @property
    def breached(self):
        return self in (Status.OVERDUE, Status.MISSED)


STATUS_LABELS = {
    Status.MET: "Met", Status.MISSED: "Missed", Status.OVERDUE: "Overdue", Status.DUE_SOON: "Due soon",
    Status.PENDING: "Not due yet", Status.OPEN: "Open", Status.USED: "Requested", Status.LAPSED: "Closed",
}
STATUS_COLOURS = {
    Status.MET: "green", Status.MISSED: "red", Status.OVERDUE: "red", Status.DUE_SOON: "yellow",
    Status.PENDING: "grey", Status.OPEN: "blue", Status.USED: "grey", Status.LAPSED: "grey",
}


@dataclass(frozen=True)
class Deadline:
    key: str  # stable name, e.g. "acknowledge", "stage-2-response", "panel-report"
    label: str
    due_on: datetime.date
    status: Status
    done_on: datetime.date | None = None
    owed_by_council: bool = True
    working_days: int = 0  # how late (missed, overdue) or how far off (due soon, not due yet)

    @property
    def status_text(self):
        days = f"{self.working_days} working day{'s' if self.working_days != 1 else ''}"
        if self.status == Status.OVERDUE:
            return f"Overdue by {days}"
        if self.status == Status.MISSED:
            return f"Missed by {days}"
        if self.status == Status.DUE_SOON:
            return "Due today" if self.working_days == 0 else f"Due in {days}"
        return self.status.label


def classify(due_on, done_on, today, holidays, *, owed_by_council=True, soon=DUE_SOON_WORKING_DAYS):
    """Where a deadline stands today. Done on the due date counts as met."""
    if not owed_by_council:
        if done_on is not None:
            return Status.USED
        return Status.LAPSED if today > due_on else Status.OPEN
    if done_on is not None:
        return Status.MET if done_on <= due_on else Status.MISSED
    if today > due_on:
        return Status.OVERDUE
    if working_days_between(today, due_on, holidays) <= soon:
        return Status.DUE_SOON
    return Status.PENDING


def deadline(key, label, due_on, done_on, *, today, holidays, owed_by_council=True):
    status = classify(due_on, done_on, today, holidays, owed_by_council=owed_by_council)
    if status == Status.MISSED:
        days = working_days_between(due_on, done_on, holidays)
    elif status == Status.OVERDUE:
        days = working_days_between(due_on, today, holidays)
    elif status in (Status.DUE_SOON, Status.PENDING):
        days = working_days_between(today, due_on, holidays)
    else:
        days = 0
    return Deadline(key, label, due_on, status, done_on, owed_by_council, days)


# Dates ---------------------------------------------------------------------------

def add_months(day, months):
    """The same day `months` calendar months later (or earlier), clamped to the month's end."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def fmt(day):
    return f"{day:%-d %B %Y}"


def response_due(requested_on, response_days, extended_to, holidays):
    """When a stage's response is due: the agreed extension if there is one, else the regime's timescale."""
    if extended_to is not None:
        return extended_to
    if response_days is None:
        return None
    return add_working_days(requested_on, response_days, holidays)


def stage_label(number, name):
    return f"Stage {number} ({name.lower()})"


# Checks on what an officer enters ------------------------------------------------

def complaint_date_errors(*, received_on, matter_occurred_on=None, acknowledged_on=None, delay_letter_sent_on=None,
                          time_limit_months=None, accepted_late_reason="", today):
    """Impossible or out-of-time dates on a complaint, by field."""
    errors = {}
    if received_on is None:
        return errors
    if received_on > today:
        errors["received_on"] = "The date received must be today or in the past"
    if matter_occurred_on is not None:
        if matter_occurred_on > received_on:
            errors["matter_occurred_on"] = "The date of the matter must be on or before the date received"
        elif (time_limit_months and matter_occurred_on < add_months(received_on, -time_limit_months)
              and not accepted_late_reason.strip()):
            errors["accepted_late_reason"] = (
                f"The matter is more than {time_limit_months} months before the complaint was received: "
                "give the reason for accepting it late")
    for field, value, what in (("acknowledged_on", acknowledged_on, "acknowledged"),
                               ("delay_letter_sent_on", delay_letter_sent_on, "the delay letter was sent")):
        if value is None:
            continue
        if value < received_on:
            errors[field] = f"The date {what} cannot be before the date received ({fmt(received_on)})"
        elif value > today:
            errors[field] = f"The date {what} must be today or in the past"
    return errors


def extension_errors(*, requested_on, response_days, max_response_days, extended_to, holidays):
    """An extension must move the deadline later, and no further than the regime allows."""
    if extended_to is None:
        return {}
    original = response_due(requested_on, response_days, None, holidays)
    if original is not None and extended_to <= original:
        return {"extended_to": f"The new deadline must be after the current one ({fmt(original)})"}
    if extended_to <= requested_on:
        return {"extended_to": f"The new deadline must be after the stage began ({fmt(requested_on)})"}
    if max_response_days is not None:
        limit = add_working_days(requested_on, max_response_days, holidays)
        if extended_to > limit:
            return {"extended_to": f"This stage can be extended to at most {max_response_days} working days: "
                                   f"{fmt(limit)} at the latest"}
    return {}


def response_errors(*, requested_on, responded_on, today):
    if responded_on is None:
        return {}
    if responded_on < requested_on:
        return {"responded_on": f"The response date cannot be before the stage began ({fmt(requested_on)})"}
    if responded_on > today:
        return {"responded_on": "The response date must be today or in the past"}
    return {}


@dataclass(frozen=True)
class StageState:
    """Where a complaint stands at its current stage."""

    number: int
    requested_on: datetime.date
    responded_on: datetime.date | None = None
    due_on: datetime.date | None = None


@dataclass(frozen=True)
class StageRule:
    """What a regime says about one stage (RegimeStage has the same attributes)."""

    number: int
    name: str
    request_within_days: int | None = None
    escalate_when_overdue: bool = False


def escalation_errors(*, stages, current, target, requested_on, late_reason="", today, holidays):
    """Whether a complaint may move from its current stage to stage `target` on `requested_on`.

    `stages` are the regime's stages (number, name, request_within_days,
    escalate_when_overdue); `current` is the complaint's stage now (number,
    requested_on, responded_on, due_on). Stages go one at a time, in order.
    """
    by_number = {s.number: s for s in stages}
    rule = by_number.get(target)
    now = by_number[current.number]
    if rule is None:
        last = max(by_number)
        if current.number == last:
            return {"stage": f"{stage_label(now.number, now.name)} is the last stage of this regime: "
                             "the complainant's next step is the Ombudsman"}
        return {"stage": "Choose a stage of this regime"}
    if target <= current.number:
        return {"stage": f"The complaint is already at {stage_label(now.number, now.name).lower()}"}
    if target != current.number + 1:
        following = by_number[current.number + 1]
        return {"stage": f"{stage_label(rule.number, rule.name)} can only follow "
                         f"{stage_label(following.number, following.name).lower()}: a complaint cannot skip a stage"}
    if requested_on is None:
        return {}
    if requested_on > today:
        return {"requested_on": "The date of the request must be today or in the past"}
    if requested_on < current.requested_on:
        return {"requested_on": f"The request cannot be before {stage_label(now.number, now.name).lower()} "
                                f"began ({fmt(current.requested_on)})"}
    if current.responded_on is None:
        if not rule.escalate_when_overdue:
            return {"stage": f"{stage_label(now.number, now.name)} has no response yet: record it before "
                             f"moving to stage {target}"}
        if current.due_on is None or requested_on <= current.due_on:
            due = f" (due {fmt(current.due_on)})" if current.due_on else ""
            return {"stage": f"{stage_label(now.number, now.name)} has no response yet and is not overdue{due}: "
                             f"stage {target} can be requested before a response only once it is overdue"}
        return {}
    if requested_on < current.responded_on:
        return {"requested_on": f"The request cannot be before the stage {now.number} response "
                                f"({fmt(current.responded_on)})"}
    if rule.request_within_days is not None and not late_reason.strip():
        window_ends = add_working_days(current.responded_on, rule.request_within_days, holidays)
        if requested_on > window_ends:
            taken = working_days_between(current.responded_on, requested_on, holidays)
            return {"late_request_reason": f"The request came {taken} working days after the stage {now.number} "
                                           f"response; the regime allows {rule.request_within_days} "
                                           f"(to {fmt(window_ends)}). Give the reason for accepting it late"}
    return {}


def panel_date_errors(*, requested_on, meeting_on, report_on, council_response_on=None, today):
    """The panel meets after the request, reports after it meets, and the council responds after the report."""
    errors = {}
    steps = [("meeting_on", meeting_on, "the panel met", requested_on, "the request for a review panel"),
             ("report_on", report_on, "of the report", meeting_on, "the panel met"),
             ("council_response_on", council_response_on, "of the council's response", report_on, "the report")]
    for field, value, what, after, after_what in steps:
        if value is None:
            continue
        if value > today:
            errors[field] = f"The date {what} must be today or in the past"
        elif after is None:
            errors[field] = f"Enter the date {after_what} first"
        elif value < after:
            errors[field] = f"The date {what} cannot be before the date {after_what} ({fmt(after)})"
    return errors


def closing_errors(*, closed_on, received_on, last_response_on, stage_answered, today):
    if closed_on is None:
        return {}
    if not stage_answered:
        return {"closed_on": "Record the response to the current stage before closing the complaint"}
    if closed_on > today:
        return {"closed_on": "The date closed must be today or in the past"}
    earliest = max(d for d in (received_on, last_response_on) if d is not None)
    if closed_on < earliest:
        return {"closed_on": f"The date closed cannot be before {fmt(earliest)}"}
    return {}


# Statistics ---------------------------------------------------------------------

@dataclass(frozen=True)
class Count:
    """A count that is shown only when it is not small (it could identify someone)."""

    value: int
    threshold: int

    @property
    def suppressed(self):
        return 0 < self.value < self.threshold

    def __str__(self):
        return f"fewer than {self.threshold}" if self.suppressed else f"{self.value:,}"


@dataclass(frozen=True)
class Share:
    """A percentage, shown only when its denominator is not small."""

    numerator: int
    denominator: int
    threshold: int

    @property
    def suppressed(self):
        return self.denominator < self.threshold

    @property
    def percent(self):
        if self.suppressed or not self.denominator:
            return None
        return round(100 * self.numerator / self.denominator)

    def __str__(self):
        if not self.denominator:
            return "none"
        if self.suppressed:
            return f"not shown (fewer than {self.threshold})"
        return f"{self.percent}%"
