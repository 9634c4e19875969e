"""The rules of support and improvement plans: pure functions, no I/O.

Dates are checked against `today` and the day the plan was opened; each function
returns what is wrong (an empty string or dict when nothing is).
"""


def _day(d):
    return f"{d:%-d %B %Y}"


def first_review_error(next_review_on, today):
    """A new plan is reviewed on a date still to come: that is what makes it a plan."""
    if next_review_on is None:
        return "Enter the date of the first review"
    if next_review_on <= today:
        return "The first review date must be after today"
    return ""


def next_review_error(next_review_on, *, today, unchanged_from=None):
    """A changed next review date must still be to come; leaving it as it was is always allowed."""
    if next_review_on is None:
        return "Enter the date of the next review"
    if next_review_on != unchanged_from and next_review_on <= today:
        return "The next review date must be after today"
    return ""


def review_errors(*, held_on, next_review_on, closing, opened_on, today):
    """What is wrong with a review's dates, by field: it happened, after the plan opened; it sets the next one.

    A closing review (closed successfully or escalated) ends the plan, so it sets no next date.
    """
    errors = {}
    if held_on is None:
        errors["held_on"] = "Enter the date of the review"
    elif held_on > today:
        errors["held_on"] = "The review date must be today or in the past"
    elif held_on < opened_on:
        errors["held_on"] = f"The review date must be on or after the day the plan was opened, {_day(opened_on)}"
    if closing:
        if next_review_on is not None:
            errors["next_review_on"] = "A plan that is being closed has no next review date"
    else:
        message = next_review_error(next_review_on, today=today)
        if message:
            errors["next_review_on"] = message
    return errors


def due_date_error(due_on, opened_on):
    if due_on is None:
        return "Enter the date the action is due"
    if due_on < opened_on:
        return f"The due date must be on or after the day the plan was opened, {_day(opened_on)}"
    return ""


def owner_error(owner_id, allowed_ids):
    """An action's owner is the person or someone in their line-management chain: people who can see the plan."""
    if owner_id is None:
        return "Choose who owns the action"
    if owner_id not in allowed_ids:
        return ("Choose the person or someone in their line-management chain: nobody else can see the plan")
    return ""

