"""The demo council's public pages: a realistic mix of good and poor performance, and feedback at every stage."""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from public import demo
from public.models import Feedback
from scrutiny.models import BestValueReview

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("seed_demo", quiet=True, allow_production=True)


def test_it_publishes_good_and_poor_performance_side_by_side(seeded, client):
    page = client.get(reverse("public-home")).text
    summary = page.split('data-testid="summary"')[1].split("</div>")[0]
    on_target = int(re.search(r"(\d+) of the (\d+) published indicators with a target are on target", summary)[1])
    assert on_target >= 10
    assert re.search(r"(Two|Three|Four|Five|Six|\d+) are off target", summary)
    assert "behind schedule" in summary or "some delays" in summary
    assert "overdue" in summary
    assert 'data-testid="off-target"' in page


def test_it_has_feedback_answered_waiting_for_an_answer_waiting_for_moderation_and_not_published(seeded):
    assert Feedback.objects.published().exclude(answer="").count() >= 3
    assert Feedback.objects.published().filter(answer="").count() == 1
    assert Feedback.objects.filter(status=Feedback.Status.PENDING).count() == 1
    assert Feedback.objects.filter(status=Feedback.Status.NOT_PUBLISHED).count() == 1
    assert not Feedback.objects.filter(routed_to__isnull=True, status=Feedback.Status.PUBLISHED).exists()


def test_it_shows_answered_feedback_on_its_priority(seeded, client):
    feedback = Feedback.objects.published().exclude(answer="").filter(priority__isnull=False).first()
    page = client.get(reverse("public-priority", args=[feedback.priority_id])).text
    assert feedback.published_text.replace("'", "&#x27;") in page
    assert feedback.answer.replace("'", "&#x27;") in page


def test_it_publishes_a_finished_best_value_review(seeded, client):
    review = BestValueReview.objects.get(is_published=True)
    page = client.get(reverse("public-best-value-review", args=[review.pk])).text
    assert "1 star: fair" in page
    assert "Overdue" in page
    assert "Complete" in page


def test_it_sends_no_email_and_can_run_again(seeded, mailoutbox):
    demo.seed()
    assert Feedback.objects.count() == 6
    assert BestValueReview.objects.filter(is_published=True).count() == 1
    assert mailoutbox == []
