"""A support plan is seen only by the person, their line-management chain and HR: pages and API.

Aisha's plan is run by Grace (her line manager); Mark (Grace's manager) reads it; HR reads it.
Everyone else gets 404, so they cannot even learn that the plan exists.
"""

import pytest
from django.urls import reverse

from appraisals.models import SupportPlan, SupportPlanAction, SupportPlanComment, SupportPlanReview
from organisation.models import Role
from tests.appraisals.factories import AppraisalFactory, SupportPlanFactory
from tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db

OUTSIDERS = ["peer", "manager_elsewhere", "scrutiny_member", "executive_member", "portfolio_holder",
             "ward_councillor", "performance_officer", "data_officer", "director", "complaints_officer",
             "panel_member", "system_admin"]
INSIDERS = ["staff", "team_manager", "head_of_service", "hr_officer"]


def page_paths(a):
    plan, action = a.support_plan.pk, a.aishas_action.pk
    return [
        reverse("appraisals:support-plan", args=[plan]),
        reverse("appraisals:support-plan-edit", args=[plan]),
        reverse("appraisals:support-plan-action-create", args=[plan]),
        reverse("appraisals:support-plan-action-edit", args=[action]),
        reverse("appraisals:support-plan-review-create", args=[plan]),
        reverse("appraisals:support-plan-close", args=[plan]),
        reverse("appraisals:support-plan-comment-create", args=[plan]),
    ]


def api_writes(a, w):
    plan, action = a.support_plan.pk, a.aishas_action.pk
    return [
        ("patch", f"/api/support-plans/{plan}/", {"concerns": "Changed"}),
        ("post", f"/api/support-plans/{plan}/actions/", {"description": "x", "owner": w.staff.pk,
                                                         "due_on": "2026-12-05"}),
        ("patch", f"/api/support-plan-actions/{action}/", {"status": "done"}),
        ("post", f"/api/support-plans/{plan}/reviews/", {"held_on": "2026-11-27", "outcome": "improving",
                                                         "notes": "x", "next_review_on": "2026-12-20"}),
        ("post", f"/api/support-plans/{plan}/close/", {"held_on": "2026-11-27", "outcome": "escalated",
                                                       "notes": "x"}),
        ("post", f"/api/support-plans/{plan}/comments/", {"text": "x"}),
        ("post", f"/api/appraisals/{a.mine.pk}/support-plans/", {"concerns": "x", "expected_standard": "y",
                                                                 "next_review_on": "2026-12-20"}),
    ]


def assert_nothing_changed(a):
    a.support_plan.refresh_from_db()
    a.aishas_action.refresh_from_db()
    assert a.support_plan.is_open
    assert a.support_plan.concerns == "Case records written up late."
    assert a.aishas_action.status == "not_started"
    assert SupportPlan.objects.count() == 1
    assert SupportPlanAction.objects.count() == 2
    assert not SupportPlanReview.objects.exists()
    assert not SupportPlanComment.objects.exists()


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_it_hides_a_support_plan_from_anyone_outside_the_chain(support_plan, as_user, persona):
    """A peer, another service's manager, councillors, the performance team, the director (not in Aisha's chain)
    and even the system administrator get 404 on every page and endpoint, reading or writing; nothing is saved
    and no list includes the plan."""
    a, w = support_plan, support_plan.world
    client = as_user(getattr(w, persona))
    for path in page_paths(a):
        assert client.get(path).status_code == 404, path
        assert client.post(path, {"text": "x", "status": "done"}).status_code == 404, path
    assert client.get(f"/api/support-plans/{a.support_plan.pk}/").status_code == 404
    assert client.get(f"/api/support-plan-actions/{a.aishas_action.pk}/").status_code == 404
    for method, path, data in api_writes(a, w):
        assert getattr(client, method)(path, data, content_type="application/json").status_code == 404, path
    assert client.get("/api/support-plans/").json()["count"] == 0
    assert client.get("/api/support-plan-actions/").json()["count"] == 0
    assert_nothing_changed(a)


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_it_shows_no_trace_of_the_plan_on_outsiders_pages(support_plan, as_user, persona):
    """Home pages, My objectives and (where they can open it) the team view say nothing of Aisha's plan."""
    a, w = support_plan, support_plan.world
    client = as_user(getattr(w, persona))
    for path in (reverse("home"), reverse("appraisals:my-objectives"), reverse("appraisals:team")):
        response = client.get(path)
        body = response.content.decode()
        assert "Case records written up late." not in body, path
        assert "Shadow a senior worker" not in body, path
        assert 'data-testid="support-plan-flag"' not in body, path
        assert a.support_plan.get_absolute_url() not in body, path


@pytest.mark.parametrize("persona", INSIDERS)
def test_it_shows_the_plan_to_the_person_their_chain_and_hr(support_plan, as_user, persona):
    a = support_plan
    client = as_user(getattr(a.world, persona))
    page = client.get(a.support_plan.get_absolute_url())
    assert page.status_code == 200
    assert "Case records written up late." in page.content.decode()
    api = client.get(f"/api/support-plans/{a.support_plan.pk}/")
    assert api.status_code == 200
    assert [x["description"] for x in api.json()["actions"]] == ["Shadow a senior worker", "Book the refresher"]
    assert [p["id"] for p in client.get("/api/support-plans/").json()["results"]] == [a.support_plan.pk]


def test_it_shows_a_performance_officer_only_the_plans_in_their_own_chain(support_plan, as_user):
    """Being in the performance team gives no sight of plans; line-managing someone does."""
    a, w = support_plan, support_plan.world
    analyst = grant(UserFactory(first_name="Dana", team=w.adults_team, line_manager=w.performance_officer),
                    Role.STAFF)
    theirs = SupportPlanFactory(appraisal=AppraisalFactory(cycle=a.cycle, person=analyst),
                                opened_by=w.performance_officer)
    client = as_user(w.performance_officer)
    assert client.get(theirs.get_absolute_url()).status_code == 200
    assert client.get(a.support_plan.get_absolute_url()).status_code == 404
    assert [p["id"] for p in client.get("/api/support-plans/").json()["results"]] == [theirs.pk]


def test_it_sends_anonymous_visitors_to_sign_in(support_plan, as_user):
    client = as_user(None)
    response = client.get(support_plan.support_plan.get_absolute_url())
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert client.get(f"/api/support-plans/{support_plan.support_plan.pk}/").status_code in (401, 403)
