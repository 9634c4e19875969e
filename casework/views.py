"""Pages for councillor casework, its themes and community forums.

Views reach a case only through the selectors' access helpers (which log the
look), validate with a form and hand off to a service; they hold no rules.
"""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from casework import access, forms, selectors, services
from casework.models import ForumIssue
from complaints import selectors as complaint_selectors
from complaints.selectors import Period
from core.pages import form_page, posted
from core.working_days import non_working_days
from organisation.models import Ward


def _require(allowed):
    if not allowed:
        raise PermissionDenied


# Casework -------------------------------------------------------------------------------------

@login_required
def case_list(request):
    """The councillor's own cases; an officer's cases sent to their services; every sent case for managers."""
    user = request.user
    _require(access.sees_casework(user))
    form = forms.CaseFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    cases = selectors.case_list(user, status=filters.get("status", ""), ward=filters.get("ward"),
                                service=filters.get("service"))
    page = Paginator(cases, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "casework/list.html", {
        "form": form,
        "page": page,
        "rows": selectors.case_rows(page.object_list),
        "query": query.urlencode(),
        "can_log": access.can_log_casework(user),
        "is_manager": access.is_casework_manager(user),
        # A councillor sees only the cases they raised: a column of "You" says nothing.
        "show_councillor": access.is_casework_manager(user) or not access.can_log_casework(user),
        "response_days": _response_days(),
    })


def _response_days():
    return settings.CASEWORK_RESPONSE_DAYS


@login_required
def case_detail(request, pk):
    user = request.user
    case = selectors.get_case_for_user(user, pk, path=request.path)
    delegation = selectors.delegation_of(case)
    return render(request, "casework/detail.html", {
        "case": case,
        "deadline": case.deadline(today=timezone.localdate(), holidays=non_working_days()),
        "can_respond": access.can_respond(user, case, delegation),
        "can_record_consent": access.can_record_consent(user, case),
        "can_close": access.can_close(user, case),
        "can_read_log": access.can_read_case_log(user),
        "is_councillor": case.councillor_id == user.pk,
        "response_days": _response_days(),
    })


@login_required
@require_http_methods(["GET", "POST"])
def case_create(request):
    user = request.user
    _require(access.can_log_casework(user))
    wards = list(Ward.objects.filter(pk__in=access.ward_ids(user)))
    form = forms.CaseForm(posted(request), wards=wards, initial={"raised_on": timezone.localdate()})

    def save(data):
        return services.case_log(actor=user, **data)

    def message(case):
        if case.is_routed:
            return f"{case.reference} has been sent to {case.routed_to}, who should respond within " \
                   f"{case.response_days} working days."
        return f"{case.reference} has been saved. It has not been sent to the service: record the constituent's " \
               "consent to send it."

    return form_page(
        request, form, save=save, done=lambda case: case.get_absolute_url(), message=message,
        title="Log a constituent's concern", back=reverse("casework:list"), submit="Save the concern",
        intro="The concern goes to the accountable officer for the service in the scheme of delegation, with a "
              f"response due in {_response_days()} working days, once the constituent agrees to officers seeing it.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def case_consent(request, pk):
    user = request.user
    case = selectors.get_case_for_user(user, pk, path=request.path)
    _require(access.can_record_consent(user, case))
    form = forms.ConsentForm(posted(request))
    return form_page(
        request, form, save=lambda data: services.case_record_consent(case=case, actor=user),
        done=case.get_absolute_url(),
        message=lambda c: f"Consent recorded. {c.reference} has been sent to {c.routed_to}.",
        title="Record the constituent's consent", caption=case.reference, back=case.get_absolute_url(),
        intro=f"The concern will go to the accountable officer for {case.service}, who will see the constituent's "
              "name, contact details and concern.", submit="Record consent and send",
    )


@login_required
@require_http_methods(["GET", "POST"])
def case_respond(request, pk):
    user = request.user
    case = selectors.get_case_for_user(user, pk, path=request.path)
    _require(access.can_respond(user, case, selectors.delegation_of(case)))
    form = forms.ResponseForm(posted(request), initial={
        "responded_on": case.responded_on or timezone.localdate(), "response": case.response})
    return form_page(
        request, form,
        save=lambda data: services.case_respond(case=case, actor=user, **data),
        done=case.get_absolute_url(), message=f"Your response to {case.councillor} has been recorded.",
        title="Respond to the councillor", caption=case.reference, back=case.get_absolute_url(),
        submit="Record the response",
        intro=f"{case.councillor} ({case.ward}) raised this about {case.service}: “{case.summary}”",
    )


@login_required
@require_http_methods(["GET", "POST"])
def case_close(request, pk):
    user = request.user
    case = selectors.get_case_for_user(user, pk, path=request.path)
    _require(access.can_close(user, case))
    form = forms.CloseForm(posted(request), initial={"closed_on": timezone.localdate()})
    return form_page(
        request, form, save=lambda data: services.case_close(case=case, actor=user, **data),
        done=case.get_absolute_url(), message=f"{case.reference} has been closed.",
        title="Close the case", caption=case.reference, back=case.get_absolute_url(),
        intro="Once closed, the case can no longer change.", submit="Close the case",
    )


@login_required
def case_access_log(request, pk):
    case = selectors.get_case_for_user(request.user, pk, path=request.path)
    _require(access.can_read_case_log(request.user))
    page = Paginator(complaint_selectors.access_log(casework=case), 100).get_page(request.GET.get("page"))
    return render(request, "complaints/access_log.html", {"page": page, "case": case, "is_casework": True})


@login_required
def themes(request):
    _require(access.can_see_themes(request.user))
    years = selectors.themes_years()
    form = forms.ThemesFilterForm(request.GET or None, years=years, initial={"year": years[0]})
    data = form.cleaned_data if form.is_valid() else {}
    period = Period(data.get("year") or years[0])
    return render(request, "casework/themes.html", {
        "form": form,
        "themes": selectors.themes(period=period, ward=data.get("ward")),
        "response_days": _response_days(),
    })


# Community forums -------------------------------------------------------------------------------

@login_required
def forum_list(request):
    _require(access.can_read_forums(request.user))
    return render(request, "casework/forum_list.html", {
        "forums": selectors.forum_list(),
        "can_manage": access.can_manage_forums(request.user),
    })


@login_required
def forum_detail(request, pk):
    forum = selectors.get_forum_for_user(request.user, pk)
    return render(request, "casework/forum_detail.html", {
        "forum": forum,
        "meetings": selectors.forum_meetings(forum),
        "today": timezone.localdate(),
        "can_manage": access.can_manage_forums(request.user),
    })


def _forum_fields(data):
    return {k: data[k] for k in ("name", "wards", "description", "is_active")}


@login_required
@require_http_methods(["GET", "POST"])
def forum_create(request):
    _require(access.can_manage_forums(request.user))
    return form_page(
        request, forms.ForumForm(posted(request)),
        save=lambda data: services.forum_save(actor=request.user, **_forum_fields(data)),
        done=lambda forum: forum.get_absolute_url(), message=lambda forum: f"{forum} has been added.",
        title="Add a community forum", back=reverse("casework:forum-list"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def forum_edit(request, pk):
    forum = selectors.get_forum_for_user(request.user, pk, write=True)
    form = forms.ForumForm(posted(request), initial={
        "name": forum.name, "wards": [w.pk for w in forum.wards.all()], "description": forum.description,
        "is_active": forum.is_active})
    return form_page(
        request, form,
        save=lambda data: services.forum_save(actor=request.user, forum=forum, **_forum_fields(data)),
        done=forum.get_absolute_url(), message="The forum has been updated.",
        title="Change the forum", caption=forum.name, back=forum.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request, pk):
    forum = selectors.get_forum_for_user(request.user, pk, write=True)
    return form_page(
        request, forms.MeetingForm(posted(request)),
        save=lambda data: services.meeting_save(actor=request.user, forum=forum, **data),
        done=lambda meeting: meeting.get_absolute_url(), message="The meeting has been added.",
        title="Add a meeting", caption=forum.name, back=forum.get_absolute_url(),
    )


@login_required
def meeting_detail(request, pk):
    meeting = selectors.get_meeting_for_user(request.user, pk)
    return render(request, "casework/meeting_detail.html", {
        "meeting": meeting,
        "forum": meeting.forum,
        "issues": list(meeting.issues.all()),
        "is_held": meeting.held_on <= timezone.localdate(),
        "can_manage": access.can_manage_forums(request.user),
    })


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request, pk):
    meeting = selectors.get_meeting_for_user(request.user, pk, write=True)
    form = forms.MeetingForm(posted(request), initial={
        "held_on": meeting.held_on, "venue": meeting.venue, "notes": meeting.notes})
    return form_page(
        request, form,
        save=lambda data: services.meeting_save(actor=request.user, forum=meeting.forum, meeting=meeting, **data),
        done=meeting.get_absolute_url(), message="The meeting has been updated.",
        title="Change the meeting", caption=meeting.forum.name, back=meeting.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def issue_create(request, pk):
    meeting = selectors.get_meeting_for_user(request.user, pk, write=True)
    return form_page(
        request, forms.IssueForm(posted(request)),
        save=lambda data: services.issue_save(actor=request.user, meeting=meeting, **data),
        done=meeting.get_absolute_url(), message=lambda issue: f"“{issue}” has been added.",
        title="Add an issue raised at the meeting", caption=str(meeting), back=meeting.get_absolute_url(),
    )


@login_required
def issue_detail(request, pk):
    issue = selectors.get_issue_for_user(request.user, pk)
    return render(request, "casework/issue_detail.html", {
        "issue": issue,
        "meeting": issue.meeting,
        "can_manage": access.can_manage_forums(request.user),
    })


@login_required
@require_http_methods(["GET", "POST"])
def issue_edit(request, pk):
    issue = selectors.get_issue_for_user(request.user, pk, write=True)
    form = forms.IssueForm(posted(request), initial={
        "title": issue.title, "description": issue.description, "service": issue.service_id,
        "priorities": [p.pk for p in issue.priorities.all()]})
    return form_page(
        request, form,
        save=lambda data: services.issue_save(actor=request.user, meeting=issue.meeting, issue=issue, **data),
        done=issue.get_absolute_url(), message="The issue has been updated.",
        title="Change the issue", caption=str(issue.meeting), back=issue.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def issue_respond(request, pk):
    issue = selectors.get_issue_for_user(request.user, pk, write=True)
    form = forms.IssueResponseForm(posted(request), initial={
        "responded_on": timezone.localdate(), "responded_by": request.user.pk})
    return form_page(
        request, form,
        save=lambda data: services.issue_respond(actor=request.user, issue=issue, **data),
        done=issue.get_absolute_url(), message="The council's response has been recorded.",
        title="Record the council's response", caption=issue.title, back=issue.get_absolute_url(),
        submit="Record the response",
        intro=f"Raised at {issue.meeting}. It stands at “{issue.get_status_display().lower()}”."
        if issue.status != ForumIssue.Status.AWAITING else f"Raised at {issue.meeting}.",
    )

