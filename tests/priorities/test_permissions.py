"""Who may see and change each page: every page has someone who must not."""

import pytest
from django.urls import reverse

from priorities.models import (
    Communication,
    EngagementGroup,
    Milestone,
    MilestoneUpdate,
    Objective,
    PlanTransition,
    Priority,
    Risk,
    ServicePlan,
    StrategicPlan,
    YouSaidWeDid,
)
from tests.priorities.factories import EngagementExerciseFactory, NonPriorityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def things(plans):
    """Everything a page can be about, by name."""
    exercise = EngagementExerciseFactory(title="Carers' consultation")
    exercise.priorities.add(plans.p1)
    return {
        **vars(plans),
        "non_priority": NonPriorityFactory(strategic_plan=plans.strategic, title="Evening day centres"),
        "exercise": exercise,
        "group": EngagementGroup.objects.create(exercise=exercise, name="Young carers", is_hard_to_reach=True),
        "response": YouSaidWeDid.objects.create(exercise=exercise, you_said="We need a break", we_did="More breaks"),
        "communication": Communication.objects.create(priority=plans.p1, audience="staff", channel="Briefing",
                                                      communicated_on="2026-05-01"),
    }


# (url name, the thing whose pk it takes) for pages everyone entitled may read.
READ_PAGES = [
    ("strategic-plan-list", None),
    ("strategic-plan-detail", "strategic"),
    ("golden-thread", "strategic"),
    ("non-priority-list", "strategic"),
    ("priority-detail", "p1"),
    ("engagement-list", None),
    ("engagement-detail", "exercise"),
    ("service-plan-list", None),
    ("service-plan-detail", "adults"),
    ("milestone-detail", "overdue"),
]

# Pages that change priorities, non-priorities and engagement: the performance team and directors only.
PRIORITY_WRITE_PAGES = [
    ("strategic-plan-create", None),
    ("strategic-plan-edit", "strategic"),
    ("priority-create", "strategic"),
    ("priority-edit", "p1"),
    ("communication-create", "p1"),
    ("communication-edit", "communication"),
    ("communication-delete", "communication"),
    ("non-priority-create", "strategic"),
    ("non-priority-edit", "non_priority"),
    ("engagement-create", None),
    ("engagement-edit", "exercise"),
    ("engagement-group-create", "exercise"),
    ("engagement-group-edit", "group"),
    ("engagement-group-delete", "group"),
    ("you-said-we-did-create", "exercise"),
    ("you-said-we-did-edit", "response"),
    ("you-said-we-did-delete", "response"),
]

# Pages that change the adults service's plan: its managers and the performance team only.
PLAN_WRITE_PAGES = [
    ("service-plan-edit", "adults"),
    ("service-plan-submit", "adults"),
    ("service-plan-reopen", "adults"),
    ("service-plan-copy-forward", "adults"),
    ("objective-create", "adults"),
    ("objective-edit", "objective"),
    ("objective-delete", "objective"),
    ("milestone-create", "objective"),
    ("milestone-edit", "overdue"),
    ("milestone-delete", "overdue"),
    ("risk-create", "adults"),
    ("risk-edit", "risk"),
    ("risk-delete", "risk"),
]

APPROVAL_PAGES = [("service-plan-approve", "adults"), ("service-plan-return", "adults")]


def url(things, name, key):
    return reverse(name, args=[things[key].pk] if key else [])


def counts():
    models = (StrategicPlan, Priority, Communication, EngagementGroup, YouSaidWeDid, ServicePlan, Objective,
              Milestone, MilestoneUpdate, Risk, PlanTransition)
    return {m.__name__: m.objects.count() for m in models}


ALL_PAGES = READ_PAGES + PRIORITY_WRITE_PAGES + PLAN_WRITE_PAGES + APPROVAL_PAGES + [
    ("milestone-progress", "overdue"), ("service-plan-start", None), ("priorities", None)]


@pytest.mark.parametrize(("name", "key"), ALL_PAGES)
def test_it_sends_anonymous_visitors_to_sign_in(things, as_user, name, key):
    """No page here is public yet: a visitor who is not signed in is asked to sign in."""
    before = counts()
    for method in ("get", "post"):
        response = getattr(as_user(None), method)(url(things, name, key))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    assert counts() == before


@pytest.mark.parametrize(("name", "key"), READ_PAGES)
@pytest.mark.parametrize("persona", ["staff", "ward_councillor", "scrutiny_member", "manager_elsewhere",
                                     "data_officer"])
def test_it_lets_officers_and_councillors_read(world, things, as_user, name, key, persona):
    response = as_user(getattr(world, persona)).get(url(things, name, key))
    assert response.status_code == 200


@pytest.mark.parametrize(("name", "key"), [("service-plan-detail", "adults"), ("milestone-detail", "overdue"),
                                           ("service-plan-list", None)])
def test_it_keeps_plans_from_an_independent_panel_member(world, things, as_user, name, key):
    """Plans are internal working documents; an independent person sees only what is published."""
    response = as_user(world.panel_member).get(url(things, name, key))
    assert response.status_code in (403, 404)


def test_it_shows_an_independent_person_only_published_priorities(world, things, as_user):
    client = as_user(world.panel_member)
    page = client.get(reverse("strategic-plan-detail", args=[things["strategic"].pk]))
    assert "Independence at home" in page.content.decode()
    assert "Support for carers" not in page.content.decode()
    assert client.get(reverse("priority-detail", args=[things["p2"].pk])).status_code == 404


@pytest.mark.parametrize(("name", "key"), PRIORITY_WRITE_PAGES)
@pytest.mark.parametrize("persona", ["head_of_service", "staff", "executive_member", "scrutiny_member"])
def test_it_lets_only_the_performance_team_and_directors_change_priorities(world, things, as_user, name, key,
                                                                           persona):
    """Heads of service, staff and councillors read the priorities but cannot change them."""
    client = as_user(getattr(world, persona))
    before = counts()
    assert client.get(url(things, name, key)).status_code == 403
    assert client.post(url(things, name, key), {"title": "Changed"}).status_code == 403
    assert counts() == before


@pytest.mark.parametrize(("name", "key"), PRIORITY_WRITE_PAGES)
@pytest.mark.parametrize("persona", ["performance_officer", "director"])
def test_it_opens_the_priority_forms_to_the_performance_team_and_directors(world, things, as_user, name, key,
                                                                          persona):
    assert as_user(getattr(world, persona)).get(url(things, name, key)).status_code == 200


@pytest.mark.parametrize(("name", "key"), PLAN_WRITE_PAGES + APPROVAL_PAGES)
@pytest.mark.parametrize("persona", ["manager_elsewhere", "staff", "data_officer", "portfolio_holder",
                                     "scrutiny_member"])
def test_it_keeps_everyone_but_the_service_s_managers_out_of_its_plan(world, things, as_user, name, key, persona):
    """The head of another service, staff and councillors can read the plan but not change it."""
    client = as_user(getattr(world, persona))
    before = counts()
    assert client.get(url(things, name, key)).status_code == 403
    assert client.post(url(things, name, key), {"title": "Changed", "reason": "No"}).status_code == 403
    assert counts() == before
    things["adults"].refresh_from_db()
    assert things["adults"].status == ServicePlan.Status.DRAFT


@pytest.mark.parametrize(("name", "key"), PLAN_WRITE_PAGES)
@pytest.mark.parametrize("persona", ["head_of_service", "team_manager", "director", "performance_officer"])
def test_it_opens_the_plan_forms_to_the_service_s_managers(world, things, as_user, name, key, persona):
    assert as_user(getattr(world, persona)).get(url(things, name, key)).status_code == 200


@pytest.mark.parametrize(("name", "key"), APPROVAL_PAGES)
def test_it_does_not_let_a_head_of_service_approve_their_own_plan(world, things, as_user, name, key):
    """Approval is for the service's director or the performance team, not its head."""
    assert as_user(world.head_of_service).get(url(things, name, key)).status_code == 403


def test_it_lets_a_milestone_owner_record_progress_without_changing_the_plan(world, things, as_user):
    """Staff who own a milestone update its progress, but cannot edit the milestone itself."""
    client = as_user(world.staff)
    assert client.get(reverse("milestone-progress", args=[things["overdue"].pk])).status_code == 200
    assert client.get(reverse("milestone-edit", args=[things["overdue"].pk])).status_code == 403
    assert client.get(reverse("milestone-progress", args=[things["done"].pk])).status_code == 403


@pytest.mark.parametrize("persona", ["manager_elsewhere", "ward_councillor", "data_officer"])
def test_it_stops_others_recording_progress(world, things, as_user, persona):
    client = as_user(getattr(world, persona))
    milestone = things["overdue"]
    response = client.post(reverse("milestone-progress", args=[milestone.pk]),
                           {"status": "complete", "percent_complete": "100", "note": "Done",
                            "recorded_on_0": "28", "recorded_on_1": "11", "recorded_on_2": "2026"})
    assert response.status_code == 403
    milestone.refresh_from_db()
    assert milestone.percent_complete == 40
    assert not MilestoneUpdate.objects.exists()


@pytest.mark.parametrize("persona", ["staff", "ward_councillor", "data_officer"])
def test_it_lets_only_managers_start_a_plan(world, things, as_user, persona):
    assert as_user(getattr(world, persona)).get(reverse("service-plan-start")).status_code == 403


def test_it_lets_a_manager_start_plans_only_for_their_own_services(world, things, as_user):
    """The head of the adults service cannot start a plan for the children's service by posting its id."""
    response = as_user(world.head_of_service).post(reverse("service-plan-start"),
                                                   {"service": world.children.pk, "year": "2027"})
    assert response.status_code == 400
    assert "Choose one of the options" in response.content.decode()
    assert not ServicePlan.objects.filter(service=world.children, year=2027).exists()


def test_it_shows_change_links_only_to_those_who_may_change(world, things, as_user):
    """A councillor reading the plan sees no buttons to change it; its head of service does."""
    path = reverse("service-plan-detail", args=[things["adults"].pk])
    councillor = as_user(world.portfolio_holder).get(path).content.decode()
    head = as_user(world.head_of_service).get(path).content.decode()
    for text in ("Add an objective", "Add a milestone", "Submit for approval", "Add a risk"):
        assert text not in councillor
        assert text in head


def test_it_shows_navigation_to_plans_only_to_those_who_read_them(world, as_user, db):
    officer = as_user(world.staff).get(reverse("home")).content.decode()
    panel = as_user(world.panel_member).get(reverse("home")).content.decode()
    assert reverse("service-plan-list") in officer
    assert reverse("service-plan-list") not in panel
