import logging

from celery import shared_task

from privacy import retention

logger = logging.getLogger(__name__)


@shared_task(bind=True, autoretry_for=(ConnectionError, TimeoutError), retry_backoff=True, max_retries=5)
def apply_retention(self):
    """Each night: take the personal details out of cases kept past their retention period. Idempotent."""
    result = retention.apply()
    logger.info("Retention: anonymised %s", result)
    return {"complaints": result.complaints, "casework": result.casework, "feedback": result.feedback}
