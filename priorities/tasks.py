from celery import shared_task

from priorities import services


@shared_task(bind=True, autoretry_for=(ConnectionError, TimeoutError), retry_backoff=True, max_retries=5)
def send_milestone_reminders(self):
    """Each morning: remind owners of milestones due soon or overdue; escalate long-overdue ones.

    Safe to run more than once a day: each reminder is recorded and sent once.
    """
    return services.milestone_reminders_send()
