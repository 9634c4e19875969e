"""Writes to scrutiny records: each in one transaction, keyword-only, with its rules checked first.

A ValidationError names the field at fault so the page can show it next to it;
nothing is saved when one is raised.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from organisation.models import User
from scrutiny.models import (
    AgendaItem,
    Committee,
    CommitteeMember,
    Evidence,
    ImplementationUpdate,
    Meeting,
    Recommendation,
    ReviewMember,
    ScrutinyReview,
    Topic,
    municipal_year_of,
)


def _save(obj):
    obj.full_clean()
    obj.save()
    return obj


def _apply(obj, data):
    for name, value in data.items():
        setattr(obj, name, value)
    return _save(obj)


# Committees, members, meetings, agenda items ------------------------------------

@transaction.atomic
def committee_save(*, committee=None, data):
    data = dict(data)
    directorates = data.pop("directorates", None)  # left as they are when not given (an API PATCH)
    committee = _apply(committee or Committee(), data)
    if directorates is not None:
        committee.directorates.set(directorates)
    return committee


@transaction.atomic
def committee_member_add(*, committee, person, role):
    if person.kind != User.Kind.COUNCILLOR:
        raise ValidationError({"person": f"{person} is not a councillor."})
    if committee.members.filter(person=person).exists():
        raise ValidationError({"person": f"{person} is already on this committee."})
    if role == CommitteeMember.Role.CHAIR and committee.members.filter(role=CommitteeMember.Role.CHAIR).exists():
        raise ValidationError({"role": "The committee already has a chair: change that member first."})
    return _save(CommitteeMember(committee=committee, person=person, role=role))


@transaction.atomic
def committee_member_remove(*, member):
    member.delete()


@transaction.atomic
def meeting_save(*, committee, meeting=None, data):
    meeting = meeting or Meeting(committee=committee)
    return _apply(meeting, data)


@transaction.atomic
def agenda_item_save(*, meeting, item=None, data):
    if item is None:
        number = (meeting.items.aggregate(n=Max("number"))["n"] or 0) + 1
        item = AgendaItem(meeting=meeting, number=number)
    return _apply(item, data)


# Work programme --------------------------------------------------------------------

@transaction.atomic
def topic_save(*, committee, topic=None, data, suggested_by=None):
    """Add or change a work programme topic; choosing a meeting schedules it."""
    data = dict(data)
    nhs_bodies = data.pop("nhs_bodies", None)
    if topic is None:
        topic = Topic(committee=committee, suggested_by=suggested_by)
        if not data.get("year"):
            data["year"] = municipal_year_of(timezone.localdate())
    topic = _apply(topic, data)
    if nhs_bodies is not None:
        topic.nhs_bodies.set(nhs_bodies)
    if topic.meeting_id and topic.status == Topic.Status.PROPOSED:
        topic.status = Topic.Status.SCHEDULED
        topic.save(update_fields=["status"])
    return topic


@transaction.atomic
def topic_from_indicator(*, committee, indicator, reason, priority, suggested_by):
    """Put a watchlist indicator on the work programme (once a year: a second try returns the first)."""
    year = municipal_year_of(timezone.localdate())
    existing = Topic.objects.filter(committee=committee, indicator=indicator, year=year).first()
    if existing:
        return existing
    return _save(Topic(committee=committee, indicator=indicator, service=indicator.service, year=year,
                       source=Topic.Source.WATCHLIST, source_detail=reason, priority=priority,
                       title=f"Performance of {indicator.code}: {indicator.name}", description=reason,
                       suggested_by=suggested_by))


# Reviews ---------------------------------------------------------------------------

@transaction.atomic
def review_save(*, committee, review=None, data, topic=None):
    if review is None:
        review = ScrutinyReview(committee=committee, topic=topic)
        if topic is not None:
            topic.method = Topic.Method.REVIEW
            topic.status = Topic.Status.IN_PROGRESS
            topic.save(update_fields=["method", "status"])
    return _apply(review, data)


@transaction.atomic
def review_member_add(*, review, person=None, name="", organisation="", role=ReviewMember.Role.MEMBER):
    if person is None and not name.strip():
        raise ValidationError({"person": "Choose a councillor or enter the co-optee's name."})
    if person is not None and name.strip():
        raise ValidationError({"name": "Choose a councillor or enter a co-optee, not both."})
    if role == ReviewMember.Role.CO_OPTEE and person is not None:
        raise ValidationError({"role": "A co-opted member is someone from outside the council: enter their name."})
    if person is not None and review.members.filter(person=person).exists():
        raise ValidationError({"person": f"{person} is already on this review."})
    return _save(ReviewMember(review=review, person=person, name=name.strip(), organisation=organisation,
                              role=role))


@transaction.atomic
def evidence_add(*, review, data):
    return _save(Evidence(review=review, **data))


@transaction.atomic
def recommendation_save(*, review, recommendation=None, data):
    if recommendation is None:
        number = (review.recommendations.aggregate(n=Max("number"))["n"] or 0) + 1
        recommendation = Recommendation(review=review, number=number)
    return _apply(recommendation, data)


@transaction.atomic
def report_submit(*, review, summary, reported_on, publish):
    """Send the report to the executive: the 2-month response clock starts on `reported_on`."""
    if not review.recommendations.exists():
        raise ValidationError({"report_summary": "Add the report's recommendations before sending it to the "
                                                 "executive."})
    review.report_summary = summary
    review.reported_on = reported_on
    review.status = ScrutinyReview.Status.AWAITING_RESPONSE
    if publish and not review.is_published:
        review.is_published = True
        review.published_on = timezone.localdate()
    return _save(review)


@transaction.atomic
def report_publish(*, review):
    if not review.reported_on:
        raise ValidationError("Send the report to the executive before publishing it.")
    review.is_published = True
    review.published_on = review.published_on or timezone.localdate()
    return _save(review)


@transaction.atomic
def executive_response_record(*, recommendation, response, reasons, responded_on, by):
    """The executive accepts, partly accepts or rejects a recommendation, with reasons."""
    review = recommendation.review
    if not review.reported_on:
        raise ValidationError({"response": "The report has not gone to the executive yet."})
    if responded_on < review.reported_on:
        raise ValidationError({"responded_on": "The response cannot be before the report went to the executive."})
    if responded_on > timezone.localdate():
        raise ValidationError({"responded_on": "The response date cannot be in the future."})
    if response != Recommendation.Response.ACCEPTED and not reasons.strip():
        raise ValidationError({"response_reasons": "Give the reasons for not accepting the recommendation in full."})
    recommendation.response = response
    recommendation.response_reasons = reasons
    recommendation.responded_on = responded_on
    recommendation.responded_by = by
    _save(recommendation)
    remaining = review.recommendations.filter(responded_on__isnull=True).exists()
    if not remaining and review.status == ScrutinyReview.Status.AWAITING_RESPONSE:
        review.status = ScrutinyReview.Status.MONITORING
        review.save(update_fields=["status"])
    return recommendation


@transaction.atomic
def implementation_update_record(*, recommendation, implementation, note, outcome="", by):
    if not recommendation.response:
        raise ValidationError({"implementation": "Record the executive's response before tracking implementation."})
    if recommendation.response == Recommendation.Response.REJECTED and \
            implementation == Recommendation.Implementation.IMPLEMENTED:
        raise ValidationError({"implementation": "A rejected recommendation cannot be marked implemented."})
    update = _save(ImplementationUpdate(recommendation=recommendation, implementation=implementation, note=note,
                                        recorded_by=by))
    recommendation.implementation = implementation
    if outcome:
        recommendation.outcome = outcome
    _save(recommendation)
    return update


@transaction.atomic
def review_complete(*, review, outcome):
    if not outcome.strip():
        raise ValidationError({"outcome": "Describe the outcome of the review."})
    if review.recommendations.filter(responded_on__isnull=True).exists():
        raise ValidationError({"outcome": "Every recommendation needs the executive's response first."})
    review.outcome = outcome
    review.status = ScrutinyReview.Status.COMPLETE
    return _save(review)


# Best Value reviews ------------------------------------------------------------------

@transaction.atomic
def best_value_review_save(*, review=None, data, indicators=None):
    """Add or change a Best Value review; a new one gets its four 4Cs sections."""
    from scrutiny.models import BestValueReview, FourCs, FourCsSection

    creating = review is None
    review = _apply(review or BestValueReview(), data)
    if creating:
        FourCsSection.objects.bulk_create([FourCsSection(review=review, c=c) for c in FourCs.values])
    if indicators is not None:
        review.indicators.set(indicators)
    return review


@transaction.atomic
def best_value_scope_agree(*, review, scope, committee, agreed_on):
    if committee.kind not in ("scrutiny", "executive"):
        raise ValidationError({"scope_agreed_by": "Choose the scrutiny committee or the executive."})
    review.scope, review.scope_agreed_by, review.scope_agreed_on = scope, committee, agreed_on
    if review.stage == review.Stage.PROGRAMMED:
        review.stage = review.Stage.SCOPING
    return _save(review)


@transaction.atomic
def four_cs_section_save(*, section, findings, is_complete):
    if is_complete and not findings.strip():
        raise ValidationError({"findings": "Record the findings before marking the section complete."})
    section.findings, section.is_complete = findings, is_complete
    return _save(section)


@transaction.atomic
def four_cs_evidence_add(*, section, data):
    from scrutiny.models import FourCsEvidence

    return _save(FourCsEvidence(section=section, **data))


@transaction.atomic
def delivery_option_save(*, review, option=None, data):
    from scrutiny.models import DeliveryOption

    option = _apply(option or DeliveryOption(review=review), data)
    if option.is_preferred:
        review.options.exclude(pk=option.pk).update(is_preferred=False)
    return option


@transaction.atomic
def improvement_action_add(*, review, data, objective=None):
    """A recommendation becomes an improvement action; with an objective it is also a milestone in that plan."""
    from priorities import services as priority_services
    from scrutiny.models import ImprovementAction

    number = (review.actions.aggregate(n=Max("number"))["n"] or 0) + 1
    action = ImprovementAction(review=review, number=number, **data)
    action.full_clean()
    if objective is not None:
        if objective.plan.service_id != review.service_id:
            raise ValidationError({"objective": f"Choose an objective in {review.service}'s plan."})
        try:
            action.milestone = priority_services.milestone_create(
                objective=objective, title=f"Best Value: {data['action'][:280]}", due_on=data["due_on"],
                owner=data["owner"])
        except ValidationError as error:
            messages = error.message_dict if hasattr(error, "error_dict") else {"objective": error.messages}
            raise ValidationError({"objective" if k == "__all__" else k: v for k, v in messages.items()}) from None
    action.save()
    return action


@transaction.atomic
def improvement_action_progress(*, action, status, note):
    action.status, action.progress_note = status, note
    _save(action)
    if action.milestone_id and status == action.Status.COMPLETE:
        milestone = action.milestone
        milestone.status, milestone.percent_complete = "complete", 100
        milestone.completed_on = milestone.completed_on or timezone.localdate()
        milestone.save(update_fields=["status", "percent_complete", "completed_on"])
    return action


@transaction.atomic
def best_value_judgement_record(*, review, service_stars, prospects, notes):
    if not notes.strip():
        raise ValidationError({"judgement_notes": "Give the reasons for the judgement."})
    review.service_stars, review.prospects, review.judgement_notes = service_stars, prospects, notes
    review.judged_on = timezone.localdate()
    return _save(review)


# Call-in ---------------------------------------------------------------------------

@transaction.atomic
def decision_save(*, decision=None, data):
    """Record an executive decision; once published, its call-in window is worked out in working days."""
    from core.working_days import non_working_days
    from scrutiny import deadlines
    from scrutiny.models import ExecutiveDecision

    decision = decision or ExecutiveDecision()
    for name, value in data.items():
        setattr(decision, name, value)
    if decision.call_in_committee_id and decision.call_in_committee.kind != Committee.Kind.SCRUTINY:
        raise ValidationError({"call_in_committee": "Choose a scrutiny committee."})
    if decision.published_on and decision.made_on and decision.published_on < decision.made_on:
        raise ValidationError({"published_on": "A decision cannot be published before it is made."})
    if decision.published_on and not decision.is_urgent:
        decision.call_in_ends_on = deadlines.call_in_window_ends(
            decision.published_on, non_working_days(), decision.call_in_committee.call_in_days)
    else:
        decision.call_in_ends_on = None
    return _save(decision)


@transaction.atomic
def call_in_record(*, decision, called_in_on, reasons, members, meeting=None):
    """Members call a decision in within its window; the committee must then meet within its working days."""
    from core.working_days import non_working_days
    from organisation.models import Role
    from scrutiny import deadlines
    from scrutiny.models import CallIn

    committee = decision.call_in_committee
    if hasattr(decision, "call_in"):
        raise ValidationError("This decision has already been called in.")
    if decision.is_urgent:
        raise ValidationError({"called_in_on": "An urgent decision cannot be called in."})
    if not decision.published_on:
        raise ValidationError({"called_in_on": "The decision has not been published yet."})
    if not decision.published_on <= called_in_on <= decision.call_in_ends_on:
        raise ValidationError({"called_in_on": f"The call-in window ran from {decision.published_on:%-d %B %Y} "
                                               f"to {decision.call_in_ends_on:%-d %B %Y}."})
    members = list(members)
    if len(members) < committee.call_in_signatories:
        raise ValidationError({"members": f"{committee.call_in_signatories} members are needed to call in a "
                                          f"decision; {len(members)} chosen."})
    executive = [m for m in members if m.access.has(Role.EXECUTIVE_MEMBER)]
    if executive:
        raise ValidationError({"members": f"{executive[0]} is an executive member and cannot call in an "
                                          f"executive decision."})
    if meeting is not None and meeting.committee_id != committee.pk:
        raise ValidationError({"meeting": f"Choose a meeting of {committee}."})
    call_in = CallIn(decision=decision, called_in_on=called_in_on, reasons=reasons, meeting=meeting,
                     meet_by=deadlines.call_in_meeting_by(called_in_on, non_working_days(),
                                                          committee.call_in_meeting_days))
    _save(call_in)
    call_in.members.set(members)
    return call_in


@transaction.atomic
def call_in_outcome_record(*, call_in, outcome, notes, meeting):
    if meeting is None:
        raise ValidationError({"meeting": "Choose the meeting that considered the call-in."})
    if meeting.committee_id != call_in.decision.call_in_committee_id:
        raise ValidationError({"meeting": f"Choose a meeting of {call_in.decision.call_in_committee}."})
    if meeting.held_on < call_in.called_in_on:
        raise ValidationError({"meeting": "The meeting cannot be before the call-in."})
    call_in.outcome, call_in.outcome_notes, call_in.meeting = outcome, notes, meeting
    return _save(call_in)


# Health scrutiny ----------------------------------------------------------------------

def _require_health_powers(committee):
    if not committee.has_health_scrutiny_powers:
        raise ValidationError({"committee": f"{committee} has no health scrutiny powers."})


@transaction.atomic
def nhs_body_save(*, body=None, data):
    from scrutiny.models import NhsBody

    return _apply(body or NhsBody(), data)


@transaction.atomic
def information_request_add(*, committee, data):
    """Ask an NHS body for information; the answer is due `response_days` calendar days later."""
    from scrutiny import deadlines
    from scrutiny.models import InformationRequest

    _require_health_powers(committee)
    request = InformationRequest(committee=committee, **data)
    if request.requested_on and request.requested_on > timezone.localdate():
        raise ValidationError({"requested_on": "The request date cannot be in the future."})
    if request.topic_id and request.topic.committee_id != committee.pk:
        raise ValidationError({"topic": "Choose a topic on this committee's work programme."})
    request.due_on = deadlines.nhs_response_due(request.requested_on, request.response_days) \
        if request.requested_on else None
    return _save(request)


@transaction.atomic
def information_response_record(*, request, responded_on, response):
    if responded_on < request.requested_on:
        raise ValidationError({"responded_on": "The response cannot be before the request."})
    if responded_on > timezone.localdate():
        raise ValidationError({"responded_on": "The response date cannot be in the future."})
    request.responded_on, request.response = responded_on, response
    return _save(request)


@transaction.atomic
def substantial_change_add(*, committee, data):
    from scrutiny.models import SubstantialChange

    _require_health_powers(committee)
    return _save(SubstantialChange(committee=committee, **data))


@transaction.atomic
def substantial_change_respond(*, change, response, detail, responded_on):
    if not detail.strip():
        raise ValidationError({"response_detail": "Enter the committee's response in full."})
    if responded_on < change.received_on:
        raise ValidationError({"responded_on": "The response cannot be before the proposal was received."})
    change.response, change.response_detail, change.responded_on = response, detail, responded_on
    return _save(change)


# Health check -------------------------------------------------------------------------

@transaction.atomic
def health_check_record(*, reviewed_by, overall, summary, answers, evidence, by):
    """Record a review of the arrangements: one rating (with comment and actions) per question, and the
    evidence as it stood. `answers` maps question number to (rating, comment, actions)."""
    from scrutiny.health_check import QUESTIONS
    from scrutiny.models import HealthCheck, HealthCheckAnswer

    missing = [n for n in range(1, len(QUESTIONS) + 1) if n not in answers]
    if missing:
        raise ValidationError({f"rating_{missing[0]}": f"Rate question {missing[0]}."})
    weak_without_action = [n for n, (rating, _, actions) in answers.items()
                           if rating == "weak" and not actions.strip()]
    if weak_without_action:
        n = weak_without_action[0]
        raise ValidationError({f"actions_{n}": f"Question {n} is rated weak: record the actions agreed."})
    check = _save(HealthCheck(reviewed_by=reviewed_by, overall=overall, summary=summary, evidence=evidence,
                              recorded_by=by, reviewed_on=timezone.localdate()))
    for n, (rating, comment, actions) in sorted(answers.items()):
        _save(HealthCheckAnswer(health_check=check, question=n, rating=rating, comment=comment, actions=actions))
    return check
