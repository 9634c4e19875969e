"""Public pages are cached whole, stamped with a version that any change to published data replaces.

A cached page is served only if its stamp is the current version, so replacing
the version retires every cached page at once, whatever page the change shows
up on: no list of which pages depend on which models to keep in step.

Two layers. The version (core.versioned) and the pages live in the default cache
(Redis when REDIS_URL is set), shared by every web process. Each process also keeps
the pages it served in its own memory, and trusts the version it last read for
PUBLIC_CACHE_VERSION_SECONDS (1 by default; 0 reads it on every request), so
a busy page costs no network round trip at all. A change made in this process
is seen here at once; another process sees it within that many seconds.

The day is part of each page's key, because milestones fall overdue at midnight.
"""

import hashlib
from collections import OrderedDict
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone

from core.versioned import Version

VERSION_KEY = "public:version"
KEPT_HEADERS = ("Content-Type", "Content-Disposition")
LOCAL_PAGES = 256  # pages each process keeps in its own memory, least recently used dropped first

VERSION = Version(VERSION_KEY, "PUBLIC_CACHE_VERSION_SECONDS")
current_version = VERSION.current
_version = VERSION.get
_replace_version = VERSION.replace
invalidate = VERSION.invalidate
_pages = OrderedDict()  # key -> (version, content, headers)


def forget_local():
    """Drop this process's own copies (for tests, which empty the shared cache between them)."""
    _pages.clear()
    VERSION.forget_local()


def page_key(view_name, args, kwargs, query):
    raw = f"{view_name}|{args!r}|{sorted(kwargs.items())!r}|{query}|{timezone.localdate().isoformat()}"
    return f"public:page:{hashlib.sha256(raw.encode()).hexdigest()[:40]}"


def _remember(key, stored):
    _pages[key] = stored
    _pages.move_to_end(key)
    while len(_pages) > LOCAL_PAGES:
        _pages.popitem(last=False)


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
            version = _version()
            stored = _pages.get(key)
            if stored is None or stored[0] != version:
                stored = cache.get(key)
                if stored is not None and stored[0] == version:
                    _remember(key, stored)
            if stored is not None and stored[0] == version:
                return HttpResponse(stored[1], headers=stored[2])
            # Stamped with the version read before rendering: a change made meanwhile retires it at once.
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.streaming:
                headers = {h: response[h] for h in KEPT_HEADERS if response.has_header(h)}
                stored = (version, response.content, headers)
                cache.set(key, stored, settings.PUBLIC_CACHE_SECONDS)
                _remember(key, stored)
            return response

        return wrapper

    return decorate(view) if view is not None else decorate
