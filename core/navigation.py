"""The service navigation: each role sees links to what it may use, and nothing else."""

from django.urls import reverse


def navigation_for(user):
    """Return (label, url name, shown) for the header navigation of this person."""
    if not user.is_authenticated:
        return []
    access = user.access
    items = [
        ("Home", "home", True),
        ("Organisation", "organisation", True),
        ("People", "people", True),
        ("Delegation", "delegation", True),
        ("Orphaned items", "orphaned-items", access.can_see_orphans),
        ("API", "api-docs", True),
    ]
    return [(label, reverse(name)) for label, name, shown in items if shown]
