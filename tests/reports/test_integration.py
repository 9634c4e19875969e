"""A schedule comes due under a real Celery beat and worker (separate processes, Redis, PostgreSQL).

Beat reads the schedule's PeriodicTask from the database (django-celery-beat's DatabaseScheduler) and
fires it at the schedule's time of day; the worker produces the report once, stores it, and e-mails
each recipient through the file e-mail backend, which this test reads. Delivering the same tasks
again (as Redis does when a worker dies before acknowledging) produces and sends nothing more.
"""

import datetime
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from indicators import periods as P
from indicators.services import period_ensure
from organisation.tasks import send_orphan_digest
from perfportal.celery import app
from reports import services
from reports.models import Report, ReportVersion
from reports.tasks import generate_report, run_schedule
from tests.scrutiny.conftest import add_indicators

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

CELERY = str(Path(sys.executable).parent / "celery")
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def processes(transactional_db, tmp_path):
    """Start a worker and beat as the deployment runs them, on the test database; stop them afterwards."""
    assert settings.CELERY_BROKER_URL.startswith("redis://"), "run the suite with REDIS_URL set (make test does)"
    db = connection.settings_dict
    env = {**os.environ,
           "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
           "REDIS_URL": settings.CELERY_BROKER_URL, "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
           "EMAIL_FILE_PATH": str(tmp_path / "mail"), "DJANGO_SETTINGS_MODULE": "perfportal.settings"}
    app.control.purge()
    started = []

    def start(name, *args):
        log = open(tmp_path / f"{name}.log", "w")  # noqa: SIM115 (closed when the process stops)
        process = subprocess.Popen([CELERY, "-A", "perfportal", *args, "--loglevel=INFO"], cwd=ROOT, env=env,
                                   stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        started.append((process, log))
        return process

    start("worker", "worker", "--pool=solo", "--without-gossip", "--without-mingle", "--without-heartbeat")
    start("beat", "beat", "--max-interval=1", "--schedule", str(tmp_path / "beat-schedule"))
    yield tmp_path
    for process, _log in started:
        process.send_signal(signal.SIGTERM)
    for process, log in started:
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
        log.close()


def wait_for(predicate, seconds, logs):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.5)
    details = "\n".join(f"--- {p.name}\n{p.read_text()[-3000:]}" for p in sorted(logs.glob("*.log")))
    raise AssertionError(f"Timed out after {seconds} s.\n{details}")


def mails(folder):
    """Every message the file backend wrote (it puts a line of 79 dashes after each)."""
    folder = folder / "mail"
    texts = [path.read_text() for path in sorted(folder.glob("*.log"))] if folder.exists() else []
    return [m for text in texts for m in text.split("-" * 79) if m.strip()]


def test_a_due_schedule_is_produced_once_stored_listed_and_sent(world, scrutiny, processes, as_user):
    add_indicators(world, 2)
    now = timezone.localtime()
    # The schedule's time of day: the next whole minute at least ten seconds away (crontab counts in minutes).
    run_at = (now + datetime.timedelta(seconds=70)).replace(second=0, microsecond=0)
    # Last quarter's report, due on the day the quarter ended (0 working days after): overdue, so produced at
    # the next run; this quarter's has not ended, so it is not.
    last_quarter = period_ensure(P.previous(P.containing(P.QUARTER, now.date())))
    schedule = services.schedule_save(data={
        "report_type": "scrutiny", "audience": "committee", "committee": scrutiny.committee,
        "frequency": "quarter", "working_days_after": 0, "run_at": run_at.time(), "first_period": last_quarter,
        "recipients": [world.scrutiny_member, world.staff]}, actor=world.performance_officer)
    assert Report.objects.count() == 0

    wait_for(lambda: ReportVersion.objects.filter(status="ready").exists() and len(mails(processes)) == 2,
             150, processes)
    version = ReportVersion.objects.select_related("report__period").get()
    assert (version.report.period, version.report.schedule, version.trigger) == (last_quarter, schedule, "schedule")
    assert bytes(version.pdf).startswith(b"%PDF")
    assert version.pdf_pages >= 2
    assert "Open brokerage at weekends." in version.html
    schedule.refresh_from_db()
    assert schedule.next_period.label == P.following(last_quarter.spec).label

    # Listed in the archive for the committee's chair, and readable by the staff member it was sent to.
    archive = as_user(world.scrutiny_member).get("/reports/").content.decode()
    assert version.get_absolute_url() in archive
    assert as_user(world.staff).get(f"/reports/versions/{version.pk}/pdf/").status_code == 200

    sent = mails(processes)
    assert sorted(next(line for line in text.splitlines() if line.startswith("To: ")) for text in sent) == sorted(
        [f"To: {world.scrutiny_member.email}", f"To: {world.staff.email}"])
    for text in sent:
        assert f"{settings.SITE_URL}/reports/versions/{version.pk}/" in text
        assert "Open brokerage" not in text
        assert world.scrutiny_member.first_name not in text

    # The same messages again: the schedule's run and the production. Then a sentinel task behind them
    # (the solo worker takes one at a time), whose e-mail shows the queue has been worked through.
    produced_at = version.generated_at
    run_schedule.delay(schedule.pk)
    generate_report.delay(version.pk)
    send_orphan_digest.delay()
    wait_for(lambda: len(mails(processes)) == 3, 60, processes)
    version.refresh_from_db()
    assert ReportVersion.objects.count() == 1
    assert (version.generated_at, version.attempts, version.emailed_at is not None) == (produced_at, 1, True)
    assert sum("/reports/versions/" in text for text in mails(processes)) == 2
