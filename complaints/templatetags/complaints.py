"""Complaints pieces shown on other apps' pages, and the complaints section's sub-navigation."""

from django import template

from complaints import selectors
from core.navigation import complaints_sections

register = template.Library()


@register.inclusion_tag("complaints/includes/plan_learning.html")
def plan_learning(plan):
    """On a service plan: the learning actions from complaints linked to its objectives (one query)."""
    return {"actions": list(selectors.plan_learning(plan)), "plan": plan}


@register.inclusion_tag("includes/section_nav.html", takes_context=True)
def complaints_nav(context):
    """Complaints, casework and forums: the section's links, with the page you are on marked."""
    request = context["request"]
    links = complaints_sections(request.user)
    current = max((url for _, url in links if request.path.startswith(url)), key=len, default=None)
    return {"label": "Complaints, casework and forums",
            "links": [{"label": label, "url": url, "current": url == current} for label, url in links]}
