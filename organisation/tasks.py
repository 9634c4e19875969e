from celery import shared_task

from organisation import services


@shared_task(bind=True, autoretry_for=(ConnectionError, TimeoutError), retry_backoff=True, max_retries=5)
def send_orphan_digest(self):
    """Tell the performance team, each morning, which items have lost their owner."""
    return services.orphan_digest_send()
