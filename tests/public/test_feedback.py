"""Feedback from the public: sent with little personal data, trapped if automated, limited per address,
moderated by the performance team, routed to the accountable officer and answered in public."""

import time

import pytest
from django.core import mail
from django.urls import reverse
from rest_framework.test import APIClient

from public import forms
from public.models import Feedback
from tests.public.conftest import feedback_post, started


def priority_form(pub):
    return reverse("public-priority-feedback", args=[pub.priority.pk])


def service_form(pub):
    return reverse("public-service-feedback", args=[pub.world.adults.pk])


# Sending it --------------------------------------------------------------------------------------


def test_it_shows_the_form_with_its_consent_wording(pub, client):
    page = client.get(priority_form(pub)).text
    assert "Tell us what you think" in page
    assert "I agree that the council may publish my feedback, without my name or email address" in page
    assert 'name="started"' in page
    assert 'name="website"' in page  # the trap, out of sight


def test_it_keeps_feedback_for_moderation_routed_to_the_priority_owner(pub, client):
    response = client.post(priority_form(pub), feedback_post(comment="Please publish waiting times.",
                                                              name="Jo", email="jo@example.com"))
    assert response.status_code == 302
    assert response.url == reverse("public-feedback-sent")
    feedback = Feedback.objects.get(comment="Please publish waiting times.")
    assert feedback.priority == pub.priority
    assert feedback.status == Feedback.Status.PENDING
    assert feedback.routed_to == pub.world.head_of_service  # the priority's owner
    assert (feedback.name, feedback.email, feedback.relationship) == ("Jo", "jo@example.com", "carer")
    assert feedback.consented_at is not None
    assert "Please publish waiting times." not in client.get(reverse("public-priority", args=[pub.priority.pk])).text


def test_it_routes_feedback_on_a_service_to_its_accountable_officer(pub, client):
    client.post(service_form(pub), feedback_post(comment="Evening visits are late."))
    feedback = Feedback.objects.get(comment="Evening visits are late.")
    assert feedback.service == pub.world.adults
    assert feedback.routed_to == pub.world.adults.delegation.accountable_officer == pub.world.head_of_service


def test_it_routes_to_the_deputy_when_the_accountable_officer_has_left(pub, client):
    delegation = pub.world.adults.delegation
    delegation.accountable_officer = pub.world.leaver
    delegation.deputy_accountable_officer = pub.world.team_manager
    delegation.save()
    client.post(service_form(pub), feedback_post(comment="Who answers this?"))
    assert Feedback.objects.get(comment="Who answers this?").routed_to == pub.world.team_manager


@pytest.mark.parametrize(("change", "field", "message"), [
    ({"comment": ""}, "comment", "Enter your feedback"),
    ({"comment": "x" * 2001}, "comment", "Your feedback must be 2,000 characters or fewer"),
    ({"consent": ""}, "consent", "Tick the box to agree before you send your feedback"),
    ({"email": "not-an-address"}, "email", "Enter an email address in the correct format"),
])
def test_it_shows_what_is_wrong_next_to_the_field_and_keeps_nothing(pub, client, change, field, message):
    response = client.post(priority_form(pub), feedback_post(**change))
    assert response.status_code == 200
    assert message in response.text
    assert "There is a problem" in response.text
    assert f'href="#id_{field}' in response.text  # the error summary links to the field
    assert not Feedback.objects.filter(status=Feedback.Status.PENDING, priority=pub.priority).exists()


def test_it_refuses_feedback_on_what_is_not_published(pub, client):
    response = client.post(reverse("public-priority-feedback", args=[pub.draft_priority.pk]), feedback_post())
    assert response.status_code == 404
    assert not Feedback.objects.filter(priority=pub.draft_priority, status=Feedback.Status.PENDING).exists()


# Spam and abuse ------------------------------------------------------------------------------------


def test_it_quietly_drops_a_post_that_fills_the_hidden_field(pub, client):
    response = client.post(priority_form(pub), feedback_post(comment="Cheap pills", website="http://spam.example"))
    assert response.status_code == 302  # looks sent to whoever sent it
    assert response.url == reverse("public-feedback-sent")
    assert not Feedback.objects.filter(comment="Cheap pills").exists()


def test_it_quietly_drops_a_post_sent_faster_than_a_person_could_type(pub, client, settings):
    settings.FEEDBACK_MINIMUM_SECONDS = 3
    client.post(priority_form(pub), feedback_post(comment="Too quick", started=forms.started_token()))
    assert not Feedback.objects.filter(comment="Too quick").exists()
    client.post(priority_form(pub), feedback_post(comment="Typed at a human pace", started=started(10)))
    assert Feedback.objects.filter(comment="Typed at a human pace").exists()


@pytest.mark.parametrize("token", ["", "made-up", "1700000000"])
def test_it_quietly_drops_a_post_with_a_missing_or_forged_start_time(pub, client, token):
    client.post(priority_form(pub), feedback_post(comment="Forged", started=token))
    assert not Feedback.objects.filter(comment="Forged").exists()


def test_it_asks_for_a_form_left_open_for_hours_to_be_sent_again(pub, client):
    response = client.post(priority_form(pub), feedback_post(comment="Written slowly",
                                                             started=forms.started_token(time.time() - 3 * 3600)))
    assert response.status_code == 200
    assert "open for more than 2 hours" in response.text
    assert "Written slowly" in response.text  # what they wrote is kept on the page
    assert not Feedback.objects.filter(comment="Written slowly").exists()
    token = response.text.split('name="started" value="')[1].split('"')[0]
    assert forms.signing.loads(token, salt=forms.SIGNING_SALT) > time.time() - 60  # a fresh start time


def test_it_limits_posts_from_one_address_in_an_hour(pub, client, settings):
    """Counted in the default cache (Redis here, as in production), per address, whatever the outcome."""
    settings.FEEDBACK_POSTS_PER_HOUR = 3
    for n in range(3):
        assert client.post(priority_form(pub), feedback_post(comment=f"Post {n}"),
                           REMOTE_ADDR="203.0.113.7").status_code == 302
    refused = client.post(priority_form(pub), feedback_post(comment="Post 3"), REMOTE_ADDR="203.0.113.7")
    assert refused.status_code == 429
    assert "You have sent a lot of feedback" in refused.text
    assert not Feedback.objects.filter(comment="Post 3").exists()
    assert client.post(service_form(pub), feedback_post(comment="Another address"),
                       REMOTE_ADDR="198.51.100.2").status_code == 302
    assert Feedback.objects.filter(comment="Another address").exists()


def test_it_counts_the_client_behind_a_proxy_not_the_proxy(pub, client, settings):
    settings.FEEDBACK_POSTS_PER_HOUR = 1
    settings.BEHIND_PROXY = True
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    assert client.post(priority_form(pub), feedback_post(comment="From A"), HTTP_X_FORWARDED_FOR="203.0.113.1",
                       **proxy).status_code == 302
    assert client.post(priority_form(pub), feedback_post(comment="From B"), HTTP_X_FORWARDED_FOR="203.0.113.2",
                       **proxy).status_code == 302
    assert client.post(priority_form(pub), feedback_post(comment="A again"),
                       HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.1", **proxy).status_code == 429


def test_it_counts_trapped_posts_too(pub, client, settings):
    settings.FEEDBACK_POSTS_PER_HOUR = 2
    for _ in range(2):
        client.post(priority_form(pub), feedback_post(website="spam"), REMOTE_ADDR="192.0.2.9")
    assert client.post(priority_form(pub), feedback_post(), REMOTE_ADDR="192.0.2.9").status_code == 429


# Moderating and answering ------------------------------------------------------------------------------


def moderate(client, feedback, **data):
    return client.post(reverse("public-feedback-moderate", args=[feedback.pk]), {"action": "moderate", **data})


def test_it_lets_the_performance_team_publish_edited_text_and_tells_the_officer(
        pub, as_user, client, django_capture_on_commit_callbacks):
    officer = as_user(pub.world.performance_officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = moderate(officer, pub.pending, decision="publish",
                            published_text="Visits are late in the evening.", note="Took out the address.")
    assert response.status_code == 302
    pub.pending.refresh_from_db()
    assert pub.pending.status == Feedback.Status.PUBLISHED
    assert pub.pending.published_text == "Visits are late in the evening."
    assert pub.pending.moderated_by == pub.world.performance_officer
    assert pub.pending.notified_at is not None
    [message] = mail.outbox
    assert message.to == [pub.world.head_of_service.email]
    assert "Visits are late in the evening." in message.body
    assert reverse("public-feedback-moderate", args=[pub.pending.pk]) in message.body
    assert pub.pending.email not in message.body  # the sender's address stays with the performance team
    page = client.get(reverse("public-service", args=[pub.world.adults.pk])).text
    assert "Visits are late in the evening." in page
    assert pub.pending.comment not in page


def test_it_tells_the_officer_only_once(pub, as_user, django_capture_on_commit_callbacks):
    officer = as_user(pub.world.performance_officer)
    with django_capture_on_commit_callbacks(execute=True):
        moderate(officer, pub.pending, decision="publish", published_text="First wording.")
    with django_capture_on_commit_callbacks(execute=True):
        moderate(officer, pub.pending, decision="publish", published_text="Second wording.")
    assert len(mail.outbox) == 1


def test_it_lets_the_performance_team_withhold_feedback_with_a_reason(pub, as_user,
                                                                     django_capture_on_commit_callbacks):
    officer = as_user(pub.world.performance_officer)
    response = moderate(officer, pub.pending, decision="withhold")
    assert response.status_code == 200
    assert "Choose why it is not published" in response.text
    with django_capture_on_commit_callbacks(execute=True):
        moderate(officer, pub.pending, decision="withhold", reason="complaint", note="Sent to complaints.")
    pub.pending.refresh_from_db()
    assert (pub.pending.status, pub.pending.reason) == (Feedback.Status.NOT_PUBLISHED, "complaint")
    assert mail.outbox == []


def test_it_asks_for_the_text_to_publish(pub, as_user):
    response = moderate(as_user(pub.world.performance_officer), pub.pending, decision="publish", published_text=" ")
    assert "Enter the text to publish" in response.text
    pub.pending.refresh_from_db()
    assert pub.pending.status == Feedback.Status.PENDING


def test_it_lets_the_routed_officer_answer_and_tells_the_sender(pub, as_user, client,
                                                              django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        moderate(as_user(pub.world.performance_officer), pub.pending, decision="publish",
                 published_text="Late visits.")
    mail.outbox.clear()
    head = as_user(pub.world.head_of_service)
    page = head.get(reverse("public-feedback-moderate", args=[pub.pending.pk])).text
    assert "Answer it" in page
    assert pub.pending.email not in page  # the officer answers in public; the team keeps the address
    assert "Save the decision" not in page  # and does not moderate
    with django_capture_on_commit_callbacks(execute=True):
        response = head.post(reverse("public-feedback-moderate", args=[pub.pending.pk]),
                             {"action": "answer", "answer": "We have added an evening round."})
    assert response.status_code == 302
    pub.pending.refresh_from_db()
    assert pub.pending.answered_by == pub.world.head_of_service
    [message] = mail.outbox
    assert message.to == [pub.pending.email]
    assert "We have added an evening round." in message.body
    assert "We have added an evening round." in client.get(reverse("public-service", args=[pub.world.adults.pk])).text


def test_it_will_not_answer_feedback_that_is_not_published(pub, as_user):
    response = as_user(pub.world.performance_officer).post(
        reverse("public-feedback-moderate", args=[pub.pending.pk]), {"action": "answer", "answer": "Too soon."})
    assert response.status_code == 200
    assert "Publish the feedback before answering it" in response.text
    pub.pending.refresh_from_db()
    assert pub.pending.answer == ""


def test_it_lists_waiting_feedback_first_for_the_performance_team(pub, as_user):
    page = as_user(pub.world.performance_officer).get(reverse("public-feedback-queue")).text
    assert "Public feedback" in page
    assert page.index("pending feedback") < page.index("raw comment with a name in it")
    assert 'aria-current="page">Public feedback' in page  # its place in the organisation section


# Who may see it -------------------------------------------------------------------------------------------

NOT_MODERATORS = ["director", "head_of_service", "manager_elsewhere", "team_manager", "data_officer", "staff",
                  "hr_officer", "executive_member", "scrutiny_member", "ward_councillor", "complaints_officer",
                  "panel_member", "system_admin"]


@pytest.mark.parametrize("persona", NOT_MODERATORS)
def test_it_keeps_the_queue_from_everyone_but_the_performance_team(pub, as_user, persona):
    response = as_user(getattr(pub.world, persona)).get(reverse("public-feedback-queue"))
    assert response.status_code == 403
    assert "pending feedback" not in response.text


@pytest.mark.parametrize("persona", NOT_MODERATORS)
def test_it_keeps_unmoderated_feedback_and_its_sender_from_everyone_but_the_team(pub, as_user, persona):
    """Even the officer it is routed to sees it only once it is published, and never who sent it."""
    client = as_user(getattr(pub.world, persona))
    for feedback in (pub.pending, pub.withheld):
        response = client.get(reverse("public-feedback-moderate", args=[feedback.pk]))
        assert response.status_code == 404
    response = client.post(reverse("public-feedback-moderate", args=[pub.pending.pk]),
                           {"action": "moderate", "decision": "publish", "published_text": "Sneaky"})
    assert response.status_code == 404
    pub.pending.refresh_from_db()
    assert pub.pending.status == Feedback.Status.PENDING


@pytest.mark.parametrize("persona", [p for p in NOT_MODERATORS if p != "head_of_service"])
def test_it_lets_no_one_else_answer_published_feedback(pub, as_user, persona):
    response = as_user(getattr(pub.world, persona)).post(
        reverse("public-feedback-moderate", args=[pub.answered.pk]), {"action": "answer", "answer": "Hijacked"})
    assert response.status_code == 404
    pub.answered.refresh_from_db()
    assert pub.answered.answer == "Thank you: we have acted."


def test_it_stops_the_routed_officer_moderating(pub, as_user):
    response = as_user(pub.world.head_of_service).post(
        reverse("public-feedback-moderate", args=[pub.answered.pk]),
        {"action": "moderate", "decision": "withhold", "reason": "spam"})
    assert response.status_code == 403
    pub.answered.refresh_from_db()
    assert pub.answered.status == Feedback.Status.PUBLISHED


def test_it_sends_anyone_not_signed_in_to_sign_in(pub, client):
    for url in (reverse("public-feedback-queue"), reverse("public-feedback-moderate", args=[pub.pending.pk])):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


def test_it_shows_the_queue_only_to_the_team_in_the_organisation_section(pub, as_user):
    assert "Public feedback" in as_user(pub.world.performance_officer).get(reverse("organisation")).text
    assert "Public feedback" not in as_user(pub.world.director).get(reverse("organisation")).text


# The moderation API --------------------------------------------------------------------------------------------


def api(user):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def test_the_api_lists_feedback_for_the_performance_team(pub):
    response = api(pub.world.performance_officer).get("/api/public-feedback/", {"status": "pending"})
    assert response.status_code == 200
    [item] = response.json()["results"]
    assert item["id"] == pub.pending.pk
    assert item["email"] == pub.pending.email
    assert item["public_url"] is None


@pytest.mark.parametrize("persona", [None, *NOT_MODERATORS])
def test_the_api_refuses_everyone_else(pub, persona):
    client = api(getattr(pub.world, persona) if persona else None)
    assert client.get("/api/public-feedback/").status_code in (401, 403)
    assert client.get(f"/api/public-feedback/{pub.pending.pk}/").status_code in (401, 403)
    response = client.post(f"/api/public-feedback/{pub.pending.pk}/moderate/",
                           {"decision": "publish", "published_text": "Sneaky"}, format="json")
    assert response.status_code in (401, 403)
    pub.pending.refresh_from_db()
    assert pub.pending.status == Feedback.Status.PENDING


def test_the_api_publishes_and_answers(pub):
    client = api(pub.world.performance_officer)
    response = client.post(f"/api/public-feedback/{pub.pending.pk}/moderate/",
                           {"decision": "publish", "published_text": "Late visits."}, format="json")
    assert response.status_code == 200
    assert response.json()["status"] == "published"
    response = client.post(f"/api/public-feedback/{pub.pending.pk}/answer/", {"answer": "Fixed."}, format="json")
    assert response.status_code == 200
    assert response.json()["answer"] == "Fixed."
    assert response.json()["public_url"].startswith(reverse("public-service", args=[pub.world.adults.pk]))


@pytest.mark.parametrize(("path", "data", "field", "message"), [
    ("moderate", {"decision": "publish", "published_text": ""}, "published_text", "Enter the text to publish"),
    ("moderate", {"decision": "withhold"}, "reason", "Choose why it is not published"),
    ("moderate", {"decision": "delete"}, "decision", "is not a valid choice"),
    ("answer", {"answer": ""}, "answer", "Enter the council's answer"),
])
def test_the_api_says_precisely_what_is_wrong(pub, path, data, field, message):
    response = api(pub.world.performance_officer).post(f"/api/public-feedback/{pub.answered.pk}/{path}/", data,
                                                       format="json")
    assert response.status_code == 400
    assert message in str(response.json()[field])


def test_the_api_refuses_to_answer_unpublished_feedback(pub):
    response = api(pub.world.performance_officer).post(f"/api/public-feedback/{pub.pending.pk}/answer/",
                                                       {"answer": "Too soon."}, format="json")
    assert response.status_code == 400
    assert "Publish the feedback before answering it" in str(response.json())
