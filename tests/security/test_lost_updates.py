"""Two people editing the same figure: the second save is refused, showing what changed."""

from decimal import Decimal

import pytest
from django.urls import reverse

from indicators.models import IndicatorValue

pytestmark = pytest.mark.django_db


def grid_url(ind):
    return reverse("indicators:entry-grid", args=[ind.world.adults.pk, ind.q1.pk])


def shown_form(client, ind):
    """The grid's fields as the browser would send them back untouched."""
    form = client.get(grid_url(ind)).context["form"]
    return {name: form[name].value() for name in form.fields if form[name].value() not in (None, False)}


def test_the_second_of_two_overlapping_saves_is_refused_and_nothing_is_lost(ind, as_user):
    data_officer = as_user(ind.world.data_officer)
    head = as_user(ind.world.head_of_service)
    r = ind.reablement.pk
    # Both open the grid while the figure is still blank, then both type a figure.
    first = shown_form(data_officer, ind) | {f"actual-{r}": "72.5", "save": "1"}
    second = shown_form(head, ind) | {f"actual-{r}": "65", f"commentary-{r}": "Staff shortages", "save": "1"}

    assert data_officer.post(grid_url(ind), first).status_code == 302
    refused = head.post(grid_url(ind), second)
    assert refused.status_code == 200
    page = refused.content.decode()
    assert "changed this at" in page
    assert ind.world.data_officer.get_full_name() in page
    assert "it now reads 72.5" in page
    assert 'value="65"' in page  # the head of service's own figure is still in the form
    assert "Staff shortages" in page
    assert IndicatorValue.objects.get(indicator=ind.reablement).actual == Decimal("72.5")

    # Having seen the other figure, saving again is a deliberate choice and goes through.
    again = head.post(grid_url(ind), refused.context["form"].data)
    assert again.status_code == 302
    assert IndicatorValue.objects.get(indicator=ind.reablement).actual == Decimal(65)


def test_a_save_on_the_current_version_goes_through(ind, as_user):
    client = as_user(ind.world.data_officer)
    r = ind.reablement.pk
    assert client.post(grid_url(ind), shown_form(client, ind) | {f"actual-{r}": "70", "save": "1"}).status_code == 302
    assert client.post(grid_url(ind), shown_form(client, ind) | {f"actual-{r}": "71", "save": "1"}).status_code == 302
    assert IndicatorValue.objects.get(indicator=ind.reablement).actual == Decimal(71)


def test_two_people_editing_a_plans_resources_cannot_overwrite_each_other(world, as_user):
    from priorities.models import ServicePlan
    from tests.priorities.factories import ServicePlanFactory

    plan = ServicePlanFactory(service=world.adults, budget=4_000_000)
    url = reverse("service-plan-edit", args=[plan.pk])
    head, officer = as_user(world.head_of_service), as_user(world.performance_officer)
    seen_by_head = head.get(url).context["form"]["seen_version"].value()
    seen_by_officer = officer.get(url).context["form"]["seen_version"].value()
    fields = {"purpose": "Help people regain independence", "staff_fte": "86.5", "other_resources": ""}

    assert officer.post(url, fields | {"budget": "4200000", "seen_version": seen_by_officer}).status_code == 302
    refused = head.post(url, fields | {"budget": "3900000", "seen_version": seen_by_head})
    assert refused.status_code == 400
    page = refused.content.decode()
    assert f"{world.performance_officer.get_full_name()} changed this at" in page
    assert "revenue budget" in page
    assert 'value="3900000"' in page
    assert ServicePlan.objects.get(pk=plan.pk).budget == 4_200_000
