"""Report pack pages: views check access through the selectors' helpers, validate with a form and hand off."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from core.pages import form_page, posted
from reports import access, content, forms, selectors, services
from reports.models import AUDIENCE_FIELD, ReportType, ReportVersion


def _audience(data):
    """The audience fields a service takes, keeping only the object the chosen audience needs."""
    needed = AUDIENCE_FIELD.get(data["audience"])
    return {"report_type": data["report_type"], "audience": data["audience"],
            **{field: data.get(field) if field == needed else None for field in AUDIENCE_FIELD.values()}}


# The archive and a report's versions ---------------------------------------------------------


@login_required
def archive(request):
    """Every report pack the person may read: period, audience, version and when it was produced."""
    report_type = request.GET.get("report", "")
    return render(request, "reports/archive.html", {
        "versions": selectors.archive(request.user, report_type=report_type),
        "report_types": ReportType.choices, "report_type": report_type,
        "can_manage": access.can_manage_reports(request.user),
    })


@login_required
def report_detail(request, pk):
    report = selectors.get_report_for_user(request.user, pk)
    sections = content.SECTIONS[report.report_type]
    return render(request, "reports/report_detail.html", {
        "report": report, "versions": selectors.report_versions(report),
        "commentary": [(title, (report.commentary or {}).get(slug, "")) for slug, title in sections],
        "can_manage": access.can_manage_reports(request.user),
    })


@login_required
def report_commentary(request, pk):
    """Officers write a commentary for each section; the next version issued carries it."""
    selectors.require_manager(request.user)
    report = selectors.get_report_for_user(request.user, pk)
    form = forms.CommentaryForm(posted(request), report=report)
    return form_page(
        request, form,
        save=lambda d: services.commentary_save(report=report, commentary=d, actor=request.user),
        done=report.get_absolute_url(), message="Commentary saved. Issue a new version to include it.",
        title="Officer commentary", caption=str(report), back=report.get_absolute_url(),
        intro="One commentary for each section of the report: what the figures mean and what is being done. "
              "An issued version keeps the commentary it was issued with.", submit="Save commentary")


@login_required
@require_POST
def report_new_version(request, pk):
    selectors.require_manager(request.user)
    report = selectors.get_report_for_user(request.user, pk)
    try:
        version = services.report_request(
            report_type=report.report_type, audience=report.audience, portfolio=report.portfolio,
            committee=report.committee, directorate=report.directorate, period=report.period,
            requested_by=request.user, new_version=True)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(report.get_absolute_url())
    return redirect(version.get_absolute_url())


# A version: progress, the HTML page and the PDF ------------------------------------------------


@login_required
def version_detail(request, pk):
    """Where a version stands: its progress while it is produced (the page follows it), then its links."""
    version = selectors.get_version_for_user(request.user, pk)
    return render(request, "reports/version_detail.html", {
        "version": version, "report": version.report, "can_manage": access.can_manage_reports(request.user),
        "others": [v for v in selectors.report_versions(version.report) if v.pk != version.pk],
    })


@login_required
def version_status(request, pk):
    """The status page's script asks this every few seconds."""
    version = selectors.get_version_for_user(request.user, pk)
    return JsonResponse({"status": version.status, "label": version.get_status_display(), "phase": version.phase,
                         "failure_reason": version.failure_reason})


@login_required
def version_html(request, pk):
    version = selectors.get_version_for_user(request.user, pk, with_content=True)
    if version.status != ReportVersion.Status.READY:
        return redirect(version.get_absolute_url())
    return render(request, "reports/version_html.html", {"version": version, "report": version.report})


@login_required
def version_pdf(request, pk):
    version = selectors.get_version_for_user(request.user, pk, with_content=True)
    if version.status != ReportVersion.Status.READY:
        return redirect(version.get_absolute_url())
    response = HttpResponse(bytes(version.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{version.pdf_filename}"'
    return response


@login_required
@require_POST
def version_retry(request, pk):
    selectors.require_manager(request.user)
    version = selectors.get_version_for_user(request.user, pk)
    try:
        services.report_retry(version=version, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(version.get_absolute_url())


# On demand ---------------------------------------------------------------------------------------


@login_required
def generate(request):
    """A performance officer produces any report now, and is taken to its progress."""
    selectors.require_manager(request.user)
    form = forms.GenerateForm(posted(request) or None, initial=request.GET.dict() or None)

    def save(d):
        return services.report_request(**_audience(d), period=d["period"], requested_by=request.user,
                                       new_version=True)

    return form_page(
        request, form, save=save, done=lambda version: version.get_absolute_url(),
        message=lambda version: f"Version {version.number} of the {version.report.get_report_type_display().lower()}"
                                " is being produced",
        title="Produce a report now", caption="Report packs", back=reverse("reports:archive"),
        intro="If this report has been produced for the period before, a new version is issued; the earlier "
              "versions stay as they were.", submit="Produce the report")


# Schedules ---------------------------------------------------------------------------------------


@login_required
def schedule_list(request):
    selectors.require_manager(request.user)
    return render(request, "reports/schedule_list.html", {"schedules": selectors.schedule_list()})


@login_required
def schedule_detail(request, pk):
    schedule = selectors.get_schedule_for_user(request.user, pk)
    return render(request, "reports/schedule_detail.html", {"schedule": schedule,
                                                             **selectors.schedule_page(schedule)})


def _schedule_initial(schedule):
    return {"report_type": schedule.report_type, "audience": schedule.audience, "portfolio": schedule.portfolio_id,
            "committee": schedule.committee_id, "directorate": schedule.directorate_id,
            "frequency": schedule.frequency, "working_days_after": schedule.working_days_after,
            "run_at": schedule.run_at.strftime("%H:%M"), "is_active": schedule.is_active,
            "recipients": list(schedule.recipients.values_list("pk", flat=True))}


def _schedule_data(d):
    data = {**_audience(d), **{k: d[k] for k in ("frequency", "working_days_after", "run_at", "recipients",
                                                 "is_active")}}
    if d.get("first_period"):
        data["first_period"] = d["first_period"]
    return data


@login_required
def schedule_create(request):
    selectors.require_manager(request.user)
    form = forms.ScheduleForm(posted(request), initial={"frequency": "quarter", "working_days_after": 10,
                                                         "run_at": "07:00", "is_active": True})
    return form_page(
        request, form, save=lambda d: services.schedule_save(data=_schedule_data(d), actor=request.user),
        done=lambda s: s.get_absolute_url(), message=lambda s: f"Schedule set up: {s}",
        title="Set up a report schedule", caption="Report packs", back=reverse("reports:schedule-list"),
        submit="Save the schedule")


@login_required
def schedule_edit(request, pk):
    schedule = selectors.get_schedule_for_user(request.user, pk)
    form = forms.ScheduleForm(posted(request), initial=_schedule_initial(schedule))
    return form_page(
        request, form,
        save=lambda d: services.schedule_save(schedule=schedule, data=_schedule_data(d), actor=request.user),
        done=lambda s: s.get_absolute_url(), message="Schedule changed", title="Change the schedule",
        caption=str(schedule), back=schedule.get_absolute_url(), submit="Save the schedule")


@login_required
def schedule_delete(request, pk):
    schedule = selectors.get_schedule_for_user(request.user, pk)
    if request.method == "POST":
        services.schedule_delete(schedule=schedule)
        messages.success(request, f"Schedule deleted: {schedule}. The reports it produced stay in the archive.")
        return redirect("reports:schedule-list")
    return render(request, "reports/confirm.html", {
        "title": "Delete this schedule?", "caption": str(schedule), "back": schedule.get_absolute_url(),
        "intro": "No more reports will be produced by it. The reports it has produced stay in the archive, and "
                 "its recipients lose access to them unless they are in the report's audience.",
        "submit": "Delete the schedule", "warning": True})
