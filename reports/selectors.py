"""Reads for report packs and the access helper per object type.

Each `get_<thing>_for_user` returns the object or raises Http404 (not there, or
not for this person: a report's existence is not revealed to someone outside
its audience) or PermissionDenied (schedules, for anyone but the performance
team). Lists run a fixed number of queries whatever their length.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Prefetch
from django.http import Http404
from django.utils import timezone

from indicators import periods as P
from indicators.services import periods_ensure
from reports import access
from reports.models import Report, ReportSchedule, ReportType, ReportVersion

LIGHT_VERSION_FIELDS = ("id", "report_id", "number", "status", "phase", "trigger", "requested_at", "started_at",
                        "generated_at", "pdf_pages", "failure_reason", "emailed_at", "attempts", "idempotency_key")


def _get(queryset, pk):
    try:
        return queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def require_manager(user):
    if not access.can_manage_reports(user):
        raise PermissionDenied


def get_report_for_user(user, pk):
    return _get(Report.objects.visible_to(user).select_related("period", "portfolio", "committee", "directorate",
                                                               "schedule", "commentary_updated_by"), pk)


def get_version_for_user(user, pk, *, with_content=False):
    """A version of a report the person may read; without `with_content`, its HTML, PDF and figures stay unloaded."""
    versions = ReportVersion.objects.filter(report__in=Report.objects.visible_to(user)).select_related(
        "report__period", "report__portfolio", "report__committee", "report__directorate", "requested_by")
    if not with_content:
        versions = versions.defer("html", "pdf", "snapshot")
    return _get(versions, pk)


def get_schedule_for_user(user, pk):
    require_manager(user)
    return _get(ReportSchedule.objects.select_related("next_period", "portfolio", "committee", "directorate",
                                                      "periodic_task", "created_by"), pk)


def archive(user, *, report_type=""):
    """Every version of every report this person may read, newest period first: one query."""
    versions = (ReportVersion.objects.filter(report__in=Report.objects.visible_to(user))
                .select_related("report__period", "report__portfolio", "report__committee", "report__directorate")
                .only(*LIGHT_VERSION_FIELDS, "report__report_type", "report__audience", "report__audience_key",
                      "report__period__label", "report__period__start", "report__period__end",
                      "report__portfolio__name", "report__committee__name", "report__committee__kind",
                      "report__directorate__name")
                .order_by("-report__period__start", "report__report_type", "report__audience_key", "-number"))
    if report_type in ReportType.values:
        versions = versions.filter(report__report_type=report_type)
    return list(versions)


def report_versions(report):
    return list(report.versions.only(*LIGHT_VERSION_FIELDS).select_related(None).order_by("-number"))


def schedule_list():
    """Schedules with their next run and how many people receive each: one query."""
    return list(ReportSchedule.objects.select_related("next_period", "portfolio", "committee", "directorate")
                .annotate(recipient_count=Count("recipients", distinct=True),
                          last_produced=Max("reports__versions__generated_at")))


def schedule_page(schedule):
    reports = list(schedule.reports.select_related("period").prefetch_related(
        Prefetch("versions", queryset=ReportVersion.objects.only(*LIGHT_VERSION_FIELDS).order_by("-number")))
        .order_by("-period__start"))
    return {"recipients": list(schedule.recipients.order_by("last_name", "first_name")), "reports": reports}


def period_choices(today=None, *, quarters=6, years=3):
    """Recent finished quarters and financial years (newest first), and the ones under way, as Period rows."""
    today = today or timezone.localdate()
    specs = []
    spec = P.containing(P.QUARTER, today)
    for _ in range(quarters + 1):
        specs.append(spec)
        spec = P.previous(spec)
    spec = P.containing(P.YEAR, today)
    for _ in range(years + 1):
        specs.append(spec)
        spec = P.previous(spec)
    found = periods_ensure(specs)
    return [found[s] for s in specs]


def home_links(user):
    """What a home page offers: the report packs for this person, and whether they run them."""
    if not access.reads_some_reports(user):
        return None
    return {"manages": access.can_manage_reports(user)}
