"""Producing a report is safe to repeat: one version per key, one production, one e-mail; schedules follow beat."""

import datetime
import json

import pytest
from django.db import IntegrityError
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from reports import services
from reports.models import Report, ReportSchedule, ReportVersion, idempotency_key
from reports.tasks import generate_report
from tests.indicators.factories import period

pytestmark = pytest.mark.django_db


def ask(committee, **extra):
    """The scrutiny report for Q1 2026/27: not produced yet (the fixtures hold Q2's)."""
    return services.report_request(report_type="scrutiny", audience="committee", committee=committee,
                                   period=period("Q1 2026/27"), **extra)


def test_asking_twice_gives_the_same_version(packs, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as queued:
        first = ask(packs.committee, enqueue=False)
        again = ask(packs.committee, enqueue=False)
    assert again.pk == first.pk
    assert queued == []
    assert ReportVersion.objects.filter(report__committee=packs.committee, report__period__label="Q1 2026/27").count() == 1
    assert first.idempotency_key == f"scrutiny:Q1 2026/27:committee:{packs.committee.pk}:v1"


def test_the_database_refuses_a_second_copy_of_a_key(packs):
    version = packs.reports.executive.version
    with pytest.raises(IntegrityError):
        ReportVersion.objects.create(report=packs.reports.adults, number=7, idempotency_key=version.idempotency_key,
                                     trigger="on_demand")


def test_a_new_version_is_numbered_on_and_keeps_the_old_one(packs):
    report = packs.reports.executive
    second = services.report_request(report_type=report.report_type, audience=report.audience,
                                     period=report.period, new_version=True, enqueue=False)
    assert second.number == 2
    assert second.report_id == report.pk
    assert second.idempotency_key == idempotency_key("executive", "Q2 2026/27", "executive", 2)
    with pytest.raises(Exception, match="still being produced"):
        services.report_request(report_type=report.report_type, audience=report.audience, period=report.period,
                                new_version=True, enqueue=False)


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"report_type": "portfolio", "audience": "executive"}, "audience"),
    ({"report_type": "portfolio", "audience": "portfolio"}, "portfolio"),
    ({"report_type": "complaints", "audience": "executive", "label": "Q2 2026/27"}, "period"),
    ({"report_type": "scrutiny", "audience": "committee", "label": "Oct 2026"}, "period"),
])
def test_it_refuses_a_report_its_audience_or_period_cannot_have(packs, kwargs, field):
    from django.core.exceptions import ValidationError

    label = kwargs.pop("label", "Q2 2026/27")
    if kwargs["audience"] == "committee":
        kwargs["committee"] = packs.committee
    with pytest.raises(ValidationError) as caught:
        services.report_request(period=period(label), enqueue=False, **kwargs)
    assert field in caught.value.message_dict


def test_a_redelivered_task_changes_nothing(packs, mailoutbox):
    """The second delivery finds the version produced and e-mailed, and leaves both alone."""
    schedule = services.schedule_save(data={"report_type": "scrutiny", "audience": "committee",
                                            "committee": packs.committee, "frequency": "quarter",
                                            "working_days_after": 10, "run_at": datetime.time(7, 0),
                                            "recipients": [packs.outsider]})
    version = ask(packs.committee, enqueue=False)
    assert version.report.schedule == schedule
    assert generate_report.delay(version.pk).get() == "ready"
    version.refresh_from_db()
    produced_at, html = version.generated_at, version.html
    assert generate_report.delay(version.pk).get() == "ready"
    version.refresh_from_db()
    assert (version.generated_at, version.html, version.attempts) == (produced_at, html, 1)
    assert len(mailoutbox) == 1
    assert services.report_notify(version_id=version.pk) == 0


def test_it_emails_each_recipient_a_link_and_nothing_personal(world, packs, mailoutbox):
    schedule = services.schedule_save(data={"report_type": "scrutiny", "audience": "committee",
                                            "committee": packs.committee, "frequency": "quarter",
                                            "working_days_after": 10, "run_at": datetime.time(7, 0),
                                            "recipients": [world.scrutiny_member, packs.outsider]})
    version = ask(packs.committee, enqueue=False)
    services.report_generate(version_id=version.pk)
    assert services.report_notify(version_id=version.pk) == 2
    assert sorted(m.to[0] for m in mailoutbox) == sorted([world.scrutiny_member.email, packs.outsider.email])
    for message in mailoutbox:
        assert len(message.to) == 1
        assert not message.cc
        assert not message.bcc
        assert f"http://127.0.0.1:8000/reports/versions/{version.pk}/" in message.body
        assert "Scrutiny performance report" in message.subject
        for personal in (world.scrutiny_member.first_name, packs.outsider.first_name, "Open brokerage",
                         packs.indicators[0].code):
            assert personal not in message.body
            assert personal not in message.subject
    assert schedule.recipients.count() == 2


def test_a_schedule_keeps_its_periodic_task_in_step(packs, world):
    schedule = services.schedule_save(data={
        "report_type": "portfolio", "audience": "portfolio", "portfolio": world.portfolio, "frequency": "quarter",
        "working_days_after": 10, "run_at": datetime.time(7, 30)}, actor=world.performance_officer)
    task = PeriodicTask.objects.get(pk=schedule.periodic_task_id)
    assert (task.task, json.loads(task.args), task.enabled) == ("reports.tasks.run_schedule", [schedule.pk], True)
    assert (task.crontab.hour, task.crontab.minute, str(task.crontab.timezone)) == ("7", "30", "Europe/London")
    services.schedule_save(schedule=schedule, data={"run_at": datetime.time(8, 5), "is_active": False})
    task.refresh_from_db()
    assert (task.crontab.hour, task.crontab.minute, task.enabled) == ("8", "5", False)
    report = ready_for(schedule, packs)
    services.schedule_delete(schedule=schedule)
    assert not PeriodicTask.objects.filter(pk=task.pk).exists()
    report.refresh_from_db()
    assert report.schedule is None  # the archive keeps what it produced


def ready_for(schedule, packs):
    report = packs.reports.adults
    report.schedule = schedule
    report.save()
    return report


def test_a_schedule_produces_its_due_report_once_then_moves_on(packs, django_capture_on_commit_callbacks):
    schedule = services.schedule_save(data={
        "report_type": "scrutiny", "audience": "committee", "committee": packs.committee, "frequency": "quarter",
        "working_days_after": 10, "run_at": datetime.time(7, 0), "first_period": period("Q4 2025/26")})
    assert schedule.next_period.label == "Q4 2025/26"
    assert timezone.localtime(schedule.next_run_at).date() == datetime.date(2026, 4, 16)  # after Easter
    now = timezone.make_aware(datetime.datetime(2026, 7, 14, 7, 0))
    with django_capture_on_commit_callbacks() as queued:
        versions = services.schedule_run(schedule_id=schedule.pk, now=now)
    # Q4's report (overdue) and Q1's (due this morning); Q2's is still ahead.
    assert [v.report.period.label for v in versions] == ["Q4 2025/26", "Q1 2026/27"]
    assert len(queued) == 2
    schedule.refresh_from_db()
    assert schedule.next_period.label == "Q2 2026/27"
    assert services.schedule_run(schedule_id=schedule.pk, now=now) == []
    assert ReportVersion.objects.filter(report__schedule=schedule).count() == 2


def test_a_paused_schedule_produces_nothing(packs):
    schedule = services.schedule_save(data={
        "report_type": "scrutiny", "audience": "committee", "committee": packs.committee, "frequency": "quarter",
        "working_days_after": 10, "run_at": datetime.time(7, 0), "first_period": period("Q1 2026/27"),
        "is_active": False})
    assert services.schedule_run(schedule_id=schedule.pk) == []
    assert not Report.objects.filter(schedule=schedule).exists()


def test_a_fault_is_shown_with_its_reason_and_can_be_retried(packs, django_capture_on_commit_callbacks):
    """A report whose stored commentary is damaged cannot be produced; once mended, trying again works.

    In-process (no broker) a fault fails at once; a worker retries three times with backoff first.
    """
    version = ask(packs.committee, enqueue=False)
    Report.objects.filter(pk=version.report_id).update(commentary=["not", "sections"])
    assert generate_report.delay(version.pk).get() == "failed"
    version.refresh_from_db()
    assert version.status == ReportVersion.Status.FAILED
    assert version.attempts == 1
    assert "AttributeError" in version.failure_reason
    Report.objects.filter(pk=version.report_id).update(commentary={})
    with django_capture_on_commit_callbacks(execute=True):
        services.report_retry(version=version)
    version.refresh_from_db()
    assert (version.status, version.attempts, version.failure_reason) == (ReportVersion.Status.READY, 2, "")


def test_a_worker_backs_off_between_attempts():
    from reports.tasks import MAX_RETRIES, backoff

    assert generate_report.max_retries == MAX_RETRIES == 3
    assert [backoff(n) for n in range(MAX_RETRIES)] == [10, 40, 160]
    assert generate_report.acks_late
    assert generate_report.reject_on_worker_lost


def test_a_schedule_cannot_be_set_up_twice_for_one_audience(packs):
    from django.core.exceptions import ValidationError

    data = {"report_type": "scrutiny", "audience": "committee", "committee": packs.committee,
            "frequency": "quarter", "working_days_after": 10, "run_at": datetime.time(7, 0)}
    services.schedule_save(data=data)
    with pytest.raises(ValidationError) as caught:
        services.schedule_save(data=data)
    assert "committee" in caught.value.message_dict
    assert ReportSchedule.objects.count() == 1


def test_a_run_cut_short_by_a_dead_worker_is_finished_by_the_next_delivery(packs, mailoutbox):
    """The worker died mid-run (the version says "running"); the message comes back and the run completes once."""
    version = ask(packs.committee, enqueue=False)
    ReportVersion.objects.filter(pk=version.pk).update(status="running", attempts=1, phase="Making the PDF")
    assert generate_report.delay(version.pk).get() == "ready"
    version.refresh_from_db()
    assert (version.status, version.attempts, version.phase) == ("ready", 2, "")
    assert bytes(version.pdf).startswith(b"%PDF")
