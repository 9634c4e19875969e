"""Reads of priorities and plans, and the one access helper per object type.

Each `get_<thing>_for_user(user, pk, *, write=False)` returns the object or
raises Http404 (not there, or not visible to this person) or PermissionDenied
(visible, but this person may not change it). Views and the API both use them.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Count, FilteredRelation, OuterRef, Prefetch, Q, Subquery
from django.http import Http404
from django.utils import timezone

from organisation.models import Service
from priorities import access, periods
from priorities.models import (
    Communication,
    EngagementExercise,
    EngagementGroup,
    Milestone,
    NonPriority,
    Objective,
    PlanTransition,
    Priority,
    Risk,
    ServicePlan,
    StrategicPlan,
    YouSaidWeDid,
    submission_problems,
)
from priorities.rag import Rag, mean_progress, roll_up

REMIND_WITHIN_DAYS = 7  # "due soon" on home pages and in reminder e-mails


def _require_signed_in(user):
    if not user.is_authenticated:
        raise PermissionDenied


def _get(queryset, pk):
    try:
        return queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


# Access helpers ------------------------------------------------------------

def get_strategic_plan_for_user(user, pk, *, write=False):
    _require_signed_in(user)
    plan = _get(StrategicPlan.objects.visible_to(user), pk)
    if write and not access.can_manage_priorities(user):
        raise PermissionDenied
    return plan


def get_priority_for_user(user, pk, *, write=False):
    _require_signed_in(user)
    priority = _get(Priority.objects.visible_to(user).select_related("strategic_plan", "owner"), pk)
    if write and not access.can_manage_priorities(user):
        raise PermissionDenied
    return priority


def get_communication_for_user(user, pk, *, write=False):
    _require_signed_in(user)
    communication = _get(Communication.objects.filter(priority__in=Priority.objects.visible_to(user))
                         .select_related("priority"), pk)
    if write and not access.can_manage_priorities(user):
        raise PermissionDenied
    return communication


def get_non_priority_for_user(user, pk, *, write=False):
    _require_signed_in(user)
    non_priority = _get(NonPriority.objects.visible_to(user).select_related("strategic_plan"), pk)
    if write and not access.can_manage_priorities(user):
        raise PermissionDenied
    return non_priority


def get_engagement_exercise_for_user(user, pk, *, write=False):
    _require_signed_in(user)
    exercise = _get(EngagementExercise.objects.visible_to(user).select_related("lead_officer"), pk)
    if write and not access.can_manage_priorities(user):
        raise PermissionDenied
    return exercise


def get_engagement_group_for_user(user, pk, *, write=False):
    _require_signed_in(user)
    exercises = EngagementExercise.objects.visible_to(user)
    group = _get(EngagementGroup.objects.filter(exercise__in=exercises).select_related("exercise"), pk)
    if write and not access.can_manage_priorities(user):
        raise PermissionDenied
    return group


def get_you_said_we_did_for_user(user, pk, *, write=False):
    _require_signed_in(user)
    exercises = EngagementExercise.objects.visible_to(user)
    response = _get(YouSaidWeDid.objects.filter(exercise__in=exercises).select_related("exercise"), pk)
    if write and not access.can_manage_priorities(user):
        raise PermissionDenied
    return response


def get_service_plan_for_user(user, pk, *, write=False, neighbours=False):
    """With `neighbours`, the plan carries the ids of the same service's plans for the years before and after
    (`previous_plan_id`, `next_plan_id`; see neighbouring_plans), read in the same query."""
    _require_signed_in(user)
    plans = ServicePlan.objects.visible_to(user).select_related("service__directorate", "strategic_plan")
    if neighbours:
        def neighbour(step):
            return Subquery(ServicePlan.objects.filter(service_id=OuterRef("service_id"),
                                                       year=OuterRef("year") + step).values("pk")[:1])
        plans = plans.annotate(previous_plan_id=neighbour(-1), next_plan_id=neighbour(1))
    plan = _get(plans, pk)
    if write and not access.can_edit_plan(user, plan):
        raise PermissionDenied
    return plan


def get_objective_for_user(user, pk, *, write=False):
    _require_signed_in(user)
    objective = _get(Objective.objects.filter(plan__in=ServicePlan.objects.visible_to(user))
                     .select_related("plan__service__directorate", "plan__strategic_plan", "owner"), pk)
    if write and not access.can_edit_plan(user, objective.plan):
        raise PermissionDenied
    return objective


def get_milestone_for_user(user, pk, *, write=False, progress=False):
    """`write` to change the milestone itself; `progress` to record its progress (its owner may too)."""
    _require_signed_in(user)
    milestone = _get(Milestone.objects.filter(objective__plan__in=ServicePlan.objects.visible_to(user))
                     .select_related("objective__plan__service__directorate", "objective__plan__strategic_plan",
                                     "owner"), pk)
    plan = milestone.objective.plan
    if write and not access.can_edit_plan(user, plan):
        raise PermissionDenied
    if progress and not access.can_update_progress(user, milestone, plan):
        raise PermissionDenied
    return milestone


def get_risk_for_user(user, pk, *, write=False):
    _require_signed_in(user)
    risk = _get(Risk.objects.visible_to(user).select_related("plan__service__directorate", "owner"), pk)
    if write and not access.can_edit_plan(user, risk.plan):
        raise PermissionDenied
    return risk


# Strategic plan and priorities ---------------------------------------------

def current_year(today=None):
    return periods.fiscal_year_of(today or timezone.localdate())


def strategic_plan_for_year(year):
    return StrategicPlan.objects.covering(year).first()


def strategic_plan_years():
    """Every financial year some strategic plan covers, newest first."""
    years = set()
    for first, last in StrategicPlan.objects.values_list("first_year", "last_year"):
        years.update(range(first, last + 1))
    return sorted(years, reverse=True)


def default_year(years, today=None):
    """This financial year if a strategic plan covers it, else the nearest one that is."""
    this_year = current_year(today)
    if not years or this_year in years:
        return this_year
    return min(years, key=lambda y: abs(y - this_year))


@dataclass
class ObjectiveThread:
    objective: Objective
    milestones: list
    rag: Rag
    progress: int | None
    measures: list = field(default_factory=list)  # indicators' latest figures (indicators.selectors.ListRow)
    staff_objectives: int = 0  # staff appraisal objectives cascaded from it (a count: no names)


def attach_staff_counts(threads):
    """Count the staff appraisal objectives that serve each objective: one query, and only a number.

    Who holds them stays in the appraisals, visible to the person, their managers and HR.
    """
    from appraisals.models import AppraisalObjective

    by_objective = {t.objective.pk: t for t in threads}
    # No ordering: the model's (by appraisal) joined every appraisal of the council's history into the count.
    counts = (AppraisalObjective.objects.filter(service_objective_id__in=by_objective).order_by()
              .values("service_objective_id").annotate(n=Count("id")))
    for row in counts:
        by_objective[row["service_objective_id"]].staff_objectives = row["n"]
    return threads


MEASURE_DEFERRED = ("definition", "data_source", "numerator_label", "denominator_label", "band_thresholds",
                    "band_key_thresholds", "created_at", "updated_at", "service__description")


def attach_measures(user, threads):
    """Give each objective the latest figure, target and RAG of the indicators that measure it.

    A fixed number of queries for any number of objectives: the links with their indicators, then the
    indicators' figures as this person may see them (a councillor sees verified figures, not drafts).
    """
    from indicators.models import Indicator
    from indicators.selectors import rows_for

    by_objective = {t.objective.pk: t for t in threads}
    if not by_objective:
        return threads
    # The golden thread shows a few hundred: the indicators' long texts, settings and officers are not read.
    links = list(Objective.indicators.through.objects.filter(
        objective_id__in=by_objective, indicator__in=Indicator.objects.visible_to(user))
        .select_related("indicator__service").defer(*(f"indicator__{name}" for name in MEASURE_DEFERRED)))
    indicators = {link.indicator_id: link.indicator for link in links}
    figures = {row.indicator.pk: row for row in rows_for(user, list(indicators.values()))}
    for link in links:
        by_objective[link.objective_id].measures.append(figures[link.indicator_id])
    for thread in threads:
        thread.measures.sort(key=lambda row: row.indicator.code)
    return threads


@dataclass
class PriorityThread:
    priority: Priority | None
    objectives: list = field(default_factory=list)
    rag: Rag = Rag.GREY
    progress: int | None = None


def _rate_objective(objective, milestones, today):
    for milestone in milestones:
        milestone.rating = milestone.rag(today)
    return ObjectiveThread(
        objective=objective,
        milestones=milestones,
        rag=roll_up(m.rating for m in milestones),
        progress=mean_progress(m.percent_complete for m in milestones),
    )


def _thread_objectives(user, year):
    """The year's objectives the person may see, each with `milestone_list` (a list, not a queryset per
    objective: hundreds of objectives would each clone one). The milestones' owners are not shown in the thread,
    so not read."""
    milestones = Milestone.objects.visible_to(user)
    return (Objective.objects.visible_to(user).filter(plan__year=year)
            .select_related("plan__service", "owner")
            .prefetch_related(Prefetch("milestones", queryset=milestones, to_attr="milestone_list"))
            .order_by("plan__service__name", "number"))


def golden_thread(user, strategic_plan, year, today=None, *, sections=None):
    """Priority -> objectives in that year's service plans -> milestones, rated at every level.

    Returns (threads, unlinked): one PriorityThread per priority, and the year's
    objectives that link to no priority (with their reasons). A fixed number of queries, however
    many priorities, plans and milestones. With `sections` (as thread_layout names them), only those
    priorities, and the unlinked objectives only if None is among them.
    """
    today = today or timezone.localdate()
    priorities = (Priority.objects.visible_to(user).filter(strategic_plan=strategic_plan)
                  .select_related("owner")
                  .prefetch_related(Prefetch("objectives", queryset=_thread_objectives(user, year),
                                             to_attr="objective_list")))
    if sections is not None:
        priorities = priorities.filter(pk__in=[s for s in sections if s is not None])
    threads = []
    for priority in priorities:
        rated = [_rate_objective(o, o.milestone_list, today) for o in priority.objective_list]
        all_milestones = [m for o in rated for m in o.milestones]
        threads.append(PriorityThread(
            priority=priority,
            objectives=rated,
            rag=roll_up(o.rag for o in rated),
            progress=mean_progress(m.percent_complete for m in all_milestones),
        ))
    unlinked = []
    if sections is None or None in sections:
        unlinked = _thread_objectives(user, year).filter(plan__strategic_plan=strategic_plan,
                                                         priorities__isnull=True)
        unlinked = [_rate_objective(o, o.milestone_list, today) for o in unlinked]
    rated = [o for t in threads for o in t.objectives] + unlinked
    attach_measures(user, rated)
    attach_staff_counts(rated)
    return threads, unlinked


def thread_layout(threads, unlinked):
    """The golden thread's sections in order, each with the indicators measuring its objectives, from the
    thread as golden_thread drew it: [(priority id, [indicator ids]), ..., (None, [...]) for the objectives
    that serve no priority].

    A section's figures change with its indicators' stamps (indicators.row_cache); everything else it shows
    with the plans (core.summaries.PLANS). So after a figure is saved, only the sections its indicator
    measures are drawn again.
    """
    def measured(objectives):
        return sorted({row.indicator.pk for objective in objectives for row in objective.measures})

    return [(t.priority.pk, measured(t.objectives)) for t in threads] + [(None, measured(unlinked))]


@dataclass
class ObjectiveSummary:
    """An objective's rating and progress, without the objective: what the dashboards' summary needs."""

    objective_id: int
    service_id: int
    rag: Rag
    progress: int | None
    percents: list


def priority_summaries(user, year, today=None, *, service_ids=None):
    """Each priority of the strategic plan covering `year`, with its objectives that year, rated from their
    milestones: the dashboards' summary (each priority's `strategic_plan` is loaded).

    The same ratings as golden_thread, in two queries and without reading the objectives and milestones
    as model instances, whatever their number. With `service_ids` (ids or a subquery), only those services'
    objectives, and only the priorities that have some.
    """
    from priorities.rag import milestone_rag

    today = today or timezone.localdate()
    priorities = list(Priority.objects.visible_to(user).filter(strategic_plan__first_year__lte=year,
                                                                strategic_plan__last_year__gte=year)
                      .select_related("strategic_plan").order_by("strategic_plan__first_year", "number"))
    # Plans do not overlap; if they did, the latest to start would be the one in force (as strategic_plan_for_year).
    chosen = priorities[-1].strategic_plan_id if priorities else None
    priorities = [p for p in priorities if p.strategic_plan_id == chosen]
    objectives = Objective.objects.visible_to(user).filter(plan__year=year)
    if service_ids is not None:
        objectives = objectives.filter(plan__service_id__in=service_ids)
    # Each link with its objective's milestones (those the person may see) joined on: one query, a row per
    # (link, milestone), or one with no milestone.
    links = Objective.priorities.through.objects.filter(priority__in=[p.pk for p in priorities],
                                                        objective__in=objectives).order_by()
    if not access.reads_everything(user):
        links = links.annotate(ms=FilteredRelation("objective__milestones",
                                                   condition=Q(objective__milestones__is_published=True)))
    else:
        links = links.annotate(ms=FilteredRelation("objective__milestones"))
    rows = links.values_list("priority_id", "objective_id", "objective__plan__service_id", "ms__id", "ms__status",
                             "ms__percent_complete", "ms__due_on")
    seen, pairs = set(), {}
    ratings, percents = defaultdict(list), defaultdict(list)
    for priority_id, objective_id, service_id, milestone_id, status, percent, due_on in rows:
        pairs[(priority_id, objective_id)] = service_id
        if milestone_id is None or milestone_id in seen:
            continue
        seen.add(milestone_id)
        ratings[objective_id].append(milestone_rag(
            complete=status == Milestone.Status.COMPLETE, started=status != Milestone.Status.NOT_STARTED,
            percent_complete=percent, due_on=due_on, today=today))
        percents[objective_id].append(percent)
    links = [(priority_id, objective_id, service_id) for (priority_id, objective_id), service_id in pairs.items()]
    under = defaultdict(list)
    for priority_id, objective_id, service_id in links:
        under[priority_id].append(ObjectiveSummary(objective_id, service_id, roll_up(ratings[objective_id]),
                                                   mean_progress(percents[objective_id]), percents[objective_id]))
    threads = []
    for priority in priorities:
        rated = sorted(under[priority.pk], key=lambda o: o.objective_id)
        if service_ids is not None and not rated:
            continue
        threads.append(PriorityThread(priority=priority, objectives=rated, rag=roll_up(o.rag for o in rated),
                                      progress=mean_progress(p for o in rated for p in o.percents)))
    return threads


def non_priority_register(user, strategic_plan):
    return NonPriority.objects.visible_to(user).filter(strategic_plan=strategic_plan)


def priority_page(user, priority, year, today=None):
    """A priority's communications, the engagement behind it, and its objectives this year."""
    today = today or timezone.localdate()
    communications = list(priority.communications.all())
    heard = {c.audience for c in communications}
    objectives = attach_measures(user, [_rate_objective(o, o.milestone_list, today)
                                        for o in _thread_objectives(user, year).filter(priorities=priority)])
    return {
        "communications": communications,
        "not_yet_told": [a for a in Communication.EXPECTED if a not in heard],
        "engagement": EngagementExercise.objects.visible_to(user).filter(priorities=priority),
        "objectives": objectives,
        "rag": roll_up(o.rag for o in objectives),
        "progress": mean_progress(m.percent_complete for o in objectives for m in o.milestones),
    }


def engagement_list(user):
    return (EngagementExercise.objects.visible_to(user)
            .annotate(
                group_count=Count("groups", distinct=True),
                hard_to_reach_missed=Count("groups", filter=Q(groups__is_hard_to_reach=True,
                                                              groups__reached=False), distinct=True),
                hard_to_reach_reached=Count("groups", filter=Q(groups__is_hard_to_reach=True,
                                                               groups__reached=True), distinct=True),
            )
            .prefetch_related(Prefetch("priorities", queryset=Priority.objects.visible_to(user))))


def engagement_page(user, exercise):
    return {
        "groups": list(exercise.groups.all()),
        "responses": list(exercise.responses.all()),
        "priorities": list(exercise.priorities.visible_to(user).select_related("strategic_plan")),
    }


# Service plans ----------------------------------------------------------------

@dataclass
class PlanSummary:
    plan: ServicePlan
    rag: Rag
    progress: int | None
    objective_count: int
    milestone_count: int
    overdue_count: int


def service_plan_list(user, year, *, directorate=None, today=None):
    """The year's plans, rated, and the services that have none yet: four queries."""
    today = today or timezone.localdate()
    milestones = Milestone.objects.only("id", "objective_id", "status", "percent_complete", "due_on")
    plans = (ServicePlan.objects.visible_to(user).filter(year=year)
             .select_related("service__directorate")
             .prefetch_related(Prefetch("objectives", queryset=Objective.objects.only("id", "plan_id")
                                        .prefetch_related(Prefetch("milestones", queryset=milestones,
                                                                   to_attr="milestone_list"))))
             .order_by("service__directorate__name", "service__name"))
    services_without = Service.objects.exclude(plans__year=year).select_related("directorate")
    if directorate:
        plans = plans.filter(service__directorate=directorate)
        services_without = services_without.filter(directorate=directorate)
    summaries = []
    for plan in plans:
        rated = [_rate_objective(o, o.milestone_list, today) for o in plan.objectives.all()]
        milestones_ = [m for o in rated for m in o.milestones]
        summaries.append(PlanSummary(
            plan=plan,
            rag=roll_up(o.rag for o in rated),
            progress=mean_progress(m.percent_complete for m in milestones_),
            objective_count=len(rated),
            milestone_count=len(milestones_),
            overdue_count=sum(m.rating is Rag.RED for m in milestones_),
        ))
    return summaries, list(services_without.order_by("directorate__name", "name"))


def service_plan_contents(plan, today=None, *, user=None):
    """Everything the plan page shows, in nine queries whatever the plan's size.

    With a `user`, each objective carries the figures of its indicators that they may see.
    """
    today = today or timezone.localdate()
    objectives = (plan.objectives.select_related("owner")
                  .prefetch_related("priorities", Prefetch("milestones", queryset=Milestone.objects
                                                           .select_related("owner"))))
    rated = [_rate_objective(o, list(o.milestones.all()), today) for o in objectives]
    if user is not None:
        attach_measures(user, rated)
    risks = list(plan.risks.select_related("owner"))
    return {
        "objectives": rated,
        "rag": roll_up(o.rag for o in rated),
        "progress": mean_progress(m.percent_complete for o in rated for m in o.milestones),
        "risks": risks,
        "transitions": list(PlanTransition.objects.filter(plan=plan).select_related("actor")),
    }


def neighbouring_plans(plan):
    """The same service's plans for the year before and after, if they exist.

    No query when the plan was read with get_service_plan_for_user(neighbours=True): the page needs only their
    year and address."""
    if hasattr(plan, "previous_plan_id"):
        def neighbour(pk, year):
            return ServicePlan(pk=pk, service_id=plan.service_id, year=year) if pk is not None else None
        return neighbour(plan.previous_plan_id, plan.year - 1), neighbour(plan.next_plan_id, plan.year + 1)
    found = {p.year: p for p in ServicePlan.objects.filter(service_id=plan.service_id,
                                                           year__in=[plan.year - 1, plan.year + 1])}
    return found.get(plan.year - 1), found.get(plan.year + 1)


def submission_problems_for(plan):
    counts = plan.objectives.annotate(milestone_count=Count("milestones")).values_list("number", "title",
                                                                                      "milestone_count")
    return submission_problems(counts)


def milestones_needing_attention(user, today=None):
    """The person's own milestones that are overdue or due within a week, soonest first."""
    if not user.is_authenticated:
        return Milestone.objects.none()
    today = today or timezone.localdate()
    return (Milestone.objects.open().filter(owner=user, due_on__lte=today + datetime.timedelta(days=REMIND_WITHIN_DAYS))
            .select_related("objective__plan__service").order_by("due_on", "pk"))


def service_milestones_needing_attention(service, today=None):
    today = today or timezone.localdate()
    return (Milestone.objects.open()
            .filter(objective__plan__service=service,
                    due_on__lte=today + datetime.timedelta(days=REMIND_WITHIN_DAYS))
            .select_related("objective__plan", "owner").order_by("due_on", "pk"))


def milestone_page(milestone):
    return {"updates": list(milestone.updates.select_related("recorded_by"))}
