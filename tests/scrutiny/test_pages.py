"""Committees, the work programme and reviews through the pages: what is saved, and what is refused."""

import datetime

import pytest
from django.urls import reverse

from scrutiny.models import (
    AgendaItem,
    Committee,
    CommitteeMember,
    Evidence,
    Meeting,
    Recommendation,
    ReviewMember,
    ScrutinyReview,
    Topic,
)
from tests.indicators.factories import IndicatorFactory
from tests.scrutiny.conftest import add_indicators

pytestmark = pytest.mark.django_db


def date(prefix, day):
    return {f"{prefix}_0": day.day, f"{prefix}_1": day.month, f"{prefix}_2": day.year}


def test_it_adds_a_committee_with_members_and_a_meeting_with_an_agenda(world, as_user):
    """A scrutiny officer adds the committee, its chair, a meeting and an agenda item linking an indicator."""
    client = as_user(world.performance_officer)
    response = client.post(reverse("scrutiny:committee-create"), {
        "name": "Health Scrutiny", "kind": "scrutiny", "has_health_scrutiny_powers": "on"})
    committee = Committee.objects.get(name="Health Scrutiny")
    assert response.status_code == 302
    assert committee.has_health_scrutiny_powers
    client.post(reverse("scrutiny:committee-member-add", args=[committee.pk]),
                {"person": world.scrutiny_member.pk, "role": "chair"})
    assert list(committee.members.values_list("person__email", "role")) == [("scrutiny@test.example", "chair")]
    client.post(reverse("scrutiny:meeting-create", args=[committee.pk]),
                {**date("held_on", datetime.date(2027, 1, 14)), "starts_at": "18:30", "venue": "Chamber"})
    meeting = Meeting.objects.get(committee=committee)
    assert (meeting.held_on, meeting.starts_at) == (datetime.date(2027, 1, 14), datetime.time(18, 30))
    indicator = IndicatorFactory()
    client.post(reverse("scrutiny:agenda-item-create", args=[meeting.pk]),
                {"title": "Waiting lists", "kind": "indicator", "indicator": indicator.pk})
    item = AgendaItem.objects.get(meeting=meeting)
    assert (item.number, item.indicator) == (1, indicator)
    page = client.get(meeting.get_absolute_url()).content.decode().replace("&#x27;", "'")
    assert "1. Waiting lists" in page
    assert indicator.get_absolute_url() in page


def test_it_records_the_directorates_a_committee_scrutinises_in_the_form_and_the_api(world, scrutiny, as_user):
    """Its reports cover those directorates' services; the page says so, and the API reads and changes them."""
    from rest_framework.test import APIClient

    client = as_user(world.performance_officer)
    committee = scrutiny.committee
    page = client.get(reverse("scrutiny:committee-edit", args=[committee.pk])).content.decode()
    assert 'name="directorates"' in page
    assert "Its performance reports cover these directorates" in page
    response = client.post(reverse("scrutiny:committee-edit", args=[committee.pk]), {
        "name": committee.name, "kind": "scrutiny", "directorates": [world.adults_dir.pk]})
    assert response.status_code == 302
    assert list(committee.directorates.all()) == [world.adults_dir]
    page = client.get(committee.get_absolute_url()).content.decode()
    assert "Its performance reports cover Adult Social Care." in page

    api = APIClient()
    api.force_authenticate(world.performance_officer)
    url = f"/api/scrutiny/committees/{committee.pk}/"
    assert api.get(url).json()["directorates"] == [world.adults_dir.pk]
    response = api.patch(url, {"directorates": [world.adults_dir.pk, world.children_dir.pk]}, format="json")
    assert response.status_code == 200, response.content
    assert set(committee.directorates.values_list("pk", flat=True)) == {world.adults_dir.pk, world.children_dir.pk}
    assert api.patch(url, {"directorates": [999999]}, format="json").status_code == 400
    api.force_authenticate(world.scrutiny_member)  # reads, may not change
    assert api.patch(url, {"directorates": []}, format="json").status_code == 403
    assert committee.directorates.count() == 2


def test_it_refuses_an_officer_as_a_committee_member_and_a_second_chair(world, scrutiny, as_user):
    """Only councillors sit on committees, and a committee has one chair; the error shows by the field."""
    client = as_user(world.performance_officer)
    url = reverse("scrutiny:committee-member-add", args=[scrutiny.committee.pk])
    response = client.post(url, {"person": world.staff.pk, "role": "member"})
    assert response.status_code == 400
    assert "Select a valid choice" not in response.content.decode().replace("&#x27;", "'")
    assert "Choose one of the options" in response.content.decode().replace("&#x27;", "'")
    response = client.post(url, {"person": world.ward_councillor.pk, "role": "chair"})
    assert "The committee already has a chair" in response.content.decode().replace("&#x27;", "'")
    assert list(CommitteeMember.objects.values_list("person__email", flat=True)) == ["scrutiny@test.example"]


def test_it_shows_gov_uk_errors_for_a_meeting_without_a_real_date(world, scrutiny, as_user):
    """A meeting on 31 February is refused with the GOV.UK message next to the date, and nothing is saved."""
    response = as_user(world.performance_officer).post(
        reverse("scrutiny:meeting-create", args=[scrutiny.committee.pk]),
        {"held_on_0": "31", "held_on_1": "2", "held_on_2": "2027", "starts_at": "half six"})
    page = response.content.decode().replace("&#x27;", "'")
    assert response.status_code == 400
    assert "There is a problem" in page
    assert "Enter a real date, for example 27 3 2025" in page
    assert "Enter a time like 18:30" in page
    assert Meeting.objects.count() == 1


def test_it_puts_a_watchlist_indicator_on_the_work_programme_once(world, scrutiny, as_user):
    """From the dashboard, an indicator on the watchlist becomes a high-priority topic with the watchlist's reason;
    adding it again leads to the same topic."""
    indicator = add_indicators(world, 1)[0]
    client = as_user(world.performance_officer)
    url = reverse("scrutiny:topic-from-indicator", args=[indicator.pk])
    assert "Red for the last" in client.get(url).content.decode().replace("&#x27;", "'")
    for _ in range(2):
        response = client.post(url, {"committee": scrutiny.committee.pk, "priority": "high"})
    topic = Topic.objects.get(indicator=indicator)
    assert response["Location"] == topic.get_absolute_url()
    assert (topic.source, topic.priority, topic.service, topic.year) == ("watchlist", "high", indicator.service, 2026)
    assert "Red for the last 3 periods" in topic.source_detail
    assert "Bottom quartile" in topic.source_detail
    page = client.get(reverse("scrutiny:work-programme", args=[scrutiny.committee.pk])).content.decode().replace("&#x27;", "'")
    assert indicator.code in page


def test_it_schedules_a_topic_for_a_meeting(world, scrutiny, as_user):
    """Choosing a meeting for a proposed topic schedules it; a meeting of another committee is refused."""
    client = as_user(world.performance_officer)
    data = {"title": "Carers", "source": "public", "source_detail": "Carers' forum", "priority": "medium",
            "method": "report", "status": "proposed", "year": "2026", "meeting": scrutiny.meeting.pk}
    client.post(reverse("scrutiny:topic-create", args=[scrutiny.committee.pk]), data)
    topic = Topic.objects.get(title="Carers")
    assert (topic.status, topic.meeting, topic.suggested_by) == ("scheduled", scrutiny.meeting,
                                                                 world.performance_officer)
    other = Meeting.objects.create(committee=Committee.objects.create(name="Executive", kind="executive"),
                                   held_on=datetime.date(2027, 1, 5))
    response = client.post(reverse("scrutiny:topic-edit", args=[topic.pk]), {**data, "meeting": other.pk})
    assert response.status_code == 400
    topic.refresh_from_db()
    assert topic.meeting == scrutiny.meeting


def test_it_needs_an_indicator_for_a_watchlist_topic(world, scrutiny, as_user):
    """A topic said to come from the watchlist must name its indicator."""
    response = as_user(world.performance_officer).post(
        reverse("scrutiny:topic-create", args=[scrutiny.committee.pk]),
        {"title": "Something", "source": "watchlist", "priority": "high", "method": "report", "status": "proposed",
         "year": "2026"})
    assert "Choose the indicator the watchlist raised" in response.content.decode().replace("&#x27;", "'")
    assert not Topic.objects.filter(title="Something").exists()


def test_it_runs_a_review_from_scope_to_report(world, scrutiny, as_user):
    """A review starts from a topic; members, a co-optee, evidence and recommendations are added; the report goes
    to the executive and the response date is worked out, 2 calendar months on."""
    client = as_user(world.performance_officer)
    topic = Topic.objects.create(committee=scrutiny.committee, title="Carers' respite", source="public", year=2026)
    client.post(reverse("scrutiny:review-create", args=[topic.pk]),
                {"title": "Carers' respite", "scope": "Short-notice respite.", "status": "scoping",
                 **date("started_on", datetime.date(2026, 10, 1))})
    review = ScrutinyReview.objects.get(topic=topic)
    topic.refresh_from_db()
    assert (topic.status, topic.method) == ("in_progress", "review")
    client.post(reverse("scrutiny:review-member-add", args=[review.pk]),
                {"person": world.scrutiny_member.pk, "role": "lead"})
    client.post(reverse("scrutiny:review-member-add", args=[review.pk]),
                {"name": "Ann Phillips", "organisation": "Healthwatch", "role": "co_optee"})
    assert sorted(m.display_name for m in review.members.all()) == ["Ann Phillips", str(world.scrutiny_member)]
    client.post(reverse("scrutiny:evidence-add", args=[review.pk]),
                {"kind": "witness", "title": "Director", "summary": "Respite is scarce.",
                 **date("gathered_on", datetime.date(2026, 10, 20))})
    assert Evidence.objects.get(review=review).source == ""
    client.post(reverse("scrutiny:recommendation-add", args=[review.pk]), {"text": "Fund emergency respite."})
    client.post(reverse("scrutiny:recommendation-add", args=[review.pk]), {"text": "Assess carers in 28 days."})
    assert list(review.recommendations.values_list("number", flat=True)) == [1, 2]
    response = client.post(reverse("scrutiny:report-submit", args=[review.pk]),
                           {"report_summary": "Respite is scarce.", **date("reported_on", datetime.date(2026, 12, 31))})
    review.refresh_from_db()
    assert response.status_code == 302
    assert (review.status, review.response_due_on, review.is_published) == (
        "awaiting_response", datetime.date(2027, 2, 28), False)


def test_it_refuses_a_co_optee_and_a_councillor_in_one_go(world, scrutiny, as_user):
    """A review member is a councillor or a named co-optee, not both and not neither."""
    client = as_user(world.performance_officer)
    url = reverse("scrutiny:review-member-add", args=[scrutiny.review.pk])
    assert "Choose a councillor or enter the co-optee" in client.post(url, {"role": "member"}).content.decode().replace("&#x27;", "'")
    response = client.post(url, {"person": world.ward_councillor.pk, "name": "Someone", "role": "member"})
    assert "not both" in response.content.decode().replace("&#x27;", "'")
    assert not ReviewMember.objects.exists()


def test_it_refuses_a_report_with_no_recommendations(world, scrutiny, as_user):
    """A report goes to the executive only with recommendations; the review stays as it was."""
    review = ScrutinyReview.objects.create(committee=scrutiny.committee, title="Empty", scope="x")
    response = as_user(world.performance_officer).post(
        reverse("scrutiny:report-submit", args=[review.pk]),
        {"report_summary": "Done.", **date("reported_on", datetime.date(2026, 11, 20))})
    assert "Add the report's recommendations" in response.content.decode().replace("&#x27;", "'")
    review.refresh_from_db()
    assert (review.reported_on, review.status) == (None, "scoping")


def test_it_flags_an_overdue_response_and_records_the_executive_s_answer(world, scrutiny, as_user):
    """The review page flags recommendation 1 as overdue (due 10 November); the executive member rejects it
    with reasons, and once every recommendation is answered the review moves to monitoring."""
    page = as_user(world.scrutiny_member).get(scrutiny.review.get_absolute_url()).content.decode().replace("&#x27;", "'")
    assert "1 recommendation overdue" in page
    assert "10 November 2026" in page
    client = as_user(world.executive_member)
    url = reverse("scrutiny:respond", args=[scrutiny.first.pk])
    response = client.post(url, {"response": "rejected", **date("responded_on", datetime.date(2026, 11, 27))})
    assert "Give the reasons for not accepting" in response.content.decode().replace("&#x27;", "'")
    scrutiny.first.refresh_from_db()
    assert scrutiny.first.response == ""
    client.post(url, {"response": "rejected", "response_reasons": "It costs too much.",
                      **date("responded_on", datetime.date(2026, 11, 27))})
    scrutiny.first.refresh_from_db()
    scrutiny.review.refresh_from_db()
    assert (scrutiny.first.response, scrutiny.first.responded_by, scrutiny.first.responded_on) == (
        "rejected", world.executive_member, datetime.date(2026, 11, 27))
    assert scrutiny.review.status == "monitoring"
    assert "Answered late" in client.get(scrutiny.review.get_absolute_url()).content.decode().replace("&#x27;", "'")


def test_it_refuses_a_response_dated_before_the_report_or_in_the_future(world, scrutiny, as_user):
    """The response date lies between the report and today."""
    client = as_user(world.executive_member)
    url = reverse("scrutiny:respond", args=[scrutiny.first.pk])
    for day, message in ((datetime.date(2026, 9, 1), "cannot be before the report"),
                         (datetime.date(2026, 12, 1), "cannot be in the future")):
        response = client.post(url, {"response": "accepted", **date("responded_on", day)})
        assert message in response.content.decode().replace("&#x27;", "'")
    scrutiny.first.refresh_from_db()
    assert scrutiny.first.responded_on is None


def test_it_tracks_implementation_and_completes_the_review(world, scrutiny, as_user):
    """Updates on an accepted recommendation keep a dated note; a review completes once all are answered."""
    client = as_user(world.performance_officer)
    client.post(reverse("scrutiny:implementation-update", args=[scrutiny.second.pk]),
                {"implementation": "implemented", "note": "Live since October.", "outcome": "Fewer readmissions."})
    scrutiny.second.refresh_from_db()
    assert (scrutiny.second.implementation, scrutiny.second.outcome) == ("implemented", "Fewer readmissions.")
    assert scrutiny.second.updates.get().recorded_by == world.performance_officer
    url = reverse("scrutiny:review-complete", args=[scrutiny.review.pk])
    response = client.post(url, {"outcome": "Done."})
    assert "Every recommendation needs the executive's response first" in response.content.decode().replace("&#x27;", "'")
    Recommendation.objects.filter(pk=scrutiny.first.pk).update(response="accepted", responded_on="2026-11-01")
    client.post(url, {"outcome": "Weekend discharges rose."})
    scrutiny.review.refresh_from_db()
    assert (scrutiny.review.status, scrutiny.review.outcome) == ("complete", "Weekend discharges rose.")


def test_it_refuses_progress_on_an_unanswered_recommendation(world, scrutiny, as_user):
    """Implementation is tracked only after the executive has responded."""
    response = as_user(world.performance_officer).post(
        reverse("scrutiny:implementation-update", args=[scrutiny.first.pk]),
        {"implementation": "in_progress", "note": "Started."})
    assert "Record the executive's response before tracking" in response.content.decode().replace("&#x27;", "'")
    assert not scrutiny.first.updates.exists()


def test_it_shows_the_dashboard_with_rag_by_priority_and_service_exceptions_and_watchlist(world, scrutiny, as_user):
    """A scrutiny member sees each indicator's RAG, trend and quartile, the services' RAG counts, the priority's
    rating from its milestones, the exceptions and the watchlist, with links to the indicator pages."""
    indicators = add_indicators(world, 2)
    page = as_user(world.scrutiny_member).get(reverse("scrutiny:dashboard")).content.decode().replace("&#x27;", "'")
    for indicator in indicators:
        assert indicator.get_absolute_url() in page
    assert "Bottom quartile" in page
    assert "Red for the last 3 periods" in page
    assert "Reablement" in page
    assert "Fostering" in page
    assert "2 indicators red or red-amber" in page
    assert "Priority title" in page
    assert "Add to the work programme" not in page  # councillors read; officers add topics


def test_the_dashboard_tables_escape_what_people_typed(world, scrutiny, as_user):
    """Names and commentary are escaped in the tables the tags write, and an officer gets the work programme link
    for each watchlist indicator."""
    indicator = add_indicators(world, 1)[0]
    indicator.name = "Delays <b>& waits</b>"
    indicator.save()
    latest = indicator.values.order_by("-period__start").first()
    latest.commentary = "Agency staff <script>alert(1)</script> left"
    latest.save()
    page = as_user(world.performance_officer).get(reverse("scrutiny:dashboard")).content.decode()
    assert "<b>& waits</b>" not in page
    assert "Delays &lt;b&gt;&amp; waits&lt;/b&gt;" in page
    assert "<script>alert(1)</script>" not in page
    assert "Agency staff &lt;script&gt;alert(1)&lt;/script&gt; left" in page
    assert reverse("scrutiny:topic-from-indicator", args=[indicator.pk]) in page


def test_it_shows_a_portfolio_holder_only_their_portfolio(world, scrutiny, as_user):
    """The portfolio dashboard shows the portfolio's services (Reablement), not another's (Fostering)."""
    indicators = add_indicators(world, 2)
    adults = next(i for i in indicators if i.service == world.adults)
    children = next(i for i in indicators if i.service == world.children)
    page = as_user(world.portfolio_holder).get(
        reverse("scrutiny:portfolio-dashboard", args=[world.portfolio.pk])).content.decode().replace("&#x27;", "'")
    assert adults.get_absolute_url() in page
    assert children.get_absolute_url() not in page
