from django.conf import settings

from core.navigation import navigation_for


def portal(request):
    path = request.path
    items = navigation_for(request.user)
    # One item is current: the deepest section the page is in (Orphaned items, not also
    # Delegation, for /delegation/orphaned/), so aria-current="page" marks a single link.
    sections = [url for _, url in items if path == url or (url != "/home/" and path.startswith(url))]
    current = max(sections, key=len, default=None)
    nav = [{"label": label, "url": url, "current": url == current} for label, url in items]
    return {
        "council_name": settings.COUNCIL_NAME,
        "service_name": settings.COUNCIL_SERVICE_NAME,
        "council_logo_url": settings.COUNCIL_LOGO_URL,
        "council_colour": settings.COUNCIL_COLOUR,
        "nav_items": nav,
    }
