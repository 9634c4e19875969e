"""The address of one thing by its id, for pages that list hundreds of them.

`reverse()` matches the URL pattern afresh on every call, and a page such as
the golden thread or a dashboard asks for hundreds of addresses of the same
few kinds. `reverse_id` reverses each name once (for the URL configuration
and script prefix in force) and puts the id into the address it made.
"""

from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

_MARK = "2147000001"  # an id stand-in that no other part of an address contains


@lru_cache(maxsize=64)
def _parts(name, urlconf, prefix, root):
    before, found, after = reverse(name, args=[int(_MARK)], urlconf=urlconf).partition(_MARK)
    if not found or _MARK in after:
        return None
    return before, after


def reverse_id(name, pk):
    """reverse(name, args=[pk]) for a URL that takes one whole-number id."""
    parts = _parts(name, get_urlconf(), get_script_prefix(), settings.ROOT_URLCONF)
    if parts is None or not isinstance(pk, int):
        return reverse(name, args=[pk])
    return f"{parts[0]}{pk}{parts[1]}"
