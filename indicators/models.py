"""Indicators, their values and targets, and benchmarks against other councils."""

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from core.links import reverse_id
from indicators import periods, rag
from indicators.rag import ToleranceRule


class Framework(models.TextChoices):
    PAF = "paf", "PAF"
    ASCOF = "ascof", "ASCOF"
    LOCAL = "local", "Local"
    OTHER = "other", "Other national"


class Unit(models.TextChoices):
    PERCENT = "percent", "Percentage"
    RATE_1000 = "per_1000", "Rate per 1,000"
    RATE_10000 = "per_10000", "Rate per 10,000"
    RATE_100000 = "per_100000", "Rate per 100,000"
    COUNT = "count", "Count"
    GBP = "gbp", "Pounds (£)"
    DAYS = "days", "Days"
    SCORE = "score", "Score"


UNIT_MULTIPLIERS = {
    Unit.PERCENT: 100, Unit.RATE_1000: 1000, Unit.RATE_10000: 10000, Unit.RATE_100000: 100000,
}


class Polarity(models.TextChoices):
    HIGHER = rag.HIGHER, "Higher is better"
    LOWER = rag.LOWER, "Lower is better"
    RANGE = rag.RANGE, "A target range is best"


class Frequency(models.TextChoices):
    MONTHLY = periods.MONTH, "Monthly"
    QUARTERLY = periods.QUARTER, "Quarterly"
    ANNUAL = periods.YEAR, "Annual"


class RagScheme(models.TextChoices):
    STANDARD = rag.STANDARD, "Amber within tolerance (Reigate and most councils)"
    IMPROVING = rag.IMPROVING, "Green within tolerance; amber if off but improving (Havering)"
    FOUR_LEVEL = rag.FOUR_LEVEL, "Four levels: green, green-amber, red-amber, red (Barnet)"


class ToleranceKind(models.TextChoices):
    PERCENTAGE = rag.PERCENTAGE, "Percentage of the target"
    ABSOLUTE = rag.ABSOLUTE, "Absolute, in the indicator's unit"


class RAG(models.TextChoices):
    GREEN = rag.GREEN, "Green"
    GREEN_AMBER = rag.GREEN_AMBER, "Green-amber"
    AMBER = rag.AMBER, "Amber"
    RED_AMBER = rag.RED_AMBER, "Red-amber"
    RED = rag.RED, "Red"


RAG_TAG_COLOURS = {
    rag.GREEN: "green", rag.GREEN_AMBER: "turquoise", rag.AMBER: "yellow", rag.RED_AMBER: "orange", rag.RED: "red",
}

# The fields that define what an indicator measures: changing one starts a new
# version and breaks the series.
DEFINITION_FIELDS = (
    "name", "unit", "polarity", "numerator_label", "denominator_label", "multiplier", "data_source", "definition",
)


class IndicatorQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Everyone signed in reads the library; the public sees active indicators only."""
        if user.is_authenticated:
            return self.all()
        return self.filter(is_active=True)

    def enterable_by(self, user):
        """Indicators whose values this person may enter."""
        if not user.is_authenticated:
            return self.none()
        if user.access.is_performance_officer:
            return self.all()
        return self.filter(service_id__in=user.access.data_service_ids)


class Indicator(models.Model):
    code = models.CharField(max_length=30, unique=True, help_text="For example ASCOF 2A(2) or PAF C32")
    name = models.CharField(max_length=250)
    framework = models.CharField(max_length=10, choices=Framework.choices)
    domain = models.CharField(max_length=120, blank=True,
                              help_text="For example 'C: effectiveness of service delivery' or '2: delaying need'")
    unit = models.CharField(max_length=12, choices=Unit.choices)
    polarity = models.CharField(max_length=10, choices=Polarity.choices)
    frequency = models.CharField(max_length=10, choices=Frequency.choices)
    numerator_label = models.CharField("numerator", max_length=250, blank=True,
                                       help_text="What is counted, when the value is calculated")
    denominator_label = models.CharField("denominator", max_length=250, blank=True,
                                         help_text="What it is divided by")
    multiplier = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal(1),
                                     help_text="100 for a percentage, 1,000 for a rate per 1,000")
    decimal_places = models.PositiveSmallIntegerField(default=1)
    value_minimum = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True,
                                        help_text="Lowest possible value; 0 when left blank")
    value_maximum = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True,
                                        help_text="Highest possible value; 100 for a percentage when left blank")
    data_source = models.CharField(max_length=300, blank=True)
    definition = models.TextField("definition notes", blank=True)
    service = models.ForeignKey("organisation.Service", on_delete=models.PROTECT, related_name="indicators")
    accountable_officer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                                            blank=True, related_name="indicators_accountable")
    data_officer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="indicators_data")
    rag_scheme = models.CharField("RAG rule", max_length=12, choices=RagScheme.choices, default=RagScheme.STANDARD)
    tolerance_kind = models.CharField(max_length=12, choices=ToleranceKind.choices, default=ToleranceKind.PERCENTAGE)
    tolerance = models.DecimalField(max_digits=12, decimal_places=4, default=Decimal(5),
                                    help_text="How far off target still counts as amber (green for Havering)")
    tolerance_outer = models.DecimalField(max_digits=12, decimal_places=4, null=True, blank=True,
                                          help_text="Four levels only: the edge of red-amber; twice the tolerance "
                                                    "when left blank")
    band_thresholds = models.JSONField("PAF band boundaries", default=list, blank=True,
                                       help_text="Four ascending numbers between bands 1|2, 2|3, 3|4 and 4|5")
    band_cap = models.PositiveSmallIntegerField("highest band possible", default=5)
    band_key_thresholds = models.JSONField("key thresholds", default=list, blank=True,
                                           help_text="Pairs of [threshold, highest band beyond it]")
    due_days = models.PositiveSmallIntegerField("due after (days)", default=28,
                                                help_text="Days after the period ends that the value is due")
    escalate_after_days = models.PositiveSmallIntegerField(
        default=14, help_text="Days overdue before the accountable officer is told; twice this, the senior "
                              "manager responsible for management information")
    is_active = models.BooleanField(default=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        ordering = ["framework", "code"]

    def __str__(self):
        return f"{self.code}: {self.name}"

    def get_absolute_url(self):
        return reverse_id("indicators:detail", self.pk)

    @property
    def tolerance_rule(self):
        return ToleranceRule(self.rag_scheme, self.tolerance_kind, self.tolerance, self.tolerance_outer)

    @property
    def is_calculated(self):
        return bool(self.numerator_label and self.denominator_label)

    @property
    def unit_suffix(self):
        return {Unit.PERCENT: "%", Unit.DAYS: " days"}.get(self.unit, "")

    def value_range(self):
        """The lowest and highest values that make sense (None: no limit)."""
        low = self.value_minimum if self.value_minimum is not None else Decimal(0)
        high = self.value_maximum
        if high is None and self.unit == Unit.PERCENT:
            high = Decimal(100)
        return low, high

    def format(self, value):
        if value is None:
            return ""
        places = self.decimal_places
        # Half up, as people round: 71.25 shows as 71.3.
        rounded = Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        text = f"{rounded:,.{places}f}"
        if self.unit == Unit.GBP:
            return f"£{text}"
        return f"{text}{self.unit_suffix}"


class IndicatorVersion(models.Model):
    """A definition as it stood: changing one breaks the series from `effective_from`."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    effective_from = models.DateField(null=True, blank=True, help_text="Applies to periods starting on or after")
    definition = models.JSONField(help_text="The definition fields as they stood")
    change_note = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["indicator", "number"]
        constraints = [models.UniqueConstraint(fields=["indicator", "number"], name="indicator_version_unique")]

    def __str__(self):
        return f"{self.indicator.code} version {self.number}"


class Period(models.Model):
    """A financial year, quarter or month; rows are made from `indicators.periods` specs."""

    kind = models.CharField(max_length=10, choices=Frequency.choices)
    start = models.DateField()
    end = models.DateField()
    fiscal_year = models.PositiveSmallIntegerField(help_text="The year it starts: 2024 for 2024/25")
    label = models.CharField(max_length=20)

    class Meta:
        ordering = ["start", "-end"]
        constraints = [models.UniqueConstraint(fields=["kind", "start"], name="period_unique")]

    def __str__(self):
        return self.label

    @property
    def spec(self):
        return periods.containing(self.kind, self.start)

    @classmethod
    def from_spec(cls, spec):
        return cls(kind=spec.kind, start=spec.start, end=spec.end, fiscal_year=spec.fiscal_year, label=spec.label)


class ValueStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    VERIFIED = "verified", "Verified"
    PUBLISHED = "published", "Published"


STATUS_TAG_COLOURS = {"draft": "grey", "submitted": "blue", "verified": "purple", "published": "green"}
READ_STATUSES = (ValueStatus.VERIFIED, ValueStatus.PUBLISHED)


# Which figures a person sees (figures_seen): the audiences of indicators.row_cache too.
SEES_PUBLISHED, SEES_READ, SEES_EVERY_STATUS = "published", "read", "all"


def figures_seen(user):
    """(what the person sees of figures, the services whose figures of every status they see besides).

    The public and leavers see published figures; everyone signed in verified ones too; those who enter or
    manage a service's figures every status of that service's; the performance team every status of all.
    """
    if not user.is_authenticated or not user.is_current:
        return SEES_PUBLISHED, frozenset()
    access = user.access
    if access.is_performance_officer or access.is_system_admin:
        return SEES_EVERY_STATUS, frozenset()
    return SEES_READ, frozenset(access.data_service_ids)


class IndicatorValueQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The figures the person may see (figures_seen)."""
        seen, own = figures_seen(user)
        if seen == SEES_PUBLISHED:
            return self.filter(status=ValueStatus.PUBLISHED)
        if seen == SEES_EVERY_STATUS:
            return self.all()
        condition = Q(status__in=READ_STATUSES)
        if own:
            condition |= Q(indicator__service_id__in=own)
        return self.filter(condition)


class IndicatorValue(models.Model):
    # No index of its own: indicator_value_unique (indicator, period) serves every lookup by indicator. With both,
    # the planner took this one for "these indicators' figures in these periods" and read every figure of their
    # history; without it, it reads the periods' figures (ten times faster on ten years of monthly figures).
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="values", db_index=False)
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="+")
    actual = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    numerator = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    denominator = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    commentary = models.TextField(blank=True, help_text="Why, and what is being done when off track")
    is_provisional = models.BooleanField("provisional", default=False)
    status = models.CharField(max_length=10, choices=ValueStatus.choices, default=ValueStatus.DRAFT)
    rag = models.CharField("RAG", max_length=12, choices=RAG.choices, blank=True, editable=False,
                           help_text="Computed from the target and the tolerance rule")
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                                   related_name="+")
    entered_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)
    verified_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")
    verified_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+")
    published_at = models.DateTimeField(null=True, blank=True)
    first_published_at = models.DateTimeField(null=True, blank=True)

    objects = IndicatorValueQuerySet.as_manager()

    class Meta:
        ordering = ["indicator", "period__start"]
        constraints = [models.UniqueConstraint(fields=["indicator", "period"], name="indicator_value_unique")]
        indexes = [
            models.Index(fields=["status"]),
            # The public pages' latest figures ("What's new" and the Atom feed): the newest few published,
            # read from the end of this index rather than by sorting every published figure.
            models.Index(fields=["published_at"], name="value_published_at", condition=models.Q(status="published")),
        ]

    def __str__(self):
        return f"{self.indicator.code} {self.period}"

    def get_absolute_url(self):
        return reverse("indicators:value", args=[self.pk])

    @property
    def was_published(self):
        return self.first_published_at is not None

    @property
    def rag_colour(self):
        return RAG_TAG_COLOURS.get(self.rag, "grey")

    @property
    def status_colour(self):
        return STATUS_TAG_COLOURS[self.status]


class ValueRevision(models.Model):
    """Every change to a value, kept for good: who, when, what it was, what it became, and why."""

    class Action(models.TextChoices):
        ENTERED = "entered", "Entered"
        CHANGED = "changed", "Changed"
        SUBMITTED = "submitted", "Submitted"
        VERIFIED = "verified", "Verified"
        RETURNED = "returned", "Returned for correction"
        PUBLISHED = "published", "Published"
        IMPORTED = "imported", "Imported"

    value = models.ForeignKey(IndicatorValue, on_delete=models.CASCADE, related_name="revisions")
    action = models.CharField(max_length=10, choices=Action.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    old_actual = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    new_actual = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    old_status = models.CharField(max_length=10, choices=ValueStatus.choices, blank=True)
    new_status = models.CharField(max_length=10, choices=ValueStatus.choices, blank=True)
    changes = models.JSONField(default=dict, blank=True, help_text="Other fields: {field: [old, new]}")
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["value", "at", "pk"]

    def __str__(self):
        return f"{self.get_action_display()} {self.value} by {self.actor}"


class Target(models.Model):
    # No index of its own: target_unique (indicator, period) serves every lookup by indicator (see IndicatorValue).
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets", db_index=False)
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="+")
    value = models.DecimalField(max_digits=14, decimal_places=4)
    value_upper = models.DecimalField("upper end of the range", max_digits=14, decimal_places=4, null=True,
                                      blank=True, help_text="For a target range only")
    note = models.CharField(max_length=300, blank=True)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    set_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["indicator", "period__start"]
        constraints = [models.UniqueConstraint(fields=["indicator", "period"], name="target_unique")]

    def __str__(self):
        return f"Target for {self.indicator.code} {self.period}"


class ComparatorArea(models.Model):
    """A real council, region or country, labelled as itself: its figures are never ours."""

    class Kind(models.TextChoices):
        COUNCIL = "council", "Council"
        REGION = "region", "Region"
        COUNTRY = "country", "Country"

    ons_code = models.CharField("ONS area code", max_length=9, unique=True)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.COUNCIL)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class ComparatorGroup(models.Model):
    class Kind(models.TextChoices):
        CIPFA = "cipfa", "CIPFA nearest neighbours"
        NHS_NEAR = "nhs_near", "NHS England near neighbours"
        CHILDRENS = "childrens", "Children's statistical neighbours"
        ENGLAND = "england", "England"
        REGION = "region", "Region"
        OTHER = "other", "Other"

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.OTHER)
    description = models.TextField(blank=True)
    areas = models.ManyToManyField(ComparatorArea, related_name="groups", blank=True)
    minimum_sample = models.PositiveSmallIntegerField(
        default=5, help_text="Warn when fewer comparators than this have data for a period")
    is_default = models.BooleanField("shown first on indicator pages", default=False)

    class Meta:
        ordering = ["-is_default", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("indicators:group", args=[self.pk])


class BenchmarkValue(models.Model):
    """A published figure for another area; None means the publisher had no data ("NA")."""

    area = models.ForeignKey(ComparatorArea, on_delete=models.CASCADE, related_name="values")
    # No index of its own: benchmark_indicator_period serves every lookup by indicator (see IndicatorValue).
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="benchmarks", db_index=False)
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="+")
    value = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    data_import = models.ForeignKey("DataImport", on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")

    class Meta:
        ordering = ["indicator", "period__start", "area__name"]
        constraints = [models.UniqueConstraint(fields=["area", "indicator", "period"], name="benchmark_unique")]
        # An indicator's figures in some periods (its page, the dashboards), without reading its whole history.
        indexes = [models.Index(fields=["indicator", "period"], name="benchmark_indicator_period")]

    def __str__(self):
        return f"{self.area} {self.indicator.code} {self.period}"


class DataImport(models.Model):
    """A file being imported: benchmark figures for other areas, or our own values."""

    class Kind(models.TextChoices):
        BENCHMARKS = "benchmarks", "Comparator figures"
        VALUES = "values", "Our own values"

    class Status(models.TextChoices):
        UPLOADED = "uploaded", "Uploaded"
        MAPPED = "mapped", "Columns matched"
        QUEUED = "queued", "Waiting to run"
        RUNNING = "running", "Importing"
        DONE = "done", "Imported"
        FAILED = "failed", "Failed"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    file_name = models.CharField(max_length=255)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)
    header = models.JSONField(default=list)
    rows = models.JSONField(default=list, help_text="The file's rows as text, header excluded")
    column_map = models.JSONField(default=dict, blank=True, help_text="{field: column index}")
    indicator_map = models.JSONField(default=dict, blank=True, help_text="{name in file: indicator id or ''}")
    indicator = models.ForeignKey(Indicator, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                  help_text="For a file of one indicator with no indicator column")
    group = models.ForeignKey(ComparatorGroup, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                              help_text="Add the file's areas to this comparator group")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.UPLOADED)
    valid_only = models.BooleanField(default=False)
    rows_done = models.PositiveIntegerField(default=0)
    rows_written = models.PositiveIntegerField(default=0)
    rows_no_data = models.PositiveIntegerField(default=0)
    rows_skipped = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-uploaded_at"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.file_name}"

    def get_absolute_url(self):
        return reverse("indicators:import", args=[self.pk])

    @property
    def rows_total(self):
        return len(self.rows)

    @property
    def percent_done(self):
        return int(100 * self.rows_done / self.rows_total) if self.rows_total else 100


class ExceptionRule(models.Model):
    """A condition that puts an indicator on the watchlist for scrutiny."""

    class Kind(models.TextChoices):
        RED_RUN = "red_run", "Red for N periods in a row"
        DETERIORATING = "deteriorating", "Worse for N periods in a row"
        BOTTOM_QUARTILE = "bottom_quartile", "In the bottom quartile of a comparator group"

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    periods = models.PositiveSmallIntegerField("N periods", default=2)
    comparator_group = models.ForeignKey(ComparatorGroup, on_delete=models.CASCADE, null=True, blank=True,
                                         help_text="Bottom quartile only; the default group when blank")
    framework = models.CharField(max_length=10, choices=Framework.choices, blank=True,
                                 help_text="Only indicators of this framework; all when blank")
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["kind", "name"]

    def __str__(self):
        return self.name


class OverdueNotice(models.Model):
    """A reminder or escalation sent about a missing value, so each is sent once."""

    class Level(models.TextChoices):
        DATA_OFFICER = "data_officer", "Reminder to the data officer"
        ACCOUNTABLE = "accountable", "Escalated to the accountable officer"
        MI_OFFICER = "mi_officer", "Escalated to the senior manager responsible for management information"

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="overdue_notices")
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="+")
    level = models.CharField(max_length=14, choices=Level.choices)
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-sent_at"]
        constraints = [models.UniqueConstraint(fields=["indicator", "period", "level"], name="overdue_once")]

    def __str__(self):
        return f"{self.get_level_display()}: {self.indicator.code} {self.period}"
