"""The golden thread counts the staff objectives under each service-plan objective, and names no one."""

import pytest
from django.urls import reverse

from tests.appraisals.factories import StaffObjectiveFactory
from tests.conftest import forget_kept_summaries

pytestmark = pytest.mark.django_db


def thread_page(client, appraisals):
    return client.get(reverse("golden-thread", args=[appraisals.plan.strategic_plan_id]), {"year": 2026})


def test_it_counts_staff_objectives_under_each_plan_objective(appraisals, as_user):
    """A councillor sees how many staff objectives serve the objective, but not whose they are."""
    StaffObjectiveFactory(appraisal=appraisals.peers, number=1, service_objective=appraisals.plan_objective)
    response = thread_page(as_user(appraisals.world.scrutiny_member), appraisals)
    assert response.status_code == 200
    assert "2 staff objectives" in response.text
    assert "Aisha" not in response.text
    assert "Ben" not in response.text


def test_it_keeps_the_count_to_one_query(appraisals, as_user, django_assert_max_num_queries):
    """Measured cold: the page's summary and its indicators' rows are kept until something they show changes
    (core/summaries.py, indicators/row_cache.py)."""
    client = as_user(appraisals.world.scrutiny_member)
    thread_page(client, appraisals)
    forget_kept_summaries()
    with django_assert_max_num_queries(30) as small:
        thread_page(client, appraisals)
    StaffObjectiveFactory(appraisal=appraisals.peers, number=1, service_objective=appraisals.plan_objective)
    StaffObjectiveFactory(appraisal=appraisals.peers, number=2, service_objective=appraisals.plan_objective)
    forget_kept_summaries()
    with django_assert_max_num_queries(30) as large:
        response = thread_page(client, appraisals)
    assert len(large.captured_queries) == len(small.captured_queries)
    assert "3 staff objectives" in response.text
