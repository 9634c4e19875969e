"""Ratings on the public pages: always in words, with colour as a second signal."""

from django import template

from core.html import format_html
from public import summaries

register = template.Library()


@register.simple_tag
def target_tag(rag):
    """How a figure stands against its target: on target, just off target, off target or no target."""
    words = summaries.target_words(rag)
    return format_html('<strong class="govuk-tag govuk-tag--{}">{}</strong>', summaries.TARGET_COLOURS[words],
                       summaries.capitalise(words))


@register.simple_tag
def progress_tag(rating, empty=False):
    """How a priority, objective or milestone is progressing, from its red, amber or green rating."""
    if empty:
        return format_html('<strong class="govuk-tag govuk-tag--grey">{}</strong>', "Nothing published yet")
    return format_html('<strong class="govuk-tag govuk-tag--{}">{}</strong>', summaries.PROGRESS_COLOURS[rating],
                       summaries.capitalise(summaries.PROGRESS_WORDS[rating]))


@register.simple_tag
def milestone_tag(milestone):
    """A milestone's own state in words: complete, overdue, due soon, on course or not started."""
    from priorities.rag import Rag

    if milestone.status == "complete":
        return format_html('<strong class="govuk-tag govuk-tag--green">{}</strong>', "Complete")
    labels = {Rag.RED: ("red", "Overdue"), Rag.AMBER: ("yellow", "Due soon, behind"),
              Rag.GREEN: ("blue", "On course"), Rag.GREY: ("grey", "Not started yet")}
    colour, label = labels[milestone.rating]
    return format_html('<strong class="govuk-tag govuk-tag--{}">{}</strong>', colour, label)
