"""The public pages, their open data and feedback; and the staff pages that moderate feedback.

Public pages are rendered without the request (no signed-in person, no CSRF
token, no CSP nonce), so the same HTML can be cached and served to everyone;
only the feedback form, which needs a CSRF token, is rendered per request.
"""

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Case, Value, When
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from core.forms import add_service_errors
from priorities import periods
from public import forms, opendata, ratelimit, selectors, services, summaries
from public.caching import cached_public_page
from public.models import Feedback
from scrutiny.models import Recommendation

log = logging.getLogger(__name__)


def branding():
    return {
        "council_name": settings.COUNCIL_NAME,
        "service_name": settings.COUNCIL_SERVICE_NAME,
        "council_logo_url": settings.COUNCIL_LOGO_URL,
    }


def render_public(template, context, *, section="", request=None, status=200):
    """A public page; pass `request` only for a form that needs its CSRF token (never cached)."""
    html = render_to_string(template, {**branding(), "section": section, **context}, request=request)
    return HttpResponse(html, status=status)


@require_safe
@cached_public_page
def branding_css(request):
    """The council's colour, as a stylesheet: the public pages carry no inline styles, so they can be cached."""
    response = HttpResponse(f":root {{ --council-colour: {settings.COUNCIL_COLOUR}; }}\n", content_type="text/css")
    return response


# Pages ------------------------------------------------------------------------------------------


@require_safe
@cached_public_page
def home(request):
    return render_public("public/home.html", selectors.home_page(), section="home")


@require_safe
@cached_public_page
def priorities(request):
    plan = selectors.current_strategic_plan()
    progress = selectors.priorities_progress(plan)
    year_label = periods.fiscal_year_label(selectors.this_year())
    return render_public("public/priorities.html", {
        "plan": plan,
        "progress": progress,
        "year_label": year_label,
        "summary": summaries.priorities_summary([(p.priority.title, p.rating) for p in progress]),
        "non_priority_count": len(selectors.non_priorities(plan)),
    }, section="priorities")


@require_safe
@cached_public_page
def priority(request, pk):
    priority = selectors.get_published_priority(pk)
    page = selectors.priority_page(priority)
    progress = page["progress"]
    milestones = progress.milestones
    summary = [summaries.PRIORITY_SENTENCES[progress.rating]] if progress.objectives else []
    summary += summaries.milestones_summary(
        len(milestones), progress.complete_count, [m.title for m in progress.overdue], page["year_label"])
    return render_public("public/priority.html", {"priority": priority, "summary": summary, **page},
                         section="priorities")


@require_safe
@cached_public_page
def non_priorities(request):
    plan = selectors.current_strategic_plan()
    items = selectors.non_priorities(plan)
    count = len(items)
    if count:
        summary = [f"The council has decided that {summaries.number(count)} "
                   f"{summaries.plural(count, 'thing is', 'things are')} not a priority for "
                   f"{plan.period_label}, so that money and staff go to the priorities instead.",
                   "Each decision has a date by which it will be looked at again."]
        due = [n.title for n in items if n.review_is_due]
        if due:
            summary.append(f"The review of {summaries.join_names(due)} is due.")
    else:
        summary = ["The council has not published any decisions about what is not a priority."]
    return render_public("public/non_priorities.html", {"plan": plan, "items": items, "summary": summary},
                         section="priorities")


@require_safe
@cached_public_page
def service_plans(request):
    year = selectors.this_year()
    year_label = periods.fiscal_year_label(year)
    services_ = selectors.service_plans(year)
    milestones = [m for s in services_ for m in s.milestones]
    summary = summaries.milestones_summary(len(milestones), sum(s.complete_count for s in services_),
                                           [m.title for s in services_ for m in s.overdue], year_label)
    return render_public("public/service_plans.html", {"services": services_, "year_label": year_label,
                                                        "summary": summary}, section="plans")


@require_safe
@cached_public_page
def service(request, pk):
    service = selectors.get_public_service(pk)
    page = selectors.service_page(service)
    progress = page["progress"]
    summary = []
    if progress.objectives:
        summary += summaries.milestones_summary(len(progress.milestones), progress.complete_count,
                                                [m.title for m in progress.overdue], page["year_label"],
                                                one_service=True)
    if page["figures"]:
        summary += summaries.indicators_summary([(r.indicator.name, r.latest.rag) for r in page["figures"]])
    return render_public("public/service.html", {"service": service, "summary": summary, **page},
                         section="plans")


@require_safe
@cached_public_page
def indicators(request):
    rows = selectors.indicator_rows()
    return render_public("public/indicators.html", {
        "rows": rows, "summary": summaries.indicators_summary(selectors.indicator_summary_items(rows)),
    }, section="indicators")


@require_safe
@cached_public_page(params=("group",))
def indicator(request, pk):
    indicator = selectors.get_published_indicator(pk)
    page = selectors.indicator_page(indicator, group_id=request.GET.get("group"))
    return render_public("public/indicator.html", {"indicator": indicator, **page}, section="indicators")


@require_safe
@cached_public_page
def engagement(request):
    exercises = selectors.engagement()
    people = sum(e.participants or 0 for e in exercises)
    responses = sum(len(e.responses.all()) for e in exercises)
    if exercises:
        summary = [f"The council asked people what mattered to them in {summaries.number(len(exercises))} "
                   f"published {summaries.plural(len(exercises), 'consultation')}"
                   + (f", hearing from {people:,} people." if people else "."),
                   f"It has recorded {summaries.number(responses)} {summaries.plural(responses, 'thing')} "
                   "it did because of what people said."]
        missed = sorted({g.name for e in exercises for g in e.groups.all() if g.is_hard_to_reach and not g.reached})
        if missed:
            summary.append(f"It has not yet heard enough from {summaries.join_names(missed)}.")
    else:
        summary = ["The council has not published any consultations yet."]
    return render_public("public/engagement.html", {"exercises": exercises, "summary": summary},
                         section="engagement")


@require_safe
@cached_public_page
def scrutiny(request):
    reviews = selectors.scrutiny_reviews()
    recommendations = [r for review in reviews for r in review.recommendations.all()]
    return render_public("public/scrutiny.html", {
        "reviews": reviews, "summary": selectors.recommendations_summary(recommendations, len(reviews)),
        "best_value": selectors.best_value_reviews(),
    }, section="scrutiny")


@require_safe
@cached_public_page
def scrutiny_review(request, pk):
    review = selectors.get_published_review(pk)
    recommendations = selectors.review_recommendations(review)
    return render_public("public/scrutiny_review.html", {
        "review": review, "recommendations": recommendations,
        "summary": selectors.recommendations_summary(recommendations, 1, single=True),
        "responses": Recommendation.Response,
    }, section="scrutiny")


@require_safe
@cached_public_page
def best_value(request):
    reviews = selectors.best_value_reviews()
    return render_public("public/best_value.html", {"reviews": reviews,
                                                     "summary": selectors.best_value_summary(reviews)},
                         section="scrutiny")


@require_safe
@cached_public_page
def best_value_review(request, pk):
    review = selectors.get_published_best_value(pk)
    page = selectors.best_value_page(review)
    actions = page["actions"]
    day = selectors.today()
    summary = summaries.best_value_summary(reviews=1, actions=len(actions),
                                           complete=sum(a.status == "complete" for a in actions),
                                           overdue=sum(a.is_overdue(day) for a in actions), single=True)
    if review.service_stars is not None:
        summary.insert(0, f"The review judged the service {review.get_service_stars_display().split(': ')[-1]}"
                          + (f", with {review.get_prospects_display().lower()} prospects for improvement."
                             if review.prospects else "."))
    return render_public("public/best_value_review.html", {"review": review, "summary": summary, "today": day,
                                                            **page}, section="scrutiny")


@require_safe
@cached_public_page(params=("year",))
def complaints(request):
    years = selectors.complaint_years()
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = None
    if year not in years:
        year = selectors.default_complaint_year(years)
    stats, summary, label = selectors.complaint_statistics(year)
    return render_public("public/complaints.html", {
        "stats": stats, "summary": summary, "year_label": label, "year": year,
        "years": [(y, periods.fiscal_year_label(y)) for y in years],
    }, section="complaints")


@require_safe
@cached_public_page
def feedback_list(request):
    feedback = selectors.published_feedback()
    priorities_, services_ = selectors.feedback_targets()
    answered = sum(bool(f.answer) for f in feedback)
    if feedback:
        summary = [f"The council has published {summaries.number(len(feedback))} "
                   f"{summaries.plural(len(feedback), 'comment')} from service users, carers and residents, and "
                   f"answered {summaries.number(answered)} of them."]
        if len(feedback) > answered:
            summary.append(f"{summaries.capitalise(summaries.number(len(feedback) - answered))} "
                           f"{'is' if len(feedback) - answered == 1 else 'are'} waiting for an answer.")
    else:
        summary = ["No feedback has been published yet."]
    return render_public("public/feedback_list.html", {
        "feedback": feedback, "summary": summary, "priorities": priorities_, "services": services_,
    }, section="feedback")


@require_safe
@cached_public_page
def open_data(request):
    rows = selectors.indicator_rows()
    figures = selectors.published_values().count()
    steps = selectors.published_milestones().filter(objective__plan__year=selectors.this_year()).count()
    summary = [f"The files hold {summaries.number(figures)} published {summaries.plural(figures, 'figure')} for "
               f"{summaries.number(len(rows))} {summaries.plural(len(rows), 'indicator')}, and "
               f"{summaries.number(steps)} {summaries.plural(steps, 'step')} from services' published plans "
               "for this year.",
               "Anyone may reuse them, for any purpose, if they say where they came from."]
    return render_public("public/open_data.html", {"indicators": rows, "summary": summary}, section="data")


# Feedback from the public --------------------------------------------------------------------------


def _feedback(request, *, priority=None, service=None):
    subject = priority.title if priority else service.name
    back = reverse("public-priority", args=[priority.pk]) if priority else reverse("public-service", args=[service.pk])
    if request.method == "POST":
        if not ratelimit.allow(request):
            log.warning("Feedback refused: too many posts from one address")
            return render_public("public/too_many.html", {"back": back}, section="feedback", status=429)
        form = forms.FeedbackForm(request.POST)
        if form.is_valid():
            if form.spam_reason:
                log.info("Feedback not kept: %s", form.spam_reason)
                return redirect("public-feedback-sent")
            services.feedback_submit(priority=priority, service=service, comment=form.cleaned_data["comment"],
                                     relationship=form.cleaned_data["relationship"],
                                     name=form.cleaned_data["name"], email=form.cleaned_data["email"])
            return redirect("public-feedback-sent")
        if "started" in form.errors:
            form.fresh()
    else:
        form = forms.FeedbackForm(initial={"started": forms.started_token()})
    return render_public("public/feedback_form.html", {"form": form, "subject": subject, "back": back,
                                                       "about_priority": priority is not None},
                         section="feedback", request=request)


@require_http_methods(["GET", "POST"])
def feedback_on_priority(request, pk):
    return _feedback(request, priority=selectors.get_published_priority(pk))


@require_http_methods(["GET", "POST"])
def feedback_on_service(request, pk):
    return _feedback(request, service=selectors.get_public_service(pk))


@require_safe
@cached_public_page
def feedback_sent(request):
    return render_public("public/feedback_sent.html", {}, section="feedback")


# Open data -------------------------------------------------------------------------------------------


VALUE_HEADER = ["indicator_code", "indicator_name", "framework", "service", "unit", "which_way_is_better",
                "period", "period_start", "period_end", "value", "provisional", "target", "target_upper",
                "against_target", "rag", "england", "published_at"]


def _value_lines(rows):
    for value, target, england in rows:
        i = value.indicator
        yield [i.code, i.name, i.get_framework_display(), i.service.name, i.get_unit_display(),
               i.get_polarity_display(), value.period.label, value.period.start, value.period.end, value.actual,
               value.is_provisional, target.value if target else None, target.value_upper if target else None,
               summaries.target_words(value.rag), value.get_rag_display(), england, value.published_at]


@require_safe
@cached_public_page
def indicator_values_csv(request):
    return opendata.csv_response("indicator-values.csv", VALUE_HEADER, _value_lines(selectors.value_rows()))


@require_safe
@cached_public_page
def indicator_csv(request, pk):
    indicator = selectors.get_published_indicator(pk)
    filename = f"indicator-{indicator.code.lower().replace(' ', '-').replace('(', '').replace(')', '')}.csv"
    return opendata.csv_response(filename, VALUE_HEADER, _value_lines(selectors.value_rows(indicator)))


@require_safe
@cached_public_page
def milestones_csv(request):
    header = ["financial_year", "service", "objective_number", "objective", "milestone", "due_on", "status",
              "percent_complete", "completed_on", "progress"]
    rows = ([o.objective.plan.year_label, s.name, o.objective.number, o.objective.title, m.title, m.due_on,
             m.get_status_display(), m.percent_complete, m.completed_on, summaries.PROGRESS_WORDS[m.rating]]
            for s, o, m in selectors.milestone_rows())
    return opendata.csv_response("milestones.csv", header, rows)


@require_safe
@cached_public_page
def priorities_csv(request):
    plan = selectors.current_strategic_plan()
    header = ["number", "priority", "area", "national_or_local", "national_source", "status",
              "percent_complete_this_year", "progress_this_year", "published_objectives", "published_milestones"]
    rows = ([p.priority.number, p.priority.title, p.priority.get_area_display(), p.priority.get_origin_display(),
             p.priority.national_source, p.priority.get_status_display(), p.progress, p.words,
             len(p.objectives), len(p.milestones)] for p in selectors.priorities_progress(plan))
    return opendata.csv_response("priorities.csv", header, rows)


@require_safe
@cached_public_page
def recommendations_csv(request):
    header = ["review", "committee", "report_published_on", "number", "recommendation", "executive_response",
              "reasons", "responded_on", "implementation", "outcome"]
    rows = ([review.title, review.committee.name, review.published_on, r.number, r.text,
             r.get_response_display() or "Awaiting response", r.response_reasons, r.responded_on,
             r.get_implementation_display(), r.outcome]
            for review in selectors.scrutiny_reviews() for r in review.recommendations.all())
    return opendata.csv_response("scrutiny-recommendations.csv", header, rows)


# Staff: moderating and answering feedback ---------------------------------------------------------------


def _require_moderator(user):
    if not (user.is_current and user.access.is_performance_officer):
        raise PermissionDenied


def get_feedback_for_user(user, pk):
    """Feedback the person may read (it holds personal data): 404 for anyone else, as for complaints."""
    try:
        return Feedback.objects.visible_to(user).select_related(
            "priority", "service", "routed_to", "moderated_by", "answered_by").get(pk=pk)
    except Feedback.DoesNotExist:
        raise Http404 from None


@login_required
@require_safe
def moderation_queue(request):
    _require_moderator(request.user)
    form = forms.FeedbackFilterForm(request.GET or None)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    feedback = Feedback.objects.select_related("priority", "service", "routed_to")
    if status:
        feedback = feedback.filter(status=status).order_by("-submitted_at")
    else:
        waiting_first = Case(When(status=Feedback.Status.PENDING, then=Value(0)), default=Value(1))
        feedback = feedback.order_by(waiting_first, "-submitted_at")
    page = Paginator(feedback, 50).get_page(request.GET.get("page"))
    waiting = Feedback.objects.filter(status=Feedback.Status.PENDING).count()
    unanswered = Feedback.objects.published().filter(answer="").count()
    return render(request, "public/staff/queue.html", {"form": form, "page": page, "waiting": waiting,
                                                        "unanswered": unanswered, "status": status})


@login_required
@require_http_methods(["GET", "POST"])
def moderation_detail(request, pk):
    feedback = get_feedback_for_user(request.user, pk)
    moderates = request.user.access.is_performance_officer
    answers = services.can_answer(request.user, feedback) and feedback.status == Feedback.Status.PUBLISHED
    posted = request.POST if request.method == "POST" else None
    action = request.POST.get("action") if posted else None
    moderation = forms.ModerationForm(
        posted if action == "moderate" else None,
        initial={"published_text": feedback.published_text or feedback.comment,
                 "decision": {"published": "publish", "not_published": "withhold"}.get(feedback.status),
                 "reason": feedback.reason, "note": feedback.moderation_note})
    answer = forms.AnswerForm(posted if action == "answer" else None, initial={"answer": feedback.answer})
    if action == "moderate":
        if not moderates:
            raise PermissionDenied
        if moderation.is_valid():
            data = moderation.cleaned_data
            try:
                if data["decision"] == "publish":
                    services.feedback_publish(feedback=feedback, actor=request.user,
                                              published_text=data["published_text"], note=data["note"])
                    messages.success(request, "The feedback is published."
                                     + (f" {feedback.routed_to.get_full_name()} has been asked to answer it."
                                        if feedback.routed_to_id and not feedback.answer else ""))
                else:
                    services.feedback_withhold(feedback=feedback, actor=request.user, reason=data["reason"],
                                               note=data["note"])
                    messages.success(request, "The feedback will not be published.")
            except ValidationError as error:
                add_service_errors(moderation, error)
            else:
                return redirect("public-feedback-moderate", pk=feedback.pk)
    elif action == "answer":
        if not services.can_answer(request.user, feedback):
            raise PermissionDenied
        if answer.is_valid():
            try:
                services.feedback_answer(feedback=feedback, actor=request.user, answer=answer.cleaned_data["answer"])
            except ValidationError as error:
                add_service_errors(answer, error)
            else:
                messages.success(request, "The council's answer is published beside the feedback.")
                return redirect("public-feedback-moderate", pk=feedback.pk)
    elif posted is not None:
        raise PermissionDenied
    return render(request, "public/staff/detail.html", {
        "feedback": feedback, "moderation": moderation, "answer": answer, "moderates": moderates,
        "answers": answers,
    })
