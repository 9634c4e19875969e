from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from indicators import forms, importing, selectors, services
from indicators import periods as P
from indicators.models import (
    DataImport,
    ExceptionRule,
    Indicator,
    IndicatorValue,
    Period,
    Target,
    ValueStatus,
)
from organisation.models import Service


def _errors(error):
    return error.messages if hasattr(error, "messages") else [str(error)]


# The library and indicator pages ------------------------------------------------


@login_required
def indicator_list(request):
    form = forms.IndicatorFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    chosen = {"framework": filters.get("framework", ""), "service": filters.get("service"), "q": filters.get("q", "")}
    if filters.get("rag") or filters.get("status"):
        # Filtering on the latest figure needs every indicator's figures.
        rows = selectors.indicator_list(request.user, rag=filters.get("rag", ""), status=filters.get("status", ""),
                                        **chosen)
        page = Paginator(rows, 50).get_page(request.GET.get("page"))
    else:
        # Otherwise only the page's indicators' figures are read: the cost of a page, not of the library.
        page = Paginator(selectors.library(request.user, **chosen), 50).get_page(request.GET.get("page"))
        page.object_list = selectors.rows_for(request.user, list(page.object_list))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "indicators/list.html", {
        "form": form, "page": page, "query": query.urlencode(), "count": page.paginator.count,
        "can_edit_library": selectors.can_edit_library(request.user),
        "can_enter": bool(request.user.access.data_service_ids) or request.user.access.is_performance_officer,
    })


def _detail_context(request, indicator):
    years = None if request.GET.get("years") == "all" else selectors.series_years(indicator)
    page = selectors.indicator_page(request.user, indicator, group_id=request.GET.get("group"), years=years)
    query = request.GET.copy()
    query["years"] = "all"
    return {"indicator": indicator, "all_years_query": query.urlencode(), **page}


@login_required
def indicator_detail(request, pk):
    indicator = selectors.get_indicator_for_user(request.user, pk)
    context = _detail_context(request, indicator)
    context.update({
        "can_edit_library": selectors.can_edit_library(request.user),
        "can_set_targets": selectors.can_set_targets(request.user, indicator),
        "can_enter": selectors.can_enter(request.user, indicator),
    })
    return render(request, "indicators/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def indicator_create(request):
    if not selectors.can_edit_library(request.user):
        raise PermissionDenied
    form = forms.IndicatorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            indicator = services.indicator_create(actor=request.user, **form.model_fields())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{indicator.code} has been added to the library.")
            return redirect(indicator)
    return render(request, "indicators/indicator_form.html", {"form": form, "indicator": None})


@login_required
@require_http_methods(["GET", "POST"])
def indicator_edit(request, pk):
    indicator = selectors.get_indicator_for_user(request.user, pk, write=True)
    form = forms.IndicatorForm(request.POST or None, instance=indicator)
    if request.method == "POST" and form.is_valid():
        fields = form.model_fields()
        try:
            effective = form.cleaned_data.get("effective_from")
            services.indicator_update(
                indicator=Indicator.objects.get(pk=indicator.pk), actor=request.user,
                change_note=form.cleaned_data.get("change_note", ""),
                effective_from=services.period_ensure(effective) if effective else None, **fields,
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error)
        else:
            messages.success(request, f"{indicator.code} has been updated.")
            return redirect("indicators:detail", pk=indicator.pk)
    return render(request, "indicators/indicator_form.html", {"form": form, "indicator": indicator})


@login_required
@require_http_methods(["GET", "POST"])
def indicator_targets(request, pk):
    indicator = selectors.get_indicator_for_user(request.user, pk)
    if not selectors.can_set_targets(request.user, indicator):
        raise PermissionDenied
    today = timezone.localdate()
    current = P.containing(indicator.frequency, today)
    specs = [current]
    for _ in range({"year": 3, "quarter": 8, "month": 12}[indicator.frequency]):
        specs.append(P.previous(specs[-1]))
    # Recent and coming periods, and any earlier ones that already have figures or targets.
    used = Period.objects.filter(Q(pk__in=IndicatorValue.objects.filter(indicator=indicator).values("period"))
                                 | Q(pk__in=Target.objects.filter(indicator=indicator).values("period")))
    used_specs = [p.spec for p in used if p.kind == indicator.frequency]
    specs = sorted(set(specs) | {P.following(current)} | set(sorted(used_specs)[-12:]))
    if indicator.frequency != P.YEAR:
        years = sorted({s.fiscal_year for s in specs} | {current.fiscal_year + 1})
        specs += [P.year(y) for y in years[-4:]]
    found = services.periods_ensure(specs)
    period_list = [found[s] for s in specs]
    targets = {t.period_id: t for t in Target.objects.filter(indicator=indicator, period__in=period_list)}
    form = forms.TargetsForm(request.POST or None, indicator=indicator, period_list=period_list, targets=targets)
    if request.method == "POST" and form.is_valid():
        try:
            count = services.targets_save(actor=request.user, indicator=indicator, targets=form.targets)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{count} target{'s' if count != 1 else ''} for {indicator.code} saved.")
            return redirect(indicator)
    return render(request, "indicators/targets.html", {"form": form, "indicator": indicator})


# Entering values -----------------------------------------------------------------


@login_required
def entry(request):
    """Choose a service and period to enter figures for."""
    service_list = list(selectors.entry_services(request.user).select_related("directorate"))
    if not service_list:
        raise PermissionDenied
    period_list = selectors.entry_periods()
    progress = selectors.entry_progress(service_list, period_list)
    today = timezone.localdate()
    sections = []
    for service in service_list:
        cells = []
        for period in period_list:
            counts = progress[(service.pk, period.pk)]
            if not counts["due"]:
                continue
            entered = sum(counts.get(s, 0) for s in ValueStatus.values)
            drafts = counts.get(ValueStatus.DRAFT, 0)
            cells.append({"period": period, "due": counts["due"], "entered": entered, "drafts": drafts,
                          "complete": entered - drafts >= counts["due"],
                          "overdue": entered - drafts < counts["due"]
                          and P.due_date(period.spec, counts["due_days"]) < today})
        sections.append({"service": service, "periods": cells})
    return render(request, "indicators/entry.html", {"sections": sections})


@login_required
@require_http_methods(["GET", "POST"])
def entry_grid(request, service_pk, period_pk):
    service = selectors.get_entry_service_for_user(request.user, service_pk)
    period = selectors.get_period(period_pk)
    rows = selectors.entry_grid(service, period)
    form = forms.EntryGridForm(request.POST or None, rows=rows)
    if request.method == "POST" and form.is_valid():
        submitting = "submit" in request.POST
        entries = form.entries(submitting=submitting)
        if form.is_valid():
            try:
                saved = services.values_save(actor=request.user, period=period, entries=entries, submit=submitting)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                submitted = sum(1 for v in saved if v.status == ValueStatus.SUBMITTED)
                if submitting:
                    messages.success(request, f"{submitted} value{'s' if submitted != 1 else ''} for {service}, "
                                              f"{period} submitted for verification.")
                else:
                    messages.success(request, f"Values for {service}, {period} saved as drafts.")
                return redirect("indicators:entry-grid", service_pk=service.pk, period_pk=period.pk)
    return render(request, "indicators/entry_grid.html", {
        "service": service, "period": period, "form": form, "grid": form.bound_rows(),
        "has_drafts": any(r.value and r.value.status == ValueStatus.DRAFT for r in rows),
    })


@login_required
def value_detail(request, pk):
    value = selectors.get_value_for_user(request.user, pk)
    return render(request, "indicators/value_detail.html", {
        "value": value, "indicator": value.indicator, "revisions": selectors.revisions_of(value),
        "can_change": selectors.can_enter(request.user, value.indicator),
        "can_verify": value.status == ValueStatus.SUBMITTED and selectors.can_verify(request.user, value),
        "return_form": forms.ReturnForm(),
    })


@login_required
@require_http_methods(["GET", "POST"])
def value_change(request, pk):
    value = selectors.get_value_for_user(request.user, pk, write=True)
    form = forms.ValueChangeForm(request.POST or None, value=value)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.value_change(
                actor=request.user, value=value, reason=data.get("reason", ""), actual=data.get("actual"),
                numerator=data.get("numerator"), denominator=data.get("denominator"),
                commentary=data.get("commentary", "").strip(), is_provisional=data.get("is_provisional", False),
            )
        except ValidationError as error:
            for message in _errors(error):
                form.add_error(None, message)
        else:
            messages.success(request, f"{value.indicator.code} for {value.period} changed"
                                      f"{' and sent for verification again' if value.status == 'submitted' else ''}.")
            return redirect(value)
    return render(request, "indicators/value_change.html", {"form": form, "value": value})


@login_required
@require_POST
def value_return(request, pk):
    value = selectors.get_value_for_user(request.user, pk)
    if not request.user.access.manages_service(value.indicator.service_id):
        raise PermissionDenied
    form = forms.ReturnForm(request.POST)
    if form.is_valid():
        try:
            services.value_return(actor=request.user, value=value, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            messages.error(request, " ".join(_errors(error)))
        else:
            messages.success(request, f"{value.indicator.code} for {value.period} returned to "
                                      f"{value.entered_by} for correction.")
            return redirect("indicators:verify")
    return render(request, "indicators/value_detail.html", {
        "value": value, "indicator": value.indicator, "revisions": selectors.revisions_of(value),
        "can_change": False, "can_verify": True, "return_form": form,
    })


@login_required
@require_http_methods(["GET", "POST"])
def verify(request):
    """Values awaiting verification by someone other than the person who entered them."""
    access = request.user.access
    if not (access.is_performance_officer or access.managed_service_ids):
        raise PermissionDenied
    queue = list(selectors.verification_queue(request.user))
    errors = []
    if request.method == "POST":
        chosen = {int(v) for v in request.POST.getlist("value") if v.isdigit()}
        values = [v for v in queue if v.pk in chosen and v.entered_by_id != request.user.pk]
        errors = [f"You entered {v.indicator.code} for {v.period}: someone else must verify it"
                  for v in queue if v.pk in chosen and v.entered_by_id == request.user.pk]
        if not values and not errors:
            errors.append("Choose at least one value to verify")
        elif values:
            try:
                count = services.values_verify(actor=request.user, values=values)
            except ValidationError as error:
                errors.extend(_errors(error))
            else:
                messages.success(request, f"{count} value{'s' if count != 1 else ''} verified.")
                if not errors:
                    return redirect("indicators:verify")
                queue = list(selectors.verification_queue(request.user))
    rows = [{"value": v, "own": v.entered_by_id == request.user.pk} for v in queue]
    return render(request, "indicators/verify.html", {"rows": rows, "errors": errors,
                                                      "verifiable": sum(1 for r in rows if not r["own"])})


@login_required
@require_http_methods(["GET", "POST"])
def publish(request):
    if not selectors.can_publish(request.user):
        raise PermissionDenied
    queue = list(selectors.publication_queue())
    errors = []
    if request.method == "POST":
        chosen = {int(v) for v in request.POST.getlist("value") if v.isdigit()}
        values = [v for v in queue if v.pk in chosen]
        if not values:
            errors.append("Choose at least one value to publish")
        else:
            count = services.values_publish(actor=request.user, values=values)
            messages.success(request, f"{count} value{'s' if count != 1 else ''} published.")
            return redirect("indicators:publish")
    return render(request, "indicators/publish.html", {"queue": queue, "errors": errors})


@login_required
def watchlist(request):
    return render(request, "indicators/watchlist.html", {
        "items": selectors.watchlist(user=request.user),
        "rules": ExceptionRule.objects.filter(is_active=True).select_related("comparator_group"),
    })


# Comparator groups and imports ----------------------------------------------------


@login_required
def benchmarks(request):
    return render(request, "indicators/benchmarks.html", {
        "groups": selectors.comparator_groups(),
        "imports": DataImport.objects.select_related("uploaded_by").filter(kind=DataImport.Kind.BENCHMARKS)[:20]
        if selectors.can_edit_library(request.user) else [],
        "can_edit": selectors.can_edit_library(request.user),
    })


@login_required
@require_http_methods(["GET", "POST"])
def group_edit(request, pk=None):
    group = selectors.get_group_for_user(request.user, pk, write=True) if pk else None
    if group is None and not selectors.can_edit_library(request.user):
        raise PermissionDenied
    form = forms.ComparatorGroupForm(request.POST or None, instance=group)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        areas = data.pop("areas")
        saved = services.comparator_group_save(actor=request.user, group=group, areas=areas, **data)
        messages.success(request, f"{saved} has been saved.")
        return redirect("indicators:benchmarks")
    return render(request, "indicators/group_form.html", {"form": form, "group": group})


@login_required
def group_detail(request, pk):
    group = selectors.get_group_for_user(request.user, pk)
    return render(request, "indicators/group_detail.html", {
        "group": group, "areas": group.areas.order_by("name"),
        "can_edit": selectors.can_edit_library(request.user),
    })


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request, kind):
    if kind == DataImport.Kind.BENCHMARKS and not selectors.can_edit_library(request.user):
        raise PermissionDenied
    if kind == DataImport.Kind.VALUES and not (request.user.access.data_service_ids
                                               or request.user.access.is_performance_officer):
        raise PermissionDenied
    form = forms.UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            data_import = services.import_upload(actor=request.user, kind=kind, file_name=upload.name,
                                                 data=upload.read())
        except importing.FileError as error:
            form.add_error("file", str(error))
        else:
            if kind == DataImport.Kind.BENCHMARKS:
                return redirect("indicators:import-map", pk=data_import.pk)
            return redirect("indicators:import-preview", pk=data_import.pk)
    return render(request, "indicators/import_upload.html", {"form": form, "kind": kind})


@login_required
@require_http_methods(["GET", "POST"])
def import_map(request, pk):
    data_import = selectors.get_import_for_user(request.user, pk)
    if data_import.kind != DataImport.Kind.BENCHMARKS or data_import.status in (
            DataImport.Status.QUEUED, DataImport.Status.RUNNING, DataImport.Status.DONE):
        return redirect(data_import)
    form = forms.BenchmarkMappingForm(request.POST or None, data_import=data_import)
    if request.method == "POST" and "refresh" not in request.POST and form.is_valid():
        services.import_map(data_import=data_import, column_map=form.column_map, indicator_map=form.indicator_map,
                            indicator=form.single, group=form.cleaned_data.get("group"))
        return redirect("indicators:import-preview", pk=data_import.pk)
    if request.method == "POST" and "refresh" in request.POST:
        form.errors.clear()
    return render(request, "indicators/import_map.html", {
        "form": form, "data_import": data_import, "sample": data_import.rows[:5],
    })


@login_required
@require_http_methods(["GET", "POST"])
def import_preview(request, pk):
    data_import = selectors.get_import_for_user(request.user, pk)
    if data_import.status in (DataImport.Status.QUEUED, DataImport.Status.RUNNING, DataImport.Status.DONE):
        return redirect(data_import)
    file_error = None
    try:
        results = services.check_import(data_import)
    except importing.FileError as error:
        results, file_error = [], str(error)
    counts = importing.summary(results)
    if request.method == "POST" and not file_error:
        valid_only = request.POST.get("valid_only") == "1"
        try:
            services.import_start(data_import=data_import, actor=request.user, valid_only=valid_only,
                                  results=results)
        except ValidationError as error:
            messages.error(request, " ".join(_errors(error)))
        else:
            return redirect(data_import)
    invalid = [r for r in results if not r.is_valid]
    shown = (invalid[:200] if invalid else []) + [r for r in results if r.is_valid][:max(0, 20 - len(invalid))]
    labels = {i.pk: i.code for i in Indicator.objects.filter(pk__in={r.indicator_id for r in results
                                                                    if r.indicator_id})}
    return render(request, "indicators/import_preview.html", {
        "data_import": data_import, "counts": counts, "shown": sorted(shown, key=lambda r: r.line),
        "more_errors": max(0, len(invalid) - 200), "labels": labels, "file_error": file_error,
        "background": data_import.rows_total > services.BACKGROUND_ROWS,
    })


@login_required
def import_detail(request, pk):
    data_import = selectors.get_import_for_user(request.user, pk)
    running = data_import.status in (DataImport.Status.QUEUED, DataImport.Status.RUNNING)
    return render(request, "indicators/import_detail.html", {"data_import": data_import, "running": running})


@login_required
def values_export(request):
    access = request.user.access
    services_qs = Service.objects.all() if access.is_performance_officer else Service.objects.filter(
        pk__in=access.data_service_ids | access.managed_service_ids)
    years = sorted(set(Period.objects.filter(kind=P.YEAR).values_list("fiscal_year", flat=True)), reverse=True)
    form = forms.ExportForm(request.GET or None, services=services_qs, years=years)
    if "format" not in request.GET or not form.is_valid():
        return render(request, "indicators/export.html", {"form": form})
    data = form.cleaned_data
    values = selectors.values_for_export(request.user, service=data.get("service"),
                                         fiscal_year=int(data["year"]) if data.get("year") else None)
    rows = [[v.indicator.code, v.indicator.name, v.period.label, _cell(v.actual), _cell(v.numerator),
             _cell(v.denominator), v.commentary, "yes" if v.is_provisional else "", v.get_status_display()]
            for v in values]
    stamp = timezone.localdate().isoformat()
    if data["format"] == "xlsx":
        body = importing.write_xlsx(importing.VALUES_TEMPLATE, rows)
        response = HttpResponse(body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        response["Content-Disposition"] = f'attachment; filename="indicator-values-{stamp}.xlsx"'
    else:
        response = HttpResponse(importing.write_csv(importing.VALUES_TEMPLATE, rows), content_type="text/csv")
        response["Content-Disposition"] = f'attachment; filename="indicator-values-{stamp}.csv"'
    return response


def _cell(number):
    if number is None:
        return ""
    return f"{number.normalize():f}"

