"""Reminders for missing values, escalating up the scheme of delegation."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail

from indicators.models import OverdueNotice
from indicators.services import overdue_reminders_send
from tests.indicators.factories import ValueFactory, period

pytestmark = pytest.mark.django_db

# Q1 2024/25 ends 30 June 2024; with 28 days it is due on 28 July.
DUE = datetime.date(2024, 7, 28)


@pytest.fixture
def due(ind):
    ind.fostering.is_active = False
    ind.fostering.save()
    ind.waiting.is_active = False
    ind.waiting.save()
    ind.reablement.escalate_after_days = 14
    ind.reablement.save()
    return ind


def test_it_reminds_the_data_officer_on_the_due_date_once(due):
    assert overdue_reminders_send(today=DUE) == 1
    assert [m.to for m in mail.outbox] == [[due.world.data_officer.email]]
    assert "AV RHC 01" in mail.outbox[0].body
    assert "Q1 2024/25: due today" in mail.outbox[0].body
    assert overdue_reminders_send(today=DUE) == 0  # not twice


def test_it_escalates_to_the_accountable_officer_then_the_mi_officer(due):
    overdue_reminders_send(today=DUE)
    overdue_reminders_send(today=DUE + datetime.timedelta(days=14))
    assert mail.outbox[-1].to == [due.world.head_of_service.email]
    assert "14 days overdue (escalated to you)" in mail.outbox[-1].body
    overdue_reminders_send(today=DUE + datetime.timedelta(days=28))
    assert mail.outbox[-1].to == [due.world.director.email]  # the council's MI officer
    assert set(OverdueNotice.objects.values_list("level", flat=True)) == {"data_officer", "accountable",
                                                                          "mi_officer"}


def test_it_sends_nothing_once_the_value_is_submitted(due):
    ValueFactory(indicator=due.reablement, period=period("Q1 2024/25"), actual=Decimal(70), status="submitted")
    assert overdue_reminders_send(today=DUE + datetime.timedelta(days=30)) == 0
    assert mail.outbox == []


def test_it_still_chases_a_value_left_as_a_draft(due):
    ValueFactory(indicator=due.reablement, period=period("Q1 2024/25"), actual=Decimal(70), status="draft")
    assert overdue_reminders_send(today=DUE) == 1
