"""Support plans through the pages and services: opening, actions, reviews, closing, comments, and where they show.

Aisha's line manager is Grace; Grace's manager is Mark (the head of service). Today is 28 November 2026.
"""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from appraisals import selectors, services
from appraisals.models import SupportPlan, SupportPlanAction, SupportPlanComment, SupportPlanReview
from tests.appraisals.factories import AppraisalFactory, CycleFactory, SupportPlanFactory
from tests.appraisals.test_workflow import date_fields

pytestmark = pytest.mark.django_db

D = datetime.date


def plan_data(**extra):
    return {"kind": "improvement", "concerns": "Reablement goals missing from weekend starts",
            "expected_standard": "A written goal in every new plan", "support_offered": "Shadowing",
            **date_fields("next_review_on", D(2026, 12, 10)), **extra}


def open_plan(a, **extra):
    fields = {"concerns": "Late records", "expected_standard": "Within two days", "next_review_on": D(2026, 12, 10)}
    return services.support_plan_open(appraisal=a.mine, actor=a.world.team_manager, **{**fields, **extra})


# Opening ------------------------------------------------------------------------------

def test_it_lets_the_line_manager_open_a_plan_from_a_review(appraisals, as_user):
    """Grace opens an improvement plan from Aisha's mid-year review; it is open, hers, and due a review."""
    a = appraisals
    url = reverse("appraisals:support-plan-create", args=[a.mine.pk]) + "?from=mid_year"
    response = as_user(a.world.team_manager).post(url, plan_data())
    plan = SupportPlan.objects.get(appraisal=a.mine)
    assert response.status_code == 302
    assert response.url == plan.get_absolute_url()
    assert (plan.kind, plan.opened_from, plan.status) == ("improvement", "mid_year", "open")
    assert (plan.opened_by, plan.opened_on, plan.next_review_on) == (a.world.team_manager, D(2026, 11, 28),
                                                                    D(2026, 12, 10))
    assert plan.concerns == "Reablement goals missing from weekend starts"


def test_it_shows_what_is_wrong_next_to_each_field_and_saves_nothing(appraisals, as_user):
    a = appraisals
    response = as_user(a.world.team_manager).post(
        reverse("appraisals:support-plan-create", args=[a.mine.pk]),
        plan_data(concerns="", **date_fields("next_review_on", D(2026, 11, 28))))
    body = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in body
    assert "Enter what is not going well" in body
    assert not SupportPlan.objects.exists()
    response = as_user(a.world.team_manager).post(
        reverse("appraisals:support-plan-create", args=[a.mine.pk]),
        plan_data(**date_fields("next_review_on", D(2026, 11, 28))))
    assert response.status_code == 400
    assert "The first review date must be after today" in response.content.decode()
    assert not SupportPlan.objects.exists()


def test_it_allows_one_open_plan_per_person(appraisals):
    """A second plan while one is open is refused; once the first is closed, a new one can be opened."""
    a = appraisals
    first = open_plan(a)
    with pytest.raises(ValidationError, match="Aisha Tester already has an open support plan, opened on 28 November"):
        open_plan(a)
    services.support_plan_close(plan=first, actor=a.world.team_manager, outcome="escalated",
                                held_on=D(2026, 11, 28), notes="Referred to the capability procedure")
    second = open_plan(a, kind="improvement")
    assert SupportPlan.objects.open().get() == second


def test_it_refuses_a_plan_on_the_appraisal_of_a_cycle_that_has_ended(appraisals, as_user):
    """Last year's appraisal cannot take a new plan: the refusal says why, and nothing is saved."""
    a = appraisals
    last_year = CycleFactory(year=2025, objective_setting_starts=D(2025, 4, 1), objective_setting_ends=D(2025, 5, 31),
                             mid_year_starts=D(2025, 10, 1), mid_year_ends=D(2025, 12, 18),
                             year_end_starts=D(2026, 3, 1), year_end_ends=D(2026, 4, 30), opened_by=a.world.hr_officer)
    old = AppraisalFactory(cycle=last_year, person=a.world.staff)
    response = as_user(a.world.team_manager).post(reverse("appraisals:support-plan-create", args=[old.pk]),
                                                  plan_data())
    assert response.status_code == 400
    assert "This appraisal cycle closed on 30 April 2026" in response.content.decode()
    assert not SupportPlan.objects.exists()


@pytest.mark.parametrize("persona", ["staff", "head_of_service", "hr_officer"])
def test_it_keeps_opening_a_plan_to_the_line_manager(appraisals, as_user, persona):
    """Aisha herself, her manager's manager and HR may read her appraisal but not open a plan on it (403)."""
    a = appraisals
    client = as_user(getattr(a.world, persona))
    url = reverse("appraisals:support-plan-create", args=[a.mine.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, plan_data()).status_code == 403
    assert not SupportPlan.objects.exists()


def test_it_lets_nobody_appraise_themselves(appraisals):
    """A manager recorded as their own line manager (it happens in real data) cannot open a plan on themselves."""
    a, grace = appraisals, appraisals.world.team_manager
    grace.line_manager = grace
    grace.save()
    own = AppraisalFactory(cycle=a.cycle, person=grace)
    with pytest.raises(PermissionDenied):
        services.support_plan_open(appraisal=own, actor=grace, concerns="x", expected_standard="y",
                                   next_review_on=D(2026, 12, 10))


# Actions -------------------------------------------------------------------------------

def action_data(owner, **extra):
    return {"description": "Shadow two weekend starts", "owner": str(owner.pk),
            **date_fields("due_on", D(2026, 12, 5)), **extra}


def test_it_adds_actions_owned_by_the_person_or_their_chain(support_plan, as_user):
    a, w = support_plan, support_plan.world
    client = as_user(w.team_manager)
    url = reverse("appraisals:support-plan-action-create", args=[a.support_plan.pk])
    assert client.post(url, action_data(w.staff)).status_code == 302
    assert client.post(url, action_data(w.head_of_service, description="Fund the course")).status_code == 302
    saved = SupportPlanAction.objects.filter(plan=a.support_plan, description__in=[
        "Shadow two weekend starts", "Fund the course"]).order_by("pk")
    assert [(x.owner, x.due_on, x.status) for x in saved] == [(w.staff, D(2026, 12, 5), "not_started"),
                                                             (w.head_of_service, D(2026, 12, 5), "not_started")]
    response = client.post(url, action_data(w.peer, description="Peer's job"))
    assert response.status_code == 400
    assert "Choose the person or someone in their line-management chain" in response.content.decode()
    response = client.post(url, action_data(w.staff, description="Too early", **date_fields("due_on", D(2026, 11, 1))))
    assert "The due date must be on or after the day the plan was opened, 14 November 2026" in \
        response.content.decode()
    assert not SupportPlanAction.objects.filter(description__in=["Peer's job", "Too early"]).exists()


def test_it_refuses_an_owner_outside_the_chain_in_the_service_too(support_plan):
    """The rule lives in the service, so the API (which has no choice list) keeps it."""
    a, w = support_plan, support_plan.world
    with pytest.raises(ValidationError) as error:
        services.support_plan_action_add(plan=a.support_plan, actor=w.team_manager, description="x", owner=w.peer,
                                         due_on=D(2026, 12, 5))
    assert error.value.message_dict["owner"] == [
        "Choose the person or someone in their line-management chain: nobody else can see the plan"]


def test_it_lets_the_person_update_only_the_status_of_their_own_actions(support_plan, as_user):
    a, w = support_plan, support_plan.world
    client = as_user(w.staff)
    response = client.post(reverse("appraisals:support-plan-action-edit", args=[a.aishas_action.pk]),
                           {"status": "done"})
    assert response.status_code == 302
    a.aishas_action.refresh_from_db()
    assert a.aishas_action.status == "done"
    response = client.post(reverse("appraisals:support-plan-action-edit", args=[a.graces_action.pk]),
                           {"status": "done"})
    assert response.status_code == 403
    a.graces_action.refresh_from_db()
    assert a.graces_action.status == "not_started"
    with pytest.raises(PermissionDenied):
        services.support_plan_action_update(action=a.aishas_action, actor=w.staff, description="Something easier")
    a.aishas_action.refresh_from_db()
    assert a.aishas_action.description == "Shadow a senior worker"


def test_it_lets_the_line_manager_change_any_action(support_plan, as_user):
    a, w = support_plan, support_plan.world
    response = as_user(w.team_manager).post(
        reverse("appraisals:support-plan-action-edit", args=[a.aishas_action.pk]),
        action_data(w.team_manager, description="Shadow three weekend starts", status="in_progress"))
    assert response.status_code == 302
    a.aishas_action.refresh_from_db()
    assert (a.aishas_action.description, a.aishas_action.owner, a.aishas_action.status) == (
        "Shadow three weekend starts", w.team_manager, "in_progress")


# Reviews and closing -----------------------------------------------------------------------

def review_data(**extra):
    return {"outcome": "improving", "notes": "Goals in 9 of 10 plans.", **date_fields("held_on", D(2026, 11, 27)),
            **date_fields("next_review_on", D(2026, 12, 18)), **extra}


def test_it_records_a_review_and_moves_the_next_review_date(support_plan, as_user):
    a, w = support_plan, support_plan.world
    response = as_user(w.team_manager).post(
        reverse("appraisals:support-plan-review-create", args=[a.support_plan.pk]), review_data())
    assert response.status_code == 302
    review = a.support_plan.reviews.get()
    assert (review.held_on, review.outcome, review.next_review_on, review.recorded_by) == (
        D(2026, 11, 27), "improving", D(2026, 12, 18), w.team_manager)
    a.support_plan.refresh_from_db()
    assert (a.support_plan.status, a.support_plan.next_review_on) == ("open", D(2026, 12, 18))


def test_it_refuses_a_review_in_the_future_or_without_a_next_date(support_plan, as_user):
    a, w = support_plan, support_plan.world
    url = reverse("appraisals:support-plan-review-create", args=[a.support_plan.pk])
    body = as_user(w.team_manager).post(url, review_data(**date_fields("held_on", D(2026, 12, 1)))).content.decode()
    assert "The review date must be today or in the past" in body
    response = as_user(w.team_manager).post(url, review_data(next_review_on_0="", next_review_on_1="",
                                                             next_review_on_2=""))
    assert response.status_code == 400
    assert "Enter the date of the next review" in response.content.decode()
    assert not SupportPlanReview.objects.exists()


def test_it_closes_a_plan_and_then_nothing_can_change(support_plan, as_user):
    """Closing records a final review and locks the plan: no comments, actions, reviews or edits after it."""
    a, w = support_plan, support_plan.world
    response = as_user(w.team_manager).post(reverse("appraisals:support-plan-close", args=[a.support_plan.pk]), {
        "outcome": "closed_successfully", "notes": "Goals in every plan for six weeks.",
        **date_fields("held_on", D(2026, 11, 28))})
    assert response.status_code == 302
    plan = SupportPlan.objects.get(pk=a.support_plan.pk)
    assert (plan.status, plan.closed_on, plan.closed_by, plan.next_review_on) == (
        "closed_successfully", D(2026, 11, 28), w.team_manager, None)
    assert plan.reviews.get().outcome == "closed_successfully"

    response = as_user(w.staff).post(reverse("appraisals:support-plan-comment-create", args=[plan.pk]),
                                     {"text": "Thanks"})
    assert response.status_code == 400
    assert "This support plan is closed, so it can no longer be changed" in response.content.decode()
    for call in [
        lambda: services.support_plan_action_add(plan=plan, actor=w.team_manager, description="x", owner=w.staff,
                                                 due_on=D(2026, 12, 5)),
        lambda: services.support_plan_action_update(action=a.aishas_action, actor=w.staff, status="done"),
        lambda: services.support_plan_update(plan=plan, actor=w.team_manager, concerns="New"),
        lambda: services.support_plan_review_add(plan=plan, actor=w.team_manager, held_on=D(2026, 11, 28),
                                                 outcome="improving", notes="x", next_review_on=D(2026, 12, 20)),
    ]:
        with pytest.raises(ValidationError, match="This support plan is closed"):
            call()
    assert not SupportPlanComment.objects.exists()
    page = as_user(w.staff).get(plan.get_absolute_url()).content.decode()
    assert "Closed successfully" in page
    assert "Add a comment" not in page


def test_it_takes_only_a_closing_outcome_at_the_close_step(support_plan):
    a = support_plan
    with pytest.raises(ValidationError, match="Choose how the plan ends: closed successfully or escalated"):
        services.support_plan_close(plan=a.support_plan, actor=a.world.team_manager, outcome="improving",
                                    held_on=D(2026, 11, 28), notes="x")
    a.support_plan.refresh_from_db()
    assert a.support_plan.is_open


# Comments --------------------------------------------------------------------------------

def test_it_lets_the_person_comment_on_their_plan(support_plan, as_user):
    a, w = support_plan, support_plan.world
    response = as_user(w.staff).post(reverse("appraisals:support-plan-comment-create", args=[a.support_plan.pk]),
                                     {"text": "I need the checklist before the Christmas rota."})
    assert response.status_code == 302
    comment = a.support_plan.comments.get()
    assert (comment.author, comment.text) == (w.staff, "I need the checklist before the Christmas rota.")
    assert "I need the checklist before the Christmas rota." in as_user(w.team_manager).get(
        a.support_plan.get_absolute_url()).content.decode()


@pytest.mark.parametrize("persona", ["head_of_service", "hr_officer"])
def test_it_lets_readers_read_but_not_comment(support_plan, as_user, persona):
    """Mark (the manager's manager) and HR read the plan but may not write in it."""
    a = support_plan
    client = as_user(getattr(a.world, persona))
    assert client.get(a.support_plan.get_absolute_url()).status_code == 200
    response = client.post(reverse("appraisals:support-plan-comment-create", args=[a.support_plan.pk]),
                           {"text": "Noted"})
    assert response.status_code == 403
    assert client.post(reverse("appraisals:support-plan-review-create", args=[a.support_plan.pk]),
                       review_data()).status_code == 403
    assert not SupportPlanComment.objects.exists()
    assert not SupportPlanReview.objects.exists()


# Where it shows ---------------------------------------------------------------------------

def test_it_shows_the_plan_on_my_objectives(support_plan, as_user):
    a, w = support_plan, support_plan.world
    body = as_user(w.staff).get(reverse("appraisals:my-objectives")).content.decode()
    assert "Your support plan" in body
    assert "Shadow a senior worker" in body
    assert "12 December 2026" in body
    assert a.support_plan.get_absolute_url() in body
    peer = as_user(w.peer).get(reverse("appraisals:my-objectives")).content.decode()
    assert "support plan" not in peer.lower()
    assert "Shadow a senior worker" not in peer


def test_it_shows_the_plan_on_the_appraisal_page_and_offers_a_new_one_when_none_is_open(support_plan, as_user):
    a, w = support_plan, support_plan.world
    body = as_user(w.team_manager).get(a.mine.get_absolute_url()).content.decode()
    assert "Shadow a senior worker" in body
    assert "Open a support plan" not in body
    peers = as_user(w.team_manager).get(a.peers.get_absolute_url()).content.decode()
    assert "No support or improvement plan." in peers
    assert reverse("appraisals:support-plan-create", args=[a.peers.pk]) in peers
    head = as_user(w.head_of_service).get(a.peers.get_absolute_url()).content.decode()
    assert "Open a support plan" not in head


def test_it_links_a_review_to_opening_a_plan(appraisals, as_user):
    a = appraisals
    body = as_user(a.world.team_manager).get(reverse("appraisals:review", args=[a.mine.pk, "mid_year"])).content
    assert reverse("appraisals:support-plan-create", args=[a.mine.pk]) + "?from=mid_year" in body.decode()
    staff = as_user(a.world.staff).get(reverse("appraisals:review", args=[a.mine.pk, "mid_year"])).content.decode()
    assert "Open a support plan" not in staff


def test_it_flags_the_plan_on_the_team_view_and_shows_nothing_of_it(support_plan, as_user):
    """The team view says only that Aisha is on a plan: not what it is about."""
    a, w = support_plan, support_plan.world
    body = as_user(w.team_manager).get(reverse("appraisals:team")).content.decode()
    aisha_row = body[body.index(str(w.staff)):]
    aisha_row = aisha_row[:aisha_row.index("</tr>")]
    assert 'data-testid="support-plan-flag"' in aisha_row
    assert body.count('data-testid="support-plan-flag"') == 1
    assert "Case records written up late." not in body
    standings = {s.person: s for s in selectors.team_standings(w.team_manager, a.cycle)}
    assert standings[w.staff].support_plan_open
    assert not standings[w.peer].support_plan_open


def test_it_lists_the_plan_reviews_a_manager_holds_on_their_home_page(support_plan, as_user):
    w = support_plan.world
    body = as_user(w.team_manager).get(reverse("home")).content.decode()
    assert "Support plan reviews you hold" in body
    assert "12 December 2026" in body
    head = as_user(w.head_of_service).get(reverse("home")).content.decode()
    assert "Support plan reviews you hold" not in head  # Mark reads the plan; Grace holds its reviews
    aisha = as_user(w.staff).get(reverse("home")).content.decode()
    assert "You are on a support plan; the next review is on 12 December 2026" in aisha


def test_it_counts_open_plans_in_coverage_with_small_numbers_suppressed(support_plan, settings):
    a = support_plan
    settings.SUPPRESS_COUNTS_BELOW = 3
    row = next(r for r in selectors.coverage(a.cycle) if r.name == "Reablement")
    assert row.figures["support_plans"] == "fewer than 3"
    settings.SUPPRESS_COUNTS_BELOW = 1
    row = next(r for r in selectors.coverage(a.cycle) if r.name == "Reablement")
    assert row.figures["support_plans"] == "1"
    SupportPlanFactory(appraisal=a.peers, status="escalated", next_review_on=None, closed_on=D(2026, 11, 20))
    row = next(r for r in selectors.coverage(a.cycle) if r.name == "Reablement")
    assert row.figures["support_plans"] == "1"  # a closed plan is not counted
