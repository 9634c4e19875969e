"""Writes to priorities and plans: each one whole or not at all.

Every function takes keyword arguments only, validates with the model's own
rules (`full_clean`) plus the cross-object rules here, and raises
ValidationError with messages fit to show next to the field.
"""

import datetime
from collections import defaultdict

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from organisation.models import User
from priorities import access, periods, selectors
from priorities.models import (
    Communication,
    EngagementExercise,
    EngagementGroup,
    Milestone,
    MilestoneReminder,
    MilestoneUpdate,
    NonPriority,
    Objective,
    PlanTransition,
    Priority,
    Risk,
    ServicePlan,
    StrategicPlan,
    YouSaidWeDid,
    progress_errors,
)

ESCALATE_AFTER_DAYS = 14  # overdue by more than this goes to the service's accountable officer


def _save(instance, fields, *, exclude=None):
    """Set the fields, check every model rule, then save: nothing invalid reaches the database."""
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.full_clean(exclude=exclude)
    instance.save()
    return instance


def _next_number(queryset):
    return (queryset.aggregate(n=Max("number"))["n"] or 0) + 1


# Strategic plan, priorities, non-priorities, engagement -----------------------

@transaction.atomic
def strategic_plan_create(**fields) -> StrategicPlan:
    return _save(StrategicPlan(), fields)


@transaction.atomic
def strategic_plan_update(*, strategic_plan: StrategicPlan, **fields) -> StrategicPlan:
    return _save(strategic_plan, fields)


@transaction.atomic
def priority_create(*, strategic_plan: StrategicPlan, **fields) -> Priority:
    number = _next_number(Priority.objects.select_for_update().filter(strategic_plan=strategic_plan))
    return _save(Priority(strategic_plan=strategic_plan, number=number), fields)


@transaction.atomic
def priority_update(*, priority: Priority, **fields) -> Priority:
    return _save(priority, fields)


@transaction.atomic
def communication_create(*, priority: Priority, **fields) -> Communication:
    return _save(Communication(priority=priority), fields)


@transaction.atomic
def communication_update(*, communication: Communication, **fields) -> Communication:
    return _save(communication, fields)


@transaction.atomic
def communication_delete(*, communication: Communication) -> None:
    communication.delete()


@transaction.atomic
def non_priority_create(*, strategic_plan: StrategicPlan, **fields) -> NonPriority:
    return _save(NonPriority(strategic_plan=strategic_plan), fields)


@transaction.atomic
def non_priority_update(*, non_priority: NonPriority, **fields) -> NonPriority:
    return _save(non_priority, fields)


@transaction.atomic
def engagement_exercise_create(*, priorities=(), **fields) -> EngagementExercise:
    exercise = _save(EngagementExercise(), fields)
    exercise.priorities.set(priorities)
    return exercise


@transaction.atomic
def engagement_exercise_update(*, exercise: EngagementExercise, priorities=(), **fields) -> EngagementExercise:
    _save(exercise, fields)
    exercise.priorities.set(priorities)
    return exercise


@transaction.atomic
def engagement_group_create(*, exercise: EngagementExercise, **fields) -> EngagementGroup:
    return _save(EngagementGroup(exercise=exercise), fields)


@transaction.atomic
def engagement_group_update(*, group: EngagementGroup, **fields) -> EngagementGroup:
    return _save(group, fields)


@transaction.atomic
def engagement_group_delete(*, group: EngagementGroup) -> None:
    group.delete()


@transaction.atomic
def you_said_we_did_create(*, exercise: EngagementExercise, **fields) -> YouSaidWeDid:
    return _save(YouSaidWeDid(exercise=exercise), fields)


@transaction.atomic
def you_said_we_did_update(*, response: YouSaidWeDid, **fields) -> YouSaidWeDid:
    return _save(response, fields)


@transaction.atomic
def you_said_we_did_delete(*, response: YouSaidWeDid) -> None:
    response.delete()


# Service plans: creating, changing and the approval workflow ------------------

def _require_editable(plan):
    if not plan.is_editable:
        raise ValidationError(
            f"This plan is {plan.get_status_display().lower()}, so its objectives, milestones and resources "
            "cannot be changed. Only a draft plan can be changed."
        )


def _require_risks_editable(plan):
    # The risk register stays open after approval: risks are reviewed through the year.
    if plan.status not in (ServicePlan.Status.DRAFT, ServicePlan.Status.APPROVED):
        raise ValidationError(
            f"This plan is {plan.get_status_display().lower()}, so its risks cannot be changed until it is "
            "a draft again or approved."
        )


@transaction.atomic
def plan_create(*, service, year: int, actor: User, reason: str = "", **fields) -> ServicePlan:
    """Start a draft plan for a service and year, under the strategic plan that covers the year."""
    label = periods.fiscal_year_label(year)
    strategic_plan = StrategicPlan.objects.covering(year).first()
    if strategic_plan is None:
        raise ValidationError({"year": f"No strategic plan covers {label}. Ask the performance team to add one first"})
    if ServicePlan.objects.filter(service=service, year=year).exists():
        raise ValidationError({"year": f"{service} already has a plan for {label}"})
    try:
        with transaction.atomic():
            plan = ServicePlan.objects.create(service=service, year=year, strategic_plan=strategic_plan, **fields)
    except IntegrityError:  # someone else started it a moment ago
        raise ValidationError({"year": f"{service} already has a plan for {label}"}) from None
    PlanTransition.objects.create(plan=plan, from_status="", to_status=plan.status, actor=actor, reason=reason)
    return plan


@transaction.atomic
def plan_update(*, plan: ServicePlan, **fields) -> ServicePlan:
    _require_editable(plan)
    return _save(plan, fields)


def _move(plan, to, *, actor, reason=""):
    """Move a plan along the workflow and record who did it, refusing any move the workflow forbids."""
    locked = ServicePlan.objects.select_for_update().get(pk=plan.pk)
    if refusal := locked.move_refusal(to):
        raise ValidationError(refusal)
    PlanTransition.objects.create(plan=locked, from_status=locked.status, to_status=to, actor=actor, reason=reason)
    locked.status = to
    locked.save(update_fields=["status", "updated_at"])
    plan.status = to
    return plan


@transaction.atomic
def plan_submit(*, plan: ServicePlan, actor: User) -> ServicePlan:
    if not access.can_edit_plan(actor, plan):
        raise PermissionDenied
    problems = selectors.submission_problems_for(plan)
    if problems:
        raise ValidationError(problems)
    return _move(plan, ServicePlan.Status.SUBMITTED, actor=actor)


def _last_submitter_id(plan):
    last = plan.transitions.filter(to_status=ServicePlan.Status.SUBMITTED).order_by("-at", "-pk").first()
    return last.actor_id if last else None


@transaction.atomic
def plan_approve(*, plan: ServicePlan, actor: User) -> ServicePlan:
    if not access.can_approve_plan(actor, plan):
        raise PermissionDenied
    if _last_submitter_id(plan) == actor.pk:
        raise ValidationError("You submitted this plan, so someone else must approve it: "
                              "the service's director or the performance team")
    return _move(plan, ServicePlan.Status.APPROVED, actor=actor)


@transaction.atomic
def plan_return(*, plan: ServicePlan, actor: User, reason: str) -> ServicePlan:
    if not access.can_approve_plan(actor, plan):
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Enter why the plan is being returned, so the service knows what to change"})
    return _move(plan, ServicePlan.Status.RETURNED, actor=actor, reason=reason)


@transaction.atomic
def plan_reopen(*, plan: ServicePlan, actor: User) -> ServicePlan:
    """Take a returned plan back to draft so that the service can change it."""
    if not access.can_edit_plan(actor, plan):
        raise PermissionDenied
    return _move(plan, ServicePlan.Status.DRAFT, actor=actor)


@transaction.atomic
def plan_copy_forward(*, plan: ServicePlan, actor: User) -> ServicePlan:
    """Start next year's plan from an approved one.

    Objectives, milestones (a year later, not started) and risks (reviewed a year
    later) come across; progress notes and the approval history do not. Links to
    priorities that next year's strategic plan no longer has are dropped, and the
    objective says so, so the head of service relinks it before submitting.
    """
    if not access.can_edit_plan(actor, plan):
        raise PermissionDenied
    if plan.status != ServicePlan.Status.APPROVED:
        raise ValidationError("Only an approved plan can be copied forward to next year")
    new_plan = plan_create(
        service=plan.service, year=plan.year + 1, actor=actor, reason=f"Copied forward from the {plan.year_label} plan",
        copied_from=plan, purpose=plan.purpose, budget=plan.budget, staff_fte=plan.staff_fte,
        other_resources=plan.other_resources,
    )
    kept_priorities = set(new_plan.strategic_plan.priorities.values_list("pk", flat=True))
    for objective in plan.objectives.prefetch_related("priorities", "indicators", "milestones"):
        old_priorities = [p.pk for p in objective.priorities.all()]
        priorities = [pk for pk in old_priorities if pk in kept_priorities]
        reason = objective.no_priority_reason
        if old_priorities and not priorities:
            reason = (f"Its priorities belong to the strategic plan that ended with {plan.year_label}: "
                      "link it to a current priority")
        copy = Objective.objects.create(
            plan=new_plan, number=objective.number, title=objective.title, description=objective.description,
            no_priority_reason="" if priorities else reason, owner=objective.owner,
            is_published=objective.is_published,
        )
        copy.priorities.set(priorities)
        copy.indicators.set(objective.indicators.all())
        Milestone.objects.bulk_create([
            Milestone(objective=copy, title=m.title, due_on=periods.same_day_next_year(m.due_on), owner=m.owner,
                      is_published=m.is_published)
            for m in objective.milestones.all()
        ])
    Risk.objects.bulk_create([
        Risk(plan=new_plan, number=r.number, title=r.title, description=r.description, likelihood=r.likelihood,
             impact=r.impact, mitigations=r.mitigations, residual_likelihood=r.residual_likelihood,
             residual_impact=r.residual_impact, owner=r.owner, review_on=periods.same_day_next_year(r.review_on))
        for r in plan.risks.all()
    ])
    return new_plan


def objective_link_errors(*, plan, priorities, no_priority_reason):
    """An objective links to at least one of its strategic plan's priorities, or says why it does not."""
    if any(p.strategic_plan_id != plan.strategic_plan_id for p in priorities):
        return {"priorities": f"Choose priorities from {plan.strategic_plan}"}
    if not priorities and not (no_priority_reason or "").strip():
        return {"priorities": "Choose the priorities this objective serves, or say why it serves none"}
    return {}


def _objective_save(objective, *, priorities, indicators=None, **fields):
    priorities = list(priorities)
    errors = objective_link_errors(plan=objective.plan, priorities=priorities,
                                   no_priority_reason=fields.get("no_priority_reason", ""))
    if errors:
        raise ValidationError(errors)
    if priorities:
        fields["no_priority_reason"] = ""
    _save(objective, fields)
    objective.priorities.set(priorities)
    if indicators is not None:
        objective.indicators.set(indicators)
    return objective


@transaction.atomic
def objective_create(*, plan: ServicePlan, priorities=(), **fields) -> Objective:
    _require_editable(plan)
    number = _next_number(Objective.objects.select_for_update().filter(plan=plan))
    return _objective_save(Objective(plan=plan, number=number), priorities=priorities, **fields)


@transaction.atomic
def objective_update(*, objective: Objective, priorities=(), **fields) -> Objective:
    _require_editable(objective.plan)
    return _objective_save(objective, priorities=priorities, **fields)


@transaction.atomic
def objective_delete(*, objective: Objective) -> None:
    _require_editable(objective.plan)
    objective.delete()


@transaction.atomic
def milestone_create(*, objective: Objective, **fields) -> Milestone:
    _require_editable(objective.plan)
    return _save(Milestone(objective=objective), fields)


@transaction.atomic
def milestone_update(*, milestone: Milestone, **fields) -> Milestone:
    _require_editable(milestone.objective.plan)
    return _save(milestone, fields)


@transaction.atomic
def milestone_delete(*, milestone: Milestone) -> None:
    _require_editable(milestone.objective.plan)
    milestone.delete()


@transaction.atomic
def milestone_record_progress(*, milestone: Milestone, actor: User, status: str, percent_complete: int,
                              note: str, recorded_on: datetime.date | None = None) -> MilestoneUpdate:
    """Record a dated progress note and move the milestone's status and percentage with it."""
    recorded_on = recorded_on or timezone.localdate()
    errors = dict(progress_errors(status, percent_complete))
    if not (note or "").strip():
        errors["note"] = "Enter a progress note: what has been done and what happens next"
    if recorded_on > timezone.localdate():
        errors["recorded_on"] = "The date of the update must be today or in the past"
    if errors:
        raise ValidationError(errors)
    update = MilestoneUpdate(milestone=milestone, recorded_on=recorded_on, status=status,
                             percent_complete=percent_complete, note=note.strip(), recorded_by=actor)
    update.full_clean()
    update.save()
    milestone.status = status
    milestone.percent_complete = percent_complete
    if status == Milestone.Status.COMPLETE:
        milestone.completed_on = milestone.completed_on or recorded_on
    else:
        milestone.completed_on = None
    milestone.full_clean(exclude=["due_on"])  # a milestone moved out of its year still takes progress
    milestone.save(update_fields=["status", "percent_complete", "completed_on", "updated_at"])
    return update


@transaction.atomic
def risk_create(*, plan: ServicePlan, **fields) -> Risk:
    _require_risks_editable(plan)
    number = _next_number(Risk.objects.select_for_update().filter(plan=plan))
    return _save(Risk(plan=plan, number=number), fields)


@transaction.atomic
def risk_update(*, risk: Risk, **fields) -> Risk:
    _require_risks_editable(risk.plan)
    return _save(risk, fields)


@transaction.atomic
def risk_delete(*, risk: Risk) -> None:
    _require_risks_editable(risk.plan)
    risk.delete()


# Reminders -------------------------------------------------------------------------

def _accountable_officer(service):
    delegation = getattr(service, "delegation", None)
    if delegation is None:
        return None
    for person in (delegation.accountable_officer, delegation.deputy_accountable_officer):
        if person is not None and person.is_current:
            return person
    return None


def _describe(milestone, today):
    plan = milestone.objective.plan
    days = (today - milestone.due_on).days
    if days > 0:
        when = f"OVERDUE by {days} day{'s' if days != 1 else ''} (due {milestone.due_on:%-d %B %Y})"
    elif days == 0:
        when = "due today"
    else:
        when = f"due {milestone.due_on:%-d %B %Y}"
    link = settings.SITE_URL + reverse("milestone-progress", args=[milestone.pk])
    return f"- {milestone.title}\n  {plan.service.name}, {plan.year_label}: {when}\n  Update it: {link}"


def _owner_message(owner, n):
    subject = f"{n} milestone{'s' if n != 1 else ''} you own need{'s' if n == 1 else ''} updating"
    intro = (f"Hello {owner.first_name},\n\nThese milestones you own are overdue or due within "
             f"{selectors.REMIND_WITHIN_DAYS} days. Please record their progress.")
    return subject, intro


def _officer_message(officer, n):
    subject = (f"{n} milestone{'s' if n != 1 else ''} more than {ESCALATE_AFTER_DAYS} days overdue "
               "in services you are accountable for")
    intro = (f"Hello {officer.first_name},\n\nAs the accountable officer in the scheme of delegation, you are "
             f"told of milestones more than {ESCALATE_AFTER_DAYS} days overdue. Their owners are reminded daily.")
    return subject, intro


def _record_and_send(recipient, items, today, message):
    """Record each (milestone, kind) for today; e-mail only those not already sent today.

    Recording and sending share one transaction: if the e-mail fails, nothing is
    recorded, so a retry sends it.
    """
    with transaction.atomic():
        new = []
        for milestone, kind in items:
            _, created = MilestoneReminder.objects.get_or_create(
                milestone=milestone, kind=kind, sent_on=today, defaults={"recipient": recipient}
            )
            if created:
                new.append(milestone)
        if not new:
            return 0
        subject, intro = message(recipient, len(new))
        body = "\n\n".join([intro, *(_describe(m, today) for m in new)])
        send_mail(subject, body + "\n", None, [recipient.email])
        return len(new)


def milestone_reminders_send(*, today: datetime.date | None = None) -> dict:
    """E-mail owners their milestones due within 7 days or overdue; escalate long-overdue ones.

    Runs daily. Running it again the same day sends nothing new. A milestone
    overdue by more than ESCALATE_AFTER_DAYS also goes to its service's
    accountable officer (or their deputy) from the scheme of delegation. Only
    this year's and later plans count: a finished year is reviewed at year end.
    """
    today = today or timezone.localdate()
    window_end = today + datetime.timedelta(days=selectors.REMIND_WITHIN_DAYS)
    milestones = (
        Milestone.objects.open()
        .filter(due_on__lte=window_end, objective__plan__year__gte=periods.fiscal_year_of(today))
        .select_related("owner", "objective__plan__service__delegation__accountable_officer",
                        "objective__plan__service__delegation__deputy_accountable_officer")
        .order_by("due_on", "pk")
    )
    to_owners = defaultdict(list)
    to_officers = defaultdict(list)
    for milestone in milestones:
        overdue = milestone.due_on < today
        if milestone.owner.is_current:
            kind = MilestoneReminder.Kind.OVERDUE if overdue else MilestoneReminder.Kind.DUE_SOON
            to_owners[milestone.owner].append((milestone, kind))
        if (today - milestone.due_on).days > ESCALATE_AFTER_DAYS:
            officer = _accountable_officer(milestone.objective.plan.service)
            if officer is not None:
                to_officers[officer].append((milestone, MilestoneReminder.Kind.ESCALATED))
    sent = {"reminders": 0, "escalations": 0}
    for owner, items in to_owners.items():
        sent["reminders"] += _record_and_send(owner, items, today, _owner_message)
    for officer, items in to_officers.items():
        sent["escalations"] += _record_and_send(officer, items, today, _officer_message)
    return sent
