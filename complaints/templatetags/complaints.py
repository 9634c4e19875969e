"""Complaints pieces shown on other apps' pages."""

from django import template

from complaints import selectors

register = template.Library()


@register.inclusion_tag("complaints/includes/plan_learning.html")
def plan_learning(plan):
    """On a service plan: the learning actions from complaints linked to its objectives (one query)."""
    return {"actions": list(selectors.plan_learning(plan)), "plan": plan}
