"""The version of each complaint record that a page or an API call edits (see core/concurrency.py).

A form or API client carries the version it was shown; if the record has changed since, the
save is refused with who changed what, rather than silently overwriting it. One version per
record covers everything its forms edit, including what is held in other rows (a complaint's
points and categories, a stage's outcomes, a panel's members and recommendations).
"""

from core import concurrency

COMPLAINT_FIELDS = ("complainant_name", "complainant_type", "contact_details", "service_id", "team_id", "summary",
                    "received_on", "matter_occurred_on", "accepted_late_reason", "acknowledged_on",
                    "delay_letter_sent_on", "owner_id", "closed_on")
STAGE_FIELDS = ("investigator_id", "independent_person_id", "extended_to", "extension_reason", "responded_on",
                "findings", "remedy")
PANEL_FIELDS = ("meeting_on", "report_on", "report", "council_response_on", "council_response")
LEARNING_FIELDS = ("description", "owner_id", "due_on", "status", "objective_id", "milestone_id")


def complaint(record):
    return concurrency.token(record, COMPLAINT_FIELDS, extra=(
        sorted(c.pk for c in record.categories.all()), [p.text for p in record.points.all()]))


def stage(record):
    return concurrency.token(record, STAGE_FIELDS, extra=(
        sorted((o.point_id, o.outcome) for o in record.outcomes.all()),))


def panel(record):
    return concurrency.token(record, PANEL_FIELDS, extra=(
        sorted((m.member_id, m.is_chair) for m in record.memberships.all()),
        sorted((r.number, r.text, r.decision) for r in record.recommendations.all())))


def learning_action(record):
    return concurrency.token(record, LEARNING_FIELDS)


FIELDS = {"complaint": COMPLAINT_FIELDS, "stage": STAGE_FIELDS, "panel": PANEL_FIELDS,
          "learning_action": LEARNING_FIELDS}
WHAT = {"complaint": "This complaint", "stage": "This stage", "panel": "This review panel",
        "learning_action": "This learning action"}


def of(kind, record):
    """(current version, a function giving the refusal message): what a form's `version` takes."""
    return globals()[kind](record), lambda: concurrency.stale_message(record, FIELDS[kind], what=WHAT[kind])
