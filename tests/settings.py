"""The portal's settings for the test suite, which `make test` runs on every core (pytest-xdist).

pytest-django gives each worker its own test database (the worker's name is added to it). Redis is shared
by every process on the machine, so each worker takes its own Redis database too, counting down from
REDIS_URL's number (gw0 keeps it, gw1 the one below): one worker's cache, kept rows and queue never serve
another's tests, and emptying the cache in one (cache.clear()) leaves the other's alone.
"""

import os

from perfportal.settings import *  # noqa: F403
from perfportal.settings import CACHES, REDIS_URL


def _worker_redis(url, worker):
    base, _, number = url.rpartition("/")
    if not number.isdigit():
        base, number = url.rstrip("/"), "0"
    mine = int(number) - int(worker.removeprefix("gw"))
    if mine < 0:
        raise RuntimeError(f"Too many test workers for REDIS_URL={url}: worker {worker} would need Redis database "
                           f"{mine}. Give REDIS_URL a higher database number, or run fewer workers.")
    return f"{base}/{mine}"


_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
if REDIS_URL and _WORKER.startswith("gw"):
    REDIS_URL = _worker_redis(REDIS_URL, _WORKER)
    CELERY_BROKER_URL = REDIS_URL
    CACHES = {**CACHES, "default": {**CACHES["default"], "LOCATION": REDIS_URL}}
