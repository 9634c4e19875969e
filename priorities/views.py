"""Pages for priorities, engagement, non-priorities, service plans and the golden thread.

Views check access through the selectors' helpers, validate with a form and
hand off to a service; they hold no rules of their own.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods

from core import summaries
from core.pages import form_page, posted
from indicators import row_cache
from organisation.models import Directorate, Service, User
from priorities import access, forms, periods, risk_matrix, selectors, services
from priorities.models import (
    Milestone,
    Objective,
    Risk,
    ServicePlan,
    StrategicPlan,
    submission_problems,
)

FORM = "includes/form_page.html"
CONFIRM = "priorities/confirm.html"


def _confirm_page(request, *, act, done, message, title, back, caption="", body="", button="Continue",
                  warning=False, blockers=()):
    """Ask before an action that needs no input; on POST do it.

    `blockers` are reasons it cannot be done, known before asking: shown at once, with no button.
    """
    errors = list(blockers)
    if request.method == "POST" and not errors:
        try:
            result = act()
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, message)
            return redirect(done(result) if callable(done) else done)
    return render(request, CONFIRM, {"title": title, "caption": caption, "body": body, "button": button,
                                     "back": back, "errors": errors, "warning": warning, "blocked": bool(blockers)},
                  status=400 if errors and request.method == "POST" else 200)


def _default_owner(user):
    """Whoever writes the item owns it unless they choose someone else (if they can own things)."""
    return user.pk if user.is_current and user.kind == User.Kind.OFFICER else None


def _refusals(plan, status):
    refusal = plan.move_refusal(status)
    return [refusal] if refusal else []


def _require_reader(user):
    if not access.reads_everything(user):
        raise PermissionDenied


def _require_priority_manager(user):
    if not access.can_manage_priorities(user):
        raise PermissionDenied


# Strategic plan -------------------------------------------------------------------

@login_required
def strategic_plan_current(request):
    """The strategic plan covering today, or the list when none does."""
    plan = selectors.strategic_plan_for_year(selectors.current_year())
    return redirect(plan or "strategic-plan-list")


@login_required
def strategic_plan_list(request):
    return render(request, "priorities/strategic_plan_list.html", {
        "plans": StrategicPlan.objects.visible_to(request.user),
        "can_manage": access.can_manage_priorities(request.user),
    })


def _year_from(request, plan):
    year = request.GET.get("year", "")
    if year.isdigit() and plan.covers(int(year)):
        return int(year)
    return selectors.default_year(plan.years)


@login_required
def strategic_plan_detail(request, pk):
    plan = selectors.get_strategic_plan_for_user(request.user, pk)
    year = _year_from(request, plan)
    threads, _ = selectors.golden_thread(request.user, plan, year)
    return render(request, "priorities/strategic_plan_detail.html", {
        "plan": plan,
        "threads": threads,
        "year": year,
        "year_label": periods.fiscal_year_label(year),
        "non_priority_count": selectors.non_priority_register(request.user, plan).count(),
        "can_manage": access.can_manage_priorities(request.user),
    })


@login_required
@require_http_methods(["GET", "POST"])
def strategic_plan_create(request):
    _require_priority_manager(request.user)
    return form_page(
        request, forms.StrategicPlanForm(posted(request)),
        save=lambda data: services.strategic_plan_create(**data),
        done=lambda plan: plan.get_absolute_url(), message="The strategic plan has been added.",
        title="Add a strategic plan", back=reverse("strategic-plan-list"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def strategic_plan_edit(request, pk):
    plan = selectors.get_strategic_plan_for_user(request.user, pk, write=True)
    return form_page(
        request, forms.StrategicPlanForm(posted(request), instance=plan),
        save=lambda data: services.strategic_plan_update(strategic_plan=plan, **data),
        done=plan.get_absolute_url(), message="The strategic plan has been updated.",
        title="Change the strategic plan", caption=plan.title, back=plan.get_absolute_url(),
    )


# Priorities ---------------------------------------------------------------------

@login_required
def priority_detail(request, pk):
    priority = selectors.get_priority_for_user(request.user, pk)
    plan = priority.strategic_plan
    year = _year_from(request, plan)
    return render(request, "priorities/priority_detail.html", {
        "priority": priority,
        "plan": plan,
        "year": year,
        "year_label": periods.fiscal_year_label(year),
        "can_manage": access.can_manage_priorities(request.user),
        **selectors.priority_page(request.user, priority, year),
    })


@login_required
@require_http_methods(["GET", "POST"])
def priority_create(request, plan_pk):
    plan = selectors.get_strategic_plan_for_user(request.user, plan_pk, write=True)
    return form_page(
        request, forms.PriorityForm(posted(request)),
        save=lambda data: services.priority_create(strategic_plan=plan, **data),
        done=lambda priority: priority.get_absolute_url(),
        message=lambda priority: f"{priority} has been added.",
        title="Add a priority", caption=plan.title, back=plan.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def priority_edit(request, pk):
    priority = selectors.get_priority_for_user(request.user, pk, write=True)
    return form_page(
        request, forms.PriorityForm(posted(request), instance=priority),
        save=lambda data: services.priority_update(priority=priority, **data),
        done=priority.get_absolute_url(), message=f"Priority {priority.number} has been updated.",
        title="Change the priority", caption=f"Priority {priority.number}", back=priority.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def communication_create(request, priority_pk):
    priority = selectors.get_priority_for_user(request.user, priority_pk, write=True)
    return form_page(
        request, forms.CommunicationForm(posted(request)),
        save=lambda data: services.communication_create(priority=priority, **data),
        done=priority.get_absolute_url() + "#communication", message="The communication has been recorded.",
        title="Record where the priority was communicated", caption=str(priority), back=priority.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def communication_edit(request, pk):
    communication = selectors.get_communication_for_user(request.user, pk, write=True)
    priority = communication.priority
    return form_page(
        request, forms.CommunicationForm(posted(request), instance=communication),
        save=lambda data: services.communication_update(communication=communication, **data),
        done=priority.get_absolute_url() + "#communication", message="The communication has been updated.",
        title="Change the communication", caption=str(priority), back=priority.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def communication_delete(request, pk):
    communication = selectors.get_communication_for_user(request.user, pk, write=True)
    priority = communication.priority
    return _confirm_page(
        request, act=lambda: services.communication_delete(communication=communication),
        done=priority.get_absolute_url() + "#communication", message="The communication has been removed.",
        title="Remove this communication?", caption=str(priority), body=str(communication),
        button="Remove it", back=priority.get_absolute_url(), warning=True,
    )


# Non-priorities -----------------------------------------------------------------------

@login_required
def non_priority_list(request, plan_pk):
    plan = selectors.get_strategic_plan_for_user(request.user, plan_pk)
    return render(request, "priorities/non_priority_list.html", {
        "plan": plan,
        "non_priorities": selectors.non_priority_register(request.user, plan),
        "today": timezone.localdate(),
        "can_manage": access.can_manage_priorities(request.user),
    })


@login_required
@require_http_methods(["GET", "POST"])
def non_priority_create(request, plan_pk):
    plan = selectors.get_strategic_plan_for_user(request.user, plan_pk, write=True)
    register = reverse("non-priority-list", args=[plan.pk])
    return form_page(
        request, forms.NonPriorityForm(posted(request)),
        save=lambda data: services.non_priority_create(strategic_plan=plan, **data),
        done=lambda item: item.get_absolute_url(), message="The non-priority has been added to the register.",
        title="Add a non-priority", caption=plan.title, back=register,
        intro="Record something the council has decided not to prioritise, and why, so that everyone can see it.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def non_priority_edit(request, pk):
    item = selectors.get_non_priority_for_user(request.user, pk, write=True)
    return form_page(
        request, forms.NonPriorityForm(posted(request), instance=item),
        save=lambda data: services.non_priority_update(non_priority=item, **data),
        done=item.get_absolute_url(), message="The non-priority has been updated.",
        title="Change the non-priority", caption=item.strategic_plan.title,
        back=reverse("non-priority-list", args=[item.strategic_plan_id]),
    )


# Engagement --------------------------------------------------------------------------

@login_required
def engagement_list(request):
    return render(request, "priorities/engagement_list.html", {
        "exercises": selectors.engagement_list(request.user),
        "can_manage": access.can_manage_priorities(request.user),
    })


@login_required
def engagement_detail(request, pk):
    exercise = selectors.get_engagement_exercise_for_user(request.user, pk)
    return render(request, "priorities/engagement_detail.html", {
        "exercise": exercise,
        "can_manage": access.can_manage_priorities(request.user),
        **selectors.engagement_page(request.user, exercise),
    })


@login_required
@require_http_methods(["GET", "POST"])
def engagement_create(request):
    _require_priority_manager(request.user)
    return form_page(
        request, forms.EngagementExerciseForm(posted(request)),
        save=lambda data: services.engagement_exercise_create(**data),
        done=lambda exercise: exercise.get_absolute_url(),
        message="The engagement exercise has been recorded. Now add the groups who took part.",
        title="Record an engagement exercise", back=reverse("engagement-list"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def engagement_edit(request, pk):
    exercise = selectors.get_engagement_exercise_for_user(request.user, pk, write=True)
    return form_page(
        request, forms.EngagementExerciseForm(posted(request), instance=exercise),
        save=lambda data: services.engagement_exercise_update(exercise=exercise, **data),
        done=exercise.get_absolute_url(), message="The engagement exercise has been updated.",
        title="Change the engagement exercise", caption=exercise.title, back=exercise.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def engagement_group_create(request, exercise_pk):
    exercise = selectors.get_engagement_exercise_for_user(request.user, exercise_pk, write=True)
    return form_page(
        request, forms.EngagementGroupForm(posted(request)),
        save=lambda data: services.engagement_group_create(exercise=exercise, **data),
        done=exercise.get_absolute_url() + "#groups", message="The group has been added.",
        title="Add a group", caption=exercise.title, back=exercise.get_absolute_url(),
        intro="Add each group the exercise set out to hear from, including those it missed.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def engagement_group_edit(request, pk):
    group = selectors.get_engagement_group_for_user(request.user, pk, write=True)
    exercise = group.exercise
    return form_page(
        request, forms.EngagementGroupForm(posted(request), instance=group,
                                           initial={"reached": str(group.reached)}),
        save=lambda data: services.engagement_group_update(group=group, **data),
        done=exercise.get_absolute_url() + "#groups", message="The group has been updated.",
        title="Change the group", caption=exercise.title, back=exercise.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def engagement_group_delete(request, pk):
    group = selectors.get_engagement_group_for_user(request.user, pk, write=True)
    exercise = group.exercise
    return _confirm_page(
        request, act=lambda: services.engagement_group_delete(group=group),
        done=exercise.get_absolute_url() + "#groups", message="The group has been removed.",
        title=f"Remove {group.name}?", caption=exercise.title, button="Remove it",
        back=exercise.get_absolute_url(), warning=True,
    )


@login_required
@require_http_methods(["GET", "POST"])
def you_said_we_did_create(request, exercise_pk):
    exercise = selectors.get_engagement_exercise_for_user(request.user, exercise_pk, write=True)
    return form_page(
        request, forms.YouSaidWeDidForm(posted(request)),
        save=lambda data: services.you_said_we_did_create(exercise=exercise, **data),
        done=exercise.get_absolute_url() + "#you-said-we-did", message="‘You said, we did’ has been added.",
        title="Add ‘you said, we did’", caption=exercise.title, back=exercise.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def you_said_we_did_edit(request, pk):
    response = selectors.get_you_said_we_did_for_user(request.user, pk, write=True)
    exercise = response.exercise
    return form_page(
        request, forms.YouSaidWeDidForm(posted(request), instance=response),
        save=lambda data: services.you_said_we_did_update(response=response, **data),
        done=exercise.get_absolute_url() + "#you-said-we-did", message="‘You said, we did’ has been updated.",
        title="Change ‘you said, we did’", caption=exercise.title, back=exercise.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def you_said_we_did_delete(request, pk):
    response = selectors.get_you_said_we_did_for_user(request.user, pk, write=True)
    exercise = response.exercise
    return _confirm_page(
        request, act=lambda: services.you_said_we_did_delete(response=response),
        done=exercise.get_absolute_url() + "#you-said-we-did", message="‘You said, we did’ has been removed.",
        title="Remove this ‘you said, we did’?", caption=exercise.title, body=response.you_said,
        button="Remove it", back=exercise.get_absolute_url(), warning=True,
    )


# The golden thread -------------------------------------------------------------------

@login_required
def golden_thread(request, plan_pk):
    """The thread itself is rendered once per scope, plan and year, and kept (core.summaries) until anything
    it shows changes."""
    plan = selectors.get_strategic_plan_for_user(request.user, plan_pk)
    year = _year_from(request, plan)
    year_label = periods.fiscal_year_label(year)

    return render(request, "priorities/golden_thread.html", {
        "plan": plan,
        "body": summaries.cached("golden-thread", request.user, (plan.pk, year),
                                 lambda: _thread_body(request.user, plan, year, year_label)),
        "year": year,
        "year_label": year_label,
        "years": [(y, periods.fiscal_year_label(y)) for y in plan.years],
    })


def _thread_body(user, plan, year, year_label):
    """The golden thread drawn a section at a time (each priority, then the objectives serving none), each
    section kept with the plans' version and its indicators' stamps (selectors.thread_layout): after a figure
    is saved, only the sections its indicator measures are drawn again, not the council's whole plan. With
    nothing kept at the plans' version, the whole thread is drawn at once."""
    drawn_whole = {}

    def draw_whole():
        # The layout is kept with the plans' version, as every section is: without it, no section is kept
        # either, so the whole thread is drawn now and the layout read off it (no queries of its own).
        drawn_whole["threads"], drawn_whole["unlinked"] = selectors.golden_thread(user, plan, year)
        return selectors.thread_layout(drawn_whole["threads"], drawn_whole["unlinked"])

    layout = summaries.cached("golden-thread-layout", user, (plan.pk, year), draw_whole, version=summaries.PLANS)
    # Read before anything is drawn: a change made meanwhile retires what is drawn at once.
    plans, rows = summaries.PLANS.get(), row_cache.VERSION.get()
    stamps = row_cache.current_stamps({i for _, ids in layout for i in ids})
    keys = {section: summaries.key("golden-thread-section", user,
                                   (plan.pk, year, section, plans, rows, [stamps[i] for i in ids]))
            for section, ids in layout}
    kept = cache.get_many(list(keys.values()))
    missing = [section for section, key in keys.items() if key not in kept]
    if missing:
        if drawn_whole:
            threads, unlinked = drawn_whole["threads"], drawn_whole["unlinked"]
        else:
            threads, unlinked = selectors.golden_thread(user, plan, year, sections=missing)
        drawn = {thread.priority.pk: render_to_string("priorities/includes/golden_thread_priority.html",
                                                      {"thread": thread})
                 for thread in threads if thread.priority.pk in missing}
        if None in missing:
            drawn[None] = render_to_string("priorities/includes/golden_thread_unlinked.html",
                                           {"unlinked": unlinked, "year_label": year_label})
        drawn = {keys[section]: html for section, html in drawn.items()}
        cache.set_many(drawn, settings.SUMMARY_CACHE_SECONDS)
        kept.update(drawn)
    parts = [kept.get(keys[section], "") for section, _ in layout]
    if len(layout) == 1:  # only the objectives serving no priority
        parts.insert(0, '\n<p class="govuk-body">This plan has no priorities yet.</p>\n')
    return mark_safe("".join(parts))  # noqa: S308 - each part rendered by our templates


# Service plans -------------------------------------------------------------------------

@login_required
def service_plan_list(request):
    _require_reader(request.user)
    years = selectors.strategic_plan_years()
    year = request.GET.get("year", "")
    year = int(year) if year.isdigit() and int(year) in years else selectors.default_year(years)
    directorates = list(Directorate.objects.all())
    directorate = next((d for d in directorates if str(d.pk) == request.GET.get("directorate")), None)
    summaries, without = selectors.service_plan_list(request.user, year, directorate=directorate)
    user = request.user
    return render(request, "priorities/service_plan_list.html", {
        "summaries": summaries,
        "services_without": [(s, access.can_edit_service_plans(user, s.pk)) for s in without],
        "year": year,
        "year_label": periods.fiscal_year_label(year),
        "years": [(y, periods.fiscal_year_label(y)) for y in years],
        "directorates": directorates,
        "directorate": directorate,
        "year_is_covered": year in years,
    })


@login_required
@require_http_methods(["GET", "POST"])
def service_plan_start(request):
    user = request.user
    if user.access.is_performance_officer:
        choosable = Service.objects.all()
    else:
        choosable = Service.objects.filter(pk__in=user.access.managed_service_ids)
    if not choosable.exists():
        raise PermissionDenied
    years = selectors.strategic_plan_years()
    initial = {"service": request.GET.get("service"), "year": request.GET.get("year") or selectors.default_year(years)}
    form = forms.ServicePlanStartForm(posted(request), initial=initial, services=choosable, years=years)

    def save(data):
        if not access.can_edit_service_plans(user, data["service"]):
            raise PermissionDenied
        return services.plan_create(service=data["service"], year=data["year"], actor=user)

    return form_page(
        request, form, save=save, done=lambda plan: plan.get_absolute_url(),
        message=lambda plan: f"The {plan.year_label} plan for {plan.service.name} has been started as a draft.",
        title="Start a service plan", back=reverse("service-plan-list"), submit="Start the plan",
        intro="A service has one plan for each financial year. It starts as a draft that only the service's "
              "managers and the performance team can change.",
    )


@login_required
def service_plan_detail(request, pk):
    plan = selectors.get_service_plan_for_user(request.user, pk, neighbours=True)
    contents = selectors.service_plan_contents(plan, user=request.user)
    previous_plan, next_plan = selectors.neighbouring_plans(plan)
    user = request.user
    can_edit = access.can_edit_plan(user, plan)
    risks = contents["risks"]
    returned = next((t for t in reversed(contents["transitions"]) if t.to_status == ServicePlan.Status.RETURNED),
                    None)
    return render(request, "priorities/service_plan_detail.html", {
        "plan": plan,
        **contents,
        "previous_plan": previous_plan,
        "next_plan": next_plan,
        "can_edit": can_edit,
        "can_change_structure": can_edit and plan.is_editable,
        "can_change_risks": can_edit and plan.status in (ServicePlan.Status.DRAFT, ServicePlan.Status.APPROVED),
        "can_approve": plan.status == ServicePlan.Status.SUBMITTED and access.can_approve_plan(user, plan),
        "user_pk": user.pk,
        "problems": submission_problems((t.objective.number, t.objective.title, len(t.milestones))
                                        for t in contents["objectives"]),
        "return_reason": returned.reason if returned and plan.status == ServicePlan.Status.RETURNED else "",
        "heat_map_before": risk_matrix.heat_map((r.likelihood, r.impact, r) for r in risks),
        "heat_map_after": risk_matrix.heat_map((r.residual_likelihood, r.residual_impact, r) for r in risks),
    })


@login_required
@require_http_methods(["GET", "POST"])
def service_plan_edit(request, pk):
    plan = selectors.get_service_plan_for_user(request.user, pk, write=True)
    return form_page(
        request, forms.ServicePlanForm(posted(request), instance=plan),
        save=lambda data: services.plan_update(plan=plan, **data),
        done=plan.get_absolute_url() + "#resources", message="The plan's purpose and resources have been updated.",
        title="Purpose and resources", caption=str(plan), back=plan.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def service_plan_submit(request, pk):
    plan = selectors.get_service_plan_for_user(request.user, pk, write=True)
    director = plan.service.directorate.director
    return _confirm_page(
        request, act=lambda: services.plan_submit(plan=plan, actor=request.user),
        done=plan.get_absolute_url(), message="The plan has been submitted for approval.",
        title="Submit the plan for approval", caption=str(plan), button="Submit for approval",
        body=(f"{director or 'The director'} or the performance team will approve it or return it with reasons. "
              "You cannot change it while it waits for approval."),
        back=plan.get_absolute_url(),
        blockers=_refusals(plan, ServicePlan.Status.SUBMITTED)
        or selectors.submission_problems_for(plan),
    )


def _approver_plan(request, pk):
    plan = selectors.get_service_plan_for_user(request.user, pk)
    if not access.can_approve_plan(request.user, plan):
        raise PermissionDenied
    return plan


@login_required
@require_http_methods(["GET", "POST"])
def service_plan_approve(request, pk):
    plan = _approver_plan(request, pk)
    return _confirm_page(
        request, act=lambda: services.plan_approve(plan=plan, actor=request.user),
        done=plan.get_absolute_url(), message="The plan has been approved.",
        title="Approve the plan", caption=str(plan), button="Approve the plan",
        body="Approving the plan agrees its objectives, milestones and resources for the year. "
             "Milestone owners then report progress against it.",
        back=plan.get_absolute_url(), blockers=_refusals(plan, ServicePlan.Status.APPROVED),
    )


@login_required
@require_http_methods(["GET", "POST"])
def service_plan_return(request, pk):
    plan = _approver_plan(request, pk)
    return form_page(
        request, forms.ReturnPlanForm(posted(request)),
        save=lambda data: services.plan_return(plan=plan, actor=request.user, reason=data["reason"]),
        done=plan.get_absolute_url(), message="The plan has been returned to the service with your reasons.",
        title="Return the plan for changes", caption=str(plan), back=plan.get_absolute_url(),
        submit="Return the plan",
    )


@login_required
@require_http_methods(["GET", "POST"])
def service_plan_reopen(request, pk):
    plan = selectors.get_service_plan_for_user(request.user, pk, write=True)
    return _confirm_page(
        request, act=lambda: services.plan_reopen(plan=plan, actor=request.user),
        done=plan.get_absolute_url(), message="The plan is a draft again: make the changes, then submit it.",
        title="Revise the returned plan", caption=str(plan), button="Make it a draft again",
        body="The plan becomes a draft that you can change and submit again.", back=plan.get_absolute_url(),
        blockers=_refusals(plan, ServicePlan.Status.DRAFT),
    )


@login_required
@require_http_methods(["GET", "POST"])
def service_plan_copy_forward(request, pk):
    plan = selectors.get_service_plan_for_user(request.user, pk, write=True)
    next_label = periods.fiscal_year_label(plan.year + 1)
    return _confirm_page(
        request, act=lambda: services.plan_copy_forward(plan=plan, actor=request.user),
        done=lambda new_plan: new_plan.get_absolute_url(),
        message=f"The {next_label} plan has been started from this one. Check each objective and milestone.",
        title=f"Copy this plan forward to {next_label}", caption=str(plan), button=f"Start the {next_label} plan",
        body=(f"A draft {next_label} plan starts with this plan's objectives, its milestones a year later and not "
              "started, its risks and resources. Progress notes and approvals stay with this year's plan."),
        back=plan.get_absolute_url(),
    )


# Objectives ---------------------------------------------------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
def objective_create(request, plan_pk):
    plan = selectors.get_service_plan_for_user(request.user, plan_pk, write=True)
    return form_page(
        request, forms.ObjectiveForm(posted(request), plan=plan, instance=Objective(plan=plan),
                                     initial={"owner": _default_owner(request.user)}),
        save=lambda data: services.objective_create(plan=plan, **data),
        done=lambda objective: objective.get_absolute_url(),
        message=lambda objective: f"Objective {objective.number} has been added. Now add its milestones.",
        title="Add an objective", caption=str(plan), back=plan.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def objective_edit(request, pk):
    objective = selectors.get_objective_for_user(request.user, pk, write=True)
    plan = objective.plan
    return form_page(
        request, forms.ObjectiveForm(posted(request), plan=plan, instance=objective),
        save=lambda data: services.objective_update(objective=objective, **data),
        done=objective.get_absolute_url(), message=f"Objective {objective.number} has been updated.",
        title="Change the objective", caption=str(plan), back=plan.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def objective_delete(request, pk):
    objective = selectors.get_objective_for_user(request.user, pk, write=True)
    plan = objective.plan
    return _confirm_page(
        request, act=lambda: services.objective_delete(objective=objective),
        done=plan.get_absolute_url(), message=f"Objective {objective.number} has been removed.",
        title="Remove this objective and its milestones?", caption=str(plan), body=objective.title,
        button="Remove the objective", back=plan.get_absolute_url(), warning=True,
    )


# Milestones -----------------------------------------------------------------------------------

@login_required
def milestone_detail(request, pk):
    milestone = selectors.get_milestone_for_user(request.user, pk)
    plan = milestone.objective.plan
    milestone.rating = milestone.rag()
    return render(request, "priorities/milestone_detail.html", {
        "milestone": milestone,
        "objective": milestone.objective,
        "plan": plan,
        "can_update": access.can_update_progress(request.user, milestone, plan),
        "can_change": access.can_edit_plan(request.user, plan) and plan.is_editable,
        **selectors.milestone_page(milestone),
    })


@login_required
@require_http_methods(["GET", "POST"])
def milestone_create(request, objective_pk):
    objective = selectors.get_objective_for_user(request.user, objective_pk, write=True)
    plan = objective.plan
    return form_page(
        request, forms.MilestoneForm(posted(request), instance=Milestone(objective=objective),
                                     initial={"owner": objective.owner_id}),
        save=lambda data: services.milestone_create(objective=objective, **data),
        done=objective.get_absolute_url(), message="The milestone has been added.",
        title="Add a milestone", caption=f"Objective {objective.number}: {objective.title}",
        back=plan.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def milestone_edit(request, pk):
    milestone = selectors.get_milestone_for_user(request.user, pk, write=True)
    objective = milestone.objective
    return form_page(
        request, forms.MilestoneForm(posted(request), instance=milestone),
        save=lambda data: services.milestone_update(milestone=milestone, **data),
        done=objective.get_absolute_url(), message="The milestone has been updated.",
        title="Change the milestone", caption=f"Objective {objective.number}: {objective.title}",
        back=objective.plan.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def milestone_delete(request, pk):
    milestone = selectors.get_milestone_for_user(request.user, pk, write=True)
    plan = milestone.objective.plan
    return _confirm_page(
        request, act=lambda: services.milestone_delete(milestone=milestone),
        done=plan.get_absolute_url(), message="The milestone has been removed.",
        title="Remove this milestone?", caption=str(plan), body=milestone.title, button="Remove the milestone",
        back=plan.get_absolute_url(), warning=True,
    )


def _safe_next(request, fallback):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return fallback


@login_required
@require_http_methods(["GET", "POST"])
def milestone_progress(request, pk):
    milestone = selectors.get_milestone_for_user(request.user, pk, progress=True)
    plan = milestone.objective.plan
    initial = {"status": milestone.status, "percent_complete": milestone.percent_complete,
               "recorded_on": timezone.localdate()}
    done = _safe_next(request, milestone.get_absolute_url())
    return form_page(
        request, forms.ProgressForm(posted(request), initial=initial),
        save=lambda data: services.milestone_record_progress(milestone=milestone, actor=request.user, **data),
        done=done, message=f"Progress on ‘{milestone.title}’ has been recorded.",
        title="Update progress", caption=milestone.title, back=done, submit="Save progress",
        intro=f"{plan.service.name}, {plan.year_label}. Due {milestone.due_on:%-d %B %Y}.",
        extra={"next": done},
    )


# Risks ------------------------------------------------------------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
def risk_create(request, plan_pk):
    plan = selectors.get_service_plan_for_user(request.user, plan_pk, write=True)
    return form_page(
        request, forms.RiskForm(posted(request), instance=Risk(plan=plan),
                                initial={"owner": _default_owner(request.user)}),
        save=lambda data: services.risk_create(plan=plan, **data),
        done=lambda risk: risk.get_absolute_url(), message=lambda risk: f"Risk {risk.reference} has been added.",
        title="Add a risk", caption=str(plan), back=plan.get_absolute_url() + "#risks",
        intro="Score the risk from 1 to 5 for likelihood and for impact, before and after mitigation.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def risk_edit(request, pk):
    risk = selectors.get_risk_for_user(request.user, pk, write=True)
    plan = risk.plan
    return form_page(
        request, forms.RiskForm(posted(request), instance=risk),
        save=lambda data: services.risk_update(risk=risk, **data),
        done=risk.get_absolute_url(), message=f"Risk {risk.reference} has been updated.",
        title=f"Change risk {risk.reference}", caption=str(plan), back=plan.get_absolute_url() + "#risks",
    )


@login_required
@require_http_methods(["GET", "POST"])
def risk_delete(request, pk):
    risk = selectors.get_risk_for_user(request.user, pk, write=True)
    plan = risk.plan
    return _confirm_page(
        request, act=lambda: services.risk_delete(risk=risk),
        done=plan.get_absolute_url() + "#risks", message=f"Risk {risk.reference} has been removed.",
        title=f"Remove risk {risk.reference}?", caption=str(plan), body=risk.title, button="Remove the risk",
        back=plan.get_absolute_url() + "#risks", warning=True,
    )
