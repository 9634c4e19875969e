"""Public pages are cached whole, under a version that any change to published data replaces.

Every cache key starts with the current version, so replacing it retires every
cached page at once, whatever page the change shows up on: no list of which
pages depend on which models to keep in step. The version lives in the default
cache (Redis when REDIS_URL is set), so every web process sees the change. The
day is part of the key too, because milestones fall overdue at midnight.
"""

import hashlib
import uuid
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone

VERSION_KEY = "public:version"
KEPT_HEADERS = ("Content-Type", "Content-Disposition")


def current_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(VERSION_KEY)
    return version


def _replace_version():
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def invalidate():
    """Retire every cached public page now, and again once the change is committed.

    Now, so this process's next page shows the change; on commit, because another
    process may have cached the old data between now and the commit.
    """
    _replace_version()
    connection = transaction.get_connection()
    if connection.in_atomic_block and not any(entry[1] is _replace_version for entry in connection.run_on_commit):
        connection.on_commit(_replace_version)


def page_key(view_name, args, kwargs, query):
    raw = f"{view_name}|{args!r}|{sorted(kwargs.items())!r}|{query}|{timezone.localdate().isoformat()}"
    return f"public:page:{current_version()}:{hashlib.sha256(raw.encode()).hexdigest()[:40]}"


def cached_public_page(view=None, *, params=()):
    """Serve a GET from the cache; otherwise render it and keep it if it was a 200.

    Only the query parameters named in `params` (each cut to 16 characters) vary
    the key, so made-up query strings cannot fill the cache. The view must show
    the same page to everyone: it never reads `request.user`.
    """

    def decorate(view):
        name = f"{view.__module__}.{getattr(view, '__qualname__', type(view).__qualname__)}"

        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method not in ("GET", "HEAD"):
                return view(request, *args, **kwargs)
            query = "&".join(f"{p}={request.GET.get(p, '')[:16]}" for p in params)
            key = page_key(name, args, kwargs, query)
            stored = cache.get(key)
            if stored is not None:
                content, headers = stored
                return HttpResponse(content, headers=headers)
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.streaming:
                headers = {h: response[h] for h in KEPT_HEADERS if response.has_header(h)}
                cache.set(key, (response.content, headers), settings.PUBLIC_CACHE_SECONDS)
            return response

        return wrapper

    return decorate(view) if view is not None else decorate
