"""Pages for appraisals. Views check access through the selectors' helpers, validate
with a form and hand off to a service; they hold no rules of their own."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from appraisals import access, forms, selectors, services, windows
from appraisals.models import AppraisalCycle, Review, SupportPlan
from core.forms import add_service_errors
from organisation.models import Service, User

FORM = "appraisals/form.html"
CONFIRM = "appraisals/confirm.html"


def _posted(request):
    return request.POST if request.method == "POST" else None


def _form_page(request, form, *, save, done, message, title, back, caption="", intro="", submit="Save",
               template=FORM, extra=None):
    if request.method == "POST" and form.is_valid():
        try:
            result = save(form)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, message(result) if callable(message) else message)
            return redirect(done(result) if callable(done) else done)
    status = 400 if request.method == "POST" else 200
    return render(request, template, {"form": form, "title": title, "caption": caption, "intro": intro,
                                      "back": back, "submit": submit, **(extra or {})}, status=status)


def _confirm_page(request, *, act, done, message, title, back, caption="", body="", button="Continue"):
    errors = []
    if request.method == "POST":
        try:
            act()
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, message)
            return redirect(done)
    return render(request, CONFIRM, {"title": title, "caption": caption, "body": body, "button": button,
                                     "back": back, "errors": errors},
                  status=400 if errors else 200)


def _cycle_or_404(request):
    cycle = selectors.cycle_from(request.GET.get("year"))
    if cycle is None:
        raise Http404("No appraisal cycle has been opened yet")
    return cycle


# Team view, coverage, cycles ---------------------------------------------------------

@login_required
def team(request):
    """A manager's team (and their teams' people), or HR's chosen service, with each appraisal's state."""
    user = request.user
    if not access.sees_appraisals_section(user):
        raise PermissionDenied
    cycles = list(AppraisalCycle.objects.all())
    cycle = selectors.cycle_among(cycles, request.GET.get("year"))
    service = None
    services_ = []
    if access.is_hr(user):
        services_ = list(Service.objects.order_by("name"))
        chosen = request.GET.get("service", "")
        service = next((s for s in services_ if str(s.pk) == chosen), None)
    standings = selectors.team_standings(user, cycle, service=service) if cycle else []
    return render(request, "appraisals/team.html", {
        "cycle": cycle, "standings": standings, "services": services_, "service": service,
        "cycles": cycles,
        "is_hr": access.is_hr(user), "can_cascade": cycle is not None and selectors.direct_reports(user).exists(),
        "can_manage_cycles": access.can_manage_cycles(user), "sees_coverage": access.sees_coverage(user),
    })


@login_required
def coverage(request):
    if not access.sees_coverage(request.user):
        raise PermissionDenied
    cycles = list(AppraisalCycle.objects.all())
    cycle = selectors.cycle_among(cycles, request.GET.get("year"))
    from django.conf import settings

    return render(request, "appraisals/coverage.html", {
        "cycle": cycle, "rows": selectors.coverage(cycle) if cycle else [],
        "threshold": settings.SUPPRESS_COUNTS_BELOW, "cycles": cycles,
    })


@login_required
def cycle_list(request):
    if not (access.can_manage_cycles(request.user) or access.sees_coverage(request.user)
            or access.sees_appraisals_section(request.user)):
        raise PermissionDenied
    return render(request, "appraisals/cycle_list.html", {
        "cycles": AppraisalCycle.objects.prefetch_related("rating_levels"),
        "can_manage": access.can_manage_cycles(request.user),
    })


@login_required
def cycle_detail(request, pk):
    cycle = selectors.get_cycle_for_user(request.user, pk)
    return render(request, "appraisals/cycle_detail.html", {
        "cycle": cycle, "levels": cycle.rating_levels.all(),
        "phase_name": windows.PHASE_NAMES.get(cycle.current_phase()), "can_manage": access.can_manage_cycles(request.user),
    })


@login_required
@require_http_methods(["GET", "POST"])
def cycle_create(request):
    if not access.can_manage_cycles(request.user):
        raise PermissionDenied
    return _form_page(
        request, forms.CycleForm(_posted(request)),
        save=lambda form: services.cycle_open(opened_by=request.user, **form.cleaned_data),
        done=lambda cycle: cycle.get_absolute_url(),
        message=lambda cycle: f"The {cycle.year_label} appraisal cycle is open. Everyone with a line manager now "
                              "has an appraisal.",
        title="Open an appraisal cycle", back=reverse("appraisals:cycle-list"),
        intro="Set the three windows. Each person with a line manager gets an appraisal for the year.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def cycle_edit(request, pk):
    cycle = selectors.get_cycle_for_user(request.user, pk, write=True)
    return _form_page(
        request, forms.CycleForm(_posted(request), instance=cycle),
        save=lambda form: services.cycle_update(cycle=cycle, actor=request.user, **form.cleaned_data),
        done=cycle.get_absolute_url(), message="The cycle's windows have been updated.",
        title="Change the cycle's windows", caption=str(cycle), back=cycle.get_absolute_url(),
    )


@login_required
@require_POST
def appraisal_start(request, person_pk):
    cycle = _cycle_or_404(request)
    person = User.objects.current().filter(pk=person_pk).first()
    if person is None or not (person.line_manager_id == request.user.pk or access.is_hr(request.user)):
        raise Http404
    appraisal = services.appraisal_start(cycle=cycle, person=person, actor=request.user)
    messages.success(request, f"{person}'s appraisal has been started.")
    return redirect(appraisal)


# One appraisal -------------------------------------------------------------------

@login_required
def my_objectives(request):
    """The signed-in person's own objectives, each with its thread up to the council priority."""
    cycles = list(AppraisalCycle.objects.all())
    cycle = selectors.cycle_among(cycles, request.GET.get("year"))
    appraisal = selectors.my_appraisal(request.user, cycle)
    page = selectors.appraisal_page(appraisal) if appraisal else None
    return render(request, "appraisals/my_objectives.html", {
        "cycle": cycle, "appraisal": appraisal, "page": page, "cycles": cycles,
        "objectives_refusal": windows.objective_setting_refusal(cycle.windows, _today()) if cycle else "",
        "today": _today(),
    })


@login_required
def appraisal_detail(request, pk):
    appraisal = selectors.get_appraisal_for_user(request.user, pk)
    page = selectors.appraisal_page(appraisal)
    user = request.user
    return render(request, "appraisals/appraisal_detail.html", {
        "appraisal": appraisal, "page": page, "phase_names": windows.PHASE_NAMES,
        "chain": access.chain_of(appraisal.person),
        "is_appraiser": access.is_appraiser(user, appraisal), "is_appraisee": access.is_appraisee(user, appraisal),
        "can_write": access.can_write(user, appraisal),
        "objectives_refusal": windows.objective_setting_refusal(appraisal.cycle.windows, _today()),
        "support_plan_refusal": windows.support_plan_refusal(appraisal.cycle.windows, _today()),
        "today": _today(),
    })


def _today():
    from django.utils import timezone

    return timezone.localdate()


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request, pk):
    appraisal = selectors.get_appraisal_for_user(request.user, pk, write=True)
    initial = {"behaviours": appraisal.behaviours, "development_plan": appraisal.development_plan}
    return _form_page(
        request, forms.PlanForm(_posted(request), initial=initial),
        save=lambda form: services.appraisal_plan_update(appraisal=appraisal, actor=request.user, **form.cleaned_data),
        done=appraisal.get_absolute_url(), message="The behaviours and development plan have been saved.",
        title="Behaviours and development plan", caption=str(appraisal), back=appraisal.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def objective_create(request, pk):
    appraisal = selectors.get_appraisal_for_user(request.user, pk, write=True)
    form = forms.ObjectiveForm(_posted(request),
                               service_objectives=selectors.linkable_objectives(appraisal, request.user))
    manager = access.is_appraiser(request.user, appraisal)
    return _form_page(
        request, form,
        save=lambda f: services.objective_create(appraisal=appraisal, actor=request.user, **f.service_fields()),
        done=lambda o: o.get_absolute_url(),
        message="The objective has been added and agreed." if manager else
                "The objective has been added. Your manager will agree it with you.",
        title="Add an objective", caption=str(appraisal), back=appraisal.get_absolute_url(),
        template="appraisals/objective_form.html",
    )


@login_required
@require_http_methods(["GET", "POST"])
def objective_edit(request, pk):
    objective = selectors.get_appraisal_objective_for_user(request.user, pk, write=True)
    appraisal = objective.appraisal
    initial = {"title": objective.title, "measure": objective.measure, "target_date": objective.target_date,
               "serves": forms.PERSONAL if objective.is_personal_development else "plan",
               "service_objective": str(objective.service_objective_id or "")}
    choices = selectors.linkable_objectives(appraisal, request.user)
    if objective.service_objective and objective.service_objective not in choices:
        choices.append(objective.service_objective)
    form = forms.ObjectiveForm(_posted(request), initial=initial, service_objectives=choices)
    mine = request.GET.get("back") == "mine"
    back = reverse("appraisals:my-objectives") + f"#objective-{objective.pk}" if mine else objective.get_absolute_url()
    return _form_page(
        request, form,
        save=lambda f: services.objective_update(objective=objective, actor=request.user, **f.service_fields()),
        done=back,
        message=lambda o: "The objective has been updated." if o.is_agreed else
                          "The objective has been updated. It needs agreeing with your manager.",
        title="Change the objective", caption=f"Objective {objective.number}",
        back=back,
        template="appraisals/objective_form.html",
    )


@login_required
@require_http_methods(["GET", "POST"])
def objective_agree(request, pk):
    objective = selectors.get_appraisal_objective_for_user(request.user, pk, write=True)
    if not access.is_appraiser(request.user, objective.appraisal):
        raise PermissionDenied
    return _confirm_page(
        request, act=lambda: services.objective_agree(objective=objective, actor=request.user),
        done=objective.get_absolute_url(), message=f"Objective {objective.number} has been agreed.",
        title=f"Agree objective {objective.number}", caption=str(objective.appraisal),
        body=f"‘{objective.title}’ – measured by: {objective.measure}", button="Agree the objective",
        back=objective.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def progress_note_create(request, pk):
    objective = selectors.get_appraisal_objective_for_user(request.user, pk, write=True)
    mine = objective.appraisal.person_id == request.user.pk
    back = reverse("appraisals:my-objectives") + f"#objective-{objective.pk}" if mine else objective.get_absolute_url()
    return _form_page(
        request, forms.ProgressNoteForm(_posted(request)),
        save=lambda f: services.progress_note_add(objective=objective, actor=request.user, **f.cleaned_data),
        done=back, message="Your progress note has been saved.",
        title="Record progress", caption=f"Objective {objective.number}: {objective.title}", back=back,
    )


# Reviews -------------------------------------------------------------------------

def _review(request, pk, kind):
    if kind not in Review.Kind.values:
        raise Http404
    appraisal = selectors.get_appraisal_for_user(request.user, pk)
    return appraisal, selectors.review_of(appraisal, kind)


@login_required
def review_detail(request, pk, kind):
    appraisal, review = _review(request, pk, kind)
    page = selectors.appraisal_page(appraisal)
    ratings = {r.objective_id: r.rating for r in review.ratings.all()} if review.pk else {}
    labels = {level.value: level.label for level in appraisal.cycle.rating_levels.all()}
    objectives = [(o, ratings.get(o.pk), labels.get(ratings.get(o.pk))) for o in page.objectives if o.is_agreed]
    return render(request, "appraisals/review.html", {
        "appraisal": appraisal, "review": review, "objectives": objectives,
        "overall_label": labels.get(review.overall_rating),
        "refusal": windows.window_refusal(kind, appraisal.cycle.windows, _today()),
        "is_appraiser": access.is_appraiser(request.user, appraisal),
        "is_appraisee": access.is_appraisee(request.user, appraisal),
        "open_support_plan": page.open_support_plan,
        "support_plan_refusal": windows.support_plan_refusal(appraisal.cycle.windows, _today()),
    })


@login_required
@require_http_methods(["GET", "POST"])
def review_comments(request, pk, kind):
    appraisal, review = _review(request, pk, kind)
    if not access.is_appraisee(request.user, appraisal):
        raise PermissionDenied
    return _form_page(
        request, forms.StaffCommentsForm(_posted(request), initial={"staff_comments": review.staff_comments}),
        save=lambda f: services.review_staff_comment(review=review, actor=request.user, **f.cleaned_data),
        done=review.get_absolute_url(), message="Your comments have been saved.",
        title="Your comments", caption=review.get_kind_display(), back=review.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def review_assess(request, pk, kind):
    appraisal, review = _review(request, pk, kind)
    if not access.is_appraiser(request.user, appraisal):
        raise PermissionDenied
    objectives = list(appraisal.objectives.filter(agreed_at__isnull=False))
    initial = {"manager_comments": review.manager_comments, "overall_rating": review.overall_rating,
               **{f"rating_{r.objective_id}": r.rating for r in (review.ratings.all() if review.pk else [])}}
    form = forms.ManagerAssessmentForm(_posted(request), initial=initial,
                                       scale=list(appraisal.cycle.rating_levels.all()), objectives=objectives)
    return _form_page(
        request, form,
        save=lambda f: services.review_manager_assess(
            review=review, actor=request.user, manager_comments=f.cleaned_data["manager_comments"],
            overall_rating=f.cleaned_data["overall_rating"], ratings=f.ratings()),
        done=review.get_absolute_url(), message="Your comments and ratings have been saved.",
        title="Comments and ratings", caption=f"{review.get_kind_display()}: {appraisal.person}",
        back=review.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def review_sign_off(request, pk, kind):
    appraisal, review = _review(request, pk, kind)
    if not access.can_write(request.user, appraisal):
        raise PermissionDenied
    return _confirm_page(
        request, act=lambda: services.review_sign_off(review=review, actor=request.user),
        done=review.get_absolute_url(), message=f"You have signed off the {review.get_kind_display().lower()}.",
        title=f"Sign off the {review.get_kind_display().lower()}", caption=str(appraisal),
        body="Once you have both signed off, the review is locked. Changing it after that needs both of you "
             "to sign it off again.",
        button="Sign off", back=review.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def review_reopen(request, pk, kind):
    appraisal, review = _review(request, pk, kind)
    if not access.can_write(request.user, appraisal):
        raise PermissionDenied
    return _confirm_page(
        request, act=lambda: services.review_reopen(review=review, actor=request.user),
        done=review.get_absolute_url(), message="The review has been reopened. Both of you will need to sign it "
                                                "off again.",
        title=f"Reopen the {review.get_kind_display().lower()}", caption=str(appraisal),
        body="Reopening withdraws both sign-offs so the review can be changed.", button="Reopen the review",
        back=review.get_absolute_url(),
    )


# Cascade -------------------------------------------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
def cascade(request):
    """Give one service-plan objective to several of one's staff in one step."""
    cycle = _cycle_or_404(request)
    people = selectors.direct_reports(request.user)
    if not people.exists():
        raise PermissionDenied
    objectives = list(selectors.cascadable_objectives(request.user, cycle).order_by("plan__service__name", "number"))
    form = forms.CascadeForm(_posted(request), service_objectives=objectives, people=people)
    return _form_page(
        request, form,
        save=lambda f: services.objective_cascade(actor=request.user, cycle=cycle, **f.cleaned_data),
        done=reverse("appraisals:team"),
        message=lambda created: f"The objective has been given to {len(created)} "
                                f"{'person' if len(created) == 1 else 'people'}. Each can now tailor it.",
        title="Cascade an objective", caption=f"Appraisals {cycle.year_label}", back=reverse("appraisals:team"),
        intro="Give a service plan objective to several of your staff at once. It is added to each person's "
              "appraisal for you to agree with them once they have tailored it.",
        template="appraisals/cascade.html",
    )


# Support plans -------------------------------------------------------------------

def _manager_of(request, appraisal):
    """Only the person's line manager opens and runs a support plan; others who may read it get 403."""
    if not access.is_appraiser(request.user, appraisal):
        raise PermissionDenied


@login_required
@require_http_methods(["GET", "POST"])
def support_plan_create(request, pk):
    """The line manager opens a plan, from the appraisal or from one of its reviews (?from=mid_year)."""
    appraisal = selectors.get_appraisal_for_user(request.user, pk)
    _manager_of(request, appraisal)
    source = request.GET.get("from", "")
    if source not in SupportPlan.Source.values:
        source = SupportPlan.Source.APPRAISAL
    back = (reverse("appraisals:review", args=[appraisal.pk, source]) if source != SupportPlan.Source.APPRAISAL
            else appraisal.get_absolute_url())
    return _form_page(
        request, forms.SupportPlanForm(_posted(request), initial={"kind": SupportPlan.Kind.SUPPORT}),
        save=lambda f: services.support_plan_open(appraisal=appraisal, actor=request.user, opened_from=source,
                                                  **f.cleaned_data),
        done=lambda plan: plan.get_absolute_url(),
        message="The support plan is open. Add the actions you have agreed.",
        title="Open a support plan", caption=str(appraisal.person), back=back,
        intro=f"Set out what is not going well and the help you will give. Only {appraisal.person.first_name}, "
              f"their line-management chain and HR will see the plan; {appraisal.person.first_name} can comment "
              "on it.",
        submit="Open the plan",
    )


@login_required
def support_plan_detail(request, pk):
    plan = selectors.get_support_plan_for_user(request.user, pk)
    plan = selectors.with_plan_details(SupportPlan.objects.filter(pk=plan.pk)).select_related(
        "appraisal__cycle", "appraisal__person__line_manager").get()
    user, appraisal = request.user, plan.appraisal
    return render(request, "appraisals/support_plan.html", {
        "plan": plan, "appraisal": appraisal, "today": _today(),
        "is_manager": access.is_appraiser(user, appraisal), "is_person": access.is_appraisee(user, appraisal),
        "can_comment": plan.is_open and access.can_write(user, appraisal),
    })


@login_required
@require_http_methods(["GET", "POST"])
def support_plan_edit(request, pk):
    plan = selectors.get_support_plan_for_user(request.user, pk, write=True)
    _manager_of(request, plan.appraisal)
    initial = {name: getattr(plan, name) for name in ("kind", "concerns", "expected_standard", "support_offered",
                                                       "next_review_on")}
    return _form_page(
        request, forms.SupportPlanForm(_posted(request), initial=initial, first=False),
        save=lambda f: services.support_plan_update(plan=plan, actor=request.user, **f.cleaned_data),
        done=plan.get_absolute_url(), message="The support plan has been updated.",
        title="Change the support plan", caption=str(plan.appraisal.person), back=plan.get_absolute_url(),
    )


def _owners(plan):
    return User.objects.filter(pk__in=services.plan_owner_ids(plan.appraisal)).order_by("last_name", "first_name")


@login_required
@require_http_methods(["GET", "POST"])
def support_plan_action_create(request, pk):
    plan = selectors.get_support_plan_for_user(request.user, pk, write=True)
    _manager_of(request, plan.appraisal)
    return _form_page(
        request, forms.SupportPlanActionForm(_posted(request), owners=_owners(plan)),
        save=lambda f: services.support_plan_action_add(plan=plan, actor=request.user, **f.cleaned_data),
        done=lambda action: action.get_absolute_url(), message="The action has been added to the plan.",
        title="Add an action", caption=str(plan), back=plan.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def support_plan_action_edit(request, pk):
    """The line manager changes an action; the person updates the status of an action they own."""
    action = selectors.get_support_plan_action_for_user(request.user, pk, write=True)
    plan = action.plan
    if access.is_appraiser(request.user, plan.appraisal):
        initial = {"description": action.description, "owner": action.owner_id, "due_on": action.due_on,
                   "status": action.status}
        form = forms.SupportPlanActionForm(_posted(request), initial=initial, owners=_owners(plan), with_status=True)
        title = "Change the action"
    elif action.owner_id == request.user.pk:
        form = forms.ActionStatusForm(_posted(request), initial={"status": action.status})
        title = "Update your action"
    else:
        raise PermissionDenied
    back = action.get_absolute_url()
    return _form_page(
        request, form,
        save=lambda f: services.support_plan_action_update(action=action, actor=request.user, **f.cleaned_data),
        done=back, message="The action has been updated.", title=title, caption=action.description[:120],
        back=back,
    )


@login_required
@require_http_methods(["GET", "POST"])
def support_plan_review_create(request, pk):
    plan = selectors.get_support_plan_for_user(request.user, pk, write=True)
    _manager_of(request, plan.appraisal)
    return _form_page(
        request, forms.SupportPlanReviewForm(_posted(request), initial={"held_on": _today()}),
        save=lambda f: services.support_plan_review_add(plan=plan, actor=request.user, **f.cleaned_data),
        done=plan.get_absolute_url() + "#reviews", message="The review has been recorded.",
        title="Record a review", caption=str(plan), back=plan.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def support_plan_close(request, pk):
    plan = selectors.get_support_plan_for_user(request.user, pk, write=True)
    _manager_of(request, plan.appraisal)
    return _form_page(
        request, forms.SupportPlanCloseForm(_posted(request), initial={"held_on": _today()}),
        save=lambda f: services.support_plan_close(plan=plan, actor=request.user, **f.cleaned_data),
        done=plan.get_absolute_url(),
        message=lambda review: f"The plan is closed: {review.get_outcome_display().lower()}.",
        title="Close the support plan", caption=str(plan), back=plan.get_absolute_url(),
        intro="Closing records a final review. The plan can then no longer be changed.", submit="Close the plan",
    )


@login_required
@require_http_methods(["GET", "POST"])
def support_plan_comment_create(request, pk):
    plan = selectors.get_support_plan_for_user(request.user, pk, write=True)
    return _form_page(
        request, forms.SupportPlanCommentForm(_posted(request)),
        save=lambda f: services.support_plan_comment_add(plan=plan, actor=request.user, **f.cleaned_data),
        done=plan.get_absolute_url() + "#comments", message="Your comment has been added.",
        title="Comment on the plan", caption=str(plan), back=plan.get_absolute_url(),
    )
