from django import template
from django.template.defaultfilters import date
from django.urls import reverse
from django.utils.safestring import mark_safe

from core import audit
from core.html import format_html
from core.navigation import organisation_sections

register = template.Library()


@register.inclusion_tag("includes/section_nav.html", takes_context=True)
def organisation_nav(context):
    """The organisation section's sub-navigation, with the page you are on marked."""
    request = context["request"]
    links = organisation_sections(request.user)
    current = max((url for _, url in links if request.path.startswith(url)), key=len, default=None)
    return {"links": [{"label": label, "url": url, "current": url == current} for label, url in links]}


@register.simple_tag
def person_link(person, required=False):
    """A person's name linking to their page; someone who can no longer own anything (inactive, or left)
    by name alone with a red tag, since only the performance team, HR and administrators may open a leaver's
    page (their orphaned-items page links to it). No one named: a red "No one named" if someone must be.

    A tag rather than an included template: lists show one a row (a service plan, fifty milestones).
    """
    if not person:
        return mark_safe('<strong class="govuk-tag govuk-tag--red">No one named</strong>') if required else "None"
    if person.is_current:
        return format_html('<a class="govuk-link" href="{}">{}</a>', person.get_absolute_url(), person)
    state = "Inactive" if not person.is_active else f"Left {date(person.left_on, 'j M Y')}"
    return format_html('{} <strong class="govuk-tag govuk-tag--red">{}</strong>', person, state)


@register.filter
def in_minutes(duration):
    """A timedelta as words: "30 minutes", "1 minute"."""
    minutes = max(1, round(duration.total_seconds() / 60))
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


@register.inclusion_tag("includes/history_link.html", takes_context=True)
def history_link(context, item):
    """A link to the item's audit trail, for the people allowed to read it."""
    model = type(item)
    allowed = audit.tracked_model(model._meta.label) is not None and audit.can_read_history(context["request"].user, model)
    return {"url": reverse("history", args=[model._meta.label_lower, item.pk]) if allowed else None,
            "kind": model._meta.verbose_name}
