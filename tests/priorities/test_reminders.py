"""The daily job: reminders to milestone owners, escalation to the accountable officer, once a day."""

import datetime

import pytest
from django.conf import settings
from django.core import mail

from priorities import services, tasks
from priorities.models import Milestone, MilestoneReminder
from tests.factories import UserFactory
from tests.priorities.conftest import TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def children_officer(world):
    """The children's service's accountable officer: someone other than the milestone's owner."""
    officer = UserFactory(first_name="Olu", email="children-ao@test.example")
    world.children.delegation.accountable_officer = officer
    world.children.delegation.save()
    return officer


def to(email):
    return [m for m in mail.outbox if m.to == [email]]


def test_it_reminds_each_owner_once_of_their_overdue_and_due_soon_milestones(world, plans, children_officer):
    """One e-mail per owner, listing every milestone of theirs that is overdue or due within 7 days."""
    sent = services.milestone_reminders_send()
    staff_mail = to("staff@test.example")
    assert len(staff_mail) == 1
    body = staff_mail[0].body
    assert staff_mail[0].subject == "2 milestones you own need updating"
    assert "New contracts in all zones" in body
    assert "OVERDUE by 10 days" in body
    assert "Brokerage open until 8pm" in body
    assert f"{settings.SITE_URL}/plans/milestones/{plans.overdue.pk}/progress/" in body
    assert "Re-tender home care" not in body  # complete
    assert sent == {"reminders": 3, "escalations": 1}


def test_it_sends_nothing_twice_on_the_same_day(world, plans, children_officer):
    services.milestone_reminders_send()
    first = len(mail.outbox)
    again = services.milestone_reminders_send()
    assert again == {"reminders": 0, "escalations": 0}
    assert len(mail.outbox) == first == 3
    assert MilestoneReminder.objects.filter(sent_on=TODAY).count() == 4


def test_it_reminds_again_the_next_day(world, plans, children_officer):
    services.milestone_reminders_send()
    services.milestone_reminders_send(today=TODAY + datetime.timedelta(days=1))
    assert len(to("staff@test.example")) == 2


def test_it_escalates_milestones_more_than_14_days_overdue_to_the_accountable_officer(world, plans,
                                                                                     children_officer):
    services.milestone_reminders_send()
    escalations = to("children-ao@test.example")
    assert len(escalations) == 1
    assert "more than 14 days overdue" in escalations[0].subject
    assert "Approve 15 households" in escalations[0].body
    assert "OVERDUE by 20 days" in escalations[0].body
    # The adults milestone is only 10 days overdue: its owner is reminded, nobody is escalated to.
    assert not to("head@test.example")
    assert MilestoneReminder.objects.get(kind="escalated").milestone == plans.long_overdue


def test_it_escalates_to_the_deputy_when_the_accountable_officer_has_left(world, plans):
    delegation = world.children.delegation
    delegation.accountable_officer = world.leaver
    delegation.deputy_accountable_officer = world.director
    delegation.save()
    services.milestone_reminders_send()
    assert "Approve 15 households" in to("director@test.example")[0].body
    assert not to("leaver@test.example")


def test_it_does_not_e_mail_owners_who_have_left(world, plans, children_officer):
    """A leaver's milestones appear on the orphaned-items page instead; escalation still happens."""
    Milestone.objects.filter(pk=plans.long_overdue.pk).update(owner=world.leaver)
    services.milestone_reminders_send()
    assert not to("leaver@test.example")
    assert len(to("children-ao@test.example")) == 1


def test_it_records_nothing_when_the_e_mail_fails_so_a_retry_sends_it(world, plans, children_officer,
                                                                       monkeypatch):
    def failing(*args, **kwargs):
        raise ConnectionError("mail server down")

    monkeypatch.setattr(services, "send_mail", failing)
    with pytest.raises(ConnectionError):
        services.milestone_reminders_send()
    assert not MilestoneReminder.objects.exists()
    monkeypatch.undo()
    services.milestone_reminders_send()
    assert len(to("staff@test.example")) == 1


def test_it_leaves_finished_years_alone(world, plans, children_officer):
    """Milestones of last year's plans are reviewed at year end, not chased by daily e-mail."""
    plans.adults.year = 2025
    plans.adults.save()
    services.milestone_reminders_send()
    assert not to("staff@test.example")


def test_it_runs_as_a_daily_celery_task(world, plans, children_officer, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    result = tasks.send_milestone_reminders.apply()
    assert result.get() == {"reminders": 3, "escalations": 1}
    entry = settings.CELERY_BEAT_SCHEDULE["milestone-reminders"]
    assert entry["task"] == "priorities.tasks.send_milestone_reminders"
