"""Reads of complaints, and the one access helper per object type.

Each `get_<thing>_for_user(user, pk, *, write=False)` returns the object or
raises Http404 (not there, or not this person's to see: a complaint's existence
is not revealed) or PermissionDenied (visible, but not this person's to change).
Every call records the look (or the refused attempt) in the case access log.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, Prefetch, Q, Subquery
from django.http import Http404
from django.utils import timezone

from complaints import access, rules
from complaints.models import (
    CaseAccess,
    Category,
    Complaint,
    ComplaintStage,
    LearningAction,
    OmbudsmanReferral,
    PanelMembership,
    PointOutcome,
    Regime,
    ReviewPanel,
)
from core.working_days import add_working_days, non_working_days
from organisation.models import Role, RoleAssignment, Service, User
from priorities import periods


def _require_signed_in(user):
    if not user.is_authenticated:
        raise PermissionDenied


def _get(queryset, pk):
    try:
        return queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


# Access helpers ------------------------------------------------------------------

def get_complaint_for_user(user, pk, *, write=False, via=CaseAccess.Via.PAGE, path=""):
    """The complaint, if this person may see it; the look is logged either way."""
    from complaints.services import case_access_record

    _require_signed_in(user)
    complaint = _get(Complaint.objects.select_related("regime", "service", "team", "owner"), pk)
    visible = access.is_complaints_officer(user) or Complaint.objects.visible_to(user).filter(pk=complaint.pk).exists()
    case_access_record(complaints=[complaint], user=user, via=via, path=path, granted=visible)
    if not visible:
        raise Http404
    if write and not access.is_complaints_officer(user):
        raise PermissionDenied
    return complaint


def get_stage_for_user(user, pk, *, write=False, via=CaseAccess.Via.PAGE, path=""):
    """`write`: record the stage's response or extension (complaints officers and the stage's investigator)."""
    _require_signed_in(user)
    stage = _get(ComplaintStage.objects.select_related("stage", "investigator", "independent_person"), pk)
    stage.complaint = get_complaint_for_user(user, stage.complaint_id, via=via, path=path)
    if write and not access.can_respond_to_stage(user, stage):
        raise PermissionDenied
    return stage


def get_panel_for_user(user, pk, *, write=False, via=CaseAccess.Via.PAGE, path=""):
    """`write`: record the panel's meeting, report and recommendations (complaints officers and its members)."""
    _require_signed_in(user)
    panel = _get(ReviewPanel.objects.select_related("stage__stage"), pk)
    panel.stage.complaint = get_complaint_for_user(user, panel.stage.complaint_id, via=via, path=path)
    member_ids = set(panel.memberships.values_list("member_id", flat=True))
    if write and not access.can_record_panel_report(user, panel, member_ids):
        raise PermissionDenied
    return panel


def get_learning_action_for_user(user, pk, *, write=False, via=CaseAccess.Via.PAGE, path=""):
    _require_signed_in(user)
    action = _get(LearningAction.objects.select_related("owner"), pk)
    action.complaint = get_complaint_for_user(user, action.complaint_id, write=write, via=via, path=path)
    return action


# The case file ---------------------------------------------------------------------

def _stages():
    memberships = PanelMembership.objects.select_related("member")
    return ComplaintStage.objects.select_related(
        "stage", "investigator", "independent_person", "panel"
    ).prefetch_related(
        Prefetch("outcomes", PointOutcome.objects.select_related("point")),
        Prefetch("panel__memberships", memberships),
        "panel__recommendations",
    )


def stage_file(stage):
    """A stage with its outcomes and panel, as the API shows it."""
    return _stages().get(pk=stage.pk)


def with_case_files(queryset):
    """Everything a case page (or the API's view of a case) shows, in a fixed number of queries."""
    return queryset.select_related(
        "regime", "service", "team", "owner", "created_by", "ombudsman",
    ).prefetch_related(
        "categories", "points", "regime__stages",
        Prefetch("stages", _stages()),
        Prefetch("learning_actions", LearningAction.objects.select_related("owner", "objective__plan__service",
                                                                            "milestone")),
    )


def case_file(complaint):
    return with_case_files(Complaint.objects.all()).get(pk=complaint.pk)


def with_deadline_data(queryset):
    """What Complaint.deadlines() needs, in two queries whatever the number of complaints; the regimes' rules
    come from complaints.deadlines.REGIME_RULES.

    The stages are loaded as a plain list (`to_attr`): a prefetched related manager costs a queryset per
    complaint, which on a list of a thousand open cases was the larger part of the complaints officer's home
    page.
    """
    return queryset.select_related("regime", "service", "owner").defer(*DEADLINE_DEFERRED).prefetch_related(
        Prefetch("stages", ComplaintStage.objects.select_related("stage", "panel").defer(*STAGE_DEFERRED),
                 to_attr="stage_list"),
    )


# What no list of cases shows: the narratives, and the owner's and service's other details.
DEADLINE_DEFERRED = ("contact_details", "summary", "accepted_late_reason", "regime__notes", "service__description",
                     "owner__password", "owner__last_login", "owner__is_superuser",
                     "owner__is_staff", "owner__date_joined")
STAGE_DEFERRED = ("late_request_reason", "extension_reason", "findings", "remedy", "panel__report",
                  "panel__council_response")


@dataclass
class CaseRow:
    complaint: Complaint
    deadlines: list
    next_deadline: rules.Deadline | None = None
    breached: bool = False


def case_rows(complaints, *, today=None, holidays=None):
    """Each complaint with its deadlines and the next one the council owes."""
    today = today or timezone.localdate()
    holidays = non_working_days() if holidays is None else holidays
    if type(holidays) is not frozenset:
        # The home page passes them lazily (read only if a panel needs them): a proxy answers each of the
        # thousands of `day in holidays` a page of cases asks as a method call of its own.
        holidays = frozenset(holidays)
    rows = []
    for complaint in complaints:
        deadlines = complaint.deadlines(today=today, holidays=holidays)
        owed = [d for d in deadlines if d.owed_by_council and d.done_on is None]
        rows.append(CaseRow(
            complaint=complaint,
            deadlines=deadlines,
            next_deadline=min(owed, key=lambda d: d.due_on) if owed and not complaint.is_closed else None,
            breached=any(d.status.breached for d in deadlines),
        ))
    return rows


def complaint_list(user, *, kind="", regime=None, service=None, status="open", reference=""):
    complaints = Complaint.objects.visible_to(user)
    if kind:
        complaints = complaints.filter(kind=kind)
    if regime:
        complaints = complaints.filter(regime=regime)
    if service:
        complaints = complaints.filter(service=service)
    if status == "open":
        complaints = complaints.open()
    elif status == "closed":
        complaints = complaints.filter(closed_on__isnull=False)
    if reference:
        complaints = complaints.filter(reference__icontains=reference.strip())
    return with_deadline_data(complaints)


@dataclass
class Attention:
    complaint: Complaint
    deadline: rules.Deadline


def _after_due_soon(today, holidays):
    """A day after every day that is "due soon" (within DUE_SOON_WORKING_DAYS working days of today)."""
    return add_working_days(today, rules.DUE_SOON_WORKING_DAYS + 1, holidays)


def attention_items(complaints, *, today=None, holidays=None):
    """Deadlines the council owes on these complaints (the open, formal ones) that are overdue or due soon,
    soonest first.

    Only cases whose next deadline (Complaint.next_due_on, complaints.deadlines) falls before the end of the
    "due soon" window are worked out: on a large council, about half the open cases.
    """
    today = today or timezone.localdate()
    holidays = non_working_days() if holidays is None else holidays
    open_cases = with_deadline_data(complaints.open().filter(kind=Complaint.Kind.FORMAL,
                                                             next_due_on__lt=_after_due_soon(today, holidays)))
    found = [Attention(row.complaint, deadline)
             for row in case_rows(open_cases, today=today, holidays=holidays)
             for deadline in row.deadlines
             if deadline.owed_by_council and deadline.status.needs_attention]
    return sorted(found, key=lambda a: (a.deadline.due_on, a.complaint.reference))


def access_log(*, complaint=None, casework=None):
    """Looks at complaints and councillors' casework, newest first; or at one case."""
    entries = CaseAccess.objects.select_related("user", "complaint", "casework")
    if complaint is not None:
        entries = entries.filter(complaint=complaint)
    if casework is not None:
        entries = entries.filter(casework=casework)
    return entries


def regimes_with_stages():
    return Regime.objects.prefetch_related("stages")


# Statistics ----------------------------------------------------------------------

@dataclass
class Period:
    year: int
    quarter: int | None = None

    @property
    def starts_on(self):
        start = periods.year_starts(self.year)
        if self.quarter:
            return rules.add_months(start, 3 * (self.quarter - 1))
        return start

    @property
    def ends_on(self):
        if self.quarter:
            return rules.add_months(self.starts_on, 3) - datetime.timedelta(days=1)
        return periods.year_ends(self.year)

    @property
    def label(self):
        year = periods.fiscal_year_label(self.year)
        return f"Quarter {self.quarter} of {year}" if self.quarter else year

    def __contains__(self, day):
        return day is not None and self.starts_on <= day <= self.ends_on


def current_period(today=None):
    return Period(periods.fiscal_year_of(today or timezone.localdate()))


def statistics_years():
    """Financial years with complaints in them, newest first (and always this one)."""
    first = Complaint.objects.order_by("received_on").values_list("received_on", flat=True).first()
    this_year = periods.fiscal_year_of(timezone.localdate())
    start = periods.fiscal_year_of(first) if first else this_year
    return list(range(this_year, start - 1, -1))


@dataclass
class Statistics:
    period: Period
    threshold: int
    service: Service | None = None
    regime: Regime | None = None
    volumes: list = field(default_factory=list)  # (label, formal, informal, compliments)
    by_service: list = field(default_factory=list)  # (service name, formal, informal, compliments)
    timeliness: list = field(default_factory=list)  # (regime, step, Share)
    outcomes: list = field(default_factory=list)  # (step, {outcome: Count}, total Count)
    categories: list = field(default_factory=list)  # (category, Count)
    escalations: list = field(default_factory=list)  # (regime, stage label, Count)
    ombudsman: list = field(default_factory=list)  # (decision label, Count)
    outcome_labels: list = field(default_factory=list)


def statistics(*, period, service=None, regime=None, threshold=None):
    """Aggregates for managers, scrutiny and the annual report: no case is identifiable.

    Counts between 1 and the threshold show as "fewer than N", and shares whose
    denominator is below it are not shown. A fixed number of queries.
    """
    threshold = threshold or settings.SUPPRESS_COUNTS_BELOW
    holidays = non_working_days()
    stats = Statistics(period=period, threshold=threshold, service=service, regime=regime,
                       outcome_labels=PointOutcome.Outcome.labels)

    def count(n):
        return rules.Count(n, threshold)

    complaints = Complaint.objects.all()
    if service is not None:
        complaints = complaints.filter(service=service)
    if regime is not None:
        complaints = complaints.filter(regime=regime)
    received = complaints.filter(received_on__range=(period.starts_on, period.ends_on))
    kinds = [Complaint.Kind.FORMAL, Complaint.Kind.INFORMAL, Complaint.Kind.COMPLIMENT]

    # Volumes by regime, and by service.
    tally = Counter()
    for row in received.values("regime__name", "kind").annotate(n=Count("pk")):
        tally[(row["regime__name"], row["kind"])] += row["n"]
    names = [r.name for r in (Regime.objects.filter(pk=regime.pk) if regime else Regime.objects.all())]
    for name in names:
        stats.volumes.append((name, *[count(tally[(name, k)]) for k in kinds]))
    stats.volumes.append(("All regimes", *[count(sum(tally[(n, k)] for n in names)) for k in kinds]))
    by_service = defaultdict(Counter)
    for row in received.values("service__name", "kind").annotate(n=Count("pk")):
        by_service[row["service__name"]][row["kind"]] += row["n"]
    stats.by_service = [(name, *[count(by_service[name][k]) for k in kinds]) for name in sorted(by_service)]

    # Timeliness: acknowledgements and responses given in the period, within the timescale.
    timely = defaultdict(lambda: [0, 0])  # (regime order, regime, stage, step, label) -> [in time, all]

    def tally(key, in_time):
        timely[key][0] += in_time
        timely[key][1] += 1

    for c in received.filter(kind=Complaint.Kind.FORMAL, acknowledge_days__isnull=False,
                             acknowledged_on__isnull=False).values(
            "regime__order", "regime__name", "received_on", "acknowledged_on", "acknowledge_days"):
        due = rules.add_working_days(c["received_on"], c["acknowledge_days"], holidays)
        tally((c["regime__order"], c["regime__name"], 0, 0, "Acknowledgement"), c["acknowledged_on"] <= due)
    stages = ComplaintStage.objects.filter(complaint__in=complaints)
    answered = stages.filter(responded_on__range=(period.starts_on, period.ends_on))
    for stage in answered.select_related("stage", "complaint__regime", "panel"):
        regime_key = (stage.complaint.regime.order, stage.complaint.regime.name, stage.stage.number)
        if not stage.stage.is_panel:
            due = stage.due_on(holidays)
            if due is not None:
                tally((*regime_key, 0, f"Stage {stage.stage.number} response"), stage.responded_on <= due)
        elif hasattr(stage, "panel"):
            steps = stage.panel.deadlines(today=period.ends_on, holidays=holidays)
            for step, deadline in enumerate(steps):
                if deadline.done_on is not None:
                    tally((*regime_key, step, deadline.label), deadline.status == rules.Status.MET)
    stats.timeliness = [(key[1], key[4], rules.Share(met, total, threshold))
                        for key, (met, total) in sorted(timely.items())]

    # Outcomes per point, by the stage that decided them, for responses in the period.
    outcome_tally = defaultdict(Counter)
    for row in PointOutcome.objects.filter(stage__in=answered).values("stage__stage__number", "outcome").annotate(
            n=Count("pk")):
        outcome_tally[row["stage__stage__number"]][row["outcome"]] += row["n"]
    stats.outcomes = [
        (f"Stage {number}", [count(outcome_tally[number][o]) for o in PointOutcome.Outcome.values],
         count(sum(outcome_tally[number].values())))
        for number in sorted(outcome_tally)
    ]

    # Categories of complaints (formal and informal) received.
    category_counts = dict(
        Category.objects.filter(complaints__in=received.exclude(kind=Complaint.Kind.COMPLIMENT))
        .values_list("name").annotate(n=Count("complaints")).values_list("name", "n")
    )
    stats.categories = sorted(((name, count(n)) for name, n in category_counts.items()),
                              key=lambda item: -item[1].value)

    # Escalations requested in the period.
    escalated = stages.filter(stage__number__gt=1, requested_on__range=(period.starts_on, period.ends_on)).values(
        "complaint__regime__name", "stage__number", "stage__name").annotate(n=Count("pk"))
    stats.escalations = [(row["complaint__regime__name"], rules.stage_label(row["stage__number"], row["stage__name"]),
                          count(row["n"])) for row in escalated.order_by("complaint__regime__order", "stage__number")]

    # Ombudsman decisions in the period.
    decided = OmbudsmanReferral.objects.filter(complaint__in=complaints, decided_on__range=(
        period.starts_on, period.ends_on)).exclude(decision="").values("decision").annotate(n=Count("pk"))
    decisions = {row["decision"]: row["n"] for row in decided}
    stats.ombudsman = [(label, count(decisions.get(value, 0))) for value, label in
                       OmbudsmanReferral.Decision.choices]
    return stats


def open_case_count():
    return Complaint.objects.open().count()


def category_choices():
    return Category.objects.filter(is_active=True)


def complaints_officers():
    """Current complaints officers: the people who may own a case."""
    holders = RoleAssignment.objects.current().filter(role=Role.COMPLAINTS_OFFICER).values("user")
    return User.objects.current().filter(pk__in=holders)



def home_panel(user, *, today=None, limit=10, holidays=None):
    """The complaint deadlines on the home page, on the open formal cases this person can see. Each case shows
    once, under its most pressing state: the `limit` cases overdue longest, then the `limit` cases due soonest
    of those not overdue, with how many cases are overdue and how many due soon; the case list has the rest.

    Three queries and the deadlines of the cases shown only, however many cases are open: the cases are chosen
    by their next deadline (Complaint.next_due_on, complaints.deadlines), which the database indexes.
    `holidays` (core.working_days.non_working_days()) when the page has read them already.
    """
    panel = {"due_soon": [], "overdue": [], "overdue_count": 0, "more": 0, "soon_count": 0, "more_soon": 0,
             "soon_days": rules.DUE_SOON_WORKING_DAYS, "any": False}
    if not access.is_current(user):
        return panel
    today = today or timezone.localdate()
    holidays = frozenset(non_working_days() if holidays is None else holidays)
    cases = Complaint.objects.visible_to(user).open().filter(kind=Complaint.Kind.FORMAL)
    overdue = cases.filter(next_due_on__lt=today)
    soon = cases.filter(next_due_on__gte=today, next_due_on__lt=_after_due_soon(today, holidays))
    longest = overdue.order_by("next_due_on", "reference").values("pk")[:limit]
    soonest = soon.order_by("next_due_on", "reference").values("pk")[:limit]
    shown = cases.filter(Q(pk__in=longest) | Q(pk__in=soonest)).annotate(
        overdue_cases=_count_of(overdue), soon_cases=_count_of(soon))
    rows = case_rows(with_deadline_data(shown), today=today, holidays=holidays)
    for row in rows:
        late = row.complaint.next_due_on < today
        for deadline in row.deadlines:
            if not deadline.owed_by_council:
                continue
            if late and deadline.status == rules.Status.OVERDUE:
                panel["overdue"].append(Attention(row.complaint, deadline))
            elif not late and deadline.status == rules.Status.DUE_SOON:
                panel["due_soon"].append(Attention(row.complaint, deadline))
    for items in (panel["overdue"], panel["due_soon"]):
        items.sort(key=lambda a: (a.deadline.due_on, a.complaint.reference))
    if rows:
        panel["overdue_count"] = rows[0].complaint.overdue_cases or 0
        panel["soon_count"] = rows[0].complaint.soon_cases or 0
    panel["more"] = max(panel["overdue_count"] - limit, 0)
    panel["more_soon"] = max(panel["soon_count"] - limit, 0)
    panel["any"] = bool(rows)
    return panel


def _count_of(cases):
    """How many of these formal cases there are, as a subquery: one row, as they share their kind."""
    return Subquery(cases.order_by().values("kind").annotate(n=Count("pk")).values("n"))


def plan_items_for(service):
    """The objectives and milestones a learning action may join: the service's plans from this year on."""
    from priorities.models import Milestone, Objective

    year = periods.fiscal_year_of(timezone.localdate())
    objectives = Objective.objects.filter(plan__service=service, plan__year__gte=year).select_related("plan")
    milestones = Milestone.objects.filter(objective__in=objectives).select_related("objective__plan")
    return objectives.order_by("plan__year", "number"), milestones.order_by("objective__plan__year", "due_on")


def plan_learning(plan):
    """What changes because of complaints, under the plan's objectives: no complainant, no case reference.

    Nothing of the complaint is read but its procedure's name (`regime_name`)."""
    return LearningAction.objects.filter(objective__plan=plan).select_related(
        "objective", "milestone", "owner").annotate(regime_name=F("complaint__regime__name")).order_by(
        "objective__number", "due_on", "pk")

