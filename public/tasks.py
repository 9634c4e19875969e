from celery import shared_task

from public import services


@shared_task(bind=True, autoretry_for=(ConnectionError, TimeoutError), retry_backoff=True, max_retries=5)
def notify_officer(self, feedback_id):
    """Tell the accountable officer that published feedback waits for their answer. Sent once."""
    return services.officer_notify(feedback_id=feedback_id)


@shared_task(bind=True, autoretry_for=(ConnectionError, TimeoutError), retry_backoff=True, max_retries=5)
def tell_sender(self, feedback_id):
    """Tell the person who sent feedback that the council has answered it. Sent once."""
    return services.sender_notify(feedback_id=feedback_id)
