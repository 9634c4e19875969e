"""Tags for the scrutiny pages: counts and deadline standings, always in words."""

from django import template

from core.html import format_html

register = template.Library()


@register.filter
def get_count(counter, key):
    return counter.get(key, 0)


@register.simple_tag
def standing_tag(standing):
    return format_html('<strong class="govuk-tag govuk-tag--{}">{}</strong>', standing.colour, standing.label)


@register.simple_tag
def choice_tag(label, colour="grey"):
    return format_html('<strong class="govuk-tag govuk-tag--{}">{}</strong>', colour, label)


@register.simple_tag
def indicator_rag(code):
    """An indicator's RAG (indicators' rule and colours)."""
    from indicators.templatetags.indicator_tags import rag_tag

    return rag_tag(code)


@register.simple_tag
def priority_rag(rating, children=None, empty_label="No milestones"):
    """A priority's roll-up rating (priorities' rule and colours)."""
    from priorities.templatetags.priorities import rag_tag

    return rag_tag(rating, children, empty_label)
