"""How many feedback posts one address may make in an hour, counted in the default cache.

The default cache is Redis when REDIS_URL is set, so every web process shares
one count; without Redis (development) each process counts for itself. The
address is kept only as a keyed hash, and only for the hour.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache

WINDOW_SECONDS = 3600


def client_address(request):
    """The client's address: behind a proxy, the last one it added to X-Forwarded-For."""
    if settings.BEHIND_PROXY:
        forwarded = [a.strip() for a in request.headers.get("X-Forwarded-For", "").split(",") if a.strip()]
        if forwarded:
            return forwarded[-1]
    return request.META.get("REMOTE_ADDR", "")


def _key(address, window):
    digest = hashlib.sha256(f"{settings.SECRET_KEY}|{address}".encode()).hexdigest()[:32]
    return f"public:feedback-rate:{digest}:{window}"


def allow(request, *, now=None):
    """Count this post against its address; False once the address has used up this hour's posts."""
    window = int((now if now is not None else time.time()) // WINDOW_SECONDS)
    key = _key(client_address(request), window)
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS)
        count = 1
    return count <= settings.FEEDBACK_POSTS_PER_HOUR
