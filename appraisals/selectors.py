"""Reads of appraisals, and the one access helper per object type.

`get_<thing>_for_user(user, pk, *, write=False)` returns the object or raises
Http404 when this person must not know it exists, or PermissionDenied when they
may see it but not write in it. Views and the API both use them.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import Http404
from django.utils import timezone

from appraisals import access, states, windows
from appraisals.models import (
    Appraisal,
    AppraisalCycle,
    AppraisalObjective,
    ProgressNote,
    Review,
    SupportPlan,
    SupportPlanAction,
    SupportPlanComment,
    SupportPlanReview,
)
from organisation.models import Directorate, Service, User
from priorities import periods
from priorities.models import Objective, ServicePlan


def _get(queryset, pk):
    try:
        return queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def _require_signed_in(user):
    if not user.is_authenticated:
        raise PermissionDenied


# Access helpers ----------------------------------------------------------------

def get_appraisal_for_user(user, pk, *, write=False):
    """The appraisal, if this person is its subject, in their management chain, or in HR; else 404."""
    _require_signed_in(user)
    appraisal = _get(Appraisal.objects.visible_to(user).select_related(
        "cycle", "person__team__service", "person__line_manager__line_manager"), pk)
    if write and not access.can_write(user, appraisal):
        raise PermissionDenied
    return appraisal


def get_appraisal_objective_for_user(user, pk, *, write=False):
    _require_signed_in(user)
    objective = _get(AppraisalObjective.objects.visible_to(user).select_related(
        "appraisal__cycle", "appraisal__person__line_manager", "service_objective__plan__service"), pk)
    if write and not access.can_write(user, objective.appraisal):
        raise PermissionDenied
    return objective


def get_support_plan_for_user(user, pk, *, write=False):
    """A support plan, for exactly those who may see its appraisal; writing needs the person or line manager."""
    _require_signed_in(user)
    plan = _get(SupportPlan.objects.visible_to(user).select_related(
        "appraisal__cycle", "appraisal__person__line_manager", "appraisal__person__team", "opened_by", "closed_by"),
        pk)
    if write and not access.can_write(user, plan.appraisal):
        raise PermissionDenied
    return plan


def get_support_plan_action_for_user(user, pk, *, write=False):
    _require_signed_in(user)
    action = _get(SupportPlanAction.objects.filter(
        plan__in=SupportPlan.objects.visible_to(user)).select_related(
        "owner", "plan__appraisal__cycle", "plan__appraisal__person__line_manager"), pk)
    if write and not access.can_write(user, action.plan.appraisal):
        raise PermissionDenied
    return action


def review_of(appraisal, kind):
    """The appraisal's review of this kind: saved, or a new one written on its first change."""
    if kind not in Review.Kind.values:
        raise Http404
    return Review.objects.filter(appraisal=appraisal, kind=kind).first() or Review(appraisal=appraisal, kind=kind)


def get_cycle_for_user(user, pk, *, write=False):
    _require_signed_in(user)
    if not (access.can_manage_cycles(user) or access.sees_appraisals_section(user) or access.sees_coverage(user)):
        raise Http404
    cycle = _get(AppraisalCycle.objects.all(), pk)
    if write and not access.can_manage_cycles(user):
        raise PermissionDenied
    return cycle


# Cycles -------------------------------------------------------------------------

def current_cycle(today=None):
    """This financial year's cycle, or else the latest one."""
    year = periods.fiscal_year_of(today or timezone.localdate())
    return AppraisalCycle.objects.filter(year=year).first() or AppraisalCycle.objects.first()


def cycle_from(request_year, today=None):
    if request_year and str(request_year).isdigit():
        found = AppraisalCycle.objects.filter(year=int(request_year)).first()
        if found:
            return found
    return current_cycle(today)


def cycle_among(cycles, request_year, today=None):
    """As cycle_from, chosen from a page's list of every cycle (one a year, newest first) it has read anyway."""
    if request_year and str(request_year).isdigit():
        found = next((c for c in cycles if c.year == int(request_year)), None)
        if found:
            return found
    year = periods.fiscal_year_of(today or timezone.localdate())
    return next((c for c in cycles if c.year == year), cycles[0] if cycles else None)


# One person's standing ------------------------------------------------------------

@dataclass
class Standing:
    """Where one person's appraisal stands: for the team view and the API."""

    person: User
    appraisal: Appraisal | None
    objective_count: int = 0
    agreed_count: int = 0
    linked: bool = False
    mid_year_done: bool = False
    year_end_done: bool = False
    support_plan_open: bool = False
    state: states.State = states.State.NOT_STARTED
    overdue: list = field(default_factory=list)

    @property
    def state_label(self):
        return states.LABELS[self.state]

    @property
    def state_colour(self):
        return states.COLOURS[self.state]


def _signed_off(kind):
    return Exists(Review.objects.filter(appraisal=OuterRef("pk"), kind=kind, staff_signed_at__isnull=False,
                                        manager_signed_at__isnull=False))


def _agreed():
    return Exists(AppraisalObjective.objects.filter(appraisal=OuterRef("pk"), agreed_at__isnull=False))


def _linked():
    return Exists(AppraisalObjective.objects.filter(appraisal=OuterRef("pk"), agreed_at__isnull=False,
                                                    service_objective__priorities__isnull=False))


def _open_support_plan():
    """Whether the person is on an open support plan now (opened this year or earlier)."""
    return Exists(SupportPlan.objects.open().filter(appraisal__person=OuterRef("person")))


def annotated_appraisals(cycle):
    return Appraisal.objects.filter(cycle=cycle).annotate(
        has_agreed=_agreed(), has_linked=_linked(), mid_done=_signed_off(windows.MID_YEAR),
        year_done=_signed_off(windows.YEAR_END), has_open_plan=_open_support_plan())


def standing_of(person, appraisal, cycle, today):
    if appraisal is None:
        s = Standing(person=person, appraisal=None)
        s.overdue = states.overdue_steps(cycle.windows, today, objectives_agreed=False, mid_year_done=False,
                                         year_end_done=False)
        return s
    flags = {"objectives_agreed": appraisal.has_agreed, "mid_year_done": appraisal.mid_done,
             "year_end_done": appraisal.year_done}
    return Standing(
        person=person, appraisal=appraisal, linked=appraisal.has_linked,
        mid_year_done=appraisal.mid_done, year_end_done=appraisal.year_done,
        support_plan_open=appraisal.has_open_plan, state=states.appraisal_state(**flags),
        overdue=states.overdue_steps(cycle.windows, today, **flags),
    )


def _below(user):
    """Q over User for everyone in this person's line-management chain below them."""
    q = Q(line_manager=user)
    path = "line_manager"
    for _ in range(access.MAX_CHAIN_DEPTH - 1):
        path = f"{path}__line_manager"
        q |= Q(**{path: user})
    return q


def team_standings(user, cycle, *, service=None, today=None):
    """Everyone whose appraisal this person may see (not themselves), with its state. Three queries."""
    today = today or timezone.localdate()
    people = User.objects.current().filter(kind=User.Kind.OFFICER).exclude(pk=user.pk)
    if access.is_hr(user):
        people = people.filter(line_manager__isnull=False)
        if service is not None:
            people = people.filter(team__service=service)
        elif not user.direct_reports.exists():
            people = people.none()
        else:
            people = people.filter(_below(user))
    else:
        people = people.filter(_below(user))
        if service is not None:
            people = people.filter(team__service=service)
    people = list(people.select_related("team", "line_manager").order_by("last_name", "first_name"))
    appraisals = {a.person_id: a for a in annotated_appraisals(cycle).filter(person__in=[p.pk for p in people])}
    return [standing_of(p, appraisals.get(p.pk), cycle, today) for p in people]


# "My objectives" and the appraisal page ---------------------------------------------

def _objectives_with_thread():
    return AppraisalObjective.objects.select_related(
        "service_objective__plan__service", "agreed_by").prefetch_related(
        "service_objective__priorities",
        Prefetch("progress_notes", queryset=ProgressNote.objects.select_related("recorded_by")),
    )


@dataclass
class AppraisalPage:
    appraisal: Appraisal
    objectives: list
    reviews: dict
    standing: Standing
    next_review: tuple | None
    support_plans: list = field(default_factory=list)

    @property
    def open_support_plan(self):
        return next((p for p in self.support_plans if p.is_open), None)


def with_plan_details(plans):
    """Support plans with their actions, reviews and comments: four queries whatever their number."""
    return plans.select_related("appraisal__person__line_manager", "opened_by", "closed_by").prefetch_related(
        Prefetch("actions", queryset=SupportPlanAction.objects.select_related("owner")),
        Prefetch("reviews", queryset=SupportPlanReview.objects.select_related("recorded_by")),
        Prefetch("comments", queryset=SupportPlanComment.objects.select_related("author")),
    )


def support_plans_of(appraisal):
    """The plans on this appraisal, and any plan still open from an earlier year: the person is still on it."""
    return list(with_plan_details(SupportPlan.objects.filter(
        Q(appraisal=appraisal) | Q(appraisal__person=appraisal.person_id, status=SupportPlan.Status.OPEN))))


def appraisal_page(appraisal, today=None):
    """Everything the appraisal page and "My objectives" show, in a fixed number of queries.

    Called only once the person may see the appraisal: its support plans come with it. An appraisal read
    through annotated_appraisals (as my_appraisal does) is not read again.
    """
    today = today or timezone.localdate()
    annotated = appraisal if hasattr(appraisal, "has_agreed") else annotated_appraisals(appraisal.cycle).get(pk=appraisal.pk)
    objectives = list(_objectives_with_thread().filter(appraisal=appraisal))
    reviews = {r.kind: r for r in Review.objects.filter(appraisal=appraisal).prefetch_related("ratings")}
    standing = standing_of(appraisal.person, annotated, appraisal.cycle, today)
    upcoming = windows.next_review(appraisal.cycle.windows, today, mid_year_done=standing.mid_year_done,
                                   year_end_done=standing.year_end_done)
    return AppraisalPage(appraisal, objectives, reviews, standing, upcoming, support_plans_of(appraisal))


def my_appraisal(user, cycle):
    """This person's appraisal in the cycle, with what appraisal_page would otherwise read again."""
    if cycle is None:
        return None
    return annotated_appraisals(cycle).filter(person=user).select_related(
        "cycle", "person__line_manager", "person__team").first()


# Cascading -------------------------------------------------------------------------

def cascadable_objectives(user, cycle):
    """Service-plan objectives of the cycle's year a manager can cascade: their services' and their team's."""
    services = set(user.access.managed_service_ids)
    if user.team_id:
        services.add(user.team.service_id)
    return Objective.objects.filter(plan__year=cycle.year, plan__service__in=services).exclude(
        plan__status=ServicePlan.Status.RETURNED).select_related("plan__service").prefetch_related("priorities")


def linkable_objectives(appraisal, user):
    """Service-plan objectives an objective can serve: the cycle year's plans of the person's service and,
    for their line manager, of the services the manager manages."""
    services = set()
    if appraisal.person.team_id:
        services.add(appraisal.person.team.service_id)
    if access.is_appraiser(user, appraisal):
        services |= set(user.access.managed_service_ids)
    return list(Objective.objects.filter(plan__year=appraisal.cycle.year, plan__service__in=services)
                .select_related("plan__service").prefetch_related("priorities")
                .order_by("plan__service__name", "number"))


def direct_reports(user):
    return User.objects.current().filter(line_manager=user, kind=User.Kind.OFFICER).order_by("last_name",
                                                                                            "first_name")


# Coverage ---------------------------------------------------------------------------

@dataclass
class CoverageRow:
    name: str
    figures: dict
    is_directorate: bool = False


def coverage(cycle, *, threshold=None, today=None):
    """Coverage by directorate and service: aggregates only, small groups suppressed. Three queries."""
    threshold = threshold or settings.SUPPRESS_COUNTS_BELOW
    today = today or timezone.localdate()
    people = list(User.objects.current().filter(kind=User.Kind.OFFICER, line_manager__isnull=False,
                                                team__isnull=False)
                  .values_list("pk", "team__service_id"))
    appraisals = {a.person_id: a for a in annotated_appraisals(cycle).only("pk", "person_id")}
    totals = defaultdict(lambda: {"staff": 0, "agreed": 0, "linked": 0, "mid_year": 0, "year_end": 0, "overdue": 0,
                                  "support_plans": 0})
    for person_id, service_id in people:
        a = appraisals.get(person_id)
        flags = {"objectives_agreed": bool(a and a.has_agreed), "mid_year_done": bool(a and a.mid_done),
                 "year_end_done": bool(a and a.year_done)}
        row = totals[service_id]
        row["staff"] += 1
        row["agreed"] += flags["objectives_agreed"]
        row["linked"] += bool(a and a.has_linked)
        row["mid_year"] += flags["mid_year_done"]
        row["year_end"] += flags["year_end_done"]
        row["overdue"] += bool(states.overdue_steps(cycle.windows, today, **flags))
        row["support_plans"] += bool(a and a.has_open_plan)
    rows = []
    for directorate in Directorate.objects.prefetch_related(
            Prefetch("services", queryset=Service.objects.order_by("name"))):
        services = list(directorate.services.all())
        total = {k: sum(totals[s.pk][k] for s in services) for k in ("staff", "agreed", "linked", "mid_year",
                                                                     "year_end", "overdue", "support_plans")}
        rows.append(CoverageRow(directorate.name, states.coverage_figures(total, threshold), is_directorate=True))
        rows.extend(CoverageRow(s.name, states.coverage_figures(totals[s.pk], threshold)) for s in services)
    return rows


# Home page ---------------------------------------------------------------------------

def home_panel(user, today=None):
    """What the home page says about appraisals: one's own next step, and a manager's team. Few queries."""
    if not (user.is_authenticated and user.is_current and user.kind == User.Kind.OFFICER):
        return None
    today = today or timezone.localdate()
    cycle = current_cycle(today)
    if cycle is None:
        return None
    panel = {"cycle": cycle}
    mine = annotated_appraisals(cycle).filter(person=user).first()
    if mine is not None:
        standing = standing_of(user, mine, cycle, today)
        panel["standing"] = standing
        panel["objective_count"] = mine.objectives.count()
        panel["next_review"] = windows.next_review(cycle.windows, today, mid_year_done=standing.mid_year_done,
                                                   year_end_done=standing.year_end_done)
    if access.sees_appraisals_section(user) and not access.is_hr(user):
        team = team_standings(user, cycle, today=today)
        panel["team_size"] = len(team)
        panel["team_overdue"] = sum(1 for s in team if s.overdue)
    panel["own_support_plan"], panel["support_plan_reviews"] = home_support_plans(user)
    panel["today"] = today
    return panel


def home_support_plans(user, limit=5):
    """This person's own open plan, and the open plans they run as line manager, soonest review first.

    One query: a person has at most one open plan, so the rows are bounded by their direct reports.
    """
    plans = list(SupportPlan.objects.open().filter(Q(appraisal__person=user) | Q(appraisal__person__line_manager=user))
                 .select_related("appraisal__person").order_by("next_review_on", "pk"))
    own = next((p for p in plans if p.appraisal.person_id == user.pk), None)
    return own, [p for p in plans if p.appraisal.person_id != user.pk][:limit]
