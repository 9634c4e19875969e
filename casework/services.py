"""Writes to councillor casework and community forums: each one whole or not at all.

Every function takes keyword arguments only, runs inside a transaction and
raises ValidationError keyed by the field the message belongs next to. A closed
case refuses every change.
"""

import uuid

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone

from casework import access
from casework.models import CouncillorCase, Forum, ForumIssue, ForumMeeting, IssueResponse
from complaints.rules import fmt
from organisation.models import Delegation


def _raise(errors):
    if errors:
        raise ValidationError(errors)


def _today(today):
    return today or timezone.localdate()


def _save(instance, fields=None, *, exclude=None):
    for name, value in (fields or {}).items():
        setattr(instance, name, value)
    instance.full_clean(exclude=exclude)
    instance.save()
    return instance


def _lock(case):
    """Lock the case's row, so two people answering or closing at once cannot both succeed."""
    return CouncillorCase.objects.select_for_update().get(pk=case.pk)


def _refuse_if_closed(case):
    if case.is_closed:
        raise ValidationError({NON_FIELD_ERRORS: [
            f"This case was closed on {fmt(case.closed_on)}: it can no longer be changed"]})


def _past_date_errors(field, value, *, what, after=None, after_what="", today):
    if value is None:
        return {}
    if value > today:
        return {field: f"The date {what} must be today or in the past"}
    if after is not None and value < after:
        return {field: f"The date {what} cannot be before {after_what} ({fmt(after)})"}
    return {}


# Councillor casework ---------------------------------------------------------------------

def accountable_officer_for(service):
    """Who a concern about this service goes to: the accountable officer, or the deputy if the officer has gone."""
    delegation = Delegation.objects.filter(service=service).select_related(
        "accountable_officer", "deputy_accountable_officer").first()
    if delegation is None:
        return None
    for person in (delegation.accountable_officer, delegation.deputy_accountable_officer):
        if person is not None and person.is_current:
            return person
    return None


def _route(case, *, today):
    """Send the case to the service: only with consent, and only to a current accountable officer."""
    if not case.consent_given:
        raise ValidationError({"consent_given": "Without the constituent's consent the concern cannot be sent to "
                                                "officers: record their consent first"})
    officer = accountable_officer_for(case.service)
    if officer is None:
        raise ValidationError({"service": f"{case.service} has no current accountable officer in the scheme of "
                                          "delegation, so the concern cannot be sent: ask the performance team to "
                                          "name one"})
    case.routed_to = officer
    case.routed_on = today
    case.response_days = settings.CASEWORK_RESPONSE_DAYS


@transaction.atomic
def case_log(*, actor, ward, constituent_name, service, summary, raised_on, consent_given,
             constituent_contact="", categories=(), today=None) -> CouncillorCase:
    """Log a constituent's concern. With their consent it goes to the service's accountable officer at once;
    without it, it stays with the councillor until consent is recorded."""
    today = _today(today)
    errors = _past_date_errors("raised_on", raised_on, what="the constituent raised it", today=today)
    if ward is not None and ward.pk not in access.ward_ids(actor):
        errors["ward"] = f"You are not a councillor for {ward}: choose one of your wards"
    _raise(errors)
    case = CouncillorCase(
        reference=f"new-{uuid.uuid4().hex[:24]}", councillor=actor, ward=ward, constituent_name=constituent_name,
        constituent_contact=constituent_contact, consent_given=consent_given, service=service, summary=summary,
        raised_on=raised_on, consent_recorded_on=today if consent_given else None,
    )
    if consent_given:
        _route(case, today=today)
    _save(case)
    # Numbered from its id: unique without locking, however many councillors log at once.
    case.reference = f"CW-{raised_on.year}-{case.pk:05d}"
    case.save(update_fields=["reference"])
    case.categories.set(categories)
    return case


@transaction.atomic
def case_record_consent(*, case, actor, today=None) -> CouncillorCase:
    """The constituent has agreed: record it and send the concern to the service."""
    today = _today(today)
    case = _lock(case)
    _refuse_if_closed(case)
    if case.is_routed:
        raise ValidationError({NON_FIELD_ERRORS: [f"This case was sent to the service on {fmt(case.routed_on)}"]})
    case.consent_given = True
    case.consent_recorded_on = today
    _route(case, today=today)
    return _save(case)


@transaction.atomic
def case_respond(*, case, actor, responded_on, response, today=None) -> CouncillorCase:
    """Record the service's response to the councillor. It can be corrected until the case is closed."""
    today = _today(today)
    case = _lock(case)
    _refuse_if_closed(case)
    if not case.is_routed:
        raise ValidationError({NON_FIELD_ERRORS: ["This case has not been sent to the service: there is nothing "
                                                  "to respond to yet"]})
    errors = _past_date_errors("responded_on", responded_on, what="of the response", after=case.routed_on,
                               after_what="the day it was sent to the service", today=today)
    if not response.strip():
        errors["response"] = "Enter the response"
    _raise(errors)
    return _save(case, {"responded_on": responded_on, "response": response.strip(), "responded_by": actor,
                        "status": CouncillorCase.Status.RESPONDED})


@transaction.atomic
def case_close(*, case, actor, closed_on, today=None) -> CouncillorCase:
    today = _today(today)
    case = _lock(case)
    _refuse_if_closed(case)
    earliest, what = case.raised_on, "the constituent raised it"
    if case.responded_on:
        earliest, what = case.responded_on, "the response"
    _raise(_past_date_errors("closed_on", closed_on, what="closed", after=earliest, after_what=what, today=today))
    return _save(case, {"closed_on": closed_on, "status": CouncillorCase.Status.CLOSED})


# Community forums --------------------------------------------------------------------------

@transaction.atomic
def forum_save(*, actor, name, wards, description="", is_active=True, forum=None) -> Forum:
    wards = list(wards)
    if not wards:
        raise ValidationError({"wards": "Choose the wards the forum covers"})
    forum = _save(forum or Forum(), {"name": name.strip(), "description": description.strip(),
                                     "is_active": is_active})
    forum.wards.set(wards)
    return forum


@transaction.atomic
def meeting_save(*, actor, forum, held_on, venue, notes="", meeting=None) -> ForumMeeting:
    """A meeting, held or planned. Once issues are recorded at it, it cannot move into the future."""
    errors = {}
    if meeting is not None and held_on > _today(None) and meeting.issues.exists():
        errors["held_on"] = "Issues have been recorded at this meeting: it cannot move into the future"
    clash = ForumMeeting.objects.filter(forum=forum, held_on=held_on)
    if meeting is not None:
        clash = clash.exclude(pk=meeting.pk)
    if clash.exists():
        errors["held_on"] = f"{forum} already has a meeting on {fmt(held_on)}"
    _raise(errors)
    return _save(meeting or ForumMeeting(forum=forum), {"held_on": held_on, "venue": venue.strip(),
                                                        "notes": notes.strip()})


@transaction.atomic
def issue_save(*, actor, meeting, title, description="", service=None, priorities=(), issue=None,
               today=None) -> ForumIssue:
    """An issue raised at a meeting that has been held, linked to the council priorities it bears on."""
    if meeting.held_on > _today(today):
        raise ValidationError({NON_FIELD_ERRORS: [
            f"The meeting on {fmt(meeting.held_on)} has not been held yet: record its issues once it has"]})
    issue = _save(issue or ForumIssue(meeting=meeting), {"title": title.strip(), "description": description.strip(),
                                                         "service": service})
    issue.priorities.set(priorities)
    return issue


@transaction.atomic
def issue_respond(*, actor, issue, responded_on, responded_by, text, status, today=None) -> IssueResponse:
    """Record the council's response to an issue; the issue then stands where the latest response says."""
    today = _today(today)
    issue = ForumIssue.objects.select_for_update().select_related("meeting").get(pk=issue.pk)
    errors = _past_date_errors("responded_on", responded_on, what="of the response", after=issue.meeting.held_on,
                               after_what="the meeting", today=today)
    latest = issue.responses.order_by("-responded_on", "-pk").first()
    if latest is not None and responded_on is not None and responded_on < latest.responded_on:
        errors.setdefault("responded_on", f"The date of the response cannot be before the last response "
                                          f"({fmt(latest.responded_on)})")
    _raise(errors)
    response = _save(IssueResponse(issue=issue), {"responded_on": responded_on, "responded_by": responded_by,
                                                  "text": text.strip(), "status": status})
    issue.status = status
    issue.save(update_fields=["status"])
    return response
