"""What people see and do on the pages: milestones that need attention stand out, forms save whole."""

import datetime
import html
import re

import pytest
from django.urls import reverse

from priorities.models import (
    Communication,
    EngagementExercise,
    EngagementGroup,
    Milestone,
    MilestoneUpdate,
    NonPriority,
    Objective,
    Priority,
    Risk,
    ServicePlan,
    YouSaidWeDid,
)
from tests.priorities.factories import NonPriorityFactory

pytestmark = pytest.mark.django_db


def text(response):
    """The page's visible words, tags stripped, whitespace collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def test_it_puts_a_milestone_owner_s_overdue_and_due_soon_milestones_on_their_home_page(world, plans, as_user):
    page = text(as_user(world.staff).get(reverse("home")))
    assert "Your milestones that need updating" in page
    assert "2 milestones are overdue or due within a week" in page
    assert "New contracts in all zones" in page
    assert "Overdue by 10 days" in page
    assert "Brokerage open until 8pm" in page
    assert "Due in 4 days" in page
    assert "Re-tender home care" not in page  # complete


def test_it_shows_nothing_to_chase_to_someone_with_no_milestones_due(world, plans, as_user):
    assert "milestones that need updating" not in text(as_user(world.scrutiny_member).get(reverse("home")))


def test_it_shows_the_plan_and_its_late_milestones_on_the_service_page(world, plans, as_user):
    page = text(as_user(world.ward_councillor).get(reverse("service-detail", args=[world.adults.pk])))
    assert "Service plan 2026/27" in page
    assert "Reablement service plan 2026/27 Draft" in page
    assert "Milestones overdue or due within a week" in page
    assert "New contracts in all zones" in page
    assert "Overdue by 10 days" in page


def test_it_offers_to_start_a_plan_on_the_page_of_a_service_without_one(world, plans, as_user):
    page = as_user(world.director).get(reverse("service-detail", args=[world.carers.pk])).content.decode()
    assert "Carers Support has no plan for this financial year yet." in page
    assert f"{reverse('service-plan-start')}?service={world.carers.pk}&amp;year=2026" in page


def test_it_shows_the_whole_plan_with_ratings_in_words(world, plans, as_user):
    page = text(as_user(world.portfolio_holder).get(reverse("service-plan-detail", args=[plans.adults.pk])))
    assert "Reablement" in page
    assert "Objective 1 Start home care within 48 hours" in page
    assert "Priority 1: Independence at home" in page
    # Overdue (red), due in 4 days and not started (amber), complete (green): one red in three is amber.
    assert "New contracts in all zones" in page
    assert re.search(r"Overdue by 10 days .*? In progress, 40% Red", page)
    assert re.search(r"Not started, 0% Amber", page)
    assert re.search(r"Complete, 100% Green", page)
    assert re.search(r"Objective 1 Start home care within 48 hours Amber 47% complete", page)
    assert "R1: Providers cannot recruit" in page
    assert "16 Very high" in page
    assert "9 Medium" in page


def test_it_lists_each_milestone_with_the_links_the_person_may_use_and_its_title_escaped(world, plans, as_user):
    plans.soon.title = 'Brokerage <b>open</b> "until" 8pm & later'
    plans.soon.save()
    url = reverse("service-plan-detail", args=[plans.adults.pk])
    rows = {}
    for persona in ("head_of_service", "staff", "portfolio_holder"):
        body = as_user(getattr(world, persona)).get(url).content.decode()
        rows[persona] = re.search(r"<tr class=\"govuk-table__row\">\s*<td class=\"govuk-table__cell\"><a class=\"govuk-link\" "
                                  rf"href=\"/plans/milestones/{plans.soon.pk}/\">.*?</tr>", body, re.S).group(0)
    owner = rows["staff"]  # owns the milestone: may record progress, not change the plan
    assert "Brokerage &lt;b&gt;open&lt;/b&gt; &quot;until&quot; 8pm &amp; later</a>" in owner
    assert "<b>" not in owner
    assert f'href="/plans/milestones/{plans.soon.pk}/progress/?next=/plans/{plans.adults.pk}/%23objective-' in owner
    assert "Change<span" not in owner
    assert "Due in 4 days" in owner
    head = rows["head_of_service"]  # the plan is a draft: may change it
    assert "Update progress" in head
    assert f'href="/plans/milestones/{plans.soon.pk}/edit/"' in head
    assert "Update progress" not in rows["portfolio_holder"]
    assert "Change<span" not in rows["portfolio_holder"]


def test_it_puts_each_risk_in_its_heat_map_cell(world, plans, as_user):
    page = as_user(world.staff).get(reverse("service-plan-detail", args=[plans.adults.pk])).content.decode()
    before = page[page.index('data-testid="heat-map-before"'):page.index('data-testid="heat-map-after"')]
    rows = before.split('<tr class="govuk-table__row">')[1:]
    impact_4 = next(r for r in rows if "4 Major" in r)
    cells = impact_4.split("portal-heatmap__cell--")[1:]
    assert ">R1<" in cells[3]  # likelihood 4, impact 4
    assert all(">R1<" not in c for i, c in enumerate(cells) if i != 3)
    assert "very_high" in cells[3]


def test_it_lets_a_head_of_service_add_an_objective(world, plans, as_user):
    client = as_user(world.head_of_service)
    response = client.post(reverse("objective-create", args=[plans.adults.pk]), {
        "title": "Support carers during reablement", "description": "Every carer offered an assessment.",
        "priorities": [plans.p1.pk, plans.p2.pk], "owner": world.team_manager.pk, "is_published": "on"})
    objective = Objective.objects.get(title="Support carers during reablement")
    assert response["Location"] == objective.get_absolute_url()
    assert objective.number == 2
    assert set(objective.priorities.all()) == {plans.p1, plans.p2}
    assert objective.owner == world.team_manager
    assert objective.is_published
    assert "Objective 2 has been added. Now add its milestones." in text(client.get(response["Location"]))


def test_it_lets_a_head_of_service_add_a_milestone_within_the_year(world, plans, as_user):
    response = as_user(world.head_of_service).post(reverse("milestone-create", args=[plans.objective.pk]), {
        "title": "Evening brokerage trial", "owner": world.staff.pk,
        "due_on_0": "31", "due_on_1": "3", "due_on_2": "2027"})
    assert response.status_code == 302
    milestone = Milestone.objects.get(title="Evening brokerage trial")
    assert milestone.due_on == datetime.date(2027, 3, 31)
    assert (milestone.status, milestone.percent_complete, milestone.owner) == ("not_started", 0, world.staff)


def test_it_lets_the_owner_record_progress_in_a_few_clicks(world, plans, as_user):
    client = as_user(world.staff)
    back = reverse("home")
    page = client.get(reverse("milestone-progress", args=[plans.overdue.pk]) + f"?next={back}")
    assert 'value="in_progress" checked' in page.content.decode()  # starts from where it is
    response = client.post(reverse("milestone-progress", args=[plans.overdue.pk]), {
        "status": "complete", "percent_complete": "", "note": "All four zones live from today.",
        "recorded_on_0": "28", "recorded_on_1": "11", "recorded_on_2": "2026", "next": back})
    assert response["Location"] == back
    milestone = plans.overdue
    milestone.refresh_from_db()
    assert (milestone.status, milestone.percent_complete) == ("complete", 100)
    assert milestone.completed_on == datetime.date(2026, 11, 28)
    update = MilestoneUpdate.objects.get()
    assert (update.note, update.recorded_by, update.recorded_on) == (
        "All four zones live from today.", world.staff, datetime.date(2026, 11, 28))
    home = text(client.get(back))
    assert "Progress on ‘New contracts in all zones’ has been recorded." in home
    assert "1 milestone is overdue or due within a week" in home
    history = text(client.get(milestone.get_absolute_url()))
    assert "28 Nov 2026 Complete, 100% All four zones live from today." in history


def test_it_ignores_a_next_address_on_another_site(world, plans, as_user):
    response = as_user(world.staff).post(reverse("milestone-progress", args=[plans.overdue.pk]), {
        "status": "in_progress", "percent_complete": "45", "note": "Going", "recorded_on_0": "28",
        "recorded_on_1": "11", "recorded_on_2": "2026", "next": "https://evil.example/"})
    assert response["Location"] == plans.overdue.get_absolute_url()


def test_it_shows_the_golden_thread_from_priority_to_milestone(world, plans, as_user):
    page = text(as_user(world.scrutiny_member).get(reverse("golden-thread", args=[plans.strategic.pk])))
    thread = page[page.index("Independence at home"):page.index("Support for carers")]
    # Amber (Reablement) and red (Fostering): one red in two objectives makes the priority red.
    assert "Red 50% complete across 2 objectives" in thread
    assert "Reablement, 2026/27 1. Start home care within 48 hours" in thread
    assert "Fostering, 2026/27 1. Recruit foster carers" in thread
    assert "Red New contracts in all zones" in thread
    assert "Support for carers" in page
    assert "No objectives yet" in page


def test_it_lists_objectives_that_serve_no_priority_with_their_reasons(world, plans, as_user):
    Objective.objects.create(plan=plans.adults, number=2, title="Keep the case system running",
                             no_priority_reason="A statutory duty", owner=world.head_of_service)
    page = text(as_user(world.staff).get(reverse("golden-thread", args=[plans.strategic.pk])))
    unlinked = page[page.index("Objectives that serve no priority"):]
    assert "Keep the case system running" in unlinked
    assert "No priority: A statutory duty" in unlinked


def test_it_shows_other_years_of_the_golden_thread(world, plans, as_user):
    page = text(as_user(world.staff).get(reverse("golden-thread", args=[plans.strategic.pk]) + "?year=2027"))
    assert "The golden thread, 2027/28" in page
    assert "Start home care within 48 hours" not in page


def test_it_lists_every_service_s_plan_and_those_without_one(world, plans, as_user):
    page = text(as_user(world.director).get(reverse("service-plan-list")))
    assert "Service plans 2026/27" in page
    assert "Reablement Adult Social Care Draft 1 1 overdue Amber" in page
    assert "Fostering Children's Services Approved 1 1 overdue Red" in page
    assert "Carers Support (Adult Social Care) – Start the 2026/27 plan" in page


def test_it_records_a_priority_with_its_resources(world, plans, as_user):
    response = as_user(world.performance_officer).post(reverse("priority-create", args=[plans.strategic.pk]), {
        "title": "Keep adults safe", "description": "Fewer adults harmed.", "area": "social_services",
        "origin": "national", "national_source": "Care Act 2014, section 42", "rationale": "Referrals rose.",
        "ambition_evidence": "Top quartile in three years.", "budget": "260000", "staff_fte": "4.5",
        "capacity": "Police co-located.", "owner": world.director.pk, "status": "agreed", "is_published": "on"})
    priority = Priority.objects.get(title="Keep adults safe")
    assert response["Location"] == priority.get_absolute_url()
    assert (priority.number, priority.budget, str(priority.staff_fte)) == (3, 260000, "4.5")
    page = text(as_user(world.staff).get(priority.get_absolute_url()))
    assert "£260,000" in page
    assert "Source: Care Act 2014, section 42" in page
    assert ("Not yet communicated to: service user and carer groups, provider organisations, statutory "
            "partners, staff.") in page


def test_it_records_where_a_priority_was_communicated(world, plans, as_user):
    as_user(world.director).post(reverse("communication-create", args=[plans.p1.pk]), {
        "audience": "partners", "channel": "Health and Wellbeing Board", "communicated_on_0": "12",
        "communicated_on_1": "6", "communicated_on_2": "2026"})
    communication = Communication.objects.get()
    assert (communication.audience, communication.communicated_on) == ("partners", datetime.date(2026, 6, 12))
    page = text(as_user(world.staff).get(plans.p1.get_absolute_url()))
    assert "12 Jun 2026 Statutory partners Health and Wellbeing Board" in page
    assert "Not yet communicated to: service user and carer groups, provider organisations, staff." in page


def test_it_records_engagement_with_groups_missed_and_you_said_we_did(world, plans, as_user):
    client = as_user(world.performance_officer)
    response = client.post(reverse("engagement-create"), {
        "title": "Living well at home", "purpose": "What matters to older people.", "methods": ["survey", "outreach"],
        "starts_on_0": "1", "starts_on_1": "10", "starts_on_2": "2025", "ends_on_0": "15", "ends_on_1": "12",
        "ends_on_2": "2025", "participants": "1240", "priorities": [plans.p1.pk], "is_published": "on"})
    exercise = EngagementExercise.objects.get()
    assert response["Location"] == exercise.get_absolute_url()
    assert exercise.methods == ["survey", "outreach"]
    assert list(exercise.priorities.all()) == [plans.p1]
    client.post(reverse("engagement-group-create", args=[exercise.pk]), {
        "name": "Gypsy and Traveller families", "is_hard_to_reach": "on", "reached": "False",
        "how": "Nobody came to the two sessions"})
    client.post(reverse("you-said-we-did-create", args=[exercise.pk]), {
        "you_said": "Waiting for care after hospital is the worst part.", "we_did": "Eight more reablement workers."})
    group = EngagementGroup.objects.get()
    assert (group.is_hard_to_reach, group.reached) == (True, False)
    assert YouSaidWeDid.objects.get().we_did == "Eight more reablement workers."
    page = text(client.get(exercise.get_absolute_url()))
    assert "Gypsy and Traveller families Hard to reach Missed" in page
    assert "Waiting for care after hospital is the worst part. Eight more reablement workers." in page
    listing = text(client.get(reverse("engagement-list")))
    assert "0 reached 1 missed" in listing
    assert "How people shaped it Living well at home" in text(client.get(plans.p1.get_absolute_url()))


def test_it_keeps_a_register_of_non_priorities_with_reviews_due(world, plans, as_user):
    NonPriorityFactory(strategic_plan=plans.strategic, title="Evening day centres",
                       review_on=datetime.date(2026, 11, 1), decided_on=datetime.date(2025, 2, 12))
    as_user(world.director).post(reverse("non-priority-create", args=[plans.strategic.pk]), {
        "title": "A new council care home", "reason": "Vacancies in local homes", "decision": "Executive agreed",
        "decided_on_0": "12", "decided_on_1": "2", "decided_on_2": "2025", "review_on_0": "31", "review_on_1": "1",
        "review_on_2": "2028", "is_published": "on"})
    assert NonPriority.objects.get(title="A new council care home").review_on == datetime.date(2028, 1, 31)
    page = text(as_user(world.staff).get(reverse("non-priority-list", args=[plans.strategic.pk])))
    assert "1 November 2026 Review due" in page
    assert "31 January 2028 Review due" not in page


def test_it_lets_a_head_of_service_change_the_plan_s_resources(world, plans, as_user):
    as_user(world.head_of_service).post(reverse("service-plan-edit", args=[plans.adults.pk]), {
        "purpose": "Help people regain independence.", "budget": "9800000", "staff_fte": "86",
        "other_resources": "14 vehicles"})
    plans.adults.refresh_from_db()
    assert (plans.adults.budget, plans.adults.other_resources) == (9800000, "14 vehicles")
    assert "£9,800,000" in text(as_user(world.staff).get(plans.adults.get_absolute_url()))


def test_it_lets_a_risk_be_reviewed_after_approval(world, plans, as_user):
    """The risk register stays open after approval, unlike objectives and milestones."""
    ServicePlan.objects.filter(pk=plans.adults.pk).update(status="approved")
    response = as_user(world.head_of_service).post(reverse("risk-edit", args=[plans.risk.pk]), {
        "title": "Providers cannot recruit", "likelihood": "3", "impact": "4", "mitigations": "Living wage",
        "residual_likelihood": "2", "residual_impact": "3", "owner": world.head_of_service.pk,
        "review_on_0": "1", "review_on_1": "3", "review_on_2": "2027"})
    assert response.status_code == 302
    plans.risk.refresh_from_db()
    assert (plans.risk.score, plans.risk.residual_score) == (12, 6)
    assert Risk.objects.count() == 1


def test_it_removes_a_milestone_from_a_draft_after_asking(world, plans, as_user):
    client = as_user(world.head_of_service)
    page = text(client.get(reverse("milestone-delete", args=[plans.soon.pk])))
    assert "Remove this milestone? " in page
    client.post(reverse("milestone-delete", args=[plans.soon.pk]))
    assert not Milestone.objects.filter(pk=plans.soon.pk).exists()


def test_it_names_the_registered_owners_on_the_orphaned_items_page(world, plans, as_user):
    Milestone.objects.filter(pk=plans.overdue.pk).update(owner=world.leaver)
    Priority.objects.filter(pk=plans.p2.pk).update(owner=world.leaver)
    page = text(as_user(world.performance_officer).get(reverse("orphaned-items")))
    assert "Milestone New contracts in all zones (Reablement 2026/27) Milestone owner" in page
    assert "Priority Priority 2: Support for carers Priority owner" in page
