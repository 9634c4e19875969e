"""Scrutiny pages: views check access through the selectors' helpers, validate with a form and hand off."""

import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from core import pages, summaries
from core.forms import add_service_errors
from core.pages import posted
from indicators.selectors import get_indicator_for_user
from indicators.selectors import watchlist as indicator_watchlist
from scrutiny import access, forms, selectors, services
from scrutiny.models import Committee, CommitteeMember, municipal_year_of

FORM = "scrutiny/form.html"
form_page = functools.partial(pages.form_page, template=FORM)
CONFIRM = "scrutiny/confirm.html"


def _require_reader(user):
    if not access.reads_scrutiny(user):
        raise PermissionDenied


def _require_editor(user):
    if not access.can_edit_scrutiny(user):
        raise PermissionDenied


# Dashboards -------------------------------------------------------------------------

FRAMEWORKS = [("", "All frameworks"), ("paf", "PAF"), ("ascof", "ASCOF"), ("local", "Local"), ("other", "Other")]


def _framework(request):
    value = request.GET.get("framework", "")
    return value if value in dict(FRAMEWORKS) else ""


# The dashboard's indicator table shows a page at a time, and the exceptions and the watchlist their first
# few, with a link to the rest: a council with hundreds of indicators gets a page councillors can read, and
# one that costs the same to show whatever the size of the library.
DASHBOARD_PAGE = 50
DASHBOARD_LIST = 20


def _paged(request, context):
    context["page"] = Paginator(context["rows"], DASHBOARD_PAGE).get_page(request.GET.get("page"))
    context["list_limit"] = DASHBOARD_LIST
    query = request.GET.copy()
    query.pop("page", None)
    context["query"] = query.urlencode()
    return context


def _summary(request, scope, build, key):
    """The dashboard's indicators, priorities and exceptions, rendered once per scope, page and filter and kept
    (core.summaries) until anything they show changes; `build()` reads them (scrutiny.selectors.dashboard).

    A request with other query parameters, or with a filter or page that is not one, is rendered afresh, not
    kept: made-up query strings (repeated in the pagination links) cannot fill the cache.
    """
    can_edit = access.can_edit_scrutiny(request.user)

    def render_summary():
        context = _paged(request, build())
        html = render_to_string("scrutiny/includes/dashboard_summary.html",
                                {**context, "scope": scope, "can_edit": can_edit})
        return {"group": context["group"], "summary": mark_safe(html)}  # noqa: S308 - rendered by our template

    framework, page = request.GET.get("framework", ""), request.GET.get("page", "")
    if (set(request.GET) - {"framework", "page"} or framework != _framework(request)
            or not (page == "" or (page.isdigit() and len(page) <= 4))):
        return render_summary()
    return summaries.cached("scrutiny-dashboard", request.user, (*key, request.GET.urlencode(), can_edit),
                            render_summary)


@login_required
def dashboard(request):
    """The whole council: what scrutiny and the executive see."""
    _require_reader(request.user)
    framework = _framework(request)
    scope = "the whole council"
    summary = _summary(request, scope, lambda: selectors.dashboard(request.user, framework=framework),
                       ("council",))
    return render(request, "scrutiny/dashboard.html", {
        **summary, "title": "Scrutiny dashboard", "scope": scope, "framework": framework,
        "frameworks": FRAMEWORKS, "portfolios": selectors.portfolios_for_dashboard(request.user),
        "committees": Committee.objects.filter(kind=Committee.Kind.SCRUTINY),
    })


@login_required
def portfolio_dashboard(request, pk):
    """One portfolio's services: what its holder sees."""
    portfolio, portfolios = selectors.portfolio_dashboard_portfolios(request.user, pk)
    framework = _framework(request)
    scope = f"the {portfolio} portfolio"
    summary = _summary(request, scope, lambda: selectors.dashboard(
        request.user, service_ids=selectors.portfolio_service_ids(portfolio), framework=framework),
        ("portfolio", portfolio.pk))
    return render(request, "scrutiny/dashboard.html", {
        **summary, "title": f"{portfolio} portfolio", "scope": scope,
        "portfolio": portfolio, "framework": framework, "frameworks": FRAMEWORKS,
        "portfolios": selectors.portfolios_for_dashboard(request.user, portfolios),
        "committees": Committee.objects.filter(kind=Committee.Kind.SCRUTINY),
    })


@login_required
def topic_from_indicator(request, indicator_pk):
    """Put an indicator from the watchlist on a committee's work programme."""
    _require_editor(request.user)
    indicator = get_indicator_for_user(request.user, indicator_pk)
    reasons = [item.reason for item in indicator_watchlist(user=request.user) if item.indicator.pk == indicator.pk]
    form = forms.WatchlistTopicForm(posted(request))
    return form_page(
        request, form,
        save=lambda d: services.topic_from_indicator(committee=d["committee"], indicator=indicator,
                                                     reason="; ".join(reasons) or "Raised from the dashboard",
                                                     priority=d["priority"], suggested_by=request.user),
        done=lambda topic: topic.get_absolute_url(),
        message=lambda topic: f"{indicator.code} is on the {topic.committee} work programme",
        title="Add to the work programme", caption=str(indicator),
        intro="; ".join(reasons) or "This indicator is not on the watchlist, but can still be scrutinised.",
        back=reverse("scrutiny:dashboard"), submit="Add to the work programme")


# Committees, members and meetings ------------------------------------------------------

@login_required
def committee_list(request):
    _require_reader(request.user)
    return render(request, "scrutiny/committee_list.html", {
        "committees": selectors.committee_list(), "can_edit": access.can_edit_scrutiny(request.user)})


@login_required
def committee_create(request):
    _require_editor(request.user)
    form = forms.CommitteeForm(posted(request))
    return form_page(request, form, save=lambda d: services.committee_save(data=d),
                      done=lambda c: c.get_absolute_url(), message=lambda c: f"{c} added",
                      title="Add a committee", back=reverse("scrutiny:committee-list"))


@login_required
def committee_detail(request, pk):
    committee = selectors.get_committee_for_user(request.user, pk)
    return render(request, "scrutiny/committee_detail.html", {
        "committee": committee, **selectors.committee_page(committee),
        "year": municipal_year_of(timezone.localdate()), "can_edit": access.can_edit_scrutiny(request.user)})


@login_required
def committee_edit(request, pk):
    committee = selectors.get_committee_for_user(request.user, pk, write=True)
    form = forms.CommitteeForm(posted(request), instance=committee)
    return form_page(request, form, save=lambda d: services.committee_save(committee=committee, data=d),
                      done=committee.get_absolute_url(), message="Committee saved",
                      title="Change the committee", caption=str(committee), back=committee.get_absolute_url())


@login_required
def committee_member_add(request, pk):
    committee = selectors.get_committee_for_user(request.user, pk, write=True)
    form = forms.CommitteeMemberForm(posted(request))
    return form_page(request, form,
                      save=lambda d: services.committee_member_add(committee=committee, person=d["person"],
                                                                   role=d["role"]),
                      done=committee.get_absolute_url(), message=lambda m: f"{m.person} added",
                      title="Add a member", caption=str(committee), back=committee.get_absolute_url())


@login_required
def committee_member_remove(request, pk):
    committee = selectors.get_committee_for_user(request.user, pk, write=True)
    try:
        member = committee.members.select_related("person").get(pk=request.GET.get("member") or
                                                                 request.POST.get("member"))
    except (CommitteeMember.DoesNotExist, ValueError):
        raise PermissionDenied from None
    if request.method == "POST":
        services.committee_member_remove(member=member)
        messages.success(request, f"{member.person} removed from {committee}")
        return redirect(committee)
    return render(request, CONFIRM, {"title": f"Remove {member.person} from the committee?", "caption": committee,
                                     "back": committee.get_absolute_url(), "button": "Remove", "warning": True,
                                     "hidden": {"member": member.pk}})


@login_required
def meeting_create(request, pk):
    committee = selectors.get_committee_for_user(request.user, pk, write=True)
    form = forms.MeetingForm(posted(request))
    return form_page(request, form, save=lambda d: services.meeting_save(committee=committee, data=d),
                      done=lambda m: m.get_absolute_url(), message="Meeting added",
                      title="Add a meeting", caption=str(committee), back=committee.get_absolute_url())


@login_required
def meeting_detail(request, pk):
    meeting = selectors.get_meeting_for_user(request.user, pk)
    return render(request, "scrutiny/meeting_detail.html", {
        "meeting": meeting, "items": selectors.meeting_items(meeting),
        "can_edit": access.can_edit_scrutiny(request.user)})


@login_required
def meeting_edit(request, pk):
    meeting = selectors.get_meeting_for_user(request.user, pk, write=True)
    form = forms.MeetingForm(posted(request), instance=meeting)
    return form_page(request, form,
                      save=lambda d: services.meeting_save(committee=meeting.committee, meeting=meeting, data=d),
                      done=meeting.get_absolute_url(), message="Meeting saved", title="Change the meeting",
                      caption=str(meeting.committee), back=meeting.get_absolute_url())


@login_required
def agenda_item_create(request, pk):
    meeting = selectors.get_meeting_for_user(request.user, pk, write=True)
    form = forms.AgendaItemForm(posted(request), meeting=meeting)
    return form_page(request, form, save=lambda d: services.agenda_item_save(meeting=meeting, data=d),
                      done=meeting.get_absolute_url(), message=lambda i: f"Item {i.number} added to the agenda",
                      title="Add an agenda item", caption=str(meeting), back=meeting.get_absolute_url())


@login_required
def agenda_item_edit(request, pk):
    item = selectors.get_agenda_item_for_user(request.user, pk, write=True)
    form = forms.AgendaItemForm(posted(request), instance=item, meeting=item.meeting)
    return form_page(request, form, save=lambda d: services.agenda_item_save(meeting=item.meeting, item=item, data=d),
                      done=item.meeting.get_absolute_url(), message="Agenda item saved",
                      title=f"Change item {item.number}", caption=str(item.meeting),
                      back=item.meeting.get_absolute_url())


# Work programme ---------------------------------------------------------------------------

@login_required
def work_programme(request, pk):
    committee = selectors.get_committee_for_user(request.user, pk)
    this_year = municipal_year_of(timezone.localdate())
    year = request.GET.get("year", "")
    year = int(year) if year.isdigit() else this_year
    return render(request, "scrutiny/work_programme.html", {
        "committee": committee, "year": year, "topics": selectors.work_programme(committee, year),
        "years": sorted(set(selectors.programme_years(committee)) | {this_year}, reverse=True),
        "can_edit": access.can_edit_scrutiny(request.user)})


@login_required
def topic_create(request, pk):
    committee = selectors.get_committee_for_user(request.user, pk, write=True)
    form = forms.TopicForm(posted(request), committee=committee,
                           initial={"year": municipal_year_of(timezone.localdate())})
    return form_page(request, form,
                      save=lambda d: services.topic_save(committee=committee, data=d, suggested_by=request.user),
                      done=lambda t: t.get_absolute_url(), message=lambda t: f"{t} added to the work programme",
                      title="Add a topic to the work programme", caption=str(committee),
                      back=reverse("scrutiny:work-programme", args=[committee.pk]))


@login_required
def topic_detail(request, pk):
    topic = selectors.get_topic_for_user(request.user, pk)
    return render(request, "scrutiny/topic_detail.html", {
        "topic": topic, "review": getattr(topic, "review", None),
        "can_edit": access.can_edit_scrutiny(request.user)})


@login_required
def topic_edit(request, pk):
    topic = selectors.get_topic_for_user(request.user, pk, write=True)
    form = forms.TopicForm(posted(request), instance=topic, committee=topic.committee)
    return form_page(request, form, save=lambda d: services.topic_save(committee=topic.committee, topic=topic,
                                                                        data=d),
                      done=topic.get_absolute_url(), message="Topic saved", title="Change the topic",
                      caption=str(topic.committee), back=topic.get_absolute_url())


# Reviews ---------------------------------------------------------------------------------

@login_required
def review_list(request):
    _require_reader(request.user)
    return render(request, "scrutiny/review_list.html", {"rows": selectors.review_list(request.user)})


@login_required
def review_create(request, topic_pk):
    topic = selectors.get_topic_for_user(request.user, topic_pk, write=True)
    if getattr(topic, "review", None):
        return redirect(topic.review)
    form = forms.ReviewForm(posted(request), initial={"title": topic.title, "scope": topic.description,
                                                       "started_on": timezone.localdate()})
    return form_page(request, form,
                      save=lambda d: services.review_save(committee=topic.committee, topic=topic, data=d),
                      done=lambda r: r.get_absolute_url(), message="Review started",
                      title="Start a task-and-finish review", caption=str(topic), back=topic.get_absolute_url())


@login_required
def review_detail(request, pk):
    review = selectors.get_review_for_user(request.user, pk)
    return render(request, "scrutiny/review_detail.html", {
        "review": review, **selectors.review_page(review),
        "can_edit": access.can_edit_scrutiny(request.user),
        "can_respond": access.can_respond_for_executive(request.user)})


@login_required
def review_edit(request, pk):
    review = selectors.get_review_for_user(request.user, pk, write=True)
    form = forms.ReviewForm(posted(request), instance=review)
    return form_page(request, form, save=lambda d: services.review_save(committee=review.committee, review=review,
                                                                         data=d),
                      done=review.get_absolute_url(), message="Review saved", title="Change the review",
                      caption=str(review), back=review.get_absolute_url())


@login_required
def review_member_add(request, pk):
    review = selectors.get_review_for_user(request.user, pk, write=True)
    form = forms.ReviewMemberForm(posted(request))
    return form_page(request, form, save=lambda d: services.review_member_add(review=review, **d),
                      done=review.get_absolute_url() + "#members", message=lambda m: f"{m} added to the review",
                      title="Add a member or co-optee", caption=str(review), back=review.get_absolute_url())


@login_required
def evidence_add(request, pk):
    review = selectors.get_review_for_user(request.user, pk, write=True)
    form = forms.EvidenceForm(posted(request))
    return form_page(request, form, save=lambda d: services.evidence_add(review=review, data=d),
                      done=review.get_absolute_url() + "#evidence", message="Evidence logged",
                      title="Log evidence", caption=str(review), back=review.get_absolute_url())


@login_required
def recommendation_add(request, pk):
    review = selectors.get_review_for_user(request.user, pk, write=True)
    form = forms.RecommendationForm(posted(request))
    return form_page(request, form, save=lambda d: services.recommendation_save(review=review, data=d),
                      done=review.get_absolute_url() + "#recommendations",
                      message=lambda r: f"Recommendation {r.number} added",
                      title="Add a recommendation", caption=str(review), back=review.get_absolute_url())


@login_required
def report_submit(request, pk):
    review = selectors.get_review_for_user(request.user, pk, write=True)
    form = forms.ReportForm(posted(request), initial={"report_summary": review.report_summary,
                                                       "reported_on": review.reported_on or timezone.localdate(),
                                                       "publish": review.is_published})
    return form_page(request, form,
                      save=lambda d: services.report_submit(review=review, summary=d["report_summary"],
                                                            reported_on=d["reported_on"], publish=d["publish"]),
                      done=review.get_absolute_url(),
                      message=lambda r: f"Report sent to the executive: response due by "
                                        f"{r.response_due_on:%-d %B %Y}",
                      title="Send the report to the executive", caption=str(review), back=review.get_absolute_url(),
                      submit="Send the report")


@login_required
def respond(request, pk):
    recommendation = selectors.get_recommendation_for_user(request.user, pk, respond=True)
    review = recommendation.review
    form = forms.ResponseForm(posted(request), initial={
        "response": recommendation.response, "response_reasons": recommendation.response_reasons,
        "responded_on": recommendation.responded_on or timezone.localdate()})
    return form_page(request, form,
                      save=lambda d: services.executive_response_record(
                          recommendation=recommendation, response=d["response"], reasons=d["response_reasons"],
                          responded_on=d["responded_on"], by=request.user),
                      done=recommendation.get_absolute_url(),
                      message=f"The executive's response to recommendation {recommendation.number} is recorded",
                      title=f"Respond to recommendation {recommendation.number}", caption=str(review),
                      intro=recommendation.text, back=review.get_absolute_url(), submit="Record the response")


@login_required
def implementation_update(request, pk):
    recommendation = selectors.get_recommendation_for_user(request.user, pk, write=True)
    review = recommendation.review
    form = forms.ImplementationForm(posted(request), initial={"implementation": recommendation.implementation,
                                                               "outcome": recommendation.outcome})
    return form_page(request, form,
                      save=lambda d: services.implementation_update_record(recommendation=recommendation, by=request.user,
                                                                           **d),
                      done=recommendation.get_absolute_url(), message="Implementation update recorded",
                      title=f"Update on recommendation {recommendation.number}", caption=str(review),
                      intro=recommendation.text, back=review.get_absolute_url())


@login_required
def review_complete(request, pk):
    review = selectors.get_review_for_user(request.user, pk, write=True)
    form = forms.CompleteForm(posted(request), initial={"outcome": review.outcome})
    return form_page(request, form, save=lambda d: services.review_complete(review=review, outcome=d["outcome"]),
                      done=review.get_absolute_url(), message="Review complete", title="Complete the review",
                      caption=str(review), back=review.get_absolute_url(), submit="Complete the review")


# Best Value reviews ------------------------------------------------------------------------

@login_required
def best_value_list(request):
    _require_reader(request.user)
    return render(request, "scrutiny/best_value_list.html", {
        "reviews": selectors.best_value_list(), "can_edit": access.can_edit_scrutiny(request.user)})


@login_required
def best_value_create(request):
    _require_editor(request.user)
    form = forms.BestValueReviewForm(posted(request), initial={"year": municipal_year_of(timezone.localdate())})

    def save(d):
        d = dict(d)
        indicators = d.pop("indicators")
        return services.best_value_review_save(data=d, indicators=indicators)

    return form_page(request, form, save=save, done=lambda r: r.get_absolute_url(),
                      message=lambda r: f"{r} added to the Best Value programme",
                      title="Add a Best Value review", back=reverse("scrutiny:best-value-list"))


@login_required
def best_value_detail(request, pk):
    review = selectors.get_best_value_review_for_user(request.user, pk)
    return render(request, "scrutiny/best_value_detail.html", {
        "review": review, **selectors.best_value_page(request.user, review),
        "can_edit": access.can_edit_scrutiny(request.user)})


@login_required
def best_value_edit(request, pk):
    review = selectors.get_best_value_review_for_user(request.user, pk, write=True)
    form = forms.BestValueReviewForm(posted(request), instance=review)

    def save(d):
        d = dict(d)
        indicators = d.pop("indicators")
        return services.best_value_review_save(review=review, data=d, indicators=indicators)

    return form_page(request, form, save=save, done=review.get_absolute_url(), message="Review saved",
                      title="Change the Best Value review", caption=str(review), back=review.get_absolute_url())


@login_required
def best_value_scope(request, pk):
    review = selectors.get_best_value_review_for_user(request.user, pk, write=True)
    form = forms.ScopeForm(posted(request), initial={"scope": review.scope, "scope_agreed_by": review.scope_agreed_by,
                                                      "scope_agreed_on": review.scope_agreed_on})
    return form_page(request, form,
                      save=lambda d: services.best_value_scope_agree(review=review, scope=d["scope"],
                                                                     committee=d["scope_agreed_by"],
                                                                     agreed_on=d["scope_agreed_on"]),
                      done=review.get_absolute_url(), message="Scope recorded",
                      title="Record the scope agreed with councillors", caption=str(review),
                      back=review.get_absolute_url())


@login_required
def four_cs_section(request, pk):
    section = selectors.get_four_cs_section_for_user(request.user, pk, write=True)
    review = section.review
    form = forms.SectionForm(posted(request), initial={"findings": section.findings,
                                                        "is_complete": section.is_complete})
    return form_page(request, form,
                      save=lambda d: services.four_cs_section_save(section=section, **d),
                      done=review.get_absolute_url() + f"#{section.c}",
                      message=f"{section.get_c_display()} saved", title=section.get_c_display(),
                      caption=str(review), intro=section.question, back=review.get_absolute_url())


@login_required
def four_cs_evidence_add(request, pk):
    section = selectors.get_four_cs_section_for_user(request.user, pk, write=True)
    review = section.review
    form = forms.FourCsEvidenceForm(posted(request))
    return form_page(request, form, save=lambda d: services.four_cs_evidence_add(section=section, data=d),
                      done=review.get_absolute_url() + f"#{section.c}", message="Evidence added",
                      title=f"Add evidence to {section.get_c_display()}", caption=str(review),
                      back=review.get_absolute_url())


@login_required
def delivery_option_add(request, pk):
    review = selectors.get_best_value_review_for_user(request.user, pk, write=True)
    form = forms.DeliveryOptionForm(posted(request))
    return form_page(request, form, save=lambda d: services.delivery_option_save(review=review, data=d),
                      done=review.get_absolute_url() + "#options", message=lambda o: f"{o} scored",
                      title="Add an option", caption=str(review), back=review.get_absolute_url(),
                      intro="Score each from 1 (worst) to 5 (best). For cost, 5 is cheapest; for risk, 5 is safest.")


@login_required
def improvement_action_add(request, pk):
    review = selectors.get_best_value_review_for_user(request.user, pk, write=True)
    form = forms.ImprovementActionForm(posted(request), review=review)

    def save(d):
        d = dict(d)
        objective = d.pop("objective")
        return services.improvement_action_add(review=review, data=d, objective=objective)

    return form_page(request, form, save=save, done=review.get_absolute_url() + "#actions",
                      message=lambda a: f"Action {a.number} added to the improvement plan",
                      title="Add a recommendation and its improvement action", caption=str(review),
                      back=review.get_absolute_url())


@login_required
def improvement_action_progress(request, pk):
    action = selectors.get_improvement_action_for_user(request.user, pk, write=True)
    review = action.review
    form = forms.ActionProgressForm(posted(request), initial={"status": action.status,
                                                               "progress_note": action.progress_note})
    return form_page(request, form,
                      save=lambda d: services.improvement_action_progress(action=action, status=d["status"],
                                                                          note=d["progress_note"]),
                      done=review.get_absolute_url() + "#actions", message=f"Action {action.number} updated",
                      title=f"Progress on action {action.number}", caption=str(review), intro=action.action,
                      back=review.get_absolute_url())


@login_required
def best_value_judgement(request, pk):
    review = selectors.get_best_value_review_for_user(request.user, pk, write=True)
    form = forms.JudgementForm(posted(request), initial={"service_stars": review.service_stars,
                                                          "prospects": review.prospects,
                                                          "judgement_notes": review.judgement_notes})
    return form_page(request, form,
                      save=lambda d: services.best_value_judgement_record(
                          review=review, service_stars=d["service_stars"], prospects=d["prospects"],
                          notes=d["judgement_notes"]),
                      done=review.get_absolute_url() + "#judgement", message="Judgement recorded",
                      title="Record the judgement", caption=str(review), back=review.get_absolute_url())


# Call-in ------------------------------------------------------------------------------------

@login_required
def decision_list(request):
    _require_reader(request.user)
    return render(request, "scrutiny/decision_list.html", {
        "decisions": selectors.decision_list(), "can_edit": access.can_edit_scrutiny(request.user)})


@login_required
def decision_create(request):
    _require_editor(request.user)
    form = forms.DecisionForm(posted(request))
    return form_page(request, form, save=lambda d: services.decision_save(data=d),
                      done=lambda d: d.get_absolute_url(), message=lambda d: f"{d.reference} recorded",
                      title="Record an executive decision", back=reverse("scrutiny:decision-list"))


@login_required
def decision_detail(request, pk):
    decision = selectors.get_decision_for_user(request.user, pk)
    call_in = getattr(decision, "call_in", None)
    return render(request, "scrutiny/decision_detail.html", {
        "decision": decision, "call_in": call_in, "state": decision.state(),
        "members": list(call_in.members.all()) if call_in else [],
        "can_edit": access.can_edit_scrutiny(request.user)})


@login_required
def decision_edit(request, pk):
    decision = selectors.get_decision_for_user(request.user, pk, write=True)
    form = forms.DecisionForm(posted(request), instance=decision)
    return form_page(request, form, save=lambda d: services.decision_save(decision=decision, data=d),
                      done=decision.get_absolute_url(), message="Decision saved", title="Change the decision",
                      caption=str(decision), back=decision.get_absolute_url())


@login_required
def call_in_record(request, pk):
    decision = selectors.get_decision_for_user(request.user, pk, write=True)
    form = forms.CallInForm(posted(request), decision=decision, initial={"called_in_on": timezone.localdate()})
    return form_page(request, form, save=lambda d: services.call_in_record(decision=decision, **d),
                      done=decision.get_absolute_url(),
                      message=lambda c: f"Called in: the committee must meet by {c.meet_by:%-d %B %Y}",
                      title="Record a call-in", caption=str(decision), back=decision.get_absolute_url(),
                      intro=f"{decision.call_in_committee.call_in_signatories} members of "
                            f"{decision.call_in_committee} are needed.")


@login_required
def call_in_outcome(request, pk):
    decision = selectors.get_decision_for_user(request.user, pk, write=True)
    call_in = getattr(decision, "call_in", None)
    if call_in is None:
        raise PermissionDenied
    form = forms.CallInOutcomeForm(posted(request), decision=decision,
                                   initial={"meeting": call_in.meeting, "outcome": call_in.outcome,
                                            "outcome_notes": call_in.outcome_notes})
    return form_page(request, form,
                      save=lambda d: services.call_in_outcome_record(call_in=call_in, outcome=d["outcome"],
                                                                     notes=d["outcome_notes"], meeting=d["meeting"]),
                      done=decision.get_absolute_url(), message="Outcome recorded",
                      title="Record the committee's decision on the call-in", caption=str(decision),
                      back=decision.get_absolute_url())


# Health scrutiny ------------------------------------------------------------------------------

@login_required
def health(request):
    _require_reader(request.user)
    return render(request, "scrutiny/health.html", {**selectors.health_page(),
                                                    "can_edit": access.can_edit_scrutiny(request.user)})


@login_required
def nhs_body_create(request):
    _require_editor(request.user)
    form = forms.NhsBodyForm(posted(request))
    return form_page(request, form, save=lambda d: services.nhs_body_save(data=d),
                      done=reverse("scrutiny:health") + "#bodies", message=lambda b: f"{b} added",
                      title="Add an NHS body", back=reverse("scrutiny:health"))


@login_required
def information_request_create(request):
    _require_editor(request.user)
    form = forms.InformationRequestForm(posted(request), initial={"requested_on": timezone.localdate(),
                                                                   "response_days": 28})

    def save(d):
        d = dict(d)
        return services.information_request_add(committee=d.pop("committee"), data=d)

    return form_page(request, form, save=save, done=reverse("scrutiny:health") + "#requests",
                      message=lambda r: f"Request sent: {r.nhs_body} to answer by {r.due_on:%-d %B %Y}",
                      title="Record a request for information", back=reverse("scrutiny:health"))


@login_required
def information_response(request, pk):
    info = selectors.get_information_request_for_user(request.user, pk, write=True)
    form = forms.InformationResponseForm(posted(request), initial={"responded_on": info.responded_on
                                                                    or timezone.localdate(),
                                                                    "response": info.response})
    return form_page(request, form,
                      save=lambda d: services.information_response_record(request=info, **d),
                      done=reverse("scrutiny:health") + "#requests", message="Answer recorded",
                      title=f"Record {info.nhs_body}'s answer", caption=info.subject, intro=info.request,
                      back=reverse("scrutiny:health"))


@login_required
def substantial_change_create(request):
    _require_editor(request.user)
    form = forms.SubstantialChangeForm(posted(request))

    def save(d):
        d = dict(d)
        return services.substantial_change_add(committee=d.pop("committee"), data=d)

    return form_page(request, form, save=save, done=reverse("scrutiny:health") + "#changes",
                      message="Proposal recorded", title="Record a proposal for substantial change",
                      back=reverse("scrutiny:health"))


@login_required
def substantial_change_respond(request, pk):
    change = selectors.get_substantial_change_for_user(request.user, pk, write=True)
    form = forms.SubstantialChangeResponseForm(posted(request), initial={
        "response": change.response, "response_detail": change.response_detail,
        "responded_on": change.responded_on or timezone.localdate()})
    return form_page(request, form,
                      save=lambda d: services.substantial_change_respond(
                          change=change, response=d["response"], detail=d["response_detail"],
                          responded_on=d["responded_on"]),
                      done=reverse("scrutiny:health") + "#changes", message="The committee's response is recorded",
                      title="Record the committee's response", caption=str(change), intro=change.description,
                      back=reverse("scrutiny:health"))


# Performance-management health check -----------------------------------------------------------

def _evidence_snapshot(questions):
    return {str(q.number): [{"label": m.label, "count": m.count, "total": m.total} for m in q.measures]
            for q in questions}


@login_required
def health_check(request):
    """The seven leadership questions with live evidence, and the reviews recorded so far."""
    from scrutiny.health_check import RATINGS
    from scrutiny.models import HealthCheck

    _require_reader(request.user)
    questions = selectors.health_check_evidence(request.user)
    for q in questions:
        q.suggested_label, q.suggested_colour = RATINGS[q.suggested]
    return render(request, "scrutiny/health_check.html", {
        "questions": questions, "checks": HealthCheck.objects.select_related("recorded_by")[:10],
        "can_record": access.can_record_health_check(request.user)})


@login_required
def health_check_record(request):
    if not access.can_record_health_check(request.user):
        raise PermissionDenied
    questions = selectors.health_check_evidence(request.user)
    form = forms.HealthCheckForm(posted(request), questions=questions)
    if request.method == "POST" and form.is_valid():
        try:
            check = services.health_check_record(
                reviewed_by=form.cleaned_data["reviewed_by"], overall=form.cleaned_data["overall"],
                summary=form.cleaned_data["summary"], answers=form.answers(),
                evidence=_evidence_snapshot(questions), by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Health check recorded")
            return redirect(check)
    for q in questions:
        q.fields = [form[f"{kind}_{q.number}"] for kind in ("rating", "comment", "actions")]
    return render(request, "scrutiny/health_check_form.html", {
        "form": form, "questions": questions, "back": reverse("scrutiny:health-check")},
        status=400 if request.method == "POST" else 200)


@login_required
def health_check_detail(request, pk):
    from scrutiny.health_check import QUESTIONS

    check = selectors.get_health_check_for_user(request.user, pk)
    answers = [(QUESTIONS[a.question - 1], a, check.evidence.get(str(a.question), [])) for a in check.answers.all()]
    return render(request, "scrutiny/health_check_detail.html", {"check": check, "answers": answers})
