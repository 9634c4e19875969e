"""Pages for complaints, review panels, statistics and the access log.

Views reach a case only through the selectors' access helpers (which log the
look), validate with a form and hand off to a service; they hold no rules.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from complaints import access, forms, rules, selectors, services, versions
from complaints.models import Complaint, PanelRecommendation
from core.pages import form_page
from core.working_days import non_working_days

FORM = "includes/form_page.html"  # the portal's one-question-page form


def _require(allowed):
    if not allowed:
        raise PermissionDenied


# Lists and the case page ----------------------------------------------------------------

@login_required
def complaint_list(request):
    """Cases this person may see (none, for most people), with the next deadline of each."""
    user = request.user
    form = forms.ComplaintFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    complaints = selectors.complaint_list(
        user, kind=filters.get("kind", ""), regime=filters.get("regime"), service=filters.get("service"),
        status=filters.get("status") or "open", reference=filters.get("reference", ""),
    )
    page = Paginator(complaints, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "complaints/list.html", {
        "form": form,
        "page": page,
        "rows": selectors.case_rows(page.object_list),
        "query": query.urlencode(),
        "can_log": access.can_log_complaints(user),
        "is_complaints_officer": access.is_complaints_officer(user),
        "can_see_statistics": access.can_see_statistics(user),
    })


@login_required
def complaint_detail(request, pk):
    complaint = selectors.get_complaint_for_user(request.user, pk, path=request.path)
    complaint = selectors.case_file(complaint)
    user = request.user
    holidays = non_working_days()
    today = timezone.localdate()
    stages = list(complaint.stages.all())
    officer = access.is_complaints_officer(user)
    current = stages[-1] if stages else None
    for stage in stages:
        stage.is_current = stage is current and not complaint.is_closed
        stage.can_respond = stage.is_current and not stage.stage.is_panel and access.can_respond_to_stage(user, stage)
        stage.due = stage.due_on(holidays)
        panel = getattr(stage, "panel", None) if stage.stage.is_panel else None
        if panel is not None:
            member_ids = {m.member_id for m in panel.memberships.all()}
            panel.can_record = not complaint.is_closed and access.can_record_panel_report(user, panel, member_ids)
    regime_stages = list(complaint.regime.stages.all())
    next_rule = next((s for s in regime_stages if current and s.number == current.stage.number + 1), None)
    return render(request, "complaints/detail.html", {
        "complaint": complaint,
        "stages": stages,
        "current": current,
        "next_rule": next_rule,
        "deadlines": complaint.deadlines(today=today, holidays=holidays),
        "points": list(complaint.points.all()),
        "can_manage": officer,
        "can_change": officer and not complaint.is_closed,
        "can_escalate": officer and next_rule is not None,
        "can_read_log": access.can_read_access_log(user),
    })


# Logging and changing a complaint ---------------------------------------------------------

def _details(data):
    return {k: data[k] for k in ("complainant_name", "complainant_type", "contact_details", "service", "team",
                                 "summary", "received_on", "matter_occurred_on", "accepted_late_reason",
                                 "acknowledged_on", "owner")}


@login_required
@require_http_methods(["GET", "POST"])
def complaint_create(request):
    _require(access.can_log_complaints(request.user))
    form = forms.ComplaintForm(request.POST or None, initial={
        "owner": request.user.pk, "received_on": timezone.localdate(), "kind": Complaint.Kind.FORMAL})

    def save(data):
        return services.complaint_log(actor=request.user, kind=data["kind"], regime=data["regime"],
                                      categories=data["categories"], points=data["points"],
                                      investigator=data["investigator"], **_details(data))

    return form_page(
        request, form, save=save, done=lambda c: c.get_absolute_url(),
        message=lambda c: f"{c.get_kind_display()} {c.reference} has been logged.",
        title="Log a complaint or compliment", back=reverse("complaints:list"), submit="Log it",
        template="complaints/complaint_form.html",
    )


@login_required
@require_http_methods(["GET", "POST"])
def complaint_edit(request, pk):
    complaint = selectors.get_complaint_for_user(request.user, pk, write=True, path=request.path)
    initial = {name: getattr(complaint, name) for name in (
        "complainant_name", "complainant_type", "contact_details", "summary", "received_on", "matter_occurred_on",
        "accepted_late_reason", "acknowledged_on", "delay_letter_sent_on")}
    initial.update(service=complaint.service_id, team=complaint.team_id, owner=complaint.owner_id,
                   categories=list(complaint.categories.values_list("pk", flat=True)),
                   points="\n".join(complaint.points.values_list("text", flat=True)))
    form = forms.ComplaintEditForm(request.POST or None, initial=initial, version=versions.of("complaint", complaint))

    def save(data):
        return services.complaint_update(complaint=complaint, actor=request.user, categories=data["categories"],
                                         points=data["points"], delay_letter_sent_on=data["delay_letter_sent_on"],
                                         **_details(data))

    return form_page(
        request, form, save=save, done=complaint.get_absolute_url(), message="The complaint has been updated.",
        title="Change the complaint", caption=complaint.reference, back=complaint.get_absolute_url(),
        template="complaints/complaint_form.html", extra={"complaint": complaint},
    )


@login_required
@require_http_methods(["GET", "POST"])
def complaint_escalate(request, pk):
    complaint = selectors.get_complaint_for_user(request.user, pk, write=True, path=request.path)
    current = complaint.stages.select_related("stage").order_by("-stage__number").first()
    if current is None:
        raise PermissionDenied
    rule = complaint.regime.stages.filter(number=current.stage.number + 1).first()
    if rule is None:
        messages.info(request, f"{current.stage} is the last stage of this procedure: the complainant's next step "
                               "is the Ombudsman.")
        return redirect(complaint)
    form = forms.EscalateForm(request.POST or None, panel=rule.is_panel)

    def save(data):
        return services.complaint_escalate(complaint=complaint, actor=request.user, stage_number=rule.number,
                                           requested_on=data["requested_on"],
                                           late_request_reason=data["late_request_reason"],
                                           investigator=data.get("investigator"))

    window = (f" The complainant may ask within {rule.request_within_days} working days of the stage "
              f"{current.stage.number} response.") if rule.request_within_days else ""
    return form_page(
        request, form, save=save, done=complaint.get_absolute_url(),
        message=f"The complaint has moved to {str(rule).lower()}.",
        title=f"Move to {str(rule).lower()}", caption=complaint.reference, back=complaint.get_absolute_url(),
        intro=f"The complaint is at {str(current.stage).lower()}{' and is closed: this reopens it' if complaint.is_closed else ''}."
              f"{window}", submit=f"Move to stage {rule.number}",
    )


@login_required
@require_http_methods(["GET", "POST"])
def complaint_close(request, pk):
    complaint = selectors.get_complaint_for_user(request.user, pk, write=True, path=request.path)
    form = forms.CloseForm(request.POST or None, initial={"closed_on": timezone.localdate()})
    return form_page(
        request, form,
        save=lambda data: services.complaint_close(complaint=complaint, actor=request.user, **data),
        done=complaint.get_absolute_url(), message=f"{complaint.reference} has been closed.",
        title="Close the complaint", caption=complaint.reference, back=complaint.get_absolute_url(),
        intro="Once closed, its details, stages and panel can no longer change. Learning actions and the "
              "Ombudsman's involvement can still be recorded, and a request for the next stage reopens it.",
        submit="Close the complaint",
    )


# Stages ----------------------------------------------------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
def stage_edit(request, pk):
    stage = selectors.get_stage_for_user(request.user, pk, path=request.path)
    _require(access.is_complaints_officer(request.user))
    form = forms.StageForm(request.POST or None, initial={
        "investigator": stage.investigator_id, "independent_person": stage.independent_person_id,
        "extended_to": stage.extended_to, "extension_reason": stage.extension_reason},
        version=versions.of("stage", stage))
    holidays = non_working_days()
    limit = ""
    if stage.max_response_days:
        latest = rules.add_working_days(stage.requested_on, stage.max_response_days, holidays)
        limit = f" It can be extended to at most {stage.max_response_days} working days: {rules.fmt(latest)}."
    due = stage.due_on(holidays)
    return form_page(
        request, form,
        save=lambda data: services.stage_update(stage=stage, actor=request.user, **data),
        done=stage.complaint.get_absolute_url(), message=f"{stage.stage} has been updated.",
        title=f"Change {str(stage.stage).lower()}", caption=stage.complaint.reference,
        back=stage.complaint.get_absolute_url(),
        intro=(f"The response is due on {rules.fmt(due)}.{limit}" if due else limit.strip()),
    )


@login_required
@require_http_methods(["GET", "POST"])
def stage_respond(request, pk):
    stage = selectors.get_stage_for_user(request.user, pk, write=True, path=request.path)
    points = list(stage.complaint.points.all())
    initial = {"responded_on": stage.responded_on or timezone.localdate(), "findings": stage.findings,
               "remedy": stage.remedy}
    initial.update({f"point_{o.point_id}": o.outcome for o in stage.outcomes.all()})
    form = forms.StageResponseForm(request.POST or None, points=points, initial=initial,
                                   version=versions.of("stage", stage))

    def save(data):
        return services.stage_respond(stage=stage, actor=request.user, responded_on=data["responded_on"],
                                      findings=data["findings"], remedy=data["remedy"], outcomes=form.outcomes())

    return form_page(
        request, form, save=save, done=stage.complaint.get_absolute_url(),
        message=f"The response to {str(stage.stage).lower()} has been recorded.",
        title=f"Record the {str(stage.stage).lower()} response", caption=stage.complaint.reference,
        back=stage.complaint.get_absolute_url(), submit="Record the response",
    )


# Review panels -----------------------------------------------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
def panel_edit(request, pk):
    panel = selectors.get_panel_for_user(request.user, pk, path=request.path)
    _require(access.is_complaints_officer(request.user))
    memberships = list(panel.memberships.all())
    chair = next((m.member_id for m in memberships if m.is_chair), None)
    form = forms.PanelForm(request.POST or None, all_independent=panel.all_independent,
                           initial={"members": [m.member_id for m in memberships], "chair": chair},
                           version=versions.of("panel", panel))
    intro = ["Members will see this case, and no other."]
    if panel.size:
        intro.append(f"The panel has {panel.size} members{', all independent' if panel.all_independent else ''}.")
    if panel.meets_within_days:
        intro.append(f"It meets within {panel.meets_within_days} working days of the request.")
    return form_page(
        request, form,
        save=lambda data: services.panel_update(panel=panel, actor=request.user, **data),
        done=panel.get_absolute_url(), message="The review panel's members have been saved.",
        title="Choose the review panel", caption=panel.stage.complaint.reference, back=panel.get_absolute_url(),
        intro=" ".join(intro),
    )


@login_required
@require_http_methods(["GET", "POST"])
def panel_report(request, pk):
    panel = selectors.get_panel_for_user(request.user, pk, write=True, path=request.path)
    form = forms.PanelReportForm(request.POST or None, initial={
        "meeting_on": panel.meeting_on, "report_on": panel.report_on, "report": panel.report,
        "recommendations": "\n".join(r.text for r in panel.recommendations.all())},
        version=versions.of("panel", panel))
    return form_page(
        request, form,
        save=lambda data: services.panel_record_report(panel=panel, actor=request.user, **data),
        done=panel.get_absolute_url(), message="The panel's report and recommendations have been recorded.",
        title="Record the panel's report", caption=panel.stage.complaint.reference, back=panel.get_absolute_url(),
        submit="Save the report",
    )


@login_required
@require_http_methods(["GET", "POST"])
def panel_response(request, pk):
    panel = selectors.get_panel_for_user(request.user, pk, path=request.path)
    _require(access.is_complaints_officer(request.user))
    recommendations = list(PanelRecommendation.objects.filter(panel=panel))
    initial = {"council_response_on": panel.council_response_on or timezone.localdate(),
               "council_response": panel.council_response}
    initial.update({f"recommendation_{r.pk}": r.decision for r in recommendations if r.decision})
    form = forms.PanelResponseForm(request.POST or None, recommendations=recommendations, initial=initial,
                                   version=versions.of("panel", panel))

    def save(data):
        return services.panel_respond(panel=panel, actor=request.user,
                                      council_response_on=data["council_response_on"],
                                      council_response=data["council_response"], decisions=form.decisions())

    return form_page(
        request, form, save=save, done=panel.get_absolute_url(),
        message="The council's response to the panel has been recorded.",
        title="Record the council's response", caption=panel.stage.complaint.reference,
        back=panel.get_absolute_url(), submit="Record the response",
    )


# Learning and the Ombudsman ------------------------------------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
def learning_action_create(request, pk):
    complaint = selectors.get_complaint_for_user(request.user, pk, write=True, path=request.path)
    form = forms.LearningActionForm(request.POST or None, service=complaint.service, initial={"status": "planned"})
    return form_page(
        request, form,
        save=lambda data: services.learning_action_create(complaint=complaint, actor=request.user, **data),
        done=complaint.get_absolute_url() + "#learning", message="The learning action has been added.",
        title="Add a learning action", caption=complaint.reference, back=complaint.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def learning_action_edit(request, pk):
    action = selectors.get_learning_action_for_user(request.user, pk, write=True, path=request.path)
    form = forms.LearningActionForm(request.POST or None, service=action.complaint.service, initial={
        "description": action.description, "owner": action.owner_id, "due_on": action.due_on,
        "status": action.status, "objective": action.objective_id, "milestone": action.milestone_id},
        version=versions.of("learning_action", action))
    return form_page(
        request, form,
        save=lambda data: services.learning_action_update(action=action, actor=request.user, **data),
        done=action.get_absolute_url(), message="The learning action has been updated.",
        title="Change the learning action", caption=action.complaint.reference,
        back=action.complaint.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def ombudsman_edit(request, pk):
    complaint = selectors.get_complaint_for_user(request.user, pk, write=True, path=request.path)
    referral = getattr(complaint, "ombudsman", None)
    initial = {f: getattr(referral, f) for f in ("reference", "referred_on", "decision", "decided_on", "remedy")} \
        if referral else {}
    form = forms.OmbudsmanForm(request.POST or None, initial=initial)
    return form_page(
        request, form,
        save=lambda data: services.ombudsman_record(complaint=complaint, actor=request.user, **data),
        done=complaint.get_absolute_url() + "#ombudsman", message="The Ombudsman's involvement has been recorded.",
        title="Record the Ombudsman's involvement", caption=complaint.reference, back=complaint.get_absolute_url(),
        intro="The Local Government and Social Care Ombudsman normally looks at complaints made within 12 months.",
    )


# The access log, statistics and the procedures -----------------------------------------------

@login_required
def access_log(request, pk=None):
    complaint = None
    if pk is not None:
        complaint = selectors.get_complaint_for_user(request.user, pk, path=request.path)
    _require(access.can_read_access_log(request.user))
    page = Paginator(selectors.access_log(complaint=complaint), 100).get_page(request.GET.get("page"))
    return render(request, "complaints/access_log.html", {"page": page, "case": complaint})


@login_required
def statistics(request):
    _require(access.can_see_statistics(request.user))
    years = selectors.statistics_years()
    form = forms.StatisticsFilterForm(request.GET or None, years=years, initial={"year": years[0]})
    data = form.cleaned_data if form.is_valid() else {}
    period = selectors.Period(data.get("year") or years[0], data.get("quarter"))
    return render(request, "complaints/statistics.html", {
        "form": form,
        "stats": selectors.statistics(period=period, service=data.get("service"), regime=data.get("regime")),
        "is_complaints_officer": access.is_complaints_officer(request.user),
    })


@login_required
def regimes(request):
    _require(access.is_current(request.user))  # the procedures are no secret: everyone signed in may read them
    return render(request, "complaints/regimes.html", {
        "regimes": selectors.regimes_with_stages(),
        "can_edit": request.user.is_staff,
    })
