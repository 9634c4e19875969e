"""A Celery worker killed (SIGKILL) in the middle of producing a report: the report is produced once.

Real processes: a `celery -A perfportal worker` on the test database and Redis is killed while the
version's phase shows it is drawing or rendering the pack (the phase is written by the task itself as it
goes: nothing here is mocked or slowed down). The task is acknowledged only when done (acks_late).

- The whole worker killed (the machine or container lost): the message stays in Redis's unacked set, and a
  new worker gets it again once TASK_REDELIVERY_SECONDS (Redis's visibility timeout) has passed. Without
  that setting it would come back after kombu's default of an hour, and this test times out.
- Only its pool process killed (the out-of-memory killer): the worker gives the message back at once
  (reject_on_worker_lost); without that, Celery acknowledges a lost task and it is never produced.

Either way: one report, one version, one PDF, one e-mail per recipient, and nothing left queued.
"""

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.db import connection
from django.utils import timezone

from indicators import periods as P
from indicators.services import period_ensure
from perfportal.celery import app
from reports import services
from reports.models import Report, ReportVersion
from tests.reports.test_integration import CELERY, ROOT, mails, wait_for
from tests.scrutiny.conftest import add_indicators

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

REDELIVERY_SECONDS = 6
MID_REPORT = ("Drawing the charts", "Writing the report", "Making the PDF")


@pytest.fixture
def workers(transactional_db, tmp_path):
    """Start workers as the deployment runs them (one at a time); stop whatever is left afterwards."""
    assert settings.CELERY_BROKER_URL.startswith("redis://"), "run the suite with REDIS_URL set (make test does)"
    db = connection.settings_dict
    env = {**os.environ,
           "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
           "REDIS_URL": settings.CELERY_BROKER_URL, "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
           "EMAIL_FILE_PATH": str(tmp_path / "mail"), "DJANGO_SETTINGS_MODULE": "perfportal.settings"}
    broker = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    app.control.purge()
    broker.delete("unacked", "unacked_index")  # nothing left over from an earlier run
    started = []

    def start(name, redelivery_seconds=REDELIVERY_SECONDS):
        log = open(tmp_path / f"{name}.log", "w")  # noqa: SIM115 (closed when the process stops)
        process = subprocess.Popen([CELERY, "-A", "perfportal", "worker", "--concurrency=1", "--without-gossip",
                                    "--without-mingle", "--without-heartbeat", "--loglevel=INFO"],
                                   cwd=ROOT, env={**env, "TASK_REDELIVERY_SECONDS": str(redelivery_seconds)},
                                   stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        started.append((process, log))
        return process

    yield start, broker, tmp_path
    for process, _log in started:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process, log in started:
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)
        log.close()


def request_report(world, scrutiny):
    """A scrutiny pack sent to two people, queued for production."""
    add_indicators(world, 8)
    last_quarter = period_ensure(P.previous(P.containing(P.QUARTER, timezone.localdate())))
    schedule = services.schedule_save(data={
        "report_type": "scrutiny", "audience": "committee", "committee": scrutiny.committee,
        "frequency": "quarter", "working_days_after": 0, "run_at": timezone.localtime().time(),
        "recipients": [world.scrutiny_member, world.staff]}, actor=world.performance_officer)
    return services.report_request(report_type="scrutiny", audience="committee", committee=scrutiny.committee,
                                   period=last_quarter, schedule=schedule, requested_by=world.performance_officer)


def wait_until_mid_report(version, logs):
    """Poll the phase the task records as it works, until it is past gathering the figures (and so
    before anything is saved)."""
    deadline = time.monotonic() + 30
    while True:
        version.refresh_from_db(fields=["status", "phase"])
        if version.status == ReportVersion.Status.RUNNING and version.phase in MID_REPORT:
            return
        assert time.monotonic() < deadline, "\n".join(p.read_text()[-3000:] for p in logs.glob("*.log"))
        time.sleep(0.02)


def assert_killed_before_saving(version):
    version.refresh_from_db()
    assert (version.status, version.attempts, version.pdf_pages, bytes(version.pdf)) == ("running", 1, None, b"")


def assert_produced_once(world, logs):
    assert Report.objects.count() == 1
    version = ReportVersion.objects.get()
    assert (version.number, version.status, version.attempts) == (1, "ready", 2)
    assert bytes(version.pdf).startswith(b"%PDF")
    assert version.pdf_pages >= 2
    sent = mails(logs)
    assert sorted(next(line for line in text.splitlines() if line.startswith("To: ")) for text in sent) == sorted(
        [f"To: {world.scrutiny_member.email}", f"To: {world.staff.email}"])


def ready_and_sent():
    return ReportVersion.objects.filter(status="ready", emailed_at__isnull=False).exists()


def test_a_report_whose_worker_is_killed_mid_run_is_produced_once_by_the_next(world, scrutiny, workers):
    """The worker and its pool child killed together, as when the machine or container is lost."""
    start, broker, logs = workers
    first = start("worker-1")
    version = request_report(world, scrutiny)
    wait_until_mid_report(version, logs)
    os.killpg(first.pid, signal.SIGKILL)
    first.wait(timeout=5)

    assert_killed_before_saving(version)
    assert broker.hlen("unacked") == 1, "the killed worker's message is held in Redis, unacknowledged"
    assert mails(logs) == []

    start("worker-2")
    wait_for(ready_and_sent, 40, logs)
    assert_produced_once(world, logs)
    # Acknowledged: nothing is left to be delivered a third time.
    assert (broker.hlen("unacked"), broker.llen("celery")) == (0, 0)


def test_a_report_whose_pool_process_is_killed_mid_run_is_produced_once_at_once(world, scrutiny, workers):
    """Only the pool process that runs the task killed, as the kernel's out-of-memory killer picks the
    biggest process: the worker sees it lost and gives the message back straight away
    (reject_on_worker_lost), long before the visibility timeout, here an hour."""
    start, broker, logs = workers
    worker = start("worker", redelivery_seconds=3600)
    version = request_report(world, scrutiny)
    wait_until_mid_report(version, logs)
    children = Path(f"/proc/{worker.pid}/task/{worker.pid}/children").read_text().split()
    assert len(children) == 1, children  # --concurrency=1: one pool process
    os.kill(int(children[0]), signal.SIGKILL)

    wait_for(ready_and_sent, 40, logs)
    assert worker.poll() is None, "the worker itself lives on"
    assert_produced_once(world, logs)
    assert (broker.hlen("unacked"), broker.llen("celery")) == (0, 0)
