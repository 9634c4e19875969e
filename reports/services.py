"""Writes for report packs: schedules kept in step with Celery beat, requests, production, retries, commentary.

Producing a version is safe to repeat. `report_request` gives back the existing
version rather than asking for it twice (the idempotency key is unique in the
database), and `report_generate` leaves a finished version alone, so a task
delivered again after a worker died cannot produce a second copy or a second
e-mail.
"""

import json
import logging
import time

from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django_celery_beat.models import CrontabSchedule, PeriodicTask

from core.working_days import non_working_days
from indicators.services import period_ensure
from reports import content, rendering
from reports import schedule as rules
from reports.models import (
    AUDIENCE_FIELD,
    FREQUENCIES_FOR,
    Report,
    ReportSchedule,
    ReportVersion,
    idempotency_key,
)

log = logging.getLogger(__name__)

RUN_SCHEDULE_TASK = "reports.tasks.run_schedule"
SCHEDULE_FIELDS = ("report_type", "audience", "portfolio", "committee", "directorate", "frequency",
                   "working_days_after", "run_at", "is_active")
AUDIENCE_FIELDS = ("report_type", "audience", "portfolio", "committee", "directorate")


def _errors(error):
    return error.error_dict if hasattr(error, "error_dict") else {None: error.error_list}


def _duplicate_field(obj):
    return AUDIENCE_FIELD.get(obj.audience, "audience")


# Schedules ------------------------------------------------------------------------------


@transaction.atomic
def schedule_save(*, schedule=None, data, actor=None, now=None):
    """Create or change a schedule, set its next run, and keep its PeriodicTask in step.

    `data` may hold `recipients` and `first_period` (a Period to start with, even one already
    due: it is then produced at the next run) besides the schedule's own fields.
    """
    now = now or timezone.now()
    creating = schedule is None
    schedule = schedule or ReportSchedule(created_by=actor)
    before = (schedule.frequency, schedule.working_days_after, schedule.run_at)
    for name in SCHEDULE_FIELDS:
        if name in data:
            setattr(schedule, name, data[name])
    schedule.audience_key = schedule.make_audience_key()
    errors = {}
    try:
        schedule.full_clean(exclude=["next_period", "periodic_task", "created_by"], validate_constraints=False)
    except ValidationError as error:
        errors.update(_errors(error))
    if (schedule.report_type and "audience" not in errors
            and ReportSchedule.objects.filter(report_type=schedule.report_type, audience_key=schedule.audience_key)
            .exclude(pk=schedule.pk).exists()):
        errors.setdefault(_duplicate_field(schedule), []).append(
            "There is already a schedule for this report and audience: change that one instead.")
    first = data.get("first_period")
    if first is not None and first.kind != schedule.frequency and "frequency" not in errors:
        errors.setdefault("first_period", []).append(
            f"Choose a {'quarter' if schedule.frequency == 'quarter' else 'financial year'}, to match how often "
            "the report comes.")
    if errors:
        raise ValidationError(errors)
    schedule.save()
    if "recipients" in data:
        schedule.recipients.set(data["recipients"])
    holidays = non_working_days()
    tz = timezone.get_current_timezone()
    if first is not None:
        schedule.next_period = first
    elif creating or before[0] != schedule.frequency or schedule.next_period is None:
        spec, _ = rules.next_run(schedule.frequency, schedule.working_days_after, schedule.run_at,
                                 timezone.localtime(now), holidays)
        schedule.next_period = period_ensure(spec)
    schedule.next_run_at = rules.due_at(schedule.next_period.spec, schedule.working_days_after, schedule.run_at,
                                        holidays, tz)
    schedule.save(update_fields=["next_period", "next_run_at"])
    _sync_periodic_task(schedule)
    return schedule


def _sync_periodic_task(schedule):
    """The schedule's PeriodicTask: daily at its time of day, enabled while the schedule is active."""
    crontab, _ = CrontabSchedule.objects.get_or_create(
        minute=str(schedule.run_at.minute), hour=str(schedule.run_at.hour), day_of_week="*", day_of_month="*",
        month_of_year="*", timezone=settings.TIME_ZONE)
    task = schedule.periodic_task or PeriodicTask(name=f"Report schedule {schedule.pk}")
    task.crontab = crontab
    task.task = RUN_SCHEDULE_TASK
    task.args = json.dumps([schedule.pk])
    task.enabled = schedule.is_active
    task.description = f"{schedule}: produced when due, checked daily at {schedule.run_at:%H:%M}"[:2000]
    task.save()
    if schedule.periodic_task_id != task.pk:
        schedule.periodic_task = task
        schedule.save(update_fields=["periodic_task"])


@transaction.atomic
def schedule_delete(*, schedule):
    """Stop a schedule: its PeriodicTask goes too; reports it produced stay in the archive."""
    task = schedule.periodic_task
    schedule.delete()
    if task is not None:
        task.delete()


def schedule_run(*, schedule_id, now=None):
    """Produce every report the schedule has due by now, then move it on to the next period.

    Beat runs this daily for each schedule; running it twice is harmless (the schedule row is
    locked, and a report already asked for is not asked for again). Returns the versions asked for.
    """
    now = now or timezone.now()
    produced = []
    with transaction.atomic():
        schedule = (ReportSchedule.objects.select_for_update(of=("self",)).select_related("next_period")
                    .filter(pk=schedule_id).first())
        if schedule is None or not schedule.is_active or schedule.next_run_at is None:
            return produced
        holidays = non_working_days()
        tz = timezone.get_current_timezone()
        while schedule.next_run_at <= now and len(produced) < 12:
            produced.append(report_request(
                **{f: getattr(schedule, f) for f in AUDIENCE_FIELDS}, period=schedule.next_period,
                schedule=schedule, trigger=ReportVersion.Trigger.SCHEDULE))
            spec, at = rules.run_after(schedule.next_period.spec, schedule.working_days_after, schedule.run_at,
                                       holidays, tz)
            schedule.next_period = period_ensure(spec)
            schedule.next_run_at = at
        schedule.save(update_fields=["next_period", "next_run_at"])
    return produced


# Reports and versions ------------------------------------------------------------------------


def _enqueue(version_id):
    from reports.tasks import generate_report

    try:
        generate_report.delay(version_id)
    except Exception as error:  # the broker is down: say so on the status page rather than fail the request
        log.exception("Could not queue report version %s", version_id)
        report_fail(version_id=version_id, reason=f"The task queue could not be reached ({error.__class__.__name__}). "
                                                  "Try again in a few minutes.")


def report_request(*, report_type, audience, period, portfolio=None, committee=None, directorate=None,
                   requested_by=None, schedule=None, trigger=ReportVersion.Trigger.ON_DEMAND, new_version=False,
                   enqueue=True):
    """Ask for a report; returns its version, queued for production.

    Without `new_version` an existing version is returned as it is: the same report, period and
    audience is produced once. With it, the next version number is issued (the last must have
    finished). Raises ValidationError (by field) for an audience or period the report cannot have.
    """
    report = Report(report_type=report_type, audience=audience, portfolio=portfolio, committee=committee,
                    directorate=directorate, period=period)
    report.audience_key = report.make_audience_key()
    errors = report.audience_errors()
    if period is not None and report_type and period.kind not in FREQUENCIES_FOR[report_type]:
        errors["period"] = ("Choose a financial year: this report covers a whole year."
                            if report_type == "complaints" else "Choose a quarter or a financial year.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        lookup = {"report_type": report_type, "period": period, "audience_key": report.audience_key}
        existing = Report.objects.select_for_update().filter(**lookup).first()
        if existing is None:
            try:
                with transaction.atomic():
                    report.save()
            except IntegrityError:  # asked for at the same moment elsewhere
                existing = Report.objects.select_for_update().get(**lookup)
        report = existing or report
        if schedule is None:
            schedule = ReportSchedule.objects.filter(report_type=report_type,
                                                     audience_key=report.audience_key).first()
        if schedule is not None and report.schedule_id is None:
            report.schedule = schedule
            report.save(update_fields=["schedule"])
        latest = report.versions.order_by("-number").first()
        if latest is not None and not new_version:
            return latest
        if latest is not None and not latest.is_finished:
            raise ValidationError(f"Version {latest.number} is still being produced: wait for it to finish.")
        number = latest.number + 1 if latest else 1
        key = idempotency_key(report_type, period.label, report.audience_key, number)
        version = ReportVersion(report=report, number=number, idempotency_key=key, trigger=trigger,
                                requested_by=requested_by)
        try:
            with transaction.atomic():
                version.save()
        except IntegrityError:
            return ReportVersion.objects.get(idempotency_key=key)
        if enqueue:
            transaction.on_commit(lambda: _enqueue(version.pk))
    return version


def _phase(version_id, phase):
    ReportVersion.objects.filter(pk=version_id).update(phase=phase)


def report_generate(*, version_id):
    """Produce a version: the figures, the charts, the HTML and the PDF, each timed.

    Returns (version, produced). A version already produced is left as it is (produced is
    False): this is what makes a redelivered task harmless. The figures are gathered outside
    any transaction (it takes seconds); the result is saved under a row lock, and only if no
    other delivery has saved one first.
    """
    with transaction.atomic():
        version = ReportVersion.objects.select_for_update().get(pk=version_id)
        if version.status == ReportVersion.Status.READY:
            return version, False
        version.status = ReportVersion.Status.RUNNING
        version.started_at = timezone.now()
        version.attempts += 1
        version.failure_reason = ""
        version.phase = "Gathering the figures"
        version.save(update_fields=["status", "started_at", "attempts", "failure_reason", "phase"])
    report = Report.objects.select_related("period", "portfolio", "committee", "directorate").get(
        pk=version.report_id)
    snapshot, timings = produce(report, number=version.number, on_phase=lambda p: _phase(version_id, p))
    with transaction.atomic():
        version = ReportVersion.objects.select_for_update().get(pk=version_id)
        if version.status == ReportVersion.Status.READY:
            return version, False
        version.snapshot = snapshot["snapshot"]
        version.html = snapshot["html"]
        version.pdf = snapshot["pdf"]
        version.pdf_pages = snapshot["pages"]
        version.timings = timings
        version.generated_at = timezone.now()
        version.status = ReportVersion.Status.READY
        version.phase = ""
        version.save()
    return version, True


def produce(report, *, number, on_phase=None, now=None):
    """Figures, charts, HTML and PDF for a report, without saving anything; and seconds per phase."""
    on_phase = on_phase or (lambda phase: None)
    timings = {}
    started = time.perf_counter()
    snapshot = content.snapshot(report, number=number, now=now)
    timings["data"] = time.perf_counter() - started
    on_phase("Drawing the charts")
    mark = time.perf_counter()
    sections, charts = rendering.draw_charts(snapshot)
    timings["charts"] = time.perf_counter() - mark
    on_phase("Writing the report")
    mark = time.perf_counter()
    html = rendering.render_html(snapshot, sections)
    timings["html"] = time.perf_counter() - mark
    on_phase("Making the PDF")
    mark = time.perf_counter()
    pdf, pages = rendering.render_pdf(snapshot, html)
    timings["pdf"] = time.perf_counter() - mark
    timings["total"] = time.perf_counter() - started
    timings = {k: round(v, 3) for k, v in timings.items()}
    timings["charts_drawn"] = charts
    return {"snapshot": snapshot, "html": html, "pdf": pdf, "pages": pages}, timings


def report_retrying(*, version_id, reason):
    """An attempt failed and another will follow: back in the queue, with the reason shown."""
    ReportVersion.objects.filter(pk=version_id).exclude(status=ReportVersion.Status.READY).update(
        status=ReportVersion.Status.QUEUED, phase="Waiting to try again", failure_reason=reason)


def report_fail(*, version_id, reason):
    ReportVersion.objects.filter(pk=version_id).exclude(status=ReportVersion.Status.READY).update(
        status=ReportVersion.Status.FAILED, phase="", failure_reason=reason)


@transaction.atomic
def report_retry(*, version, actor=None):
    """Try a failed version again: same number, same key."""
    version = ReportVersion.objects.select_for_update().get(pk=version.pk)
    if version.status != ReportVersion.Status.FAILED:
        raise ValidationError("Only a version that failed can be tried again.")
    version.status = ReportVersion.Status.QUEUED
    version.phase = ""
    version.requested_by = actor or version.requested_by
    version.save(update_fields=["status", "phase", "requested_by"])
    transaction.on_commit(lambda: _enqueue(version.pk))
    return version


def report_notify(*, version_id):
    """E-mail each recipient a link to a version once it is ready; never twice. Returns how many were sent.

    The message names the report and period and links to it; it holds no figures and no
    personal data, and each recipient gets their own (nobody sees who else was sent it).
    """
    with transaction.atomic():
        version = (ReportVersion.objects.select_for_update(of=("self",)).select_related("report__period", "report__schedule")
                   .get(pk=version_id))
        if version.status != ReportVersion.Status.READY or version.emailed_at is not None:
            return 0
        schedule = version.report.schedule
        recipients = list(schedule.recipients.current().values_list("email", flat=True)) if schedule else []
        context = {"version": version, "report": version.report, "url": settings.SITE_URL + version.get_absolute_url(),
                   "council_name": settings.COUNCIL_NAME}
        subject = render_to_string("reports/email_subject.txt", context).strip()
        body = render_to_string("reports/email_body.txt", context)
        messages = [mail.EmailMessage(subject, body, to=[address]) for address in recipients]
        if messages:
            mail.get_connection().send_messages(messages)
        version.emailed_at = timezone.now()
        version.save(update_fields=["emailed_at"])
    return len(messages)


@transaction.atomic
def commentary_save(*, report, commentary, actor):
    """Officers' commentary, one text per section; the next version issued carries it."""
    sections = dict(content.SECTIONS[report.report_type])
    report.commentary = {slug: text.strip() for slug, text in commentary.items() if slug in sections and text.strip()}
    report.commentary_updated_at = timezone.now()
    report.commentary_updated_by = actor
    report.save(update_fields=["commentary", "commentary_updated_at", "commentary_updated_by"])
    return report
