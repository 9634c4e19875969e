from django import template

from core.navigation import organisation_sections

register = template.Library()


@register.inclusion_tag("includes/section_nav.html", takes_context=True)
def organisation_nav(context):
    """The organisation section's sub-navigation, with the page you are on marked."""
    request = context["request"]
    links = organisation_sections(request.user)
    current = max((url for _, url in links if request.path.startswith(url)), key=len, default=None)
    return {"links": [{"label": label, "url": url, "current": url == current} for label, url in links]}
