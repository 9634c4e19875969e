"""Reads for scrutiny, the access helper per object type, and the councillors' dashboards.

Each `get_<thing>_for_user(user, pk, *, write=False)` returns the object or
raises Http404 (not there, or not visible) or PermissionDenied (visible but not
changeable by this person). Dashboards reuse the indicators' and priorities'
selectors (RAG is never recomputed here) and run a fixed number of queries.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.utils import timezone

from core import summaries
from indicators import rag as R
from indicators import row_cache
from indicators import selectors as indicator_selectors
from indicators.benchmarks import summarise
from indicators.figures import RecentFigures
from indicators.models import Indicator, IndicatorValue
from organisation.models import Portfolio, Service
from priorities import selectors as priority_selectors
from priorities.rag import Rag
from scrutiny import access, deadlines
from scrutiny.models import (
    AgendaItem,
    Committee,
    Meeting,
    Recommendation,
    ScrutinyReview,
    Topic,
)


def _require_reader(user):
    if not access.reads_scrutiny(user):
        raise PermissionDenied


def _get(queryset, pk):
    try:
        return queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def _check_write(user, write):
    if write and not access.can_edit_scrutiny(user):
        raise PermissionDenied


# Access helpers -------------------------------------------------------------

def get_committee_for_user(user, pk, *, write=False):
    _require_reader(user)
    committee = _get(Committee.objects.all(), pk)
    _check_write(user, write)
    return committee


def get_meeting_for_user(user, pk, *, write=False):
    _require_reader(user)
    meeting = _get(Meeting.objects.select_related("committee"), pk)
    _check_write(user, write)
    return meeting


def get_agenda_item_for_user(user, pk, *, write=False):
    _require_reader(user)
    item = _get(AgendaItem.objects.select_related("meeting__committee"), pk)
    _check_write(user, write)
    return item


def get_topic_for_user(user, pk, *, write=False):
    _require_reader(user)
    topic = _get(Topic.objects.select_related("committee", "indicator", "service", "meeting", "suggested_by"), pk)
    _check_write(user, write)
    return topic


def get_review_for_user(user, pk, *, write=False):
    if not user.is_authenticated:
        raise PermissionDenied
    review = _get(ScrutinyReview.objects.visible_to(user).select_related("committee", "topic"), pk)
    _check_write(user, write)
    return review


def get_recommendation_for_user(user, pk, *, write=False, respond=False):
    """`write` to change the recommendation or its tracking; `respond` to record the executive's response."""
    _require_reader(user)
    recommendation = _get(Recommendation.objects.select_related("review__committee", "addressed_to",
                                                                "responded_by"), pk)
    _check_write(user, write)
    if respond and not access.can_respond_for_executive(user):
        raise PermissionDenied
    return recommendation


# Committees -------------------------------------------------------------------

def committee_list():
    return Committee.objects.annotate(member_count=Count("members", distinct=True)).order_by("kind", "name")


def committee_page(committee, today=None):
    today = today or timezone.localdate()
    meetings = list(committee.meetings.annotate(item_count=Count("items")))
    return {
        "members": list(committee.members.select_related("person")),
        "upcoming": [m for m in meetings if m.held_on >= today],
        "past": [m for m in reversed(meetings) if m.held_on < today],
        "reviews": list(committee.reviews.all()),
    }


def meeting_items(meeting):
    return list(meeting.items.select_related("indicator", "review", "topic"))


def committees_chaired_by(user):
    return Committee.objects.filter(members__person=user, members__role="chair")


# Work programme -----------------------------------------------------------------

PRIORITY_ORDER = {"high": 0, "medium": 1, "low": 2}


def work_programme(committee, year):
    """The committee's topics for a municipal year, highest priority first, then by meeting date: one query."""
    topics = list(Topic.objects.filter(committee=committee, year=year)
                  .select_related("indicator", "service", "meeting", "review"))
    topics.sort(key=lambda t: (t.status in (Topic.Status.DONE, Topic.Status.NOT_TAKEN_UP),
                               PRIORITY_ORDER[t.priority], t.meeting.held_on if t.meeting else timezone.localdate(),
                               t.title))
    return topics


def programme_years(committee):
    return sorted(set(committee.topics.values_list("year", flat=True)), reverse=True)


# Reviews -------------------------------------------------------------------------

@dataclass
class ReviewSummary:
    review: ScrutinyReview
    recommendations: int = 0
    answered: int = 0
    overdue: int = 0
    implemented: int = 0


def review_list(user, today=None):
    """Reviews with counts of recommendations answered, overdue and implemented: two queries."""
    today = today or timezone.localdate()
    reviews = (ScrutinyReview.objects.visible_to(user).select_related("committee")
               .prefetch_related(Prefetch("recommendations", queryset=Recommendation.objects.only(
                   "id", "review_id", "responded_on", "implementation"))))
    rows = []
    for review in reviews:
        row = ReviewSummary(review)
        due = review.response_due_on
        for r in review.recommendations.all():
            row.recommendations += 1
            row.answered += r.responded_on is not None
            row.implemented += r.implementation == Recommendation.Implementation.IMPLEMENTED
            row.overdue += deadlines.standing(due, r.responded_on, today) is deadlines.Standing.OVERDUE
        rows.append(row)
    return rows


def review_page(review, today=None):
    today = today or timezone.localdate()
    recommendations = list(review.recommendations.select_related("addressed_to", "responded_by")
                           .prefetch_related("updates__recorded_by"))
    for r in recommendations:
        r.rating = deadlines.standing(review.response_due_on, r.responded_on, today)
    return {
        "members": list(review.members.select_related("person")),
        "evidence": list(review.evidence.all()),
        "recommendations": recommendations,
        "overdue": sum(r.rating is deadlines.Standing.OVERDUE for r in recommendations),
    }


def responses_awaited(user, today=None):
    """Recommendations awaiting the executive's response, for the executive's home page: one query."""
    today = today or timezone.localdate()
    found = []
    for r in (Recommendation.objects.filter(responded_on__isnull=True, review__reported_on__isnull=False)
              .select_related("review").order_by("review__reported_on", "number")):
        r.rating = deadlines.standing(r.review.response_due_on, None, today)
        found.append(r)
    return found


# Dashboards ------------------------------------------------------------------------

@dataclass
class ServiceSummary:
    service: Service
    counts: Counter = field(default_factory=Counter)
    indicators: int = 0

    def count(self, code):
        return self.counts.get(code, 0)


RAG_ORDER = [R.RED, R.RED_AMBER, R.AMBER, R.GREEN_AMBER, R.GREEN]


@dataclass
class DashboardRow:
    row: object  # indicators.selectors.ListRow
    benchmark: object = None  # indicators.benchmarks.Summary
    watch: list = field(default_factory=list)


@dataclass
class WatchRow:
    """One indicator on the watchlist, with every rule's reason for it."""

    indicator: object
    reasons: list


@dataclass
class Comparison:
    """Our figure against the comparator group in the latest period both have figures for."""

    period: str
    summary: object  # indicators.benchmarks.Summary

    def __getattr__(self, name):
        if name == "summary":  # not set yet: while being unpickled from the cache
            raise AttributeError(name)
        return getattr(self.summary, name)


# Comparisons look for the latest period with figures on both sides among this many periods up to our latest.
COMPARISON_PERIODS = 6


def _benchmarks(rows, figures, comparators, theirs):
    """Each indicator against the default comparator group, in the latest period with figures on both sides.

    Benchmarks are often annual while our figures are quarterly, so the latest shared period is used rather
    than our latest figure's, looking back over the last few periods up to it (`figures` holds them, and
    `theirs` the comparators' figures for them, from indicators.selectors.comparator_figures).
    """
    group = comparators.default
    members = comparators.members.get(group.pk, set()) if group else set()
    polarity = {r.indicator.pk: r.indicator.polarity for r in rows}
    found = {}
    for r in rows:
        indicator_id = r.indicator.pk
        for point in reversed(figures.around(indicator_id, COMPARISON_PERIODS)):
            values = [value for area_id, value in theirs.get((indicator_id, point.period_id), ())
                      if area_id in members and value is not None]
            if values:
                found[indicator_id] = Comparison(point.label, summarise(
                    values, point.actual, polarity[indicator_id], minimum_sample=group.minimum_sample,
                    group_size=len(members)))
                break
    return group, found


def _comparator_figures(indicators, figures, comparators, rules=()):
    """The comparators' figures every comparison and bottom-quartile rule needs: one query."""
    wanted = {i.pk: [p.period_id for p in figures.around(i.pk, COMPARISON_PERIODS)] for i in indicators}
    return indicator_selectors.comparator_figures(wanted, comparators.areas_for(rules))


def _figures(user, indicators, rules=()):
    """The recent figures a dashboard or a review reads, and the comparator groups: four queries."""
    span = max(indicator_selectors.watch_span(rules), COMPARISON_PERIODS)
    figures = RecentFigures(IndicatorValue.objects.visible_to(user), indicators, span=span, earlier=True)
    return figures, indicator_selectors.Comparators.read()


@dataclass
class RatedRow:
    """What the dashboards keep of one indicator (indicators.row_cache): its ListRow's figures, its comparison
    and the exception rules' reasons, without the indicator itself (each page reads that afresh)."""

    latest: object
    target: object
    vs_previous: object
    vs_last_year: object
    benchmark: object
    reasons: list


@dataclass
class Reason:
    """One exception rule's reason for putting an indicator on the watchlist."""

    reason: str


def _rate(user, indicators, rules, comparators):
    """Each indicator's RatedRow ({indicator id: row}): the figures, targets, comparisons and rules read for
    these indicators alone, in five queries."""
    figures = RecentFigures(IndicatorValue.objects.visible_to(user), indicators,
                            span=max(indicator_selectors.watch_span(rules), COMPARISON_PERIODS), earlier=True)
    rows = indicator_selectors.list_rows(indicators, figures)
    theirs = _comparator_figures(indicators, figures, comparators, rules)
    _group, benchmarks = _benchmarks(rows, figures, comparators, theirs)
    reasons = defaultdict(list)
    for item in indicator_selectors.watchlist(user=user, rules=rules, indicators=indicators, figures=figures,
                                              comparators=comparators, benchmarks=theirs):
        reasons[item.indicator.pk].append(item.reason)
    return {r.indicator.pk: RatedRow(r.latest, r.target, r.vs_previous, r.vs_last_year,
                                     benchmarks.get(r.indicator.pk), reasons[r.indicator.pk]) for r in rows}


def dashboard(user, *, service_ids=None, framework="", today=None):
    """The scrutiny dashboard, for the whole council or some services (a portfolio).

    RAG by priority comes from the golden thread; indicator RAG, direction of travel and the watchlist
    from the indicators app. Each indicator's row is kept (indicators.row_cache) until its figures change,
    so after a figure is saved only that indicator is rated again. A fixed number of queries whatever the
    number of indicators, services or priorities, or the length of their history.
    """
    today = today or timezone.localdate()
    rules = indicator_selectors.watch_rules()
    comparators = indicator_selectors.Comparators.read()
    indicators = Indicator.objects.visible_to(user).filter(is_active=True)
    if service_ids is not None:
        indicators = indicators.filter(service_id__in=service_ids)
    indicators = indicator_selectors.row_indicators(indicators.order_by("framework", "code"))
    rated = row_cache.rows(user, indicators, lambda missing: _rate(user, missing, rules, comparators),
                           kind="dashboard")
    rows, table, watchlist = [], [], []
    for indicator in indicators:
        r = rated[indicator.pk]
        watch = [Reason(reason) for reason in r.reasons]
        if watch:
            watchlist.append(WatchRow(indicator, r.reasons))
        if framework and indicator.framework != framework:
            continue
        row = indicator_selectors.ListRow(indicator, r.latest, r.target, r.vs_previous, r.vs_last_year)
        rows.append(row)
        table.append(DashboardRow(row, r.benchmark, watch))
    group = comparators.default

    by_service = {}
    for r in rows:
        summary = by_service.setdefault(r.indicator.service_id, ServiceSummary(r.indicator.service))
        summary.indicators += 1
        summary.counts[r.latest.rag if r.latest and r.latest.rag else "none"] += 1
    services = sorted(by_service.values(), key=lambda s: s.service.name)

    totals = Counter(r.latest.rag if r.latest and r.latest.rag else "none" for r in rows)
    exceptions = [t for t in table if t.row.latest and t.row.latest.rag in (R.RED, R.RED_AMBER)]

    year = priority_selectors.current_year(today)
    # The priorities' ratings come from the plans alone: kept until a plan changes (core.summaries.PLANS), so a
    # saved figure does not make them again. A portfolio's services are a subquery, named by its SQL.
    if service_ids is None:
        services_key = None
    else:
        services_key = str(service_ids.query) if hasattr(service_ids, "query") else tuple(sorted(service_ids))
    threads = summaries.cached(
        "dashboard-priorities", user, (year, services_key, today.isoformat()),
        lambda: priority_selectors.priority_summaries(user, year, today, service_ids=service_ids),
        version=summaries.PLANS)
    plan = threads[0].priority.strategic_plan if threads else None
    return {
        "rows": table,
        "services": services,
        "totals": totals,
        "exceptions": exceptions,
        "watchlist": watchlist,
        "threads": threads,
        "strategic_plan": plan,
        "year": year,
        "group": group,
        "rag_order": RAG_ORDER,
        "priority_counts": Counter(t.rag for t in threads),
        "grey": Rag.GREY,
    }


def keep_rows_warm():
    """Rate every active indicator for each audience (indicators.row_cache.readers), as the day's first
    dashboard, golden thread, indicator list or public page would, and keep the rows.

    Run each night just after midnight: the day is part of a kept row's key, so otherwise the first person to
    open a dashboard each morning waits while all of them are rated. Rows already kept are only read.
    Returns how many indicators each audience's rows cover.
    """
    covered = []
    for reader in row_cache.readers():
        indicators = list(Indicator.objects.visible_to(reader).filter(is_active=True).select_related("service"))
        indicator_selectors.rows_for(reader, indicators)
        if reader.is_authenticated:
            dashboard(reader)
        covered.append(len(indicators))
    return covered


def portfolios_for_dashboard(user, portfolios=None):
    """The portfolios whose dashboard the person may open: their own, or all for officers and the executive.

    One query (none when `portfolios`, every portfolio, is given): a councillor's own are picked out of them all.
    """
    portfolios = list(Portfolio.objects.all()) if portfolios is None else portfolios
    if user.access.is_councillor:
        own = [p for p in portfolios if user.pk in (p.holder_id, p.deputy_id)]
        if own:
            return own
    return portfolios


def get_portfolio_for_user(user, pk):
    _require_reader(user)
    portfolio = _get(Portfolio.objects.select_related("holder", "deputy"), pk)
    return portfolio


def portfolio_dashboard_portfolios(user, pk):
    """The portfolio whose dashboard is asked for, and every portfolio (for the links to the others): one query.

    Http404 when there is no such portfolio, as get_portfolio_for_user.
    """
    _require_reader(user)
    portfolios = list(Portfolio.objects.select_related("holder", "deputy"))
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    portfolio = next((p for p in portfolios if p.pk == pk), None)
    if portfolio is None:
        raise Http404
    return portfolio, portfolios


def portfolio_service_ids(portfolio):
    """The portfolio's services' ids, as a subquery (the dashboard filters with it in the database)."""
    return Service.objects.filter(portfolio=portfolio).values("id")


def topics_for_indicator(indicator_ids):
    found = defaultdict(list)
    for topic in Topic.objects.filter(indicator_id__in=indicator_ids).exclude(status=Topic.Status.NOT_TAKEN_UP):
        found[topic.indicator_id].append(topic)
    return found




def home_panel(user):
    """What a councillor's home page shows: their dashboards and, for the executive, responses awaited."""
    if not (access.reads_scrutiny(user) and user.access.is_councillor):
        return None
    awaited = responses_awaited(user) if access.can_respond_for_executive(user) else []
    return {
        "portfolios": list(user.access.portfolios),
        "awaited": awaited,
        "overdue": sum(r.rating is deadlines.Standing.OVERDUE for r in awaited),
    }


# Best Value -----------------------------------------------------------------------

def get_best_value_review_for_user(user, pk, *, write=False):
    from scrutiny.models import BestValueReview

    _require_reader(user)
    review = _get(BestValueReview.objects.select_related("service", "scope_agreed_by", "lead_officer"), pk)
    _check_write(user, write)
    return review


def get_four_cs_section_for_user(user, pk, *, write=False):
    from scrutiny.models import FourCsSection

    _require_reader(user)
    section = _get(FourCsSection.objects.select_related("review__service"), pk)
    _check_write(user, write)
    return section


def get_improvement_action_for_user(user, pk, *, write=False):
    from scrutiny.models import ImprovementAction

    _require_reader(user)
    action = _get(ImprovementAction.objects.select_related("review", "owner", "milestone"), pk)
    _check_write(user, write)
    return action


def best_value_list():
    from scrutiny.models import BestValueReview

    return BestValueReview.objects.select_related("service").annotate(
        action_count=Count("actions", distinct=True)).order_by("-year", "title")


def compare_rows(user, review):
    """Compare, pulled from the indicators: each chosen indicator's latest figure and its benchmark summary.

    The service's own indicators when the review names none. Fixed queries.
    """
    chosen = {i.pk for i in review.indicators.all()}
    indicators = Indicator.objects.visible_to(user).filter(is_active=True).select_related(
        "service", "accountable_officer").order_by("framework", "code")
    indicators = list(indicators.filter(pk__in=chosen) if chosen else indicators.filter(service=review.service_id))
    figures, comparators = _figures(user, indicators)
    rows = indicator_selectors.list_rows(indicators, figures)
    group, benchmarks = _benchmarks(rows, figures, comparators,
                                    _comparator_figures(indicators, figures, comparators))
    return group, [DashboardRow(r, benchmarks.get(r.indicator.pk)) for r in rows]


def best_value_page(user, review, today=None):
    from scrutiny import best_value

    today = today or timezone.localdate()
    sections = list(review.sections.prefetch_related("evidence"))
    options = list(review.options.all())
    ranked = best_value.rank_options([(o, o.cost_score, o.quality_score, o.risk_score) for o in options])
    group, compare = compare_rows(user, review)
    actions = list(review.actions.select_related("owner", "milestone__objective__plan"))
    for action in actions:
        action.overdue = action.is_overdue(today)
    return {
        "sections": sections,
        "ranked": ranked,
        "compare": compare,
        "group": group,
        "actions": actions,
        "sections_done": sum(s.is_complete for s in sections),
    }


# Call-in ----------------------------------------------------------------------------

def get_decision_for_user(user, pk, *, write=False):
    from scrutiny.models import ExecutiveDecision

    _require_reader(user)
    decision = _get(ExecutiveDecision.objects.select_related("call_in_committee", "portfolio", "call_in__meeting"),
                    pk)
    _check_write(user, write)
    return decision


def decision_list(today=None):
    """Decisions with their call-in state: one query."""
    from scrutiny.models import ExecutiveDecision

    today = today or timezone.localdate()
    decisions = list(ExecutiveDecision.objects.select_related("call_in_committee", "call_in__meeting")
                     .order_by("-made_on", "reference"))
    for d in decisions:
        d.current_state = d.state(today)
    return decisions


# Health scrutiny -------------------------------------------------------------------

def get_information_request_for_user(user, pk, *, write=False):
    from scrutiny.models import InformationRequest

    _require_reader(user)
    request = _get(InformationRequest.objects.select_related("committee", "nhs_body", "topic"), pk)
    _check_write(user, write)
    return request


def get_substantial_change_for_user(user, pk, *, write=False):
    from scrutiny.models import SubstantialChange

    _require_reader(user)
    change = _get(SubstantialChange.objects.select_related("committee", "nhs_body"), pk)
    _check_write(user, write)
    return change


def health_page(today=None):
    """Health scrutiny at a glance: NHS bodies, health topics, information requests and substantial changes.

    Four queries whatever the numbers.
    """
    from scrutiny.models import InformationRequest, NhsBody, SubstantialChange

    today = today or timezone.localdate()
    requests = list(InformationRequest.objects.select_related("committee", "nhs_body", "topic"))
    for r in requests:
        r.rating = r.standing(today)
    changes = list(SubstantialChange.objects.select_related("committee", "nhs_body"))
    for c in changes:
        c.rating = c.standing(today)
    return {
        "bodies": list(NhsBody.objects.all()),
        "topics": list(Topic.objects.filter(is_health=True).select_related("committee", "meeting")
                       .order_by("-year", "title")),
        "requests": requests,
        "changes": changes,
        "overdue": sum(r.rating is deadlines.Standing.OVERDUE for r in requests),
    }


# Performance-management health check ------------------------------------------------------

def _latest_due_period(frequency, due_days, today):
    """The latest period of this frequency whose value was due by today."""
    from indicators import periods as P

    spec = P.previous(P.containing(frequency, today))
    while spec.end + datetime.timedelta(days=due_days) > today:
        spec = P.previous(spec)
    return spec


def _appraisal_coverage(today):
    """Officers with a line manager whose appraisal objectives are agreed this cycle: (agreed, staff) or None."""
    try:
        from appraisals.selectors import annotated_appraisals, current_cycle
    except ImportError:  # the appraisals app is optional to scrutiny
        return None
    from organisation.models import User

    cycle = current_cycle(today)
    if cycle is None:
        return None
    people = set(User.objects.current().filter(kind=User.Kind.OFFICER, line_manager__isnull=False,
                                               team__isnull=False).values_list("pk", flat=True))
    agreed = {a.person_id for a in annotated_appraisals(cycle).only("pk", "person_id") if a.has_agreed}
    return len(people & agreed), len(people)


def health_check_evidence(user, today=None):
    """Live evidence for each of the seven leadership questions: a fixed number of queries."""
    from django.db.models import Exists, OuterRef
    from django.urls import reverse

    from indicators.models import Indicator, IndicatorValue, Target
    from priorities.models import EngagementGroup, Milestone, Priority, Risk, ServicePlan
    from scrutiny.health_check import QUESTIONS, Measure, Question
    from scrutiny.models import BestValueReview, ImprovementAction

    today = today or timezone.localdate()
    year = priority_selectors.current_year(today)
    questions = [Question(n, text) for n, text in enumerate(QUESTIONS, start=1)]

    # 1. Direction and priorities.
    plan = priority_selectors.strategic_plan_for_year(year)
    priorities = list(Priority.objects.filter(strategic_plan=plan).exclude(status="withdrawn").annotate(
        engaged=Exists(Priority.engagement_exercises.through.objects.filter(priority_id=OuterRef("pk"))))
        .values_list("status", "engaged")) if plan else []
    plan_statuses = list(ServicePlan.objects.filter(year=year).values_list("status", flat=True))
    services_total = Service.objects.count()
    questions[0].measures = [
        Measure("Strategic plans covering this year", 1 if plan else 0, url=reverse("priorities")),
        Measure("Priorities agreed", sum(s in ("agreed", "achieved") for s, _ in priorities), len(priorities),
                reverse("priorities")),
        Measure("Services with an approved plan for this year", sum(s == "approved" for s in plan_statuses),
                services_total, reverse("service-plan-list")),
    ]
    # 2. Formed with the workforce, partners and users.
    groups = list(EngagementGroup.objects.filter(is_hard_to_reach=True).values_list("reached", flat=True))
    questions[1].measures = [
        Measure("Priorities informed by engagement", sum(e for _, e in priorities), len(priorities),
                reverse("engagement-list")),
        Measure("Hard-to-reach groups reached", sum(groups), len(groups), reverse("engagement-list")),
    ]
    # 3. Mechanisms and information.
    indicators = list(Indicator.objects.filter(is_active=True).annotate(
        owned=Exists(Indicator.objects.filter(pk=OuterRef("pk")).filter(
            Q(accountable_officer__is_active=True) & (Q(accountable_officer__left_on__isnull=True)
                                                      | Q(accountable_officer__left_on__gt=today)))),
        targeted=Exists(Target.objects.filter(indicator=OuterRef("pk"), period__fiscal_year=year)))
        .only("pk", "frequency", "due_days"))
    due = {i.pk: _latest_due_period(i.frequency, i.due_days, today) for i in indicators}
    entered = {(v.indicator_id, v.period.start): v.entered_at for v in IndicatorValue.objects.filter(
        indicator_id__in=due, period__start__in={s.start for s in due.values()}).select_related("period")
        .only("indicator_id", "entered_at", "period__start", "period__kind")}
    on_time = sum(1 for i in indicators
                  if (at := entered.get((i.pk, due[i.pk].start))) is not None
                  and timezone.localtime(at).date() <= due[i.pk].end + datetime.timedelta(days=i.due_days))
    questions[2].measures = [
        Measure("Indicators whose latest due figure was entered on time", on_time, len(indicators),
                reverse("indicators:list")),
        Measure("Indicators with a current accountable officer", sum(i.owned for i in indicators), len(indicators),
                reverse("orphaned-items") if user.access.can_see_orphans else ""),
        Measure("Indicators with a target for this year", sum(i.targeted for i in indicators), len(indicators),
                reverse("indicators:list")),
    ]
    # 4. Staff know what is expected.
    milestones = list(Milestone.objects.filter(objective__plan__year=year).exclude(status="complete").annotate(
        owned=Exists(Milestone.objects.filter(pk=OuterRef("pk")).filter(
            Q(owner__is_active=True) & (Q(owner__left_on__isnull=True) | Q(owner__left_on__gt=today)))))
        .values_list("owned", flat=True))
    questions[3].measures = [Measure("Open milestones with a current owner", sum(milestones), len(milestones),
                                     reverse("service-plan-list"))]
    appraisals = _appraisal_coverage(today)
    if appraisals is not None:
        questions[3].measures.append(Measure("Staff with agreed appraisal objectives this year", *appraisals))
    # 5. Risks assessed.
    risks = list(Risk.objects.filter(plan__year=year).values_list("plan_id", "review_on"))
    plans_with_risks = {p for p, _ in risks}
    questions[4].measures = [
        Measure("This year's service plans with a risk register", len(plans_with_risks), len(plan_statuses),
                reverse("service-plan-list")),
        Measure("Risks not past their review date", sum(r >= today for _, r in risks), len(risks)),
    ]
    # 6. Value for money.
    bv = list(BestValueReview.objects.values_list("stage", "judged_on"))
    actions = [a for a in ImprovementAction.objects.only("status", "due_on") if a.status not in ("complete",
                                                                                                "dropped")]
    questions[5].measures = [
        Measure("Best Value reviews in the programme", len(bv), url=reverse("scrutiny:best-value-list")),
        Measure("Best Value reviews judged", sum(j is not None for _, j in bv), len(bv)),
        Measure("Open improvement actions on track", sum(not a.is_overdue(today) for a in actions), len(actions)),
    ]
    # 7. A measurable difference.
    rows = [r for r in indicator_selectors.indicator_list(user)
            if r.indicator.is_active and r.vs_last_year and r.vs_last_year.judgement]
    recs = list(Recommendation.objects.filter(review__reported_on__isnull=False).select_related("review")
                .only("response", "responded_on", "implementation", "review__reported_on"))
    due_recs = [r for r in recs if r.responded_on or r.review.response_due_on < today]
    accepted = [r for r in recs if r.response in ("accepted", "partly_accepted")]
    questions[6].measures = [
        Measure("Indicators better than a year before", sum(r.vs_last_year.judgement == R.BETTER for r in rows),
                len(rows), reverse("scrutiny:dashboard")),
        Measure("Scrutiny recommendations answered within 2 months",
                sum(r.standing(today) is deadlines.Standing.ON_TIME for r in due_recs), len(due_recs),
                reverse("scrutiny:review-list")),
        Measure("Accepted recommendations implemented", sum(r.implementation == "implemented" for r in accepted),
                len(accepted), reverse("scrutiny:review-list")),
    ]
    return questions


def get_health_check_for_user(user, pk):
    from scrutiny.models import HealthCheck

    _require_reader(user)
    return _get(HealthCheck.objects.select_related("recorded_by").prefetch_related("answers"), pk)
