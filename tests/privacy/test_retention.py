"""Retention: closed cases past their period lose every personal detail and keep the facts the reports count."""

import pytest
from auditlog.models import LogEntry
from django.conf import settings
from django.core.management import call_command

from casework.models import CouncillorCase
from complaints import selectors
from complaints.models import Complaint, ComplaintPoint, ComplaintStage, PointOutcome
from privacy import retention
from privacy.tasks import apply_retention
from public.models import Feedback

pytestmark = pytest.mark.django_db


def history_text(record):
    return " ".join(str(e.changes) + e.changes_text for e in LogEntry.objects.get_for_object(record))


def test_it_anonymises_complaints_closed_longer_than_the_retention_period(old_and_new):
    old = old_and_new["old"]
    assert "Alex Example" in history_text(old)
    facts = (old.kind, old.regime_id, old.service_id, old.received_on, old.closed_on, old.complainant_type)
    outcomes = list(PointOutcome.objects.filter(point__complaint=old).values_list("outcome", flat=True))

    assert retention.apply().complaints == 1

    old.refresh_from_db()
    assert old.anonymised_at is not None
    assert (old.complainant_name, old.contact_details, old.summary) == ("Anonymised", "", retention.REMOVED)
    assert set(ComplaintPoint.objects.filter(complaint=old).values_list("text", flat=True)) == {retention.REMOVED}
    assert ComplaintStage.objects.get(complaint=old).findings == ""
    assert "Alex Example" not in history_text(old)  # nor in the audit trail's copy of the old values
    assert "example.org" not in history_text(old)
    # What the annual report counts stays.
    assert (old.kind, old.regime_id, old.service_id, old.received_on, old.closed_on, old.complainant_type) == facts
    assert list(old.categories.values_list("name", flat=True)) == ["Delay"]
    assert list(PointOutcome.objects.filter(point__complaint=old).values_list("outcome", flat=True)) == outcomes

    for kept in ("recent", "open"):
        record = Complaint.objects.get(pk=old_and_new[kept].pk)
        assert record.anonymised_at is None
        assert record.complainant_name != "Anonymised"


def test_statistics_still_count_anonymised_complaints(old_and_new):
    old = old_and_new["old"]
    period = selectors.current_period(old.received_on)
    before = selectors.statistics(period=period, threshold=1)
    assert "1" in str(before.volumes)
    retention.apply()
    after = selectors.statistics(period=period, threshold=1)
    assert str(after.volumes) == str(before.volumes)
    assert str(after.outcomes) == str(before.outcomes)
    assert str(after.categories) == str(before.categories)


def test_it_anonymises_old_casework_and_feedback_contact_details(old_and_new):
    result = retention.apply()
    assert (result.casework, result.feedback) == (1, 1)
    case = CouncillorCase.objects.get(pk=old_and_new["old_case"].pk)
    assert (case.constituent_name, case.constituent_contact, case.summary) == ("Anonymised", "", retention.REMOVED)
    assert case.anonymised_at is not None
    assert CouncillorCase.objects.get(pk=old_and_new["recent_case"].pk).constituent_name == "Dan Recent"
    old = Feedback.objects.get(pk=old_and_new["old_feedback"].pk)
    assert (old.name, old.email, old.comment) == ("", "", retention.REMOVED)
    new = Feedback.objects.get(pk=old_and_new["new_feedback"].pk)
    assert (new.name, new.email) == ("Eve New", "eve@example.org")


def test_running_it_again_changes_nothing(old_and_new):
    retention.apply()
    stamped = Complaint.objects.get(pk=old_and_new["old"].pk).anonymised_at
    assert retention.apply().total == 0
    assert Complaint.objects.get(pk=old_and_new["old"].pk).anonymised_at == stamped


def test_the_period_is_a_setting(old_and_new, settings):
    settings.COMPLAINT_RETENTION_YEARS = 4
    assert retention.due().complaints == 2  # the one closed 5 years ago too


def test_the_command_counts_on_a_dry_run_and_changes_nothing(old_and_new, capsys):
    call_command("apply_retention", "--dry-run")
    assert "Would anonymise 1 complaint(s), 1 councillor case(s) and 1 piece(s) of public feedback." in \
        capsys.readouterr().out
    assert not Complaint.objects.filter(anonymised_at__isnull=False).exists()
    call_command("apply_retention")
    assert "Anonymised 1 complaint(s)" in capsys.readouterr().out
    assert Complaint.objects.filter(anonymised_at__isnull=False).count() == 1


def test_celery_beat_runs_it_every_night(old_and_new):
    entry = settings.CELERY_BEAT_SCHEDULE["retention"]
    assert entry["task"] == "privacy.tasks.apply_retention"
    assert entry["schedule"].hour == {2}
    assert apply_retention.run() == {"complaints": 1, "casework": 1, "feedback": 1}


def test_an_anonymised_complaint_cannot_be_reopened(world, old_and_new):
    from django.core.exceptions import ValidationError

    from complaints import services

    retention.apply()
    old = Complaint.objects.get(pk=old_and_new["old"].pk)
    with pytest.raises(ValidationError, match="removed under the retention policy"):
        services.complaint_escalate(complaint=old, actor=world.complaints_officer, stage_number=2,
                                    requested_on=old.closed_on, late_request_reason="Asked very late")
    assert old.stages.count() == 1
