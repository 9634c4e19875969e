"""Reads for the public pages: only what is published, whoever asks.

Every query filters on publication itself rather than on a person's access, so
a page is the same for everyone and can be cached whole:

- priorities, non-priorities and engagement exercises: `is_published`;
- service-plan objectives: `is_published`, in an *approved* plan (a draft,
  submitted or returned plan is not published, whatever its objectives say);
  milestones: `is_published`, under such an objective;
- indicator values: status `published` only, of active indicators (the
  indicators app's reads, as an anonymous person);
- scrutiny and Best Value reviews: `is_published` (their report is published);
- complaints: aggregate statistics only, small counts suppressed;
- feedback: what the performance team has published, with the council's answer.

Each read is a fixed number of queries whatever the amount of data.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef, Prefetch, Q, Value
from django.http import Http404
from django.utils import timezone

from complaints import selectors as complaint_selectors
from core import summaries as kept
from indicators import selectors as indicator_selectors
from indicators.models import (
    BenchmarkValue,
    ComparatorArea,
    Indicator,
    IndicatorValue,
    Target,
    ValueStatus,
)
from organisation.models import Service
from priorities import periods
from priorities.models import (
    EngagementExercise,
    Milestone,
    NonPriority,
    Objective,
    Priority,
    ServicePlan,
    StrategicPlan,
)
from priorities.rag import Rag, mean_progress, roll_up
from priorities.selectors import attach_measures
from public import disclosure, summaries
from public.models import Feedback
from scrutiny.models import BestValueReview, ImprovementAction, Recommendation, ScrutinyReview

ANONYMOUS = AnonymousUser()


def today():
    return timezone.localdate()


def this_year():
    return periods.fiscal_year_of(today())


def _get(queryset, pk):
    try:
        return queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


# What is published ----------------------------------------------------------------------------


def published_objectives():
    return Objective.objects.filter(is_published=True, plan__status=ServicePlan.Status.APPROVED)


def published_milestones():
    return Milestone.objects.filter(is_published=True, objective__is_published=True,
                                    objective__plan__status=ServicePlan.Status.APPROVED)


def published_feedback_qs():
    """Published feedback whose priority is itself published, or whose service has published pages."""
    return Feedback.objects.published().filter(
        Q(priority__is_published=True) | Q(service__in=public_services().values("pk")))


def published_values():
    return IndicatorValue.objects.filter(status=ValueStatus.PUBLISHED, indicator__is_active=True)


def current_strategic_plan():
    """The strategic plan covering this year, or the latest one."""
    return StrategicPlan.objects.covering(this_year()).first() or StrategicPlan.objects.first()


# Progress along the golden thread ---------------------------------------------------------------


@dataclass
class ObjectiveProgress:
    objective: Objective
    milestones: list
    rating: Rag
    progress: int | None
    measures: list = field(default_factory=list)  # indicators.selectors.ListRow, published figures only

    @property
    def overdue(self):
        return [m for m in self.milestones if m.rating is Rag.RED]

    @property
    def complete_count(self):
        return sum(m.status == Milestone.Status.COMPLETE for m in self.milestones)

    @property
    def words(self):
        return summaries.PROGRESS_WORDS[self.rating]


@dataclass
class PriorityProgress:
    priority: Priority
    objectives: list
    rating: Rag
    progress: int | None

    @property
    def milestones(self):
        return [m for o in self.objectives for m in o.milestones]

    @property
    def overdue(self):
        return [m for o in self.objectives for m in o.overdue]

    @property
    def complete_count(self):
        return sum(o.complete_count for o in self.objectives)

    @property
    def words(self):
        return summaries.PROGRESS_WORDS[self.rating]


def _objectives(year):
    milestones = Milestone.objects.filter(is_published=True).order_by("due_on", "pk")
    return (published_objectives().filter(plan__year=year).select_related("plan__service")
            .prefetch_related(Prefetch("milestones", queryset=milestones, to_attr="published_milestones"))
            .order_by("plan__service__name", "number"))


def _rate(objective, day):
    milestones = objective.published_milestones
    for milestone in milestones:
        milestone.rating = milestone.rag(day)
    return ObjectiveProgress(objective, milestones, roll_up(m.rating for m in milestones),
                             mean_progress(m.percent_complete for m in milestones))


def _rate_priority(priority, objectives):
    return PriorityProgress(priority, objectives, roll_up(o.rating for o in objectives),
                            mean_progress(m.percent_complete for o in objectives for m in o.milestones))


def priorities_progress(plan, year=None):
    """Each published priority of the plan with this year's published objectives and milestones: three queries."""
    if plan is None:
        return []
    year = year or this_year()
    day = today()
    priorities = (Priority.objects.filter(strategic_plan=plan, is_published=True)
                  .prefetch_related(Prefetch("objectives", queryset=_objectives(year), to_attr="published_objectives")))
    return [_rate_priority(p, [_rate(o, day) for o in p.published_objectives]) for p in priorities]


def get_published_priority(pk):
    return _get(Priority.objects.filter(is_published=True).select_related("strategic_plan"), pk)


def priority_page(priority):
    year = this_year()
    day = today()
    objectives = attach_measures(ANONYMOUS, [_rate(o, day) for o in _objectives(year).filter(priorities=priority)])
    return {
        "progress": _rate_priority(priority, objectives),
        "year_label": periods.fiscal_year_label(year),
        "engagement": list(EngagementExercise.objects.filter(is_published=True, priorities=priority)
                           .prefetch_related("responses")),
        "feedback": list(published_feedback_qs().filter(priority=priority).order_by("-submitted_at")),
    }


def non_priorities(plan):
    if plan is None:
        return []
    return list(NonPriority.objects.filter(strategic_plan=plan, is_published=True).order_by("review_on", "title"))


# Service plans and services --------------------------------------------------------------------


@dataclass
class ServiceProgress:
    service: Service
    objectives: list

    @property
    def milestones(self):
        return [m for o in self.objectives for m in o.milestones]

    @property
    def complete_count(self):
        return sum(o.complete_count for o in self.objectives)

    @property
    def overdue(self):
        return [m for o in self.objectives for m in o.overdue]

    @property
    def rating(self):
        return roll_up(o.rating for o in self.objectives)

    @property
    def words(self):
        return summaries.PROGRESS_WORDS[self.rating]


def service_plans(year=None):
    """This year's published objectives, grouped by service: two queries."""
    year = year or this_year()
    day = today()
    by_service = {}
    for objective in _objectives(year):
        service = objective.plan.service
        by_service.setdefault(service.pk, ServiceProgress(service, [])).objectives.append(_rate(objective, day))
    return list(by_service.values())


def public_services():
    """Services with something published: objectives in an approved plan, or indicator figures."""
    objectives = published_objectives().filter(plan__service=OuterRef("pk"))
    figures = published_values().filter(indicator__service=OuterRef("pk"))
    return Service.objects.filter(Q(Exists(objectives)) | Q(Exists(figures))).select_related("directorate")


def get_public_service(pk):
    return _get(public_services(), pk)


def service_page(service):
    year = this_year()
    day = today()
    plan = ServicePlan.objects.filter(service=service, year=year, status=ServicePlan.Status.APPROVED).first()
    objectives = []
    if plan is not None:
        objectives = attach_measures(ANONYMOUS, [_rate(o, day) for o in _objectives(year).filter(plan=plan)])
    figures = [row for row in indicator_selectors.indicator_list(ANONYMOUS, service=service)
               if row.latest is not None]
    return {
        "plan": plan,
        "progress": ServiceProgress(service, objectives),
        "figures": figures,
        "year_label": periods.fiscal_year_label(year),
        "feedback": list(published_feedback_qs().filter(service=service).order_by("-submitted_at")),
    }


# Indicators ---------------------------------------------------------------------------------------


def indicator_rows(*, lean=False):
    """Active indicators with a published figure, with its target, RAG and direction: three queries. `lean`:
    only what a row shows of each indicator, not its service (indicators.selectors.indicator_list)."""
    return [row for row in indicator_selectors.indicator_list(ANONYMOUS, lean=lean) if row.latest is not None]


def indicator_summary_items(rows):
    return [(row.indicator.name, row.latest.rag) for row in rows]


def get_published_indicator(pk):
    indicators = Indicator.objects.filter(is_active=True).filter(
        Exists(IndicatorValue.objects.filter(indicator=OuterRef("pk"), status=ValueStatus.PUBLISHED)))
    return _get(indicators.select_related("service"), pk)


def indicator_page(indicator, group_id=None):
    page = indicator_selectors.indicator_page(ANONYMOUS, indicator, group_id=group_id)
    # Periods with a target but no published figure and no benchmarks add nothing to the table.
    page["rows"] = [r for r in page["rows"] if r.value is not None or r.benchmark or r.england is not None]
    latest = page["latest"]
    latest_benchmark = page["latest_benchmark"]
    if latest is None:
        page["summary"] = summaries.indicator_summary(name=indicator.name, period=None, figure=None, target=None,
                                                      rag=None, polarity_label="", vs_previous=None,
                                                      vs_last_year=None)
        return page
    target = latest.target
    target_text = None
    if target is not None:
        target_text = indicator.format(target.value)
        if target.value_upper is not None:
            target_text = f"{target_text} to {indicator.format(target.value_upper)}"
    benchmark = latest_benchmark.benchmark if latest_benchmark else None
    page["summary"] = summaries.indicator_summary(
        name=indicator.name, period=latest.period.label, figure=indicator.format(latest.actual),
        target=target_text, rag=latest.value.rag, polarity_label=indicator.get_polarity_display(),
        vs_previous=latest.vs_previous, vs_last_year=latest.vs_last_year,
        england=indicator.format(latest.england) if latest.england is not None else None,
        rank=benchmark.rank if benchmark else None, ranked_among=benchmark.ranked_among if benchmark else None,
        group=page["group"].name if benchmark and page["group"] else None,
        benchmark_period=latest_benchmark.period.label if latest_benchmark else None,
    )
    page["target_words"] = summaries.target_words(latest.value.rag)
    return page


# Engagement: you said, we did ---------------------------------------------------------------------


def engagement():
    published = Priority.objects.filter(is_published=True).order_by("number")
    return list(EngagementExercise.objects.filter(is_published=True)
                .prefetch_related("groups", "responses", Prefetch("priorities", queryset=published))
                .order_by("-starts_on", "title"))


# Scrutiny and Best Value ----------------------------------------------------------------------------


def scrutiny_reviews():
    """Published reviews with their recommendations (and how many the executive has answered): two queries."""
    reviews = list(ScrutinyReview.objects.filter(is_published=True).select_related("committee")
                   .prefetch_related(Prefetch("recommendations",
                                              queryset=Recommendation.objects.select_related("addressed_to")))
                   .order_by("-published_on", "-reported_on", "title"))
    for review in reviews:
        review.answered = sum(bool(r.response) for r in review.recommendations.all())
    return reviews


def get_published_review(pk):
    return _get(ScrutinyReview.objects.filter(is_published=True).select_related("committee"), pk)


def review_recommendations(review):
    return list(review.recommendations.select_related("addressed_to").prefetch_related("updates"))


def recommendations_summary(recommendations, reviews, *, single=False):
    responses = Counter(r.response for r in recommendations)
    implemented = sum(r.implementation == Recommendation.Implementation.IMPLEMENTED for r in recommendations)
    return summaries.responses_summary(
        reviews=reviews, recommendations=len(recommendations),
        accepted=responses[Recommendation.Response.ACCEPTED],
        partly=responses[Recommendation.Response.PARTLY_ACCEPTED],
        rejected=responses[Recommendation.Response.REJECTED], awaiting=responses[""], implemented=implemented,
        single=single)


def best_value_reviews():
    """Published Best Value reviews with their improvement actions: two queries."""
    return list(BestValueReview.objects.filter(is_published=True).select_related("service")
                .prefetch_related("actions").order_by("-year", "title"))


def get_published_best_value(pk):
    return _get(BestValueReview.objects.filter(is_published=True).select_related("service"), pk)


def best_value_page(review):
    return {
        "sections": [s for s in review.sections.all() if s.is_complete and s.findings],
        "preferred": [o for o in review.options.all() if o.is_preferred],
        "actions": list(review.actions.all()),
    }


def best_value_summary(reviews):
    actions = [a for r in reviews for a in r.actions.all()]
    day = today()
    return summaries.best_value_summary(
        reviews=len(reviews), actions=len(actions),
        complete=sum(a.status == ImprovementAction.Status.COMPLETE for a in actions),
        overdue=sum(a.is_overdue(day) for a in actions))


# Complaints ------------------------------------------------------------------------------------------


def complaint_years():
    return complaint_selectors.statistics_years()


def default_complaint_year(years):
    """The last complete financial year, if there were complaints in it; else this one."""
    return years[1] if len(years) > 1 else years[0]


def complaint_statistics(year):
    stats = complaint_selectors.statistics(period=complaint_selectors.Period(year))
    # The published tables carry totals, so no small count may stand alone in a column.
    stats.volumes = disclosure.protect(stats.volumes[:-1]) + stats.volumes[-1:]
    stats.by_service = disclosure.protect(stats.by_service)
    volumes = stats.volumes[-1] if stats.volumes else None  # the "All regimes" row
    responses = [share for _, step, share in stats.timeliness if step.endswith("response")]
    met = sum(s.numerator for s in responses)
    total = sum(s.denominator for s in responses)
    on_time = None
    if total >= stats.threshold:
        on_time = round(100 * met / total)
    top = next((name for name, n in stats.categories if not n.suppressed and n.value), None)
    label = periods.fiscal_year_label(year) + (" (so far)" if year == this_year() else "")
    summary = summaries.complaints_summary(year_label=label, formal=volumes[1] if volumes else 0,
                                           compliments=volumes[3] if volumes else 0, on_time=on_time,
                                           top_category=top)
    return stats, summary, label


# Feedback --------------------------------------------------------------------------------------------


def published_feedback():
    return list(published_feedback_qs().select_related("priority", "service").order_by("-submitted_at"))


def feedback_targets():
    """What someone may comment on: the published priorities of the current plan and the public services."""
    plan = current_strategic_plan()
    priorities = list(Priority.objects.filter(strategic_plan=plan, is_published=True)) if plan else []
    return priorities, list(public_services().order_by("name"))


# The home page and the feed ----------------------------------------------------------------------------


def home_page():
    year = this_year()
    rows = indicator_rows(lean=True)  # names, figures and ratings only
    return {
        **_plans_in_words(year),
        "indicator_summary": summaries.indicators_summary(indicator_summary_items(rows)),
        "off_target": [r for r in rows if summaries.target_words(r.latest.rag) == summaries.OFF_TARGET],
        "answered_feedback": published_feedback_qs().exclude(answer="").count(),
        "updates": updates(limit=5),
    }


def _plans_in_words(year):
    """The home page's priorities and milestones in words. They come from the plans alone, so they are kept
    (core.summaries, at the PLANS version) until a plan, priority, objective or milestone changes: a published
    figure, which makes the home page again, does not make them again."""

    def build():
        plan = current_strategic_plan()
        progress = priorities_progress(plan, year)
        services_ = service_plans(year)
        milestones = [m for s in services_ for m in s.milestones]
        overdue = [m.title for s in services_ for m in s.overdue]
        year_label = periods.fiscal_year_label(year)
        return {
            "plan": plan,
            "year_label": year_label,
            "priority_summary": summaries.priorities_summary([(p.priority.title, p.rating) for p in progress]),
            "milestone_summary": summaries.milestones_summary(
                len(milestones), sum(m.status == Milestone.Status.COMPLETE for m in milestones), overdue,
                year_label),
        }

    return kept.cached("public-home-plans", ANONYMOUS, (year,), build, version=kept.PLANS)


@dataclass
class Update:
    title: str
    description: str
    link: str
    at: datetime.datetime
    kind: str


def _at(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 0)))


def updates(limit=30):
    """What changed lately on the public pages, newest first: a fixed number of queries."""
    from django.urls import reverse

    found = []
    for value in (published_values().filter(published_at__isnull=False)
                  .select_related("indicator", "period").order_by("-published_at")[:limit]):
        found.append(Update(
            f"New figure: {value.indicator.name}, {value.period.label}",
            f"{value.indicator.code}: {value.indicator.format(value.actual)} "
            f"({summaries.target_words(value.rag)}).",
            reverse("public-indicator", args=[value.indicator_id]), value.published_at, "Figure"))
    for milestone in (published_milestones().filter(status=Milestone.Status.COMPLETE, completed_on__isnull=False)
                      .select_related("objective__plan__service").order_by("-completed_on")[:limit]):
        service = milestone.objective.plan.service
        found.append(Update(f"Milestone complete: {milestone.title}",
                            f"{service.name}: {milestone.objective.title}.",
                            reverse("public-service", args=[service.pk]), _at(milestone.completed_on),
                            "Milestone"))
    # Both kinds of review in one query: the scrutiny committees' and Best Value's. Neither part keeps its
    # model's ordering: SQLite (the embedded default) refuses an ORDER BY inside a UNION.
    scrutiny = (ScrutinyReview.objects.filter(is_published=True, published_on__isnull=False).order_by()
                .values_list("pk", "title", "report_summary", "published_on", Value("scrutiny")))
    best_value = (BestValueReview.objects.filter(is_published=True, judged_on__isnull=False).order_by()
                  .values_list("pk", "title", "report_summary", "judged_on", Value("best_value")))
    for pk, title, summary, on, kind in scrutiny.union(best_value, all=True).order_by("-published_on")[:limit]:
        if kind == "scrutiny":
            found.append(Update(f"Scrutiny report published: {title}", summary[:300],
                                reverse("public-scrutiny-review", args=[pk]), _at(on), "Scrutiny"))
        else:
            found.append(Update(f"Best Value review published: {title}", summary[:300],
                                reverse("public-best-value-review", args=[pk]), _at(on), "Best Value"))
    for feedback in (published_feedback_qs().exclude(answer="").filter(answered_at__isnull=False)
                     .select_related("priority", "service").order_by("-answered_at")[:limit]):
        found.append(Update(f"The council answered feedback on {feedback.subject_title}",
                            feedback.answer[:300], feedback.get_public_url(), feedback.answered_at, "Feedback"))
    found.sort(key=lambda u: u.at, reverse=True)
    return found[:limit]


# Open data -----------------------------------------------------------------------------------------------


def value_rows(indicator=None):
    """Every published figure with its target, RAG and England's figure: four queries."""
    values = published_values().select_related("indicator__service", "period").order_by(
        "indicator__code", "period__start")
    indicators = Indicator.objects.filter(is_active=True)
    if indicator is not None:
        values = values.filter(indicator=indicator)
        indicators = indicators.filter(pk=indicator.pk)
    values = list(values)
    ids = {v.indicator_id for v in values}
    targets = indicator_selectors.TargetBook(Target.objects.filter(indicator_id__in=ids).select_related("period"))
    england = {(b.indicator_id, b.period_id): b.value for b in BenchmarkValue.objects.filter(
        indicator_id__in=ids, area__kind=ComparatorArea.Kind.COUNTRY)}
    return [(v, targets.get(v.indicator_id, v.period), england.get((v.indicator_id, v.period_id))) for v in values]


def milestone_rows(year=None):
    """This year's published milestones with their objective and service: two queries."""
    return [(s.service, o, m) for s in service_plans(year) for o in s.objectives for m in o.milestones]
