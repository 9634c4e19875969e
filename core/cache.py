"""A Redis cache that degrades to "no cache" while Redis is down, rather than failing requests.

The cache only ever holds what can be rebuilt (rendered public pages, rate-limit counters),
so while Redis is unreachable a read is a miss, a write is dropped, and the outage is logged
once a minute rather than on every request.
"""

import logging
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

log = logging.getLogger(__name__)
_last_warning = [0.0]


def _warn(error):
    now = time.monotonic()
    if now - _last_warning[0] > 60:
        _last_warning[0] = now
        log.warning("The cache (Redis) is not answering; serving without it: %s", error)


def _tolerant(name, fallback):
    method = getattr(RedisCache, name)

    def call(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except (RedisError, ConnectionError, TimeoutError) as error:
            _warn(error)
            return fallback(*args, **kwargs) if callable(fallback) else fallback

    call.__name__ = name
    return call


def _default(key, default=None, *args, **kwargs):
    return default


def _get_or_set(key, default, *args, **kwargs):
    return default() if callable(default) else default


class ResilientRedisCache(RedisCache):
    get = _tolerant("get", _default)
    get_many = _tolerant("get_many", {})
    get_or_set = _tolerant("get_or_set", _get_or_set)
    has_key = _tolerant("has_key", False)
    set = _tolerant("set", None)
    add = _tolerant("add", False)
    touch = _tolerant("touch", False)
    set_many = _tolerant("set_many", [])
    delete = _tolerant("delete", False)
    delete_many = _tolerant("delete_many", None)
    incr = _tolerant("incr", 0)
    decr = _tolerant("decr", 0)
    clear = _tolerant("clear", None)
