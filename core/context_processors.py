from django.conf import settings

from core.navigation import navigation_for
from organisation import twofactor


def portal(request):
    path = request.path
    # A session that still owes its second factor reaches only the code pages: no sections to offer.
    nav = [] if twofactor.is_needed(request) else [
        {"label": label, "url": url, "current": any(path.startswith(prefix) for prefix in prefixes)}
        for label, url, prefixes in navigation_for(request.user)
    ]
    return {
        "council_name": settings.COUNCIL_NAME,
        "service_name": settings.COUNCIL_SERVICE_NAME,
        "council_logo_url": settings.COUNCIL_LOGO_URL,
        "council_colour": settings.COUNCIL_COLOUR,
        "nav_items": nav,
    }
