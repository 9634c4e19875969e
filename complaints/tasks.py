from celery import shared_task

from complaints import services


@shared_task(bind=True, autoretry_for=(ConnectionError, TimeoutError), retry_backoff=True, max_retries=5)
def send_deadline_reminders(self):
    """Each morning: e-mail each case owner the deadlines overdue or due soon on their cases.

    Safe to run more than once a day: each owner gets at most one e-mail a day.
    """
    return services.deadline_reminders_send()
