"""Coverage by service and directorate: aggregates only, with small groups suppressed."""

import pytest
from django.urls import reverse

from appraisals import selectors
from organisation.models import Role
from tests.appraisals.factories import AppraisalFactory, StaffObjectiveFactory
from tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db


def add_staff(a, n, *, agreed):
    for _ in range(n):
        person = grant(UserFactory(team=a.world.adults_team, line_manager=a.world.team_manager), Role.STAFF)
        appraisal = AppraisalFactory(cycle=a.cycle, person=person)
        if agreed:
            StaffObjectiveFactory(appraisal=appraisal, service_objective=a.plan_objective)


def row(rows, name):
    return next(r for r in rows if r.name == name)


def test_it_suppresses_a_service_with_fewer_people_than_the_threshold(appraisals, settings):
    """Reablement has 4 appraisable people (below 5): only "fewer than 5" is shown, no percentages."""
    settings.SUPPRESS_COUNTS_BELOW = 5
    figures = row(selectors.coverage(appraisals.cycle), "Reablement").figures
    assert figures == {"suppressed": True, "staff": "fewer than 5"}


def test_it_shows_percentages_for_a_big_enough_group(appraisals, settings):
    """With 10 people, 6 of them agreed and linked, the service shows 60% and small overdue counts hidden."""
    settings.SUPPRESS_COUNTS_BELOW = 5
    add_staff(appraisals, 5, agreed=True)  # plus Aisha: 6 agreed
    add_staff(appraisals, 1, agreed=False)
    # Now 10 people: Aisha, Ben, Grace, Mark (head, line-managed? no) ... count what the selector counts.
    figures = row(selectors.coverage(appraisals.cycle), "Reablement").figures
    assert figures["suppressed"] is False
    staff = int(figures["staff"])
    assert figures["agreed"] == round(100 * 6 / staff)
    assert figures["linked"] == round(100 * 6 / staff)
    assert figures["mid_year"] == 0
    assert figures["overdue"] == "fewer than 5"  # Ben, Grace and the newcomer have agreed nothing


def test_it_uses_the_configured_threshold(appraisals, settings):
    """Lowering the threshold to 3 shows the small Reablement figures."""
    settings.SUPPRESS_COUNTS_BELOW = 3
    figures = row(selectors.coverage(appraisals.cycle), "Reablement").figures
    assert figures["suppressed"] is False
    assert figures["staff"] == "3"


def test_it_shows_no_names_on_the_coverage_page(appraisals, as_user):
    body = as_user(appraisals.world.performance_officer).get(reverse("appraisals:coverage")).content.decode()
    assert "Adult Social Care" in body
    assert "Not shown: too few people" in body
    assert str(appraisals.world.staff) not in body
