"""The public pages show what is published, in plain English, without JavaScript, and in a fixed number of
queries; the open data and the feed carry the same."""

import re
from decimal import Decimal
from xml.etree import ElementTree

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from complaints import services as complaint_services
from complaints.models import Complaint, Regime
from indicators.models import RAG, ValueStatus
from priorities.models import ServicePlan, YouSaidWeDid
from public.models import Feedback
from scrutiny.models import BestValueReview, ImprovementAction, Recommendation, ScrutinyReview
from tests.complaints.conftest import days_ago, working_day_before
from tests.factories import ServiceFactory
from tests.indicators.factories import IndicatorFactory, TargetFactory, ValueFactory, period
from tests.priorities.factories import (
    EngagementExerciseFactory,
    MilestoneFactory,
    NonPriorityFactory,
    ObjectiveFactory,
    PriorityFactory,
    ServicePlanFactory,
)
from tests.public.conftest import clear_caches

ATOM = "{http://www.w3.org/2005/Atom}"


def text_of(response):
    return response.content.decode("utf-8-sig")


def summary_of(page):
    """The sentences of the plain-English summary that opens the page."""
    block = page.split('data-testid="summary"', 1)[1].split("</div>", 1)[0]
    return [re.sub(r"\s+", " ", p).strip() for p in re.findall(r'<p class="govuk-body">(.*?)</p>', block, re.S)]


def test_the_home_page_says_what_is_going_well_and_what_is_not(pub, client):
    page = client.get(reverse("public-home")).text
    sentences = summary_of(page)
    assert "None of the 1 published indicator with a target are on target." in sentences
    assert "One is off target: Reablement episodes ending with no ongoing care." in sentences
    assert any(s.startswith("In ") and "services have completed none of the 1 published milestone" in s
               for s in sentences)
    assert 'href="/sign-in/"' in page
    assert "Staff sign in" in page
    # No staff sections in the public header.
    assert "Organisation" not in page
    assert 'href="/plans/"' not in page
    assert 'href="/indicators/"' not in page


def test_the_home_pages_plans_in_words_are_kept_until_a_plan_changes(pub, client):
    """A published figure makes the home page again but not its sentences about the plans, which come from the
    plans alone (core.summaries.PLANS); a saved milestone makes them again."""
    from priorities.models import Milestone

    none_done = "services have completed none of the 1 published milestone"
    assert any(none_done in s for s in summary_of(client.get(reverse("public-home")).text))
    # Completed behind the signals' back, then a figure is published, which retires the page.
    Milestone.objects.filter(pk=pub.milestone.pk).update(status=Milestone.Status.COMPLETE, percent_complete=100,
                                                         completed_on=timezone.localdate())
    figure = pub.indicator.values.get(status=ValueStatus.PUBLISHED)
    figure.actual, figure.rag = Decimal("71.5"), RAG.GREEN  # over its target of 70
    figure.save()
    sentences = summary_of(client.get(reverse("public-home")).text)
    assert "None of the 1 published indicator with a target are on target." not in sentences
    assert any(none_done in s for s in sentences)
    pub.milestone.refresh_from_db()
    pub.milestone.save()
    sentences = summary_of(client.get(reverse("public-home")).text)
    assert any("services have completed one of the 1 published milestone" in s for s in sentences), sentences


def test_every_public_page_opens_with_its_summary(pub, client):
    urls = [reverse(n) for n in ("public-home", "public-priorities", "public-non-priorities", "public-service-plans",
                                 "public-indicators", "public-engagement", "public-scrutiny", "public-best-value",
                                 "public-complaints", "public-feedback", "public-data")]
    urls += [reverse("public-priority", args=[pub.priority.pk]), reverse("public-indicator", args=[pub.indicator.pk]),
             reverse("public-service", args=[pub.world.adults.pk]),
             reverse("public-scrutiny-review", args=[pub.review.pk]),
             reverse("public-best-value-review", args=[pub.best_value.pk])]
    for url in urls:
        page = client.get(url).text
        assert summary_of(page), url
        assert page.index('data-testid="summary"') < page.index("</h1>") + 2000, url  # straight after the heading


def test_the_priority_page_shows_its_published_objectives_milestones_and_measures(pub, client):
    page = client.get(reverse("public-priority", args=[pub.priority.pk])).text
    assert "Shorter waits for home care" in page
    assert "Zoned contracts let" in page
    assert "Reablement episodes ending with no ongoing care" in page  # measured by its published figure
    assert "66.0%" in page
    assert "Living well consultation" in page
    assert "Waits are too long" in page
    assert "Edited text shown to everyone." in page
    assert "Thank you: we have acted." in page
    assert "From a carer" in page
    assert reverse("public-priority-feedback", args=[pub.priority.pk]) in page


def test_the_plans_page_lists_only_approved_plans(pub, client):
    page = client.get(reverse("public-service-plans")).text
    assert pub.world.adults.name in page
    assert pub.world.carers.name not in page  # its plan is submitted, not approved
    assert client.get(reverse("public-service", args=[pub.world.carers.pk])).status_code == 404


def test_the_non_priorities_page_gives_the_reasons(pub, client):
    page = client.get(reverse("public-non-priorities")).text
    assert "Evening day centres" in page
    assert "Few people asked for it." in page


def test_the_indicator_page_puts_the_table_first_and_the_chart_after(pub, client):
    page = client.get(reverse("public-indicator", args=[pub.indicator.pk])).text
    assert page.index('data-testid="series"') < page.index('id="indicator-chart"')
    assert "The chart needs JavaScript. The table above gives the same figures." in page
    assert "66.0%" in page
    assert "70.0%" in page
    assert "Published commentary on Q1." in page
    chart = page.split('id="indicator-chart-data" type="application/json">')[1].split("</script>")[0]
    assert "66.0" in chart
    assert "88.8" not in chart
    assert reverse("public-data-indicator", args=[pub.indicator.pk]) in page
    assert "/static/vendor/plotly.min.js" in page  # served from our own static files, no CDN


def test_the_indicator_page_compares_with_england_and_similar_councils(pub, client):
    from tests.indicators.factories import AreaFactory, BenchmarkFactory, GroupFactory

    england = AreaFactory(ons_code="E92000001", name="England", kind="country")
    group = GroupFactory(name="Nearest neighbours")
    areas = [AreaFactory(name=f"Borough {n}") for n in range(4)]
    group.areas.set(areas)
    q1 = period("Q1 2024/25")
    BenchmarkFactory(area=england, indicator=pub.indicator, period=q1, value=Decimal("71.5"))
    for n, area in enumerate(areas):
        BenchmarkFactory(area=area, indicator=pub.indicator, period=q1, value=Decimal(60 + 3 * n))
    page = client.get(reverse("public-indicator", args=[pub.indicator.pk])).text
    assert "71.5%" in page
    assert "Borough 3" in page
    assert "compared with Nearest neighbours, where 1st is the best" in page
    assert "The figure for England in Q1 2024/25 was 71.5%." in page


def test_the_scrutiny_pages_show_recommendations_and_the_executive_s_responses(pub, client):
    page = client.get(reverse("public-scrutiny-review", args=[pub.review.pk])).text
    assert "Open brokerage at weekends." in page
    assert "Accepted" in page
    assert "It will help." in page


def test_the_best_value_page_shows_the_outcome_and_the_improvement_plan(pub, client):
    page = client.get(reverse("public-best-value-review", args=[pub.best_value.pk])).text
    assert "1 star: fair" in page
    assert "Promising" in page
    assert "Commission supported employment" in page
    assert "People want work." in page  # a finished section of the 4Cs


def test_the_complaints_page_shows_counts_only_with_small_ones_suppressed(pub, client, settings):
    url = reverse("public-complaints") + f"?year={_fiscal_year()}"
    volumes = text_of(client.get(url)).split('data-testid="volumes"')[1].split("</table>")[0]
    assert "fewer than 5" in volumes  # the fixture's one complaint
    assert pub.complaint.reference not in text_of(client.get(url))
    settings.SUPPRESS_COUNTS_BELOW = 1
    clear_caches()
    volumes = text_of(client.get(url)).split('data-testid="volumes"')[1].split("</table>")[0]
    assert "fewer than" not in volumes  # the threshold is the council's to set


def _fiscal_year():
    from priorities import periods

    return periods.fiscal_year_of(timezone.localdate())


def test_the_complaints_page_hides_a_second_count_so_the_total_gives_nothing_away(pub, client):
    for n in range(6):
        complaint_services.complaint_log(
            actor=pub.world.complaints_officer, owner=pub.world.complaints_officer, kind=Complaint.Kind.FORMAL,
            regime=Regime.objects.get(code="corporate"), complainant_name="A", complainant_type="user",
            service=pub.world.children, summary="Late.", received_on=working_day_before(days_ago(4 + n)),
            points=("Late",))
    # The adults' procedure has the fixture's one formal complaint: fewer than 5, beside a total.
    page = client.get(reverse("public-complaints") + "?year=" + str(_fiscal_year())).text
    volumes = page.split('data-testid="volumes"')[1].split("</table>")[0]
    assert "fewer than 5" in volumes
    assert "not shown" in volumes  # the other regime's count is held back with it


def test_the_open_data_escapes_formulas_and_holds_only_published_figures(pub, client):
    pub.indicator.name = "=HYPERLINK(\"http://evil.example\")"
    pub.indicator.save()
    response = client.get(reverse("public-data-values"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="indicator-values.csv"'
    lines = text_of(response).splitlines()
    assert lines[0].startswith("indicator_code,indicator_name,framework,service")
    assert len(lines) == 2  # one published figure
    assert "'=HYPERLINK" in lines[1]
    assert ",66,no,70,,off target,Red," in lines[1]


def test_the_other_downloads_hold_what_the_pages_show(pub, client):
    milestones = text_of(client.get(reverse("public-data-milestones")))
    assert "Zoned contracts let" in milestones
    priorities = text_of(client.get(reverse("public-data-priorities")))
    assert "Live well at home" in priorities
    recommendations = text_of(client.get(reverse("public-data-recommendations")))
    assert "Open brokerage at weekends." in recommendations
    assert "It will help." in recommendations


def test_the_feed_is_atom_with_the_latest_updates(pub, client):
    response = client.get(reverse("public-feed"))
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    titles = [e.findtext(f"{ATOM}title") for e in feed.iter(f"{ATOM}entry")]
    assert "New figure: Reablement episodes ending with no ongoing care, Q1 2024/25" in titles
    assert "Scrutiny report published: Hospital discharge review" in titles
    assert "The council answered feedback on Live well at home" in titles
    links = [e.find(f"{ATOM}link").get("href") for e in feed.iter(f"{ATOM}entry")]
    assert all(link.startswith("http://127.0.0.1:8000/") for link in links)  # SITE_URL, not the Host header


def test_the_pages_need_no_javascript_and_carry_no_inline_script_or_style(pub, client):
    """Cached pages cannot carry a CSP nonce, so they must not need one."""
    for url in (reverse("public-home"), reverse("public-indicator", args=[pub.indicator.pk]),
                reverse("public-priority-feedback", args=[pub.priority.pk])):
        page = client.get(url).text
        for tag in re.findall(r"<script[^>]*>", page):
            assert "src=" in tag or 'type="application/json"' in tag, (url, tag)
        assert "<style" not in page
        assert " style=" not in page
        assert 'href="/published/branding.css"' in page
        assert "public/public.css" in page  # with its print rules


def test_the_stylesheets_print_cleanly_and_carry_the_council_colour(client, settings):
    from django.contrib.staticfiles import finders

    with open(finders.find("public/public.css")) as f:
        css = f.read()
    assert "@media print" in css
    assert ".public-chart" in css
    assert settings.COUNCIL_COLOUR in client.get(reverse("public-branding-css")).text


def test_healthz_answers_without_the_database(db, client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.text == "ok\n"


# A fixed number of queries, whatever the amount of data --------------------------------------------------


def queries(client, url):
    clear_caches()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200, url
    return len(captured)


def grow(pub, n):
    """More of everything the lists show: priorities, objectives, milestones, figures, reviews, feedback."""
    w = pub.world
    for i in range(n):
        service = ServiceFactory(directorate=w.adults_dir)
        plan = ServicePlanFactory(service=service, strategic_plan=pub.plan, status=ServicePlan.Status.APPROVED)
        priority = PriorityFactory(strategic_plan=pub.plan, number=100 + i + n * 10, owner=w.head_of_service)
        objective = ObjectiveFactory(plan=plan, priorities=[priority, pub.priority])
        MilestoneFactory(objective=objective)
        MilestoneFactory(objective=objective, status="complete", percent_complete=100,
                         completed_on=timezone.localdate())
        indicator = IndicatorFactory(service=service)
        objective.indicators.add(indicator)
        TargetFactory(indicator=indicator, period=period("Q1 2024/25"))
        ValueFactory(indicator=indicator, period=period("Q1 2024/25"), status=ValueStatus.PUBLISHED, rag="green",
                     published_at=timezone.now())
        NonPriorityFactory(strategic_plan=pub.plan)
        exercise = EngagementExerciseFactory()
        exercise.priorities.add(priority)
        YouSaidWeDid.objects.create(exercise=exercise, you_said="More", we_did="Done")
        review = ScrutinyReview.objects.create(committee=pub.committee, title=f"Review {i}", scope="s",
                                               is_published=True, published_on=timezone.localdate())
        Recommendation.objects.create(review=review, number=1, text="Do it.", response="accepted")
        bv = BestValueReview.objects.create(title=f"BV {i}", service=service, year=2025, is_published=True)
        ImprovementAction.objects.create(review=bv, number=1, recommendation="r", action="a", owner=w.staff,
                                         due_on=timezone.localdate(), target="t")
        now = timezone.now()
        Feedback.objects.create(priority=priority, comment="c", published_text="Shown.", status="published",
                                consented_at=now, answer="Answered.", answered_at=now)
        Feedback.objects.create(service=service, comment="c", consented_at=now)


LISTS = ["public-home", "public-priorities", "public-non-priorities", "public-service-plans", "public-indicators",
         "public-engagement", "public-scrutiny", "public-best-value", "public-feedback", "public-data",
         "public-data-values", "public-data-milestones", "public-data-priorities", "public-data-recommendations",
         "public-feed", "public-complaints"]


@pytest.mark.parametrize("name", LISTS)
def test_a_list_takes_the_same_queries_whatever_its_length(pub, client, name):
    url = reverse(name)
    grow(pub, 1)
    small = queries(client, url)
    grow(pub, 4)
    assert queries(client, url) == small


def test_the_priority_and_service_pages_take_the_same_queries_whatever_their_size(pub, client):
    urls = [reverse("public-priority", args=[pub.priority.pk]), reverse("public-service", args=[pub.world.adults.pk])]
    grow(pub, 1)
    small = [queries(client, url) for url in urls]
    grow(pub, 4)
    for _ in range(3):
        ObjectiveFactory(plan=pub.approved, priorities=[pub.priority])
    assert [queries(client, url) for url in urls] == small


def test_the_moderation_queue_takes_the_same_queries_whatever_its_length(pub, as_user):
    client = as_user(pub.world.performance_officer)
    grow(pub, 1)
    small = queries(client, reverse("public-feedback-queue"))
    grow(pub, 4)
    assert queries(client, reverse("public-feedback-queue")) == small
