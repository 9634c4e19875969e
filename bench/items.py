"""What the benchmark measures: one entry per page, API list or job.

To measure something new, add one entry. A page is a URL and the persona
who opens it (see bench.generate.PERSONAS); a job is a function timed inside a
transaction that is rolled back; `pending` keeps an entry in the table as
"not yet measured" until what it measures exists.

`url` receives a Context: the ids of the things the pages are about, looked up
once in the measured database.
"""

from dataclasses import dataclass
from functools import cached_property

from django.urls import reverse

from bench.generate import PERSONAS
from indicators import periods as P

PAGE_LIMIT_MS = 150  # median at the largest scale (issue #10)
MAX_QUERIES = 15
IMPORT_ROWS = 100_000
REPORT_MIN_PAGES = 20
REPORT_MIN_CHARTS = 20


@dataclass
class Page:
    key: str
    title: str
    persona: str | None  # None: not signed in
    url: object = None  # Context -> path
    pending: str = ""  # why it is not measured yet
    limit_ms: float = PAGE_LIMIT_MS
    max_queries: int | None = MAX_QUERIES  # None: no limit, but still the same at every scale
    rendering_rule: bool = True  # non-SQL time at most max(SQL time, 20 ms)
    # The version (core.versioned) whose cache serves this page: it is then also measured "cold", with the
    # version replaced before each request, as after any change to what it shows.
    cached: str = ""  # "summaries" (core.summaries) or "public" (public.caching)
    # What tests/bench holds the page to in CI when it does not yet meet max_queries: a regression fails
    # there, and the report still shows the target missed.
    ci_max_queries: int | None = None


@dataclass
class Throughput:
    """Requests a second of a page under gunicorn, against a trivial view on the same server (bench.public_throughput).

    Measured once per scale, after the pages and jobs, with wrk on loopback.
    """

    key: str
    title: str
    path: str = "/"
    min_ratio: float = 0.5
    duration: int = 5  # seconds per wrk run
    rounds: int = 2  # alternating runs of each URL


@dataclass
class Job:
    """Something that is not a page, timed by calling `run(context)` inside a transaction that is rolled back."""

    key: str
    title: str
    run: object = None  # Context -> None
    prepare: object = None  # Context -> None, untimed, once
    pending: str = ""
    limit_ms: float = 15_000
    max_queries: int | None = None
    rendering_rule: bool = False
    runs: int = 1
    warmups: int = 0


class Context:
    """The things the measured pages are about, found in the generated council."""

    import_rows = IMPORT_ROWS  # the rows of the history import (the query-count tests use fewer)

    @cached_property
    def people(self):
        from organisation.models import User

        return {key: User.objects.get(email=email) for key, email in PERSONAS.items()}

    @cached_property
    def today(self):
        from django.utils import timezone

        return timezone.localdate()

    @cached_property
    def year(self):
        return P.fiscal_year_of(self.today)

    @cached_property
    def head_service(self):
        from organisation.models import Role, RoleAssignment

        return RoleAssignment.objects.get(user=self.people["head"], role=Role.HEAD_OF_SERVICE).service_id

    @cached_property
    def data_service(self):
        from organisation.models import Role, RoleAssignment

        return RoleAssignment.objects.get(user=self.people["data"], role=Role.DATA_OFFICER).service_id

    @cached_property
    def service_plan(self):
        from priorities.models import ServicePlan

        return ServicePlan.objects.get(service_id=self.head_service, year=self.year).pk

    @cached_property
    def strategic_plan(self):
        from priorities.models import StrategicPlan

        return StrategicPlan.objects.covering(self.year).get().pk

    @cached_property
    def benchmarked_indicator(self):
        """An annual indicator with comparator figures: the chart shows quartiles and England."""
        from indicators.models import Indicator

        return Indicator.objects.filter(frequency=P.YEAR, is_active=True, benchmarks__isnull=False).order_by(
            "code").first().pk

    @cached_property
    def monthly_indicator(self):
        """A monthly indicator (the longest series) that measures one of this year's objectives: the figure whose
        saving the cached pages are measured after (bench.harness.figure_saved), so the golden thread draws a
        section again too."""
        from indicators.models import Indicator

        monthly = Indicator.objects.filter(frequency=P.MONTH, is_active=True).order_by("code")
        return (monthly.filter(objectives__plan__year=self.year).first() or monthly.first()).pk

    @cached_property
    def portfolio(self):
        from organisation.models import Portfolio

        return Portfolio.objects.get(holder=self.people["portfolio"]).pk

    @cached_property
    def entry_period(self):
        """Last month: the one the data officer is entering now."""
        from indicators.models import Period

        spec = P.previous(P.containing(P.MONTH, self.today))
        return Period.objects.get(kind=spec.kind, start=spec.start).pk

    @cached_property
    def committee(self):
        """The scrutiny committee the scrutiny persona sits on: the quarterly report is written for it."""
        from scrutiny.models import Committee

        return Committee.objects.filter(kind="scrutiny", members__person=self.people["scrutiny"]).order_by("pk").first()

    @cached_property
    def report_period(self):
        """The last quarter that has ended: the one a quarterly report covers."""
        from indicators.services import period_ensure

        return period_ensure(P.previous(P.containing(P.QUARTER, self.today)))

    @cached_property
    def import_file(self):
        return import_file(self.import_rows)


def import_file(rows):
    """A CSV of `rows` of our own values in the export template: earlier years' history, before what is there.

    Figures for the years before the council's records start, going back a year
    at a time over every active indicator, as a council moving its history over
    from an old system would load them.
    """
    from indicators import importing
    from indicators.models import Indicator, Period

    indicators = list(Indicator.objects.filter(is_active=True).order_by("code").values_list("code", "frequency",
                                                                                            "unit"))
    first = Period.objects.filter(kind=P.YEAR).order_by("start").values_list("fiscal_year", flat=True).first()
    lines = []
    year = first - 1
    while len(lines) < rows:
        for code, frequency, unit in indicators:
            for n, spec in enumerate(P.periods_of_year(year, frequency)):
                value = 40 + (len(lines) + n) % 50 if unit == "percent" else 100 + len(lines) % 300
                lines.append([code, "", spec.label, f"{value}.5", "", "", "", "", ""])
        year -= 1
    return importing.write_csv(importing.VALUES_TEMPLATE, lines[:rows])


def run_import(context):
    """Upload, check and start (the preview's POST: it checks the file, then queues it) and write (the worker's
    job, which checks each chunk again as it writes it)."""
    from indicators import services
    from indicators.models import DataImport

    actor = context.people["performance"]
    data_import = services.import_upload(actor=actor, kind=DataImport.Kind.VALUES, file_name="history.csv",
                                         data=context.import_file)
    results = services.check_import(data_import)
    if any(not r.is_valid for r in results):
        first = next(r for r in results if not r.is_valid)
        raise AssertionError(f"The generated import file has errors: line {first.line}: {first.errors}")
    services.import_start(data_import=data_import, actor=actor, results=results)
    done = services.import_run(import_id=data_import.pk)
    if done.rows_written != context.import_rows:
        raise AssertionError(f"The import wrote {done.rows_written} rows, not {context.import_rows}")


def run_report(context):
    """Ask for the committee's quarterly scrutiny report and produce it as the worker does: figures, charts,
    HTML, PDF, saved. The budget is for a report of at least 20 pages and 20 charts."""
    from reports import services
    from reports.models import Audience, ReportType, ReportVersion

    version = services.report_request(report_type=ReportType.SCRUTINY, audience=Audience.COMMITTEE,
                                      committee=context.committee, period=context.report_period, new_version=True,
                                      enqueue=False)
    services.report_generate(version_id=version.pk)
    version = ReportVersion.objects.only("pdf_pages", "timings", "status").get(pk=version.pk)
    charts = version.timings.get("charts_drawn", 0)
    if version.pdf_pages < REPORT_MIN_PAGES or charts < REPORT_MIN_CHARTS:
        raise AssertionError(f"The report has {version.pdf_pages} pages and {charts} charts: the budget is for "
                             f"at least {REPORT_MIN_PAGES} of each")


def prepare_report(context):
    context.committee  # noqa: B018 - look these up before the clock starts
    context.report_period  # noqa: B018


def prepare_import(context):
    context.import_file  # noqa: B018 - build the file before the clock starts


ITEMS = [
    Page("scrutiny-dashboard", "Scrutiny dashboard", "scrutiny", lambda c: reverse("scrutiny:dashboard"),
         cached="summaries"),
    Page("executive-dashboard", "Executive dashboard (leader, whole council)", "leader",
         lambda c: reverse("scrutiny:dashboard"), cached="summaries"),
    Page("portfolio-dashboard", "Portfolio holder's dashboard", "portfolio",
         lambda c: reverse("scrutiny:portfolio-dashboard", args=[c.portfolio]), cached="summaries"),
    Page("indicator-page", "Indicator page with chart and benchmark", "scrutiny",
         lambda c: reverse("indicators:detail", args=[c.benchmarked_indicator])),
    Page("indicator-page-monthly", "Indicator page, monthly series", "scrutiny",
         lambda c: reverse("indicators:detail", args=[c.monthly_indicator])),
    Page("indicator-list", "Indicator library (list page)", "performance", lambda c: reverse("indicators:list")),
    # Names two officers: among thousands, each is a search box, not a select of them all (ADR 0016).
    Page("indicator-form", "Indicator form (edit)", "performance",
         lambda c: reverse("indicators:edit", args=[c.monthly_indicator])),
    Page("service-plan", "Service plan page", "head", lambda c: reverse("service-plan-detail", args=[c.service_plan])),
    Page("golden-thread", "Golden thread", "performance",
         lambda c: reverse("golden-thread", args=[c.strategic_plan]), cached="summaries"),
    Page("my-objectives", "My objectives", "staff", lambda c: reverse("appraisals:my-objectives")),
    # Complaints officers sign in with a second factor, whose device each request reads back (ADR 0011).
    Page("complaints-home", "Complaints officer's home page", "complaints", lambda c: reverse("home")),
    Page("public-home", "Public home page", None, lambda c: "/", cached="public"),
    Page("indicator-api", "Indicator list API page", "performance", lambda c: "/api/indicators/"),
    Page("values-api", "Indicator values API page", "performance", lambda c: "/api/indicator-values/"),
    Page("entry-grid", "Data-entry grid", "data",
         lambda c: reverse("indicators:entry-grid", args=[c.data_service, c.entry_period])),
    Job("import-100k", f"{IMPORT_ROWS:,}-row CSV import (validate + commit)", run=run_import, prepare=prepare_import),
    Job("scrutiny-report-pdf", "Quarterly scrutiny report (PDF, 20+ pages and charts)", run=run_report,
        prepare=prepare_report, limit_ms=10_000, runs=3, warmups=1),
    Throughput("public-throughput", "Public home page under gunicorn, against a trivial view"),
]
