"""Celery tasks for report packs: ids in, a service call, safe to run twice."""

from celery import shared_task

from reports import services

MAX_RETRIES = 3


def backoff(retries):
    """Seconds before the next attempt: 10, 40, 160."""
    return 10 * 4 ** retries


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=MAX_RETRIES)
def generate_report(self, version_id):
    """Produce a report version, then e-mail its recipients.

    Acknowledged only when done, so a worker that dies mid-run leaves the message to be delivered
    again; the services leave a version already produced (and already e-mailed) alone.
    """
    try:
        services.report_generate(version_id=version_id)
    except Exception as error:  # any fault: the status page shows it, and it is tried again with backoff
        reason = f"{error.__class__.__name__}: {error}"[:2000]
        # Run in-process (no broker: development), there is no worker to wait for: fail at once.
        if self.request.retries >= self.max_retries or self.request.is_eager:
            services.report_fail(version_id=version_id, reason=f"Failed after {self.request.retries + 1} attempts. "
                                                               f"{reason}")
            return "failed"
        services.report_retrying(version_id=version_id, reason=f"Attempt {self.request.retries + 1} failed "
                                                               f"({reason}); trying again.")
        raise self.retry(exc=error, countdown=backoff(self.request.retries)) from error
    services.report_notify(version_id=version_id)
    return "ready"


@shared_task(bind=True, acks_late=True, autoretry_for=(ConnectionError, TimeoutError), retry_backoff=True,
             max_retries=5)
def run_schedule(self, schedule_id):
    """Beat fires this daily for each schedule: produce the report when it is due."""
    return [v.pk for v in services.schedule_run(schedule_id=schedule_id)]
