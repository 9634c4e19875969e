"""Reads of councillor casework and community forums, and the access helpers.

`get_case_for_user` returns a case or raises Http404 (not there, or not this
person's to see: a case's existence is not revealed); every call records the
look, or the refused attempt, in the complaints access log.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import BooleanField, Count, ExpressionWrapper, Max, Prefetch, Q
from django.http import Http404
from django.utils import timezone

from casework import access
from casework.models import CouncillorCase, Forum, ForumIssue, ForumMeeting, IssueResponse
from complaints import rules
from complaints.models import CaseAccess, Category
from complaints.selectors import Period
from core.working_days import non_working_days
from organisation.models import User, Ward
from priorities import periods


def _require_signed_in(user):
    if not user.is_authenticated:
        raise PermissionDenied


def _get(queryset, pk):
    try:
        return queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


# Councillor casework -----------------------------------------------------------------------

def _case_details():
    return CouncillorCase.objects.select_related(
        "ward", "service__delegation", "councillor", "routed_to", "responded_by").prefetch_related("categories")


def get_case_for_user(user, pk, *, via=CaseAccess.Via.PAGE, path=""):
    """The case, with what its page needs, if this person may see it; the look is logged either way."""
    from complaints.services import case_access_record

    _require_signed_in(user)
    case = _get(_case_details(), pk)
    visible = CouncillorCase.objects.visible_to(user).filter(pk=case.pk).exists()
    case_access_record(casework=[case], user=user, via=via, path=path, granted=visible)
    if not visible:
        raise Http404
    return case


def case_file(case):
    """The case again, after a change, with what its page needs (not a new look: the caller has logged it)."""
    return _case_details().get(pk=case.pk)


def delegation_of(case):
    """The case's service's line in the scheme of delegation (loaded by the helpers above), or None."""
    return getattr(case.service, "delegation", None)


def case_list(user, *, status="", ward=None, service=None):
    """Cases this person may see. `status`: a Status value, "current" (not closed, the default) or "all"."""
    cases = CouncillorCase.objects.visible_to(user).select_related("ward", "service", "councillor")
    if status in CouncillorCase.Status.values:
        cases = cases.filter(status=status)
    elif status != "all":
        cases = cases.open()
    if ward is not None:
        cases = cases.filter(ward=ward)
    if service is not None:
        cases = cases.filter(service=service)
    return cases


@dataclass
class CaseRow:
    case: CouncillorCase
    deadline: rules.Deadline | None


def case_rows(cases, *, today=None, holidays=None):
    today = today or timezone.localdate()
    holidays = non_working_days() if holidays is None else holidays
    return [CaseRow(case, case.deadline(today=today, holidays=holidays)) for case in cases]


def home_panel(user, *, today=None, limit=10, holidays=None):
    """A councillor's casework at a glance; an officer's casework overdue or due soon, worst first.

    `holidays` (core.working_days.non_working_days()) when the page has read them already."""
    panel = {"councillor": None, "overdue": [], "due_soon": [], "overdue_count": 0, "more": 0,
             "soon_days": rules.DUE_SOON_WORKING_DAYS}
    if not access.is_current(user):
        return panel
    if access.can_log_casework(user):
        tally = Counter()
        sent = ExpressionWrapper(Q(routed_on__isnull=False), output_field=BooleanField())
        for row in (CouncillorCase.objects.filter(councillor=user).open().annotate(sent=sent)
                    .values("status", "sent").annotate(n=Count("pk"))):
            key = row["status"] if row["sent"] else "not_sent"
            tally[key] += row["n"]
        panel["councillor"] = {"open": tally["open"], "responded": tally["responded"], "not_sent": tally["not_sent"]}
    if user.kind == User.Kind.OFFICER:
        waiting = (CouncillorCase.objects.visible_to(user).filter(status=CouncillorCase.Status.OPEN,
                                                                   routed_on__isnull=False)
                   .select_related("ward", "service", "councillor"))
        rows = [row for row in case_rows(waiting, today=today, holidays=holidays) if row.deadline and row.deadline.status.needs_attention]
        rows.sort(key=lambda row: (row.deadline.due_on, row.case.pk))
        overdue = [row for row in rows if row.deadline.status == rules.Status.OVERDUE]
        panel.update(overdue=overdue[:limit], overdue_count=len(overdue), more=max(len(overdue) - limit, 0),
                     due_soon=[row for row in rows if row.deadline.status == rules.Status.DUE_SOON])
    panel["any_officer"] = bool(panel["overdue"] or panel["due_soon"])
    return panel


# Themes: aggregate, no one named ------------------------------------------------------------

def themes_years():
    """Financial years with casework in them, newest first (and always this one)."""
    first = CouncillorCase.objects.order_by("raised_on").values_list("raised_on", flat=True).first()
    this_year = periods.fiscal_year_of(timezone.localdate())
    start = periods.fiscal_year_of(first) if first else this_year
    return list(range(this_year, start - 1, -1))


@dataclass
class Themes:
    period: Period
    threshold: int
    ward: Ward | None = None
    total: rules.Count | None = None
    by_ward: list = field(default_factory=list)  # (ward name, raised Count, still open Count)
    by_service: list = field(default_factory=list)  # (service name, raised Count, answered in time Share)
    by_category: list = field(default_factory=list)  # (category name, Count)
    by_ward_and_service: list = field(default_factory=list)  # (ward name, [(service name, Count)])


def themes(*, period, ward=None, threshold=None):
    """Concerns raised in the period by ward, service and category: counts only, small counts suppressed.

    Counts from 1 to the threshold less one show as "fewer than N"; a share of
    fewer than N responses is not shown. Cases not sent to the service (no
    consent) are counted too: a count names no one. A fixed number of queries.
    """
    threshold = threshold or settings.SUPPRESS_COUNTS_BELOW
    holidays = non_working_days()

    def count(n):
        return rules.Count(n, threshold)

    cases = CouncillorCase.objects.filter(raised_on__range=(period.starts_on, period.ends_on))
    if ward is not None:
        cases = cases.filter(ward=ward)
    found = Themes(period=period, threshold=threshold, ward=ward)

    raised = Counter()
    still_open = Counter()
    by_service = Counter()
    pairs = defaultdict(Counter)
    for row in cases.values("ward__name", "service__name", "status").annotate(n=Count("pk")):
        raised[row["ward__name"]] += row["n"]
        if row["status"] != CouncillorCase.Status.CLOSED:
            still_open[row["ward__name"]] += row["n"]
        by_service[row["service__name"]] += row["n"]
        pairs[row["ward__name"]][row["service__name"]] += row["n"]
    found.total = count(sum(raised.values()))
    ward_names = [ward.name] if ward is not None else list(Ward.objects.values_list("name", flat=True))
    found.by_ward = [(name, count(raised[name]), count(still_open[name])) for name in ward_names]

    timely = defaultdict(lambda: [0, 0])
    for row in cases.filter(responded_on__isnull=False, routed_on__isnull=False, response_days__isnull=False).values(
            "service__name", "routed_on", "response_days", "responded_on"):
        due = rules.add_working_days(row["routed_on"], row["response_days"], holidays)
        timely[row["service__name"]][0] += row["responded_on"] <= due
        timely[row["service__name"]][1] += 1
    found.by_service = [(name, count(n), rules.Share(*timely[name], threshold))
                        for name, n in sorted(by_service.items())]

    categories = (Category.objects.filter(casework__in=cases).values("name")
                  .annotate(n=Count("casework")).values_list("name", "n"))
    found.by_category = sorted(((name, count(n)) for name, n in categories), key=lambda item: (-item[1].value,
                                                                                                 item[0]))
    found.by_ward_and_service = [(name, [(service, count(n)) for service, n in sorted(pairs[name].items())])
                                 for name in ward_names if pairs[name]]
    return found


def current_period(today=None):
    return Period(periods.fiscal_year_of(today or timezone.localdate()))


# Community forums ------------------------------------------------------------------------------

SETTLED = [ForumIssue.Status.RESOLVED, ForumIssue.Status.NOT_POSSIBLE]


def _require_forum_reader(user):
    _require_signed_in(user)
    if not access.can_read_forums(user):
        raise PermissionDenied


def _require_forum_manager(user, write):
    if write and not access.can_manage_forums(user):
        raise PermissionDenied


def forum_list():
    return Forum.objects.prefetch_related("wards").annotate(
        meeting_count=Count("meetings", distinct=True),
        last_met_on=Max("meetings__held_on", filter=Q(meetings__held_on__lte=timezone.localdate())),
        open_issue_count=Count("meetings__issues", filter=~Q(meetings__issues__status__in=SETTLED), distinct=True),
    )


def _issues():
    return ForumIssue.objects.select_related("service").prefetch_related(
        "priorities", Prefetch("responses", IssueResponse.objects.select_related("responded_by")))


def get_forum_for_user(user, pk, *, write=False):
    _require_forum_reader(user)
    _require_forum_manager(user, write)
    return _get(Forum.objects.prefetch_related("wards"), pk)


def forum_meetings(forum):
    """The forum's meetings, newest first, each with its issues and their responses (a fixed number of queries)."""
    return forum.meetings.prefetch_related(Prefetch("issues", _issues()))


def get_meeting_for_user(user, pk, *, write=False):
    _require_forum_reader(user)
    _require_forum_manager(user, write)
    return _get(ForumMeeting.objects.select_related("forum").prefetch_related(Prefetch("issues", _issues())), pk)


def get_issue_for_user(user, pk, *, write=False):
    _require_forum_reader(user)
    _require_forum_manager(user, write)
    return _get(_issues().select_related("meeting__forum"), pk)


def issue_list(*, forum=None, priority=None, status=""):
    issues = _issues().select_related("meeting__forum").order_by("-meeting__held_on", "pk")
    if forum is not None:
        issues = issues.filter(meeting__forum=forum)
    if priority is not None:
        issues = issues.filter(priorities=priority)
    if status == "open":
        issues = issues.exclude(status__in=SETTLED)
    elif status in ForumIssue.Status.values:
        issues = issues.filter(status=status)
    return issues


def priority_issues(priority):
    """The local issues behind a priority: what forums raised about it (one query)."""
    return list(ForumIssue.objects.filter(priorities=priority).select_related("meeting__forum", "service")
                .order_by("-meeting__held_on", "pk"))
