"""The demo council's priorities and plans: realistic, complete, and safe to load twice."""

import pytest

from organisation import demo as organisation_demo
from organisation.models import Service
from priorities import demo
from priorities.models import (
    EngagementExercise,
    Milestone,
    NonPriority,
    Priority,
    ServicePlan,
    StrategicPlan,
)
from priorities.selectors import milestones_needing_attention

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    organisation_demo.seed(password="demo-password-for-tests")
    demo.seed()


def test_it_gives_the_demo_council_a_strategic_plan_for_this_year(seeded):
    plan = StrategicPlan.objects.covering(2026).get()
    assert plan.period_label == "2024/25 to 2027/28"
    assert Priority.objects.filter(strategic_plan=plan).count() == 8
    assert set(Priority.objects.values_list("area", flat=True)) == {"corporate", "social_services"}
    assert Priority.objects.filter(origin="national").exclude(national_source="").count() == 4
    assert NonPriority.objects.count() == 2
    assert EngagementExercise.objects.count() == 3
    assert EngagementExercise.objects.filter(groups__is_hard_to_reach=True, groups__reached=False).exists()


def test_it_gives_every_service_a_plan_with_objectives_milestones_and_risks(seeded):
    for service in Service.objects.all():
        plan = ServicePlan.objects.get(service=service, year=2026)
        assert plan.objectives.exists(), service
        assert Milestone.objects.filter(objective__plan=plan).exists(), service
        assert plan.risks.exists(), service
    assert set(ServicePlan.objects.filter(year=2026).values_list("status", flat=True)) == {
        "approved", "submitted", "returned"}
    assert ServicePlan.objects.get(year=2027).copied_from.service.name == "Reablement and Home Care"


def test_it_has_milestones_overdue_due_soon_and_complete(seeded):
    milestones = Milestone.objects.filter(objective__plan__year=2026)
    assert milestones.filter(status="complete").count() >= 10
    assert milestones.open().filter(due_on__lt="2026-11-28").count() >= 8
    assert milestones.open().filter(due_on__lt="2026-11-13").exists()  # long overdue: escalated
    head = [m.title for m in milestones_needing_attention(organisation_demo.User.objects.get(
        email="head@ashfordvale.example"))]
    assert "Open home care brokerage until 8pm on weekdays" in head


def test_it_can_be_loaded_twice_without_changing_anything(seeded):
    counts = [m.objects.count() for m in (StrategicPlan, Priority, ServicePlan, Milestone, EngagementExercise)]
    demo.seed()
    assert [m.objects.count() for m in (StrategicPlan, Priority, ServicePlan, Milestone, EngagementExercise)] == counts
