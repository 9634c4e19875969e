"""Writes to complaints: each one whole or not at all.

Every function takes keyword arguments only, runs inside a transaction, checks
the regime's rules (complaints/rules.py) and the model's own (`full_clean`), and
raises ValidationError keyed by the field the message belongs next to. A closed
complaint refuses every change to its facts; its learning actions and the
Ombudsman's involvement can still be recorded, and a request for the next stage
reopens it.
"""

from collections import defaultdict

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from complaints import deadlines, rules, selectors
from complaints.models import (
    CaseAccess,
    Complaint,
    ComplaintPoint,
    ComplaintStage,
    LearningAction,
    OmbudsmanReferral,
    PanelMembership,
    PanelRecommendation,
    PointOutcome,
    Regime,
    ReminderDigest,
    ReviewPanel,
)
from core.working_days import non_working_days
from organisation.models import User


def _raise(errors):
    if errors:
        raise ValidationError(errors)


def _save(instance, fields=None, *, exclude=None):
    """Set the fields, check every model rule, then save: nothing invalid reaches the database."""
    for name, value in (fields or {}).items():
        setattr(instance, name, value)
    instance.full_clean(exclude=exclude)
    instance.save()
    return instance


def _refuse_if_closed(complaint):
    if complaint.is_closed:
        raise ValidationError({NON_FIELD_ERRORS: [
            f"This complaint was closed on {rules.fmt(complaint.closed_on)}: its details, stages and panel can no "
            "longer be changed"]})


def _refuse_if_moved_on(stage):
    latest = stage.complaint.stages.order_by("-stage__number").values_list("pk", flat=True).first()
    if latest != stage.pk:
        raise ValidationError({NON_FIELD_ERRORS: [
            f"The complaint has moved on from {str(stage.stage).lower()}: that stage can no longer be changed"]})


def _today(today):
    return today or timezone.localdate()


def _lock(complaint):
    """Lock the complaint's row, so two people escalating or closing at once cannot both succeed."""
    return Complaint.objects.select_for_update().get(pk=complaint.pk)


# The access log --------------------------------------------------------------------

def case_access_record(*, user, via, complaints=(), casework=(), path="", granted=True):
    """Log looks at complaints and at councillors' casework (both personal): one row per case, one query."""
    CaseAccess.objects.bulk_create(
        [CaseAccess(complaint=complaint, user=user, via=via, path=path[:300], granted=granted)
         for complaint in complaints]
        + [CaseAccess(casework=case, user=user, via=via, path=path[:300], granted=granted) for case in casework]
    )


# Logging and changing a complaint ---------------------------------------------------

def _next_reference(regime, year):
    prefix = f"{regime.reference_prefix}-{year}-"
    last = (Complaint.objects.filter(reference__startswith=prefix).order_by("-reference")
            .values_list("reference", flat=True).first())
    number = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{number:04d}"


def _check_details(*, kind, regime, service, team, points, today, **dates):
    errors = rules.complaint_date_errors(time_limit_months=regime.time_limit_months, today=today, **dates)
    if team is not None and service is not None and team.service_id != service.pk:
        errors["team"] = f"Choose a team in {service}, or no team"
    if kind == Complaint.Kind.FORMAL and not points:
        errors["points"] = "Enter each point of the complaint, one per line"
    if kind == Complaint.Kind.COMPLIMENT:
        for field in ("acknowledged_on", "matter_occurred_on"):
            if dates.get(field):
                errors[field] = "A compliment has no date of the matter or acknowledgement"
    return errors


def _start_stage(complaint, rule, *, requested_on, investigator=None, late_request_reason=""):
    """Start a stage, copying the timescales in force today; a panel stage gets its (empty) panel."""
    stage = _save(ComplaintStage(
        complaint=complaint, stage=rule, requested_on=requested_on, investigator=investigator,
        late_request_reason=late_request_reason,
        response_days=rule.response_days, max_response_days=rule.max_response_days,
    ), exclude=["complaint"])
    if rule.is_panel:
        ReviewPanel.objects.create(
            stage=stage, size=rule.panel_size, all_independent=rule.panel_all_independent,
            meets_within_days=rule.panel_meets_within_days, report_within_days=rule.panel_report_within_days,
            response_within_days=rule.council_response_within_days,
        )
    return stage


@transaction.atomic
def complaint_log(*, actor, kind, regime: Regime, complainant_name, complainant_type, service, summary,
                  received_on, owner, team=None, contact_details="", categories=(), points=(),
                  matter_occurred_on=None, accepted_late_reason="", acknowledged_on=None, investigator=None,
                  today=None) -> Complaint:
    """Log a complaint (with its first stage, if formal), an informal complaint or a compliment."""
    today = _today(today)
    points = [p.strip() for p in points if p.strip()]
    _raise(_check_details(kind=kind, regime=regime, service=service, team=team, points=points, today=today,
                          received_on=received_on, matter_occurred_on=matter_occurred_on,
                          acknowledged_on=acknowledged_on, accepted_late_reason=accepted_late_reason))
    Regime.objects.select_for_update().get(pk=regime.pk)  # one reference at a time per regime
    formal = kind == Complaint.Kind.FORMAL
    complaint = _save(Complaint(
        reference=_next_reference(regime, received_on.year), kind=kind, regime=regime,
        complainant_name=complainant_name, complainant_type=complainant_type, contact_details=contact_details,
        service=service, team=team, summary=summary, matter_occurred_on=matter_occurred_on,
        received_on=received_on, accepted_late_reason=accepted_late_reason, acknowledged_on=acknowledged_on,
        acknowledge_days=regime.acknowledge_days if formal else None,
        delay_letter_months=regime.delay_letter_months if formal else None,
        owner=owner, created_by=actor,
    ))
    complaint.categories.set(categories)
    ComplaintPoint.objects.bulk_create(
        ComplaintPoint(complaint=complaint, number=n, text=text) for n, text in enumerate(points, start=1))
    if formal:
        first = regime.stages.order_by("number").first()
        if first is None:
            raise ValidationError({"regime": f"The {regime} procedure has no stages: ask an administrator to add them"})
        _start_stage(complaint, first, requested_on=received_on, investigator=investigator)
    return complaint


@transaction.atomic
def complaint_update(*, complaint, actor, categories=(), points=None, today=None, **fields) -> Complaint:
    """Change a complaint's details and key dates. Points can change only until a stage decides on them."""
    complaint = _lock(complaint)
    _refuse_if_closed(complaint)
    today = _today(today)
    current_points = list(complaint.points.values_list("text", flat=True))
    new_points = [p.strip() for p in points if p.strip()] if points is not None else current_points
    date_fields = ("received_on", "matter_occurred_on", "acknowledged_on", "delay_letter_sent_on",
                   "accepted_late_reason")
    merged = {name: fields.get(name, getattr(complaint, name)) for name in date_fields}
    errors = _check_details(kind=complaint.kind, regime=complaint.regime, service=fields.get("service"),
                            team=fields.get("team"), points=new_points, today=today, **merged)
    first_stage = complaint.stages.order_by("stage__number").first()
    if first_stage and merged["received_on"] != complaint.received_on and (
            complaint.stages.count() > 1 or first_stage.responded_on or first_stage.extended_to):
        errors["received_on"] = "The date received cannot change once the complaint has been answered, " \
                                "extended or escalated"
    if new_points != current_points and PointOutcome.objects.filter(point__complaint=complaint).exists():
        errors["points"] = "The points cannot change once a stage has given them outcomes"
    _raise(errors)
    _save(complaint, fields)
    complaint.categories.set(categories)
    if new_points != current_points:
        complaint.points.all().delete()
        ComplaintPoint.objects.bulk_create(
            ComplaintPoint(complaint=complaint, number=n, text=text) for n, text in enumerate(new_points, start=1))
    if first_stage and first_stage.requested_on != complaint.received_on:
        first_stage.requested_on = complaint.received_on
        first_stage.save(update_fields=["requested_on"])
    return complaint


# Stages -------------------------------------------------------------------------------

@transaction.atomic
def stage_update(*, stage, actor, investigator=None, independent_person=None, extended_to=None,
                 extension_reason="") -> ComplaintStage:
    """Name who handles a stage, and agree an extension within the regime's limit."""
    _refuse_if_closed(_lock(stage.complaint))
    _refuse_if_moved_on(stage)
    errors = rules.extension_errors(requested_on=stage.requested_on, response_days=stage.response_days,
                                    max_response_days=stage.max_response_days, extended_to=extended_to,
                                    holidays=non_working_days())
    if extended_to and not extension_reason.strip():
        errors.setdefault("extension_reason", "Give the reason for the extension")
    if stage.responded_on and extended_to != stage.extended_to:
        errors["extended_to"] = "This stage has been answered: its deadline can no longer change"
    if independent_person is not None and independent_person.kind != User.Kind.INDEPENDENT:
        errors["independent_person"] = f"{independent_person} is not an independent person"
    _raise(errors)
    return _save(stage, {"investigator": investigator, "independent_person": independent_person,
                         "extended_to": extended_to, "extension_reason": extension_reason.strip()})


@transaction.atomic
def stage_respond(*, stage, actor, responded_on, findings, remedy="", outcomes, today=None) -> ComplaintStage:
    """Record a stage's response: its date, findings, remedy and an outcome for every point."""
    _refuse_if_closed(_lock(stage.complaint))
    _refuse_if_moved_on(stage)
    if stage.stage.is_panel:
        raise ValidationError({NON_FIELD_ERRORS: ["A review panel stage is answered by the council's response to "
                                                  "the panel's report"]})
    errors = rules.response_errors(requested_on=stage.requested_on, responded_on=responded_on, today=_today(today))
    points = list(stage.complaint.points.all())
    for point in points:
        if outcomes.get(point.pk) not in PointOutcome.Outcome.values:
            errors[f"point_{point.pk}"] = f"Choose the outcome for point {point.number}"
    _raise(errors)
    _save(stage, {"responded_on": responded_on, "findings": findings, "remedy": remedy})
    stage.outcomes.all().delete()
    PointOutcome.objects.bulk_create(PointOutcome(stage=stage, point=p, outcome=outcomes[p.pk]) for p in points)
    return stage


@transaction.atomic
def complaint_escalate(*, complaint, actor, stage_number, requested_on, late_request_reason="", investigator=None,
                       today=None) -> ComplaintStage:
    """Move a complaint to the next stage of its regime, if the regime's rules allow it.

    A complaint closed after a stage's response reopens: the complainant may still ask
    for the next stage within the regime's window.
    """
    complaint = _lock(complaint)
    if complaint.anonymised_at:
        raise ValidationError({NON_FIELD_ERRORS: [
            "This complaint's personal details were removed under the retention policy: it cannot be reopened. "
            "Log a new complaint instead"]})
    holidays = non_working_days()
    regime_stages = list(complaint.regime.stages.all())
    current = complaint.stages.select_related("stage").order_by("-stage__number").first()
    if current is None:
        raise ValidationError({NON_FIELD_ERRORS: ["Only a formal complaint has stages"]})
    now = rules.StageState(number=current.stage.number, requested_on=current.requested_on,
                           responded_on=current.responded_on, due_on=current.due_on(holidays))
    _raise(rules.escalation_errors(stages=regime_stages, current=now, target=stage_number,
                                   requested_on=requested_on, late_reason=late_request_reason,
                                   today=_today(today), holidays=holidays))
    rule = next(s for s in regime_stages if s.number == stage_number)
    if complaint.is_closed:
        complaint.closed_on = None
        complaint.save(update_fields=["closed_on", "updated_at"])
    return _start_stage(complaint, rule, requested_on=requested_on, investigator=investigator,
                        late_request_reason=late_request_reason.strip())


@transaction.atomic
def complaint_close(*, complaint, actor, closed_on, today=None) -> Complaint:
    complaint = _lock(complaint)
    _refuse_if_closed(complaint)
    current = complaint.stages.select_related("stage").order_by("-stage__number").first()
    if complaint.kind == Complaint.Kind.COMPLIMENT:
        raise ValidationError({NON_FIELD_ERRORS: ["A compliment is recorded, not closed"]})
    _raise(rules.closing_errors(
        closed_on=closed_on, received_on=complaint.received_on,
        last_response_on=current.responded_on if current else None,
        stage_answered=current is None or current.responded_on is not None, today=_today(today)))
    return _save(complaint, {"closed_on": closed_on})


# Review panels --------------------------------------------------------------------------

@transaction.atomic
def panel_update(*, panel, actor, members, chair=None) -> ReviewPanel:
    """Choose the panel: independent people (and, where the regime allows, councillors)."""
    _refuse_if_closed(_lock(panel.stage.complaint))
    errors = {}
    members = list(members)
    allowed = {User.Kind.INDEPENDENT} if panel.all_independent else {User.Kind.INDEPENDENT, User.Kind.COUNCILLOR}
    for person in members:
        if person.kind not in allowed:
            errors["members"] = (f"{person} cannot sit on this panel: its members must all be independent people"
                                 if panel.all_independent else
                                 f"{person} cannot sit on this panel: choose independent people or councillors")
            break
        if not person.is_current:
            errors["members"] = f"{person} is no longer current"
            break
    if panel.size and len(members) > panel.size:
        errors["members"] = f"This panel has {panel.size} members: you chose {len(members)}"
    if chair is not None and chair not in members:
        errors["chair"] = "The chair must be one of the members"
    if panel.meeting_on and panel.size and len(members) < panel.size:
        errors["members"] = f"The panel has met: it needs all {panel.size} members"
    _raise(errors)
    panel.memberships.exclude(member__in=members).delete()
    existing = set(panel.memberships.values_list("member_id", flat=True))
    PanelMembership.objects.bulk_create(PanelMembership(panel=panel, member=p) for p in members if p.pk not in existing)
    panel.memberships.update(is_chair=False)
    if chair is not None:
        panel.memberships.filter(member=chair).update(is_chair=True)
    return panel


@transaction.atomic
def panel_record_report(*, panel, actor, meeting_on, report_on=None, report="", recommendations=(),
                        today=None) -> ReviewPanel:
    """Record when the panel met, its report and its recommendations (one per item)."""
    _refuse_if_closed(_lock(panel.stage.complaint))
    errors = rules.panel_date_errors(requested_on=panel.stage.requested_on, meeting_on=meeting_on,
                                     report_on=report_on, today=_today(today))
    member_count = panel.memberships.count()
    if meeting_on and panel.size and member_count < panel.size:
        errors.setdefault("meeting_on", f"The panel needs {panel.size} members before it meets: it has "
                                        f"{member_count}. Ask the complaints team to complete it")
    recommendations = [r.strip() for r in recommendations if r.strip()]
    if report_on and not report.strip():
        errors["report"] = "Enter the panel's findings"
    if [r.text for r in panel.recommendations.all()] != recommendations and panel.recommendations.exclude(
            decision="").exists():
        errors["recommendations"] = "The council has responded to these recommendations: they can no longer change"
    _raise(errors)
    _save(panel, {"meeting_on": meeting_on, "report_on": report_on, "report": report.strip()})
    if [r.text for r in panel.recommendations.all()] != recommendations:
        panel.recommendations.all().delete()
        PanelRecommendation.objects.bulk_create(
            PanelRecommendation(panel=panel, number=n, text=text) for n, text in enumerate(recommendations, start=1))
    return panel


@transaction.atomic
def panel_respond(*, panel, actor, council_response_on, council_response, decisions, today=None) -> ReviewPanel:
    """Record the council's response to the panel: a decision on every recommendation. It answers the stage."""
    _refuse_if_closed(_lock(panel.stage.complaint))
    errors = {}
    if panel.report_on is None:
        errors[NON_FIELD_ERRORS] = ["Record the panel's report before the council's response"]
    else:
        errors = rules.panel_date_errors(requested_on=panel.stage.requested_on, meeting_on=panel.meeting_on,
                                         report_on=panel.report_on, council_response_on=council_response_on,
                                         today=_today(today))
        errors = {k: v for k, v in errors.items() if k == "council_response_on"}
    if not council_response.strip():
        errors["council_response"] = "Enter the council's response"
    recommendations = list(panel.recommendations.all())
    for recommendation in recommendations:
        if decisions.get(recommendation.pk) not in PanelRecommendation.Decision.values:
            errors[f"recommendation_{recommendation.pk}"] = (
                f"Choose the council's decision on recommendation {recommendation.number}")
    _raise(errors)
    _save(panel, {"council_response_on": council_response_on, "council_response": council_response.strip()})
    for recommendation in recommendations:
        recommendation.decision = decisions[recommendation.pk]
    PanelRecommendation.objects.bulk_update(recommendations, ["decision"])
    stage = panel.stage
    stage.responded_on = council_response_on
    stage.save(update_fields=["responded_on"])
    return panel


# After the procedure: learning and the Ombudsman ------------------------------------------

def _plan_link(fields):
    """A milestone brings its objective: the plan lists what changed under the objective it serves."""
    milestone = fields.get("milestone")
    if milestone is not None and fields.get("objective") is None:
        fields["objective"] = milestone.objective
    return fields


def _learning_errors(complaint, fields):
    """A lesson joins the complaint's own service's plans (this year's or later), and is due after the complaint."""
    errors = {}
    objectives, milestones = selectors.plan_items_for(complaint.service)
    for name, items, what in (("objective", objectives, "an objective"), ("milestone", milestones, "a milestone")):
        item = fields.get(name)
        if item is not None and not items.filter(pk=item.pk).exists():
            errors[name] = f"Choose {what} in {complaint.service}'s service plans for this year or later"
    due_on = fields.get("due_on")
    if due_on is not None and due_on < complaint.received_on:
        errors["due_on"] = f"The due date cannot be before the complaint was received ({rules.fmt(complaint.received_on)})"
    return errors


@transaction.atomic
def learning_action_create(*, complaint, actor, **fields) -> LearningAction:
    _raise(_learning_errors(complaint, fields))
    return _save(LearningAction(complaint=complaint), _plan_link(fields))


@transaction.atomic
def learning_action_update(*, action, actor, **fields) -> LearningAction:
    _raise(_learning_errors(action.complaint, fields))
    return _save(action, _plan_link(fields))


@transaction.atomic
def ombudsman_record(*, complaint, actor, reference, referred_on, decision="", decided_on=None, remedy="",
                     today=None) -> OmbudsmanReferral:
    today = _today(today)
    errors = {}
    if referred_on < complaint.received_on:
        errors["referred_on"] = f"The date cannot be before the complaint was received ({rules.fmt(complaint.received_on)})"
    elif referred_on > today:
        errors["referred_on"] = "The date must be today or in the past"
    if decision and decided_on is None:
        errors["decided_on"] = "Enter the date of the Ombudsman's decision"
    elif decided_on and not decision:
        errors["decision"] = "Choose the Ombudsman's decision"
    elif decided_on and (decided_on < referred_on or decided_on > today):
        errors["decided_on"] = "The decision date must be between the referral and today"
    _raise(errors)
    referral = getattr(complaint, "ombudsman", None) or OmbudsmanReferral(complaint=complaint)
    return _save(referral, {"reference": reference, "referred_on": referred_on, "decision": decision,
                            "decided_on": decided_on, "remedy": remedy})


# Reminders --------------------------------------------------------------------------------

def deadline_reminders_send(*, today=None) -> int:
    """E-mail each case owner their cases with deadlines overdue or due soon; return how many were sent.

    At most one e-mail per owner per day, however often it runs. The e-mail names
    references and deadlines only: no complainant, no details of the complaint.
    """
    today = _today(today)
    # Each morning, every open case's next deadline is worked out afresh (complaints.deadlines), in case
    # something was written around the models since.
    holidays = non_working_days()
    deadlines.refresh(Complaint.objects.open(), holidays=holidays)
    by_owner = defaultdict(list)
    for item in selectors.attention_items(Complaint.objects.filter(owner__is_active=True), today=today,
                                          holidays=holidays):
        by_owner[item.complaint.owner].append((item.complaint, item.deadline))
    sent = 0
    for owner, items in sorted(by_owner.items(), key=lambda item: item[0].pk):
        if not owner.is_current:
            continue  # the orphaned-items page shows cases whose owner has left
        try:
            with transaction.atomic():
                ReminderDigest.objects.create(owner=owner, sent_on=today, items=len(items))
        except IntegrityError:
            continue  # already reminded today
        overdue = sum(1 for _, d in items if d.status == rules.Status.OVERDUE)
        lines = [f"- {c.reference}: {d.label}, due {rules.fmt(d.due_on)} ({d.status_text.lower()})\n"
                 f"  {settings.SITE_URL}{c.get_absolute_url()}" for c, d in items]
        body = (f"{len(items)} complaint deadline(s) need attention ({overdue} overdue):\n\n" + "\n".join(lines)
                + f"\n\nYour cases: {settings.SITE_URL}{reverse('complaints:list')}\n")
        send_mail(f"Complaints: {len(items)} deadline(s) overdue or due soon", body, None, [owner.email])
        sent += 1
    return sent
