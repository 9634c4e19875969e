"""Public pages are served from the cache, and any change to what they show retires them at once."""

import datetime
import time
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from indicators import services as indicator_services
from indicators.models import IndicatorValue, RagScheme, ValueStatus
from priorities import services as priority_services
from priorities.models import Milestone, Priority
from public import caching
from public import services as public_services
from tests.indicators.factories import ValueFactory, period
from tests.priorities.factories import MilestoneFactory, ObjectiveFactory


def test_it_serves_a_cached_page_without_touching_the_database(pub, client, django_assert_num_queries):
    url = reverse("public-priority", args=[pub.priority.pk])
    first = client.get(url)
    assert first.status_code == 200
    with django_assert_num_queries(0):
        again = client.get(url)
    assert again.content == first.content
    assert again["Content-Type"] == first["Content-Type"]


def test_it_keeps_serving_the_cached_page_until_something_is_saved(pub, client):
    """A write that sends no signal (a bulk update) leaves the page as it was: proof the page is cached."""
    url = reverse("public-priorities")
    assert "Live well at home" in client.get(url).text
    Priority.objects.filter(pk=pub.priority.pk).update(title="Renamed quietly")
    assert "Live well at home" in client.get(url).text
    priority_services.priority_update(priority=Priority.objects.get(pk=pub.priority.pk), title="Renamed openly")
    page = client.get(url).text
    assert "Renamed openly" in page
    assert "Live well at home" not in page


def test_it_takes_an_unpublished_priority_off_every_page_at_once(pub, client):
    urls = [reverse("public-home"), reverse("public-priorities"), reverse("public-feedback"),
            reverse("public-data-priorities")]
    for url in urls:
        assert "Live well at home" in client.get(url).content.decode("utf-8-sig")
    priority_services.priority_update(priority=pub.priority, is_published=False)
    for url in urls:
        assert "Live well at home" not in client.get(url).content.decode("utf-8-sig"), url
    assert client.get(reverse("public-priority", args=[pub.priority.pk])).status_code == 404


def test_it_shows_a_figure_as_soon_as_it_is_published(pub, client):
    url = reverse("public-indicator", args=[pub.indicator.pk])
    assert "88.8%" not in client.get(url).text
    verified = IndicatorValue.objects.get(indicator=pub.indicator, status=ValueStatus.VERIFIED)
    indicator_services.values_publish(actor=pub.world.performance_officer, values=[verified])
    page = client.get(url).text
    assert "88.8%" in page
    assert "88.8" in client.get(reverse("public-data-values")).content.decode("utf-8-sig")


def test_it_withdraws_a_published_figure_that_is_changed_until_it_is_verified_again(pub, client):
    url = reverse("public-indicator", args=[pub.indicator.pk])
    assert "66.0%" in client.get(url).text
    indicator_services.value_change(actor=pub.world.performance_officer, value=pub.published, actual="67.5",
                                    reason="The return was corrected.")
    assert client.get(url).status_code == 404  # its only published figure is back with the verifier
    assert "Reablement episodes ending" not in client.get(reverse("public-indicators")).text


def test_it_follows_links_between_objectives_and_priorities(pub, client):
    url = reverse("public-priority", args=[pub.priority.pk])
    extra = ObjectiveFactory(plan=pub.approved, number=9, title="Brokerage open at weekends")
    assert "Brokerage open at weekends" not in client.get(url).text
    extra.priorities.add(pub.priority)
    assert "Brokerage open at weekends" in client.get(url).text
    extra.priorities.remove(pub.priority)
    assert "Brokerage open at weekends" not in client.get(url).text


def test_it_drops_a_deleted_milestone(pub, client):
    url = reverse("public-service", args=[pub.world.adults.pk])
    milestone = MilestoneFactory(objective=pub.objective, title="Recruit six reablement workers")
    assert "Recruit six reablement workers" in client.get(url).text
    Milestone.objects.get(pk=milestone.pk).delete()  # the plan is approved, so only an administrator could
    assert "Recruit six reablement workers" not in client.get(url).text


def test_it_shows_feedback_once_published_and_its_answer_once_given(pub, client):
    url = reverse("public-service", args=[pub.world.adults.pk])
    assert "pending feedback" not in client.get(url).text
    public_services.feedback_publish(feedback=pub.pending, actor=pub.world.performance_officer,
                                     published_text="Visits are often late in the evening.")
    page = client.get(url).text
    assert "Visits are often late in the evening." in page
    assert "The council has not answered this yet." in page
    public_services.feedback_answer(feedback=pub.pending, actor=pub.world.head_of_service,
                                    answer="We have added an evening round.")
    assert "We have added an evening round." in client.get(url).text
    public_services.feedback_withhold(feedback=pub.pending, actor=pub.world.performance_officer,
                                      reason="personal")
    assert "Visits are often late in the evening." not in client.get(url).text


def test_it_sees_a_change_made_by_another_process_within_the_version_lease(pub, client, settings, monkeypatch):
    """Another web process replaces the shared version; this one notices when its lease on the old one ends."""
    url = reverse("public-priorities")
    settings.PUBLIC_CACHE_VERSION_SECONDS = 5
    assert "Live well at home" in client.get(url).text
    Priority.objects.filter(pk=pub.priority.pk).update(title="Renamed elsewhere")
    cache.set(caching.VERSION_KEY, "set-by-another-process", None)
    assert "Live well at home" in client.get(url).text  # within the lease: this process's own copy
    later = time.monotonic() + 6
    monkeypatch.setattr("core.versioned.time.monotonic", lambda: later)
    assert "Renamed elsewhere" in client.get(url).text


def test_it_checks_the_version_on_every_request_with_no_lease(pub, client, settings):
    url = reverse("public-priorities")
    settings.PUBLIC_CACHE_VERSION_SECONDS = 0
    assert "Live well at home" in client.get(url).text
    Priority.objects.filter(pk=pub.priority.pk).update(title="Renamed elsewhere")
    cache.set(caching.VERSION_KEY, "set-by-another-process", None)
    assert "Renamed elsewhere" in client.get(url).text


def test_it_starts_afresh_each_day(pub, client, monkeypatch):
    """Milestones fall overdue at midnight, so yesterday's page is not today's."""
    url = reverse("public-home")
    client.get(url)
    before = caching.page_key("public.views.home", (), {}, "")
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: tomorrow)
    assert caching.page_key("public.views.home", (), {}, "") != before


def test_it_keys_pages_only_on_the_query_parameters_they_use(pub, client, django_assert_num_queries):
    """Made-up query strings are served the one cached copy, so they cannot fill the cache."""
    url = reverse("public-priorities")
    client.get(url)
    with django_assert_num_queries(0):
        for n in range(3):
            assert client.get(f"{url}?junk={n}").status_code == 200
    indicator = reverse("public-indicator", args=[pub.indicator.pk])
    client.get(indicator)
    with django_assert_num_queries(0):
        client.get(f"{indicator}?utm_source=newsletter")


@pytest.mark.django_db(transaction=True)
def test_it_retires_the_pages_again_when_the_change_is_committed(world, django_capture_on_commit_callbacks):
    """Once at the save (for this process) and once at the commit (for pages cached meanwhile by others)."""
    from django.db import transaction

    from tests.priorities.factories import PriorityFactory

    with transaction.atomic():
        with django_capture_on_commit_callbacks() as callbacks:
            priority = PriorityFactory()
            priority.title = "Changed twice"
            priority.save()
            ValueFactory(period=period("Q1 2024/25"))
        assert [c for c in callbacks if c is caching._replace_version] == [caching._replace_version]  # just once
        at_the_last_save = caching.current_version()
    assert caching.current_version() != at_the_last_save  # replaced again by the commit


def test_it_retires_the_pages_when_figures_are_re_rated_in_bulk(pub, client):
    """Re-rating writes with bulk_update, which sends no model signal: the indicators app says so itself."""
    from indicators.models import Target

    url = reverse("public-indicator", args=[pub.indicator.pk])
    before = client.get(url).text
    Target.objects.filter(indicator=pub.indicator).update(value=50)  # quietly: no signal, page unchanged
    assert client.get(url).text == before
    assert indicator_services.rag_refresh(indicator_ids=[pub.indicator.pk])
    assert client.get(url).text != before


def test_a_draft_figure_saved_leaves_the_cached_pages_alone(pub, client):
    """Drafts are on no public page: data officers saving them all through the return window must not
    retire every cached page at each save."""
    url = reverse("public-indicator", args=[pub.indicator.pk])
    client.get(url)
    draft_period = period("Q2 2024/25")
    version = caching.current_version()
    indicator_services.values_save(actor=pub.world.performance_officer, period=draft_period,
                                   entries=[{"indicator": pub.indicator, "actual": Decimal("75")}])
    assert IndicatorValue.objects.get(indicator=pub.indicator, period__label="Q2 2024/25").actual == 75
    assert caching.current_version() == version


def test_a_draft_that_re_rates_the_published_figure_after_it_retires_the_pages(pub, client):
    """Under the improving rule a figure's rating depends on the one before: a draft entered for the
    period before a published figure can turn it from red to amber, and that is on public pages."""
    pub.indicator.rag_scheme = RagScheme.IMPROVING
    pub.indicator.save()
    before = period("Q4 2023/24")  # made first: a new period is a change of its own
    version = caching.current_version()
    indicator_services.values_save(actor=pub.world.performance_officer, period=before,
                                   entries=[{"indicator": pub.indicator, "actual": Decimal("50")}])
    pub.published.refresh_from_db()
    assert pub.published.rag == "amber"
    assert caching.current_version() != version
