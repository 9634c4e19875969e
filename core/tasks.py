"""Putting work on the Celery queue without letting a queue outage break the page."""

import logging

from kombu.exceptions import OperationalError
from redis.exceptions import RedisError

log = logging.getLogger(__name__)


def enqueue(task, *args, **kwargs):
    """Queue the task; False (and logged) when the broker cannot be reached, instead of an error page.

    The caller records what happened so the person can see it and try again.
    """
    try:
        task.delay(*args, **kwargs)
    except (OperationalError, RedisError, ConnectionError, TimeoutError):
        log.exception("Could not queue %s", task.name)
        return False
    return True
