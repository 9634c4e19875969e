"""Casework and forum pieces shown on other apps' pages: the home page and a priority's page."""

from django import template

from casework import access, selectors

register = template.Library()


@register.inclusion_tag("casework/includes/home_panel.html", takes_context=True)
def casework_home_panel(context):
    """A councillor's casework at a glance; an officer's casework overdue or due soon (a fixed number of queries)."""
    return {"panel": selectors.home_panel(context["request"].user, holidays=context.get("holidays"))}


@register.inclusion_tag("casework/includes/home_links.html", takes_context=True)
def casework_home_links(context):
    user = context["request"].user
    return {"can_log": access.can_log_casework(user), "sees_casework": access.sees_casework(user),
            "reads_forums": access.can_read_forums(user)}


@register.inclusion_tag("casework/includes/priority_issues.html", takes_context=True)
def priority_forum_issues(context, priority):
    """On a priority's page: the local issues behind it, raised at community forums (one query)."""
    show = access.can_read_forums(context["request"].user)
    return {"show": show, "issues": selectors.priority_issues(priority) if show else []}
