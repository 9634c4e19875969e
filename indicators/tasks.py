from celery import shared_task

from indicators import services


@shared_task(bind=True, autoretry_for=(ConnectionError, TimeoutError), retry_backoff=True, max_retries=5)
def run_import(self, import_id):
    """Import a large file in the background; the import page shows its progress."""
    services.import_run(import_id=import_id)


@shared_task(bind=True, autoretry_for=(ConnectionError, TimeoutError), retry_backoff=True, max_retries=5)
def send_overdue_reminders(self):
    """Each morning: remind data officers of missing values and escalate the late ones."""
    return services.overdue_reminders_send()
