"""Report packs: schedules, the reports they produce and each frozen version.

A `Report` is one report type, for one audience, about one period (the
executive's quarterly report for Q2 2026/27, say). Each time it is produced a
`ReportVersion` is frozen: its figures (a JSON snapshot), the HTML and the PDF
as they stood. Later corrections to the figures change nothing in an issued
version; a new version can be issued. The idempotency key (type, period,
audience, version) is unique, so the same version is never produced twice, even
when a worker dies and the task is delivered again.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone

USER = settings.AUTH_USER_MODEL


class ReportType(models.TextChoices):
    EXECUTIVE = "executive", "Executive quarterly performance report"
    PORTFOLIO = "portfolio", "Portfolio holder's report"
    SCRUTINY = "scrutiny", "Scrutiny performance report"
    COMPLAINTS = "complaints", "Annual complaints report"


class Audience(models.TextChoices):
    EXECUTIVE = "executive", "The executive"
    PORTFOLIO = "portfolio", "A portfolio holder"
    COMMITTEE = "committee", "A scrutiny committee"
    DIRECTORATE = "directorate", "A directorate management team"


class Frequency(models.TextChoices):
    QUARTERLY = "quarter", "Quarterly"
    ANNUAL = "year", "Annually (financial year)"


# Who each report is written for, and how often it can come.
AUDIENCES_FOR = {
    ReportType.EXECUTIVE: (Audience.EXECUTIVE, Audience.DIRECTORATE),
    ReportType.PORTFOLIO: (Audience.PORTFOLIO,),
    ReportType.SCRUTINY: (Audience.COMMITTEE,),
    ReportType.COMPLAINTS: (Audience.EXECUTIVE, Audience.COMMITTEE, Audience.DIRECTORATE),
}
FREQUENCIES_FOR = {
    ReportType.EXECUTIVE: (Frequency.QUARTERLY, Frequency.ANNUAL),
    ReportType.PORTFOLIO: (Frequency.QUARTERLY, Frequency.ANNUAL),
    ReportType.SCRUTINY: (Frequency.QUARTERLY, Frequency.ANNUAL),
    ReportType.COMPLAINTS: (Frequency.ANNUAL,),
}
# The object each audience needs, by field name.
AUDIENCE_FIELD = {Audience.PORTFOLIO: "portfolio", Audience.COMMITTEE: "committee",
                  Audience.DIRECTORATE: "directorate"}
MAX_WORKING_DAYS_AFTER = 60


class AudienceFields(models.Model):
    """Who a report is for: the executive, or one portfolio holder, scrutiny committee or directorate team."""

    report_type = models.CharField("report", max_length=12, choices=ReportType.choices)
    audience = models.CharField(max_length=12, choices=Audience.choices)
    portfolio = models.ForeignKey("organisation.Portfolio", on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+")
    committee = models.ForeignKey("scrutiny.Committee", on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+", limit_choices_to={"kind": "scrutiny"},
                                  verbose_name="scrutiny committee")
    directorate = models.ForeignKey("organisation.Directorate", on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")
    # "executive", "portfolio:3", ...: one value that the unique constraints can use.
    audience_key = models.CharField(max_length=40, editable=False)

    class Meta:
        abstract = True

    @property
    def audience_object(self):
        field = AUDIENCE_FIELD.get(self.audience)
        return getattr(self, field) if field else None

    @property
    def audience_label(self):
        target = self.audience_object
        if self.audience == Audience.PORTFOLIO:
            return f"Portfolio holder for {target}"
        if self.audience == Audience.DIRECTORATE:
            return f"{target} management team"
        return str(target) if target else "The executive"

    def make_audience_key(self):
        field = AUDIENCE_FIELD.get(self.audience)
        return f"{self.audience}:{getattr(self, f'{field}_id')}" if field else str(self.audience)

    def audience_errors(self):
        """What is wrong with the report and audience chosen, by field."""
        errors = {}
        if self.report_type and self.audience and self.audience not in AUDIENCES_FOR[self.report_type]:
            allowed = ", ".join(Audience(a).label.lower() for a in AUDIENCES_FOR[self.report_type])
            errors["audience"] = f"The {ReportType(self.report_type).label.lower()} is for {allowed}."
        needed = AUDIENCE_FIELD.get(self.audience)
        for field in AUDIENCE_FIELD.values():
            value = getattr(self, f"{field}_id")
            if field == needed and value is None:
                errors[field] = f"Choose the {self._meta.get_field(field).verbose_name}."
            elif field != needed and value is not None:
                setattr(self, field, None)  # a choice left over from another audience
        if self.committee_id and self.committee.kind != "scrutiny":
            errors["committee"] = "Choose a scrutiny committee."
        return errors


class ReportSchedule(AudienceFields):
    """Produce a report for an audience each period, a set number of working days after the period ends.

    Celery beat runs it: each schedule has a PeriodicTask (django-celery-beat's database
    scheduler) that fires daily at `run_at` and produces the report once `next_period` is due,
    then moves on to the period after (services.schedule_run). Working-day due dates cannot be
    written as a crontab, so the due date is kept here and the daily run checks it.
    """

    frequency = models.CharField("how often", max_length=8, choices=Frequency.choices,
                                 default=Frequency.QUARTERLY)
    working_days_after = models.PositiveSmallIntegerField(
        "working days after the period ends", default=10, validators=[MaxValueValidator(MAX_WORKING_DAYS_AFTER)],
        help_text="Weekends, bank holidays and council closure days are not counted.")
    run_at = models.TimeField("time of day", default=datetime.time(7, 0))
    recipients = models.ManyToManyField(USER, blank=True, related_name="report_schedules",
                                        help_text="Each is e-mailed a link when the report is ready, and may read it.")
    is_active = models.BooleanField("active", default=True)
    next_period = models.ForeignKey("indicators.Period", on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")
    next_run_at = models.DateTimeField("next report due at", null=True, blank=True)
    periodic_task = models.OneToOneField("django_celery_beat.PeriodicTask", on_delete=models.SET_NULL, null=True,
                                         blank=True, related_name="+")
    created_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["report_type", "audience_key"]
        constraints = [models.UniqueConstraint(fields=["report_type", "audience_key"],
                                               name="one_schedule_per_report_and_audience")]

    def __str__(self):
        return f"{self.get_report_type_display()} for {self.audience_label}"

    def get_absolute_url(self):
        return reverse("reports:schedule-detail", args=[self.pk])

    def clean(self):
        errors = self.audience_errors()
        if self.report_type and self.frequency not in FREQUENCIES_FOR[self.report_type]:
            errors["frequency"] = f"The {ReportType(self.report_type).label.lower()} is produced annually."
        if errors:
            raise ValidationError(errors)


class ReportQuerySet(models.QuerySet):
    def visible_to(self, user):
        from reports.access import visible_reports_condition

        condition = visible_reports_condition(user)
        return self.filter(condition) if condition is not None else self.none()


class Report(AudienceFields):
    """One report for one audience and period; its versions are the frozen issues."""

    period = models.ForeignKey("indicators.Period", on_delete=models.PROTECT, related_name="+")
    schedule = models.ForeignKey(ReportSchedule, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="reports")
    commentary = models.JSONField("officer commentary", default=dict, blank=True,
                                  help_text="Each section's commentary, by section; copied into each new version.")
    commentary_updated_at = models.DateTimeField(null=True, blank=True)
    commentary_updated_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True,
                                              related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-period__start", "report_type", "audience_key"]
        constraints = [models.UniqueConstraint(fields=["report_type", "period", "audience_key"],
                                               name="one_report_per_type_period_and_audience")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("reports:report-detail", args=[self.pk])

    @property
    def title(self):
        return f"{self.get_report_type_display()}, {self.period.label}: {self.audience_label}"

    def clean(self):
        errors = self.audience_errors()
        if errors:
            raise ValidationError(errors)


class ReportVersion(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Being produced"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    class Trigger(models.TextChoices):
        SCHEDULE = "schedule", "On schedule"
        ON_DEMAND = "on_demand", "On demand"

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveSmallIntegerField("version")
    idempotency_key = models.CharField(max_length=120, unique=True, editable=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    phase = models.CharField("what it is doing", max_length=40, blank=True)
    trigger = models.CharField(max_length=10, choices=Trigger.choices)
    requested_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    generated_at = models.DateTimeField("generated at", null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    failure_reason = models.TextField(blank=True)
    snapshot = models.JSONField("figures as they stood", default=dict, blank=True)
    html = models.TextField("rendered report", blank=True)
    pdf = models.BinaryField("PDF", blank=True, default=b"")
    pdf_pages = models.PositiveSmallIntegerField(null=True, blank=True)
    timings = models.JSONField(default=dict, blank=True, help_text="Seconds spent on each phase.")
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["report", "-number"]
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="report_version_number_unique")]

    def __str__(self):
        return f"{self.report}, version {self.number}"

    def get_absolute_url(self):
        return reverse("reports:version-detail", args=[self.pk])

    @property
    def is_finished(self):
        return self.status in (self.Status.READY, self.Status.FAILED)

    @property
    def pdf_filename(self):
        return f"{self.idempotency_key.replace(':', '-').replace('/', '-').replace(' ', '-')}.pdf"


def idempotency_key(report_type, period_label, audience_key, number):
    """The key that names one version of one report: never produced twice."""
    return f"{report_type}:{period_label}:{audience_key}:v{number}"
