"""A plan goes draft -> submitted -> approved, or back with reasons; an approved plan is copied forward."""

import datetime

import pytest
from django.urls import reverse

from organisation.models import Role
from priorities import services
from priorities.models import (
    Milestone,
    MilestoneUpdate,
    Objective,
    PlanTransition,
    Risk,
    ServicePlan,
)
from tests.factories import UserFactory, grant
from tests.priorities.factories import (
    MilestoneFactory,
    ObjectiveFactory,
    PriorityFactory,
    ServicePlanFactory,
    StrategicPlanFactory,
)

pytestmark = pytest.mark.django_db


def history(plan):
    return list(PlanTransition.objects.filter(plan=plan).values_list("from_status", "to_status", "actor__email",
                                                                      "reason"))


def submitted(plan, by):
    services.plan_submit(plan=plan, actor=by)
    plan.refresh_from_db()
    return plan


def test_it_lets_a_head_of_service_submit_their_draft_plan(world, plans, as_user):
    client = as_user(world.head_of_service)
    response = client.post(reverse("service-plan-submit", args=[plans.adults.pk]))
    assert response.status_code == 302
    plans.adults.refresh_from_db()
    assert plans.adults.status == ServicePlan.Status.SUBMITTED
    assert history(plans.adults) == [("draft", "submitted", "head@test.example", "")]
    page = client.get(response["Location"]).content.decode()
    assert "The plan has been submitted for approval." in page
    assert "waiting for approval by" in page


def test_it_will_not_submit_a_plan_with_an_objective_that_has_no_milestones(world, plans, as_user):
    ObjectiveFactory(plan=plans.adults, number=2, title="Support carers", priorities=[plans.p1])
    client = as_user(world.head_of_service)
    page = client.get(reverse("service-plan-detail", args=[plans.adults.pk])).content.decode()
    assert "Add at least one milestone to objective 2, ‘Support carers’" in page
    response = client.post(reverse("service-plan-submit", args=[plans.adults.pk]))
    assert response.status_code == 400
    assert "Add at least one milestone to objective 2" in response.content.decode()
    plans.adults.refresh_from_db()
    assert plans.adults.status == ServicePlan.Status.DRAFT
    assert history(plans.adults) == []


def test_it_will_not_submit_an_empty_plan(world, plans):
    empty = ServicePlanFactory(service=world.carers, year=2026, strategic_plan=plans.strategic)
    with pytest.raises(services.ValidationError, match="Add at least one objective"):
        services.plan_submit(plan=empty, actor=world.director)


@pytest.mark.parametrize("approver", ["director", "performance_officer"])
def test_it_lets_the_director_or_the_performance_team_approve(world, plans, as_user, approver):
    plan = submitted(plans.adults, world.head_of_service)
    person = getattr(world, approver)
    response = as_user(person).post(reverse("service-plan-approve", args=[plan.pk]))
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == ServicePlan.Status.APPROVED
    assert history(plan)[-1] == ("submitted", "approved", person.email, "")
    page = as_user(world.head_of_service).get(plan.get_absolute_url()).content.decode()
    assert "Submitted for approval → Approved" in page
    assert "Approved" in page


def test_it_refuses_approval_by_another_directorate_s_director(world, plans, as_user):
    other_director = grant(UserFactory(email="children-director@test.example"), Role.SENIOR_MANAGER,
                           directorate=world.children_dir)
    plan = submitted(plans.adults, world.head_of_service)
    assert as_user(other_director).post(reverse("service-plan-approve", args=[plan.pk])).status_code == 403
    plan.refresh_from_db()
    assert plan.status == ServicePlan.Status.SUBMITTED


def test_it_does_not_let_anyone_approve_a_plan_they_submitted(world, plans, as_user):
    """A performance officer may submit any plan, and approve any plan, but not both for the same one."""
    plan = submitted(plans.adults, world.performance_officer)
    response = as_user(world.performance_officer).post(reverse("service-plan-approve", args=[plan.pk]))
    assert response.status_code == 400
    assert "You submitted this plan, so someone else must approve it" in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == ServicePlan.Status.SUBMITTED


def test_it_cannot_approve_a_draft(world, plans, as_user):
    response = as_user(world.director).post(reverse("service-plan-approve", args=[plans.adults.pk]))
    assert response.status_code == 400
    assert "This plan is draft, so it cannot be approved" in response.content.decode()
    plans.adults.refresh_from_db()
    assert plans.adults.status == ServicePlan.Status.DRAFT


def test_it_returns_a_plan_with_reasons_and_lets_the_service_revise_it(world, plans, as_user):
    plan = submitted(plans.adults, world.head_of_service)
    reason = "Objective 1 needs a milestone for the winter period."
    response = as_user(world.director).post(reverse("service-plan-return", args=[plan.pk]), {"reason": reason})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == ServicePlan.Status.RETURNED

    head = as_user(world.head_of_service)
    page = head.get(plan.get_absolute_url()).content.decode()
    assert "Returned for changes" in page
    assert reason in page
    assert head.post(reverse("objective-edit", args=[plans.objective.pk]), {
        "title": "Changed", "owner": world.head_of_service.pk, "priorities": [plans.p1.pk]}).status_code == 400
    plans.objective.refresh_from_db()
    assert plans.objective.title == "Start home care within 48 hours"  # a returned plan is revised as a draft

    assert head.post(reverse("service-plan-reopen", args=[plan.pk])).status_code == 302
    plan.refresh_from_db()
    assert plan.status == ServicePlan.Status.DRAFT
    assert history(plan) == [
        ("draft", "submitted", "head@test.example", ""),
        ("submitted", "returned", "director@test.example", reason),
        ("returned", "draft", "head@test.example", ""),
    ]


def test_it_keeps_milestone_progress_open_after_approval(world, plans, as_user):
    """Approval freezes the plan's content, not the reporting of progress against it."""
    plan = submitted(plans.adults, world.head_of_service)
    services.plan_approve(plan=plan, actor=world.director)
    response = as_user(world.staff).post(reverse("milestone-progress", args=[plans.overdue.pk]), {
        "status": "in_progress", "percent_complete": "70", "note": "Three zones live",
        "recorded_on_0": "27", "recorded_on_1": "11", "recorded_on_2": "2026"})
    assert response.status_code == 302
    plans.overdue.refresh_from_db()
    assert plans.overdue.percent_complete == 70
    assert as_user(world.head_of_service).get(reverse("objective-edit", args=[plans.objective.pk])
                                               ).status_code == 200  # the page opens, but saving is refused
    with pytest.raises(services.ValidationError, match="Only a draft plan can be changed"):
        services.milestone_create(objective=plans.objective, title="Late addition", due_on=datetime.date(2027, 1, 5),
                                  owner=world.staff)


def approved_with_history(world, plans):
    plan = submitted(plans.adults, world.head_of_service)
    services.plan_approve(plan=plan, actor=world.director)
    services.milestone_record_progress(milestone=plans.overdue, actor=world.staff, status="in_progress",
                                       percent_complete=60, note="Going well")
    return plan


def test_it_copies_an_approved_plan_forward_to_next_year(world, plans, as_user):
    plan = approved_with_history(world, plans)
    response = as_user(world.head_of_service).post(reverse("service-plan-copy-forward", args=[plan.pk]))
    new_plan = ServicePlan.objects.get(service=world.adults, year=2027)
    assert response.status_code == 302
    assert response["Location"] == new_plan.get_absolute_url()
    assert new_plan.status == ServicePlan.Status.DRAFT
    assert new_plan.copied_from == plan
    assert history(new_plan) == [("", "draft", "head@test.example", "Copied forward from the 2026/27 plan")]
    objective = new_plan.objectives.get()
    assert objective.title == "Start home care within 48 hours"
    assert list(objective.priorities.all()) == [plans.p1]
    milestones = {m.title: m for m in Milestone.objects.filter(objective=objective)}
    assert milestones["New contracts in all zones"].due_on == datetime.date(2027, 11, 18)
    assert {(m.status, m.percent_complete, m.completed_on) for m in milestones.values()} == {
        (Milestone.Status.NOT_STARTED, 0, None)}
    assert Risk.objects.get(plan=new_plan).title == "Providers cannot recruit"
    assert not MilestoneUpdate.objects.filter(milestone__objective__plan=new_plan).exists()
    plans.overdue.refresh_from_db()
    assert plans.overdue.percent_complete == 60  # this year's plan is untouched


def test_it_copies_forward_only_once_and_only_when_approved(world, plans):
    with pytest.raises(services.ValidationError, match="Only an approved plan can be copied forward"):
        services.plan_copy_forward(plan=plans.adults, actor=world.head_of_service)
    plan = approved_with_history(world, plans)
    services.plan_copy_forward(plan=plan, actor=world.head_of_service)
    with pytest.raises(services.ValidationError, match="already has a plan for 2027/28"):
        services.plan_copy_forward(plan=plan, actor=world.head_of_service)
    assert ServicePlan.objects.filter(service=world.adults).count() == 2


def test_it_asks_for_new_links_when_next_year_has_a_new_strategic_plan(world):
    """Priorities of a strategic plan that has ended are not carried into the next one's year."""
    old = StrategicPlanFactory(title="Old plan", first_year=2025, last_year=2026)
    StrategicPlanFactory(title="New plan", first_year=2027, last_year=2030)
    priority = PriorityFactory(strategic_plan=old)
    plan = ServicePlanFactory(service=world.adults, year=2026, strategic_plan=old, status=ServicePlan.Status.APPROVED)
    MilestoneFactory(objective=ObjectiveFactory(plan=plan, priorities=[priority]), due_on=datetime.date(2027, 2, 1))
    new_plan = services.plan_copy_forward(plan=plan, actor=world.head_of_service)
    objective = new_plan.objectives.get()
    assert new_plan.strategic_plan.title == "New plan"
    assert not objective.priorities.exists()
    assert "link it to a current priority" in objective.no_priority_reason


def test_it_starts_a_plan_under_the_strategic_plan_covering_its_year(world, plans, as_user):
    response = as_user(world.head_of_service).post(reverse("service-plan-start"),
                                                   {"service": world.adults.pk, "year": "2027"})
    plan = ServicePlan.objects.get(service=world.adults, year=2027)
    assert response["Location"] == plan.get_absolute_url()
    assert plan.strategic_plan == plans.strategic
    assert plan.status == ServicePlan.Status.DRAFT
    response = as_user(world.head_of_service).post(reverse("service-plan-start"),
                                                   {"service": world.adults.pk, "year": "2026"})
    assert "Reablement already has a plan for 2026/27" in response.content.decode()


def test_it_numbers_objectives_in_order(world, plans):
    second = services.objective_create(plan=plans.adults, title="Second", priorities=[plans.p1],
                                       owner=world.head_of_service)
    services.objective_delete(objective=second)
    third = services.objective_create(plan=plans.adults, title="Third", priorities=[plans.p1],
                                      owner=world.head_of_service)
    assert third.number == 2
    assert list(Objective.objects.filter(plan=plans.adults).values_list("number", flat=True)) == [1, 2]


def test_it_says_at_once_when_a_plan_cannot_be_submitted(world, plans, as_user):
    """Opening "submit" on an approved plan explains why not, and offers no button to press."""
    ServicePlan.objects.filter(pk=plans.adults.pk).update(status=ServicePlan.Status.APPROVED)
    page = as_user(world.head_of_service).get(reverse("service-plan-submit", args=[plans.adults.pk]))
    html = page.content.decode()
    assert "This plan is approved, so it cannot be submitted for approval" in html
    assert '<button type="submit"' not in html.split('id="main-content"')[1]
