from django.conf import settings

from core.navigation import navigation_for


def portal(request):
    path = request.path
    nav = [
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
