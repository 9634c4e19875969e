from celery import shared_task

from scrutiny import selectors


@shared_task(bind=True, autoretry_for=(ConnectionError, TimeoutError), retry_backoff=True, max_retries=5)
def keep_rows_warm(self):
    """Each night just after midnight: every indicator's rows rated for the new day (see the selector)."""
    return selectors.keep_rows_warm()
