"""Every casework and forum page passes axe-core's WCAG 2.2 AA rules: as a ward councillor, the accountable
officer and a forum officer see them, and forms as they open and with their errors showing."""

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from casework import demo as casework_demo
from casework import services
from casework.models import CouncillorCase, Forum, ForumIssue, ForumMeeting
from organisation.models import Service, User, Ward
from priorities import demo as priorities_demo
from priorities.models import Priority
from tests.browser.test_accessibility import axe_violations, describe

pytestmark = pytest.mark.browser


@pytest.fixture
def casework_council(council):
    priorities_demo.seed()
    casework_demo.seed()
    return council


def check(page, subtests, path, *, submit=False):
    with subtests.test(path=path, submit=submit):
        assert page.goto(path).status == 200
        assert not (violations := axe_violations(page)), describe(violations)
        if submit:
            page.locator("main form[method=post] button[type=submit]").first.click()
            expect(page.locator(".govuk-error-summary")).to_be_visible()
            assert not (violations := axe_violations(page)), describe(violations)


def test_it_passes_axe_on_every_casework_and_forum_page(casework_council, page: Page, sign_in_as, subtests):
    ward = User.objects.get(email="ward@ashfordvale.example")
    kept = services.case_log(actor=ward, ward=Ward.objects.get(name="Eastgate"), constituent_name="Olive Noble",
                             service=Service.objects.get(name="Early Help"), summary="No reply from the service.",
                             raised_on=timezone.localdate(), consent_given=False)
    sent = CouncillorCase.objects.filter(service__name="Reablement and Home Care", status="open",
                                         routed_on__isnull=False).first()
    forum = Forum.objects.first()
    meeting = ForumMeeting.objects.filter(forum=forum, held_on__lte=timezone.localdate()).first()
    issue = ForumIssue.objects.exclude(priorities=None).first()
    priority = Priority.objects.filter(forum_issues__isnull=False).first()

    sign_in_as("ward")
    for path in ["/home/", "/casework/", "/casework/?status=all", kept.get_absolute_url(), "/casework/themes/",
                 "/forums/", forum.get_absolute_url(), meeting.get_absolute_url(), issue.get_absolute_url(),
                 priority.get_absolute_url(), "/complaints/"]:
        check(page, subtests, path)
    for path in ["/casework/new/", f"/casework/{kept.pk}/consent/"]:
        check(page, subtests, path, submit=True)
    check(page, subtests, f"/casework/{kept.pk}/close/")

    sign_in_as("head")
    for path in ["/home/", "/casework/", sent.get_absolute_url()]:
        check(page, subtests, path)
    check(page, subtests, f"/casework/{sent.pk}/respond/", submit=True)

    sign_in_as("performance")
    for path in ["/casework/", f"/casework/{sent.pk}/access-log/", "/forums/"]:
        check(page, subtests, path)
    for path in ["/forums/new/", f"/forums/{forum.pk}/meetings/new/", f"/forums/meetings/{meeting.pk}/issues/new/",
                 f"/forums/issues/{issue.pk}/respond/"]:
        check(page, subtests, path, submit=True)
    for path in [f"/forums/{forum.pk}/edit/", f"/forums/meetings/{meeting.pk}/edit/",
                 f"/forums/issues/{issue.pk}/edit/"]:
        check(page, subtests, path)

    sign_in_as("complaints")
    for path in ["/complaints/access-log/", "/complaints/statistics/", "/complaints/procedures/"]:
        check(page, subtests, path)
