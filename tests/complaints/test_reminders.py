"""The daily job reminds each case owner of deadlines overdue or due soon, once a day, without personal details."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from complaints import services
from complaints.models import Complaint, ReminderDigest
from complaints.tasks import send_deadline_reminders
from organisation.models import Role
from tests.complaints.conftest import (
    days_ago,
    log_case,
    respond,
    working_day_before,
    working_days_ago,
)
from tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_officer(world):
    return grant(UserFactory(first_name="Gareth", email="gareth@test.example"), Role.COMPLAINTS_OFFICER)


def test_it_emails_each_case_owner_once_a_day(world, regimes, second_officer):
    """Two owners with deadlines needing attention get one e-mail each, naming references and deadlines but not
    the complainant or what the complaint is about; running again the same day sends nothing."""
    overdue = log_case(world, regimes["adults"], received_on=working_day_before(days_ago(12)))
    due_soon = log_case(world, regimes["childrens"], received_on=working_days_ago(7),  # 3 working days left
                        service=world.children)
    Complaint.objects.filter(pk=due_soon.pk).update(owner=second_officer)
    answered = log_case(world, regimes["corporate"], received_on=working_day_before(days_ago(40)),
                        acknowledged_on=working_day_before(days_ago(39)))
    respond(world, answered, working_day_before(days_ago(30)))

    assert send_deadline_reminders.delay().get() == 2
    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert set(by_recipient) == {"complaints@test.example", "gareth@test.example"}
    first = by_recipient["complaints@test.example"]
    assert overdue.reference in first.body
    assert "Acknowledgement" in first.body
    assert "overdue" in first.body
    assert answered.reference not in first.body
    assert due_soon.reference in by_recipient["gareth@test.example"].body
    for message in mail.outbox:
        assert "Alex Example" not in message.body
        assert "Visits keep being cancelled" not in message.body
        assert "cancelled without notice" not in message.body
    assert send_deadline_reminders.delay().get() == 0
    assert len(mail.outbox) == 2
    assert ReminderDigest.objects.count() == 2


def test_it_reminds_again_the_next_day(world, regimes):
    log_case(world, regimes["adults"], received_on=working_day_before(days_ago(12)))
    today = timezone.localdate()
    assert services.deadline_reminders_send(today=today) == 1
    assert services.deadline_reminders_send(today=today + datetime.timedelta(days=1)) == 1
    assert len(mail.outbox) == 2


def test_it_sends_nothing_for_closed_cases_or_owners_who_have_left(world, regimes, second_officer):
    closed = log_case(world, regimes["adults"], received_on=working_day_before(days_ago(12)))
    respond(world, closed, working_day_before(days_ago(1)))
    services.complaint_close(complaint=closed, actor=world.complaints_officer, closed_on=timezone.localdate())
    gone = log_case(world, regimes["adults"], received_on=working_day_before(days_ago(12)))
    Complaint.objects.filter(pk=gone.pk).update(owner=second_officer)
    second_officer.left_on = timezone.localdate() - datetime.timedelta(days=1)
    second_officer.save()
    assert services.deadline_reminders_send() == 0
    assert mail.outbox == []
