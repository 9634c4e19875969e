"""What each report says: the figures, gathered into a JSON snapshot of sections and blocks.

The snapshot is the record: the HTML and the PDF are drawn from it alone, so an
issued version never changes when a figure is corrected later. Figures come
through the other apps' selectors, read as a councillor reads them (verified and
published figures, never drafts), with their stored RAG, direction of travel,
benchmark summaries and roll-ups; nothing here rates anything itself.

A block is one of:
- {"kind": "paragraph", "text"}
- {"kind": "table", "caption", "head", "rows", "numeric"}: a cell is text or {"text", "tag"} (a tag colour)
- {"kind": "bars", "title", "alt", "bars": [[label, value or null, text]], "colour"}
- {"kind": "indicator", ...}: one indicator's latest figure, trend chart and series table
"""

from collections import Counter

from django.conf import settings
from django.utils import timezone

from indicators import rag as R
from indicators.models import RAG, RAG_TAG_COLOURS, Framework, Indicator
from indicators.selectors import recent_series
from indicators.selectors import watchlist as indicator_watchlist
from organisation.access import reader as portal_reader
from organisation.models import Service
from priorities import selectors as priority_selectors
from priorities.rag import Rag, roll_up
from reports.models import Audience, ReportType

RAG_ORDER = [R.RED, R.RED_AMBER, R.AMBER, R.GREEN_AMBER, R.GREEN]
CHART_POINTS = 8  # the latest periods a trend chart and its table show


def member_reader():
    """Someone who reads as every councillor does: verified and published figures and every plan.

    Reports are produced by a worker, not a person, and carry only what their whole
    audience may see; the audience's own rules decide who opens them (reports.access).
    """
    return portal_reader()


# Scope ------------------------------------------------------------------------------


def scope_service_ids(report):
    """The services a report covers: a portfolio's, a directorate's, a committee's directorates', or None for
    the whole council."""
    if report.audience == Audience.COMMITTEE:
        directorates = list(report.committee.directorates.values_list("pk", flat=True)) if report.committee else []
        if not directorates:
            return None
        return set(Service.objects.filter(directorate_id__in=directorates).values_list("pk", flat=True))
    if report.audience == Audience.PORTFOLIO:
        return set(Service.objects.filter(portfolio_id=report.portfolio_id).values_list("pk", flat=True))
    if report.audience == Audience.DIRECTORATE:
        return set(Service.objects.filter(directorate_id=report.directorate_id).values_list("pk", flat=True))
    return None


def scope_label(report):
    if report.audience == Audience.COMMITTEE and report.committee:
        names = [d.name for d in report.committee.directorates.order_by("name")]
        if names:
            listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
            return f"the {listed} director{'ate' if len(names) == 1 else 'ates'}"
    if report.audience == Audience.PORTFOLIO:
        return f"the {report.portfolio} portfolio"
    if report.audience == Audience.DIRECTORATE:
        return f"the {report.directorate} directorate"
    return "the whole council"


# Cells ------------------------------------------------------------------------------


def rag_cell(code):
    if not code:
        return "No target"
    return {"text": RAG(code).label, "tag": RAG_TAG_COLOURS.get(code, "grey")}


def thread_rag_cell(rating):
    return {"text": rating.label, "tag": rating.colour}


def travel_text(direction):
    return direction.label if direction else "–"


def _num(value):
    return float(value) if value is not None else None


def table(caption, head, rows, numeric=()):
    return {"kind": "table", "caption": caption, "head": head, "rows": rows, "numeric": list(numeric)}


# Indicators ---------------------------------------------------------------------------


class IndicatorFigures:
    """One indicator's series up to the end of the report's period: the indicator page's rows (recent_series)."""

    def __init__(self, indicator, rows, group):
        self.indicator = indicator
        self.rows = rows
        self.group = group
        self.latest = next((r for r in reversed(self.rows) if r.actual is not None), None)
        self.latest_benchmark = next((r for r in reversed(self.rows) if r.benchmark and r.benchmark.ours is not None),
                                     None)

    @property
    def rag(self):
        return self.latest.value.rag if self.latest else None

    def block(self, *, reasons=(), anchor_prefix=""):
        indicator = self.indicator
        shown = self.rows[-CHART_POINTS:]
        fmt = indicator.format
        latest = self.latest
        benchmark = None
        if self.latest_benchmark:
            b = self.latest_benchmark.benchmark
            benchmark = {
                "period": self.latest_benchmark.period.label,
                "group": self.group.name if self.group else "",
                "median": fmt(b.median),
                "quartile": b.quartile_label if b.quartile else "",
                "rank": f"{b.rank} of {b.ranked_among}" if b.rank else "",
                "small_sample": b.small_sample,
            }
        series = [
            ["ours", settings.COUNCIL_NAME, [_num(r.actual) for r in shown]],
            ["target", "Target", [_num(r.target.value) if r.target else None for r in shown]],
            ["england", "England", [_num(r.england) for r in shown]],
            ["median", "Comparator median", [_num(r.benchmark.median) if r.benchmark else None for r in shown]],
        ]
        series = [s for s in series if any(v is not None for v in s[2])]
        summary = f"{indicator.code}, {indicator.name}"
        if latest:
            summary += f": {fmt(latest.actual)} in {latest.period.label}"
            if latest.target:
                summary += f" against a target of {fmt(latest.target.value)}"
        return {
            "kind": "indicator",
            "anchor": f"{anchor_prefix}{indicator.code}".lower().replace(" ", "-").replace("(", "").replace(")", ""),
            "code": indicator.code,
            "name": indicator.name,
            "service": indicator.service.name,
            "framework": indicator.get_framework_display(),
            "polarity": indicator.get_polarity_display(),
            "latest_period": latest.period.label if latest else "",
            "latest": fmt(latest.actual) if latest else "No figure",
            "provisional": bool(latest and latest.value.is_provisional),
            "rag": rag_cell(self.rag) if latest else rag_cell(None),
            "target": fmt(latest.target.value) if latest and latest.target else "–",
            "vs_previous": travel_text(latest.vs_previous) if latest else "–",
            "vs_last_year": travel_text(latest.vs_last_year) if latest else "–",
            "benchmark": benchmark,
            "commentary": latest.value.commentary if latest else "",
            "reasons": list(reasons),
            "chart": {
                "periods": [r.period.label for r in shown],
                "series": series,
                "suffix": indicator.unit_suffix.strip() if indicator.unit_suffix.strip() == "%" else "",
                "alt": (f"Line chart. {summary}. " if shown else "") + "The table that follows gives every figure.",
            } if shown and latest else None,
            "series_head": ["Series", *[r.period.label for r in shown]],
            "series_rows": [row for row in [
                [settings.COUNCIL_NAME, *[fmt(r.actual) or "–" for r in shown]],
                ["Target", *[fmt(r.target.value) if r.target else "–" for r in shown]],
                ["RAG", *[rag_cell(r.value.rag) if r.value and r.value.rag else "–" for r in shown]],
                ["England", *[fmt(r.england) or "–" for r in shown]],
                ["Comparator median", *[fmt(r.benchmark.median) if r.benchmark and r.benchmark.median is not None
                                        else "–" for r in shown]],
            ] if any(cell != "–" for cell in row[1:])],
        }


def indicators_in_scope(reader, service_ids, period_end):
    """Figures for every active indicator in scope, in framework and code order: eight queries in all.

    Each indicator's last CHART_POINTS periods up to the period's end, and a year before them for the direction
    of travel, are read for all of them at once (a large council has hundreds).
    """
    indicators = Indicator.objects.visible_to(reader).filter(is_active=True).select_related("service")
    if service_ids is not None:
        indicators = indicators.filter(service_id__in=service_ids)
    indicators = list(indicators.order_by("framework", "code"))
    group, series = recent_series(reader, indicators, until=period_end, count=CHART_POINTS)
    return [IndicatorFigures(i, series[i.pk], group) for i in indicators]


def rag_summary_blocks(figures, scope):
    totals = Counter(f.rag or "none" for f in figures)
    labels = [RAG(code).label for code in RAG_ORDER] + ["No target or figure"]
    counts = [totals.get(code, 0) for code in RAG_ORDER] + [totals.get("none", 0)]
    return [
        {"kind": "bars", "title": "Indicators by latest RAG status",
         "alt": "Bar chart of indicators by latest RAG status: " + "; ".join(
             f"{label} {count}" for label, count in zip(labels, counts, strict=True)) + ".",
         "bars": [[label, count, str(count)] for label, count in zip(labels, counts, strict=True)]},
        table(f"Indicators in {scope} by latest RAG status ({len(figures)} indicators)", labels,
              [[str(c) for c in counts]], numeric=range(len(labels))),
    ]


def by_service_table(figures):
    by_service = {}
    for f in figures:
        by_service.setdefault(f.indicator.service.name, Counter())[f.rag or "none"] += 1
    head = ["Service"] + [RAG(code).label for code in RAG_ORDER] + ["None"]
    rows = [[name] + [str(c.get(code, 0)) for code in [*RAG_ORDER, "none"]] for name, c in sorted(by_service.items())]
    return table("Indicators by service and latest RAG status", head, rows, numeric=range(1, len(head)))


def indicator_table(figures, caption):
    head = ["Indicator", "Latest", "Target", "RAG", "Since last period", "Since last year", "Comparators"]
    rows = []
    for f in figures:
        latest = f.latest
        comparators = "–"
        if f.latest_benchmark and f.latest_benchmark.benchmark.quartile:
            b = f.latest_benchmark.benchmark
            comparators = f"{b.quartile_label}" + (f", ranked {b.rank} of {b.ranked_among}" if b.rank else "") + \
                f" ({f.latest_benchmark.period.label})"
        rows.append([
            f"{f.indicator.code} {f.indicator.name}",
            f"{latest.period.label}: {f.indicator.format(latest.actual)}" if latest else "No figure",
            f.indicator.format(latest.target.value) if latest and latest.target else "–",
            rag_cell(f.rag) if latest else "–",
            travel_text(latest.vs_previous) if latest else "–",
            travel_text(latest.vs_last_year) if latest else "–",
            comparators,
        ])
    return table(caption, head, rows)


def watch_table(figures, caption, reasons, trend_section, charted):
    """Indicators in a table, each pointing to its trend chart, or its scorecard row, later in the report."""
    head = ["Indicator", "Latest", "Target", "RAG", "Since last period", "Why it is here"]
    rows = [[f"{f.indicator.code} {f.indicator.name}",
             f"{f.latest.period.label}: {f.indicator.format(f.latest.actual)}" if f.latest else "No figure",
             f.indicator.format(f.latest.target.value) if f.latest and f.latest.target else "–",
             rag_cell(f.rag) if f.latest else "–", travel_text(f.latest.vs_previous) if f.latest else "–",
             "; ".join(reasons.get(f.indicator.pk, [])) + (
                 f" ({'trend' if f.indicator.pk in charted else 'scorecard'} in section {trend_section[f.indicator.pk]})")]
            for f in figures]
    return table(caption, head, rows)


def worse_on_both(latest):
    """Worse than the period before and than the same period a year before: a fall that one period's noise does
    not explain. Against the period before alone, about half of a large council's indicators are "worse" in any
    quarter, and a list of half the scorecard tells a committee nothing."""
    return bool(latest and latest.vs_previous and latest.vs_last_year
                and latest.vs_previous.judgement == R.WORSE and latest.vs_last_year.judgement == R.WORSE)


def exceptions(figures):
    return [f for f in figures if f.rag in (R.RED, R.RED_AMBER)]


# Priorities ---------------------------------------------------------------------------


def priority_threads(reader, service_ids, today):
    """The golden thread's priorities (and their objectives in scope), rated by the priorities app's rule."""
    year = priority_selectors.current_year(today)
    plan = priority_selectors.strategic_plan_for_year(year)
    if plan is None:
        return None, []
    threads, _ = priority_selectors.golden_thread(reader, plan, year, today)
    if service_ids is not None:
        for thread in threads:
            thread.objectives = [o for o in thread.objectives if o.objective.plan.service_id in service_ids]
            thread.rag = roll_up(o.rag for o in thread.objectives)
        threads = [t for t in threads if t.objectives]
    return plan, threads


def priority_blocks(plan, threads, scope):
    if plan is None:
        return [{"kind": "paragraph", "text": "No strategic plan covers this year."}]
    counts = Counter(t.rag for t in threads)
    blocks = [
        {"kind": "bars", "title": "Priorities by rating",
         "alt": "Bar chart of priorities by rating: " + "; ".join(
             f"{r.label} {counts.get(r, 0)}" for r in (Rag.RED, Rag.AMBER, Rag.GREEN, Rag.GREY)) + ".",
         "bars": [[r.label, counts.get(r, 0), str(counts.get(r, 0))] for r in (Rag.RED, Rag.AMBER, Rag.GREEN,
                                                                              Rag.GREY)]},
        table(f"Priorities in {plan} with objectives in {scope}", ["Priority", "Objectives", "Progress", "Rating"],
              [[f"{t.priority.number}. {t.priority.title}", str(len(t.objectives)),
                f"{t.progress}%" if t.progress is not None else "–", thread_rag_cell(t.rag)] for t in threads],
              numeric=[1, 2]),
    ]
    return blocks


def objective_blocks(threads, today):
    blocks = []
    at_risk = []
    for thread in threads:
        rows = []
        for o in thread.objectives:
            rows.append([f"{o.objective.number}. {o.objective.title}", o.objective.plan.service.name,
                         f"{o.progress}%" if o.progress is not None else "–", thread_rag_cell(o.rag)])
            for m in o.milestones:
                if m.rating in (Rag.RED, Rag.AMBER):
                    at_risk.append((m, o))
        blocks.append(table(f"Priority {thread.priority.number}: {thread.priority.title}",
                            ["Objective", "Service", "Progress", "Rating"], rows, numeric=[2]))
    at_risk.sort(key=lambda item: (item[0].due_on, item[0].title))
    blocks.append(table(
        f"Milestones overdue or at risk ({len(at_risk)})", ["Milestone", "Service", "Due", "Complete", "Rating"],
        [[m.title, o.objective.plan.service.name, f"{m.due_on:%-d %b %Y}", f"{m.percent_complete}%",
          {"text": "Overdue" if m.due_on < today else m.rating.label, "tag": m.rating.colour}] for m, o in at_risk],
        numeric=[3]))
    return blocks


# Report types ---------------------------------------------------------------------------


def section(slug, title, blocks, commentary, intro=""):
    return {"slug": slug, "title": title, "intro": intro, "commentary": commentary.get(slug, ""), "blocks": blocks}


SECTIONS = {
    ReportType.EXECUTIVE: [("summary", "Summary"), ("priorities", "Priorities and milestones"),
                           ("exceptions", "Exceptions"), ("indicators", "Indicators")],
    ReportType.PORTFOLIO: [("summary", "Summary"), ("priorities", "Priorities and milestones"),
                           ("exceptions", "Exceptions"), ("indicators", "Indicators")],
    ReportType.SCRUTINY: [("summary", "Summary"), ("exceptions", "Exceptions"),
                          ("deteriorating", "Deteriorating indicators"),
                          ("national", "PAF and ASCOF indicators: trends and comparators"),
                          ("local", "Local indicators: trends"),
                          ("recommendations", "Open recommendations and executive responses")],
    ReportType.COMPLAINTS: [("summary", "Complaints and compliments received"), ("services", "By service"),
                            ("timeliness", "Timeliness"), ("outcomes", "Outcomes"),
                            ("themes", "What people complained about"),
                            ("escalation", "Escalation and the Ombudsman")],
}


def performance_report(report, reader, commentary, today):
    """The executive's or a portfolio holder's report: RAG summary, priorities, exceptions and indicators."""
    scope_ids = scope_service_ids(report)
    scope = scope_label(report)
    figures = indicators_in_scope(reader, scope_ids, report.period.end)
    plan, threads = priority_threads(reader, scope_ids, today)
    found = exceptions(figures)
    return [
        section("summary", "Summary", [
            {"kind": "paragraph", "text": f"Performance of {scope} in {report.period.label}: "
                                          f"{len(figures)} indicators, {len(found)} of them red or red-amber, "
                                          f"and {len(threads)} council priorities."},
            *rag_summary_blocks(figures, scope), *priority_blocks(plan, threads, scope)], commentary),
        section("priorities", "Priorities and milestones", objective_blocks(threads, today), commentary,
                intro="Each objective is rated from its milestones, and each priority from its objectives."),
        section("exceptions", "Exceptions", [f.block(anchor_prefix="exception-") for f in found] or [
            {"kind": "paragraph", "text": "No indicator is red or red-amber."}], commentary,
            intro="Indicators red or red-amber at their latest figure, with the service's commentary."),
        section("indicators", "Indicators", [indicator_table(
            figures, f"Latest figures, targets, trends and comparators ({len(figures)} indicators)")], commentary),
    ]


ATTENTION = "red or red-amber at their latest figure, or on the watchlist"


def trend_blocks(figures, charted, anchor_prefix, kind):
    """A trend chart for each indicator that needs the committee's attention, then every other one's scorecard
    row: a chart for each of a large council's 600 indicators made a 300-page report nobody could read."""
    if not figures:
        return [{"kind": "paragraph", "text": f"No {kind} are reported."}]
    shown = [f for f in figures if f.indicator.pk in charted]
    rest = [f for f in figures if f.indicator.pk not in charted]
    blocks = [f.block(anchor_prefix=anchor_prefix) for f in shown] or [
        {"kind": "paragraph", "text": f"None of the {len(figures)} {kind} is {ATTENTION}."}]
    if rest:
        blocks.append(indicator_table(rest, f"Scorecard: the other {len(rest)} {kind}, latest figures, targets, "
                                            "trends and comparators"))
    return blocks


def trend_intro(figures, charted, lead=""):
    shown = sum(1 for f in figures if f.indicator.pk in charted)
    if not figures:
        return lead.strip()
    rest = len(figures) - shown
    return (f"{lead}Trend charts for the {shown} indicators that need the committee's attention ({ATTENTION}); "
            + (f"the other {rest} are in the scorecard at the end of the section." if rest else
               "every indicator of this section is one of them."))


def scrutiny_report(report, reader, commentary, today):
    """Exceptions, deteriorating indicators, trends with comparators, and the committee's recommendations.

    Trend charts are for the indicators that need attention (exception reporting); every indicator is in a
    scorecard, as councils report to scrutiny.
    """
    scope = scope_label(report)  # the committee's directorates, or the whole council
    figures = indicators_in_scope(reader, scope_service_ids(report), report.period.end)
    found = exceptions(figures)
    reasons = {}
    for item in indicator_watchlist(user=reader):
        reasons.setdefault(item.indicator.pk, []).append(item.reason)
    by_id = {f.indicator.pk: f for f in figures}
    worse = [f for f in figures if worse_on_both(f.latest)]
    watched = [by_id[pk] for pk in reasons if pk in by_id]
    deteriorating = sorted({f.indicator.pk: f for f in [*watched, *worse]}.values(), key=lambda f: f.indicator.code)
    national = [f for f in figures if f.indicator.framework in (Framework.PAF, Framework.ASCOF)]
    local = [f for f in figures if f.indicator.framework not in (Framework.PAF, Framework.ASCOF)]
    trend_section = {f.indicator.pk: 4 for f in national} | {f.indicator.pk: 5 for f in local}
    charted = {f.indicator.pk for f in found} | {f.indicator.pk for f in watched}
    return [
        section("summary", "Summary", [
            {"kind": "paragraph", "text": f"{len(figures)} indicator{'s' if len(figures) != 1 else ''} in {scope} "
                                          f"in {report.period.label}: "
                                          f"{len(found)} red or red-amber, {len(deteriorating)} deteriorating or "
                                          f"on the watchlist."},
            *rag_summary_blocks(figures, scope), by_service_table(figures)], commentary),
        section("exceptions", "Exceptions", [watch_table(
            found, f"{len(found)} indicators red or red-amber at their latest figure",
            {f.indicator.pk: [f"{RAG(f.rag).label} against target"] for f in found}, trend_section, charted)],
            commentary, intro="Indicators red or red-amber at their latest figure."),
        section("deteriorating", "Deteriorating indicators", [watch_table(
            deteriorating, f"{len(deteriorating)} indicators deteriorating or on the watchlist",
            {f.indicator.pk: reasons.get(f.indicator.pk) or ["Worse than the period before and a year before"]
             for f in deteriorating},
            trend_section, charted)], commentary,
            intro="Worse than both the period before and the same period a year before, or caught by the "
                  "watchlist's rules (red for several periods, "
                  "worse period after period, or in the bottom quartile of comparators)."),
        section("national", "PAF and ASCOF indicators: trends and comparators",
                trend_blocks(national, charted, "national-", "PAF or ASCOF indicators"), commentary,
                intro=trend_intro(national, charted, "Our figures over time against the target, England and the "
                                                     "comparator group's median. ")),
        section("local", "Local indicators: trends", trend_blocks(local, charted, "local-", "local indicators"),
                commentary, intro=trend_intro(local, charted)),
        section("recommendations", "Open recommendations and executive responses",
                recommendation_blocks(report.committee, today), commentary),
    ]


def recommendation_blocks(committee, today):
    """The committee's recommendations not yet implemented nor closed, with the executive's response."""
    from scrutiny.models import Recommendation

    closed = (Recommendation.Implementation.IMPLEMENTED, Recommendation.Implementation.NOT_IMPLEMENTED)
    recommendations = (Recommendation.objects.filter(review__committee=committee, review__reported_on__isnull=False)
                       .exclude(implementation__in=closed).exclude(response=Recommendation.Response.REJECTED)
                       .select_related("review", "addressed_to").order_by("review__reported_on", "review_id",
                                                                           "number"))
    blocks = []
    by_review = {}
    for r in recommendations:
        by_review.setdefault(r.review, []).append(r)
    for review, items in by_review.items():
        rows = []
        for r in items:
            standing = r.standing(today)
            response = r.get_response_display() if r.response else f"Awaited ({standing.label.lower()})"
            rows.append([str(r.number), r.text, str(r.addressed_to or "–"), response,
                         r.response_reasons or "–", r.get_implementation_display()])
        blocks.append(table(f"{review.title} (reported {review.reported_on:%-d %B %Y}; response due "
                            f"{review.response_due_on:%-d %B %Y})",
                            ["No.", "Recommendation", "Portfolio", "Executive response", "Reasons", "Implementation"],
                            rows))
    return blocks or [{"kind": "paragraph", "text": "The committee has no open recommendations."}]


def complaints_report(report, reader, commentary, today):
    """Aggregate statistics for the financial year, with small counts suppressed by the complaints app."""
    from complaints.selectors import Period as ComplaintsPeriod
    from complaints.selectors import statistics

    stats = statistics(period=ComplaintsPeriod(report.period.fiscal_year))
    kinds = ["Formal complaints", "Informal complaints", "Compliments"]
    volume_rows = [[name, *[str(c) for c in counts]] for name, *counts in stats.volumes]
    formal = [(name, counts[0]) for name, *counts in stats.volumes if name != "All regimes"]
    note = (f"Counts from 1 to {stats.threshold - 1} are shown as \u201cfewer than {stats.threshold}\u201d and "
            f"percentages of fewer than {stats.threshold} are not shown, so that nobody can be identified.")
    return [
        section("summary", "Complaints and compliments received", [
            {"kind": "paragraph", "text": f"Complaints and compliments received in {stats.period.label}. {note}"},
            {"kind": "bars", "title": "Formal complaints by procedure",
             "alt": "Bar chart of formal complaints by procedure: " + "; ".join(
                 f"{name} {count}" for name, count in formal) + ".",
             "bars": [[name, None if count.suppressed else count.value, str(count)] for name, count in formal]},
            table("Received, by procedure", ["Procedure", *kinds], volume_rows, numeric=[1, 2, 3])], commentary),
        section("services", "By service", [table("Received, by service", ["Service", *kinds],
                                                 [[name, *[str(c) for c in counts]] for name, *counts in
                                                  stats.by_service], numeric=[1, 2, 3])], commentary),
        section("timeliness", "Timeliness", [table(
            "Answered within the timescale", ["Procedure", "Step", "Within the timescale"],
            [[regime, step, str(share)] for regime, step, share in stats.timeliness], numeric=[2])], commentary),
        section("outcomes", "Outcomes", [table(
            "Outcome of each point of complaint, by stage", ["Stage", *stats.outcome_labels, "All"],
            [[step, *[str(c) for c in counts], str(total)] for step, counts, total in stats.outcomes],
            numeric=range(1, len(stats.outcome_labels) + 2))], commentary),
        section("themes", "What people complained about", [
            {"kind": "bars", "title": "Complaints by category",
             "alt": "Bar chart of complaints by category: " + "; ".join(
                 f"{name} {count}" for name, count in stats.categories) + ".",
             "bars": [[name, None if c.suppressed else c.value, str(c)] for name, c in stats.categories]},
            table("Complaints by category", ["Category", "Complaints"],
                  [[name, str(c)] for name, c in stats.categories], numeric=[1])], commentary),
        section("escalation", "Escalation and the Ombudsman", [
            table("Requests to go to a further stage", ["Procedure", "Stage", "Requests"],
                  [[regime, stage, str(c)] for regime, stage, c in stats.escalations], numeric=[2]),
            table("Local Government and Social Care Ombudsman decisions", ["Decision", "Complaints"],
                  [[label, str(c)] for label, c in stats.ombudsman], numeric=[1])], commentary),
    ]


BUILDERS = {
    ReportType.EXECUTIVE: performance_report,
    ReportType.PORTFOLIO: performance_report,
    ReportType.SCRUTINY: scrutiny_report,
    ReportType.COMPLAINTS: complaints_report,
}


def snapshot(report, *, number, now=None):
    """Everything the report says, as plain JSON: the record an issued version keeps."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    reader = member_reader()
    sections = BUILDERS[report.report_type](report, reader, report.commentary or {}, today)
    return {
        "title": report.get_report_type_display(),
        "report_type": report.report_type,
        "audience": report.audience_label,
        "period": report.period.label,
        "period_start": report.period.start.isoformat(),
        "period_end": report.period.end.isoformat(),
        "period_dates": f"{report.period.start:%-d %B %Y} to {report.period.end:%-d %B %Y}",
        "version": number,
        "generated_at": now.isoformat(),
        "generated_on": f"{timezone.localtime(now):%-d %B %Y at %H:%M}",
        "council": settings.COUNCIL_NAME,
        "basis": "Verified and published figures as they stood when the report was produced. Figures corrected "
                 "later appear in a new version, never in this one.",
        "sections": sections,
    }
