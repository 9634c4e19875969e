"""Community forums: meetings, issues raised, the council's responses, and the priorities behind them.

Every councillor and officer reads them (they hold no personal data); performance and complaints officers
record them; bad input gets a message by the field and saves nothing.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from casework import services
from casework.models import Forum, ForumIssue, ForumMeeting, IssueResponse
from tests.casework.conftest import days_ago
from tests.casework.test_casework import date, errors_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def priority(world):
    from tests.priorities.factories import PriorityFactory

    return PriorityFactory(title="Help older people live at home for longer")


@pytest.fixture
def forum(world):
    return services.forum_save(actor=world.performance_officer, name="Abbey Community Forum", wards=[world.ward],
                               description="Meets every two months.")


@pytest.fixture
def meeting(world, forum):
    return services.meeting_save(actor=world.performance_officer, forum=forum, held_on=days_ago(10),
                                 venue="Abbey Library")


def test_an_officer_records_a_meeting_its_issues_and_the_councils_response(world, forum, priority, as_user):
    client = as_user(world.complaints_officer)
    response = client.post(reverse("casework:meeting-create", args=[forum.pk]),
                           {**date("held_on", days_ago(7)), "venue": "Abbey Library", "notes": "Thirty residents."})
    meeting = ForumMeeting.objects.get()
    assert response.url == meeting.get_absolute_url()
    response = client.post(reverse("casework:issue-create", args=[meeting.pk]), {
        "title": "Home care visits are cut short", "service": world.adults.pk, "priorities": [priority.pk]})
    assert response.status_code == 302
    issue = ForumIssue.objects.get()
    assert (issue.status, list(issue.priorities.all()), issue.service) == ("awaiting", [priority], world.adults)

    url = reverse("casework:issue-respond", args=[issue.pk])
    response = client.post(url, {**date("responded_on", days_ago(8)), "responded_by": world.head_of_service.pk,
                                 "text": "Two more carers from next month.", "status": "action_agreed"})
    assert errors_of(response) == {"responded_on": [
        f"The date of the response cannot be before the meeting ({days_ago(7):%-d %B %Y})"]}
    response = client.post(url, {**date("responded_on", days_ago(2)), "responded_by": world.head_of_service.pk,
                                 "text": "", "status": ""})
    assert errors_of(response) == {"text": ["Enter the council's response"],
                                   "status": ["Choose where the issue stands now"]}
    assert not IssueResponse.objects.exists()
    response = client.post(url, {**date("responded_on", days_ago(2)), "responded_by": world.head_of_service.pk,
                                 "text": "Two more carers from next month.", "status": "action_agreed"})
    assert response.status_code == 302
    issue.refresh_from_db()
    assert issue.status == "action_agreed"
    saved = IssueResponse.objects.get()
    assert (saved.responded_by, saved.responded_on) == (world.head_of_service, days_ago(2))
    response = client.post(url, {**date("responded_on", days_ago(3)), "responded_by": world.head_of_service.pk,
                                 "text": "Earlier?", "status": "resolved"})
    assert errors_of(response) == {"responded_on": [
        f"The date of the response cannot be before the last response ({days_ago(2):%-d %B %Y})"]}

    page = as_user(world.scrutiny_member).get(issue.get_absolute_url())
    assert "Two more carers from next month." in page.text
    assert "Action agreed" in page.text


def test_a_priority_page_shows_the_local_issues_behind_it(world, meeting, priority, as_user):
    linked = services.issue_save(actor=world.performance_officer, meeting=meeting, title="Lunch club closed",
                                 priorities=[priority])
    services.issue_save(actor=world.performance_officer, meeting=meeting, title="Street lights out")
    page = as_user(world.ward_councillor).get(priority.get_absolute_url())
    panel = page.text.split('data-testid="priority-forum-issues"')[1].split("</table>")[0]
    assert linked.get_absolute_url() in panel
    assert "Abbey Community Forum" in panel
    assert "Street lights out" not in panel
    # An independent person reads published priorities, not forums.
    priority.is_published = True
    priority.save()
    page = as_user(world.panel_member).get(priority.get_absolute_url())
    assert page.status_code == 200
    assert "Lunch club closed" not in page.text
    api = as_user(world.ward_councillor).get(f"/api/forum-issues/?priority={priority.pk}").json()
    assert [i["title"] for i in api["results"]] == ["Lunch club closed"]


def test_issues_wait_until_the_meeting_has_been_held(world, forum, as_user):
    future = services.meeting_save(actor=world.performance_officer, forum=forum,
                                   held_on=timezone.localdate() + datetime.timedelta(days=14), venue="Abbey Library")
    client = as_user(world.performance_officer)
    response = client.post(reverse("casework:issue-create", args=[future.pk]), {"title": "Too early"})
    assert response.context["form"].non_field_errors() == [
        f"The meeting on {future.held_on:%-d %B %Y} has not been held yet: record its issues once it has"]
    assert not ForumIssue.objects.exists()
    response = client.post(reverse("casework:meeting-create", args=[forum.pk]),
                           {**date("held_on", future.held_on), "venue": "Elsewhere"})
    assert errors_of(response) == {"held_on": [
        f"Abbey Community Forum already has a meeting on {future.held_on:%-d %B %Y}"]}
    assert ForumMeeting.objects.count() == 1


def test_a_forum_covers_at_least_one_ward(world, as_user):
    client = as_user(world.performance_officer)
    response = client.post(reverse("casework:forum-create"), {"name": "Nowhere Forum", "is_active": "on"})
    assert errors_of(response) == {"wards": ["Choose the wards the forum covers"]}
    assert not Forum.objects.exists()
    response = client.post(reverse("casework:forum-create"), {"name": "Abbey Forum", "wards": [world.ward.pk],
                                                              "is_active": "on"})
    forum = Forum.objects.get()
    assert response.url == forum.get_absolute_url()
    assert list(forum.wards.all()) == [world.ward]


@pytest.mark.parametrize("persona", ["ward_councillor", "scrutiny_member", "staff", "head_of_service"])
def test_councillors_and_officers_read_forums_but_only_forum_officers_record_them(world, meeting, as_user, persona):
    issue = services.issue_save(actor=world.performance_officer, meeting=meeting, title="Bus stop moved")
    client = as_user(getattr(world, persona))
    for url in (reverse("casework:forum-list"), meeting.forum.get_absolute_url(), meeting.get_absolute_url(),
                issue.get_absolute_url()):
        assert client.get(url).status_code == 200, url
    for url in (reverse("casework:forum-create"), reverse("casework:forum-edit", args=[meeting.forum.pk]),
                reverse("casework:meeting-create", args=[meeting.forum.pk]),
                reverse("casework:meeting-edit", args=[meeting.pk]),
                reverse("casework:issue-create", args=[meeting.pk]), reverse("casework:issue-edit", args=[issue.pk]),
                reverse("casework:issue-respond", args=[issue.pk])):
        assert client.get(url).status_code == 403, url
    response = client.post(reverse("casework:issue-respond", args=[issue.pk]), {
        **date("responded_on", days_ago(1)), "responded_by": world.staff.pk, "text": "No", "status": "resolved"})
    assert response.status_code == 403
    assert client.post("/api/forum-issues/", {"meeting": meeting.pk, "title": "X"},
                       content_type="application/json").status_code == 403
    issue.refresh_from_db()
    assert issue.status == "awaiting"


def test_an_independent_person_does_not_read_forums(world, meeting, as_user):
    client = as_user(world.panel_member)
    assert client.get(reverse("casework:forum-list")).status_code == 403
    assert client.get(meeting.get_absolute_url()).status_code == 403
    assert client.get("/api/forums/").status_code == 403
