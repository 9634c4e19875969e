"""Showing figures, RAG, status and direction of travel the same way on every page."""

from functools import lru_cache

from django import template
from django.utils.safestring import mark_safe

from core.html import format_html
from indicators.models import RAG, RAG_TAG_COLOURS, STATUS_TAG_COLOURS, ValueStatus
from indicators.rag import BETTER, WORSE

register = template.Library()

MUTED_DASH = mark_safe('<span class="portal-muted">–</span>')


@register.simple_tag
def figure(indicator, value):
    """A value in the indicator's unit and decimal places; a dash for none."""
    if value is None:
        return MUTED_DASH
    return indicator.format(value)


@register.simple_tag
@lru_cache(maxsize=32)
def rag_tag(rag):
    """Made once per rating: a page shows hundreds."""
    if not rag:
        return mark_safe('<span class="govuk-body-s portal-muted">No target</span>')
    return format_html('<strong class="govuk-tag govuk-tag--{}">{}</strong>', RAG_TAG_COLOURS.get(rag, "grey"),
                       RAG(rag).label)


@register.simple_tag
def status_tag(status):
    return format_html('<strong class="govuk-tag govuk-tag--{}">{}</strong>', STATUS_TAG_COLOURS[status],
                       ValueStatus(status).label)


@register.simple_tag
def travel(direction):
    """An arrow and words: colour is never the only signal."""
    if direction is None:
        return mark_safe('<span class="portal-muted">–</span>')
    css = {BETTER: "portal-travel--better", WORSE: "portal-travel--worse"}.get(direction.judgement, "")
    return format_html('<span class="portal-travel {}"><span aria-hidden="true">{}</span> {}</span>', css,
                       direction.arrow, direction.label)


@register.filter
def plain(number):
    """A number as typed: 60.8, not 60.8000 or 6.08E+1."""
    if number is None:
        return ""
    return f"{number.normalize():f}"


@register.simple_tag
def measures(rows):
    """The indicators measuring an objective, each with its RAG, latest figure and target.

    Written here rather than as an included template: the golden thread shows several hundred, and an
    include per objective was a large part of the time the page took to build.
    """
    if not rows:
        return "None yet"
    items = []
    for row in rows:
        indicator, latest = row.indicator, row.latest
        if latest:
            target = format_html(", target {}", figure(indicator, row.target.value)) if row.target else ""
            detail = format_html(' <span class="govuk-body-s">{} in {}{}</span>', figure(indicator, latest.actual),
                                 latest.period.label, target)
        else:
            detail = mark_safe(' <span class="govuk-body-s">no figures yet</span>')
        items.append(format_html('<li class="govuk-!-margin-bottom-1">{} <a class="govuk-link" href="{}">{}: {}</a>{}'
                                 "</li>", rag_tag(latest.rag if latest else ""), indicator.get_absolute_url(),
                                 indicator.code, indicator.name, detail))
    return format_html('<ul class="govuk-list govuk-!-margin-bottom-0">\n{}\n</ul>', mark_safe("".join(items)))  # noqa: S308 - each item escaped above


def _library_latest(latest):
    if not latest:
        return mark_safe('<span class="portal-muted">No figures yet</span>')
    if latest.status in (ValueStatus.PUBLISHED, ValueStatus.VERIFIED):
        return latest.period
    return format_html("{}<br>{}", latest.period, status_tag(latest.status))


def _library_target(row):
    if not row.target:
        return MUTED_DASH
    upper = row.target.value_upper
    if upper is None:
        return figure(row.indicator, row.target.value)
    return format_html("{} to {}", figure(row.indicator, row.target.value), figure(row.indicator, upper))


@register.simple_tag
def library_rows(page):
    """The indicator library's table body: a page of IndicatorRows.

    Written here rather than as a template loop, which was half the time the page took (fifty rows, seven
    cells each, several tags a cell). The same HTML as the loop was.
    """
    rows = []
    for row in page:
        indicator, latest = row.indicator, row.latest
        retired = "" if indicator.is_active else mark_safe(' <strong class="govuk-tag govuk-tag--grey">Retired</strong>')
        rows.append(format_html(
            '<tr class="govuk-table__row">\n'
            '      <td class="govuk-table__cell"><a class="govuk-link" href="{}"><strong>{}</strong> {}</a>{}</td>\n'
            '      <td class="govuk-table__cell">{}</td>\n'
            '      <td class="govuk-table__cell">{}</td>\n'
            '      <td class="govuk-table__cell govuk-table__cell--numeric">{}</td>\n'
            '      <td class="govuk-table__cell govuk-table__cell--numeric">{}</td>\n'
            '      <td class="govuk-table__cell">{}</td>\n'
            '      <td class="govuk-table__cell">{}</td>\n'
            "    </tr>",
            indicator.get_absolute_url(), indicator.code, indicator.name, retired, indicator.service,
            _library_latest(latest), figure(indicator, latest.actual) if latest else "", _library_target(row),
            rag_tag(latest.rag) if latest else "", travel(row.vs_previous)))
    if not rows:
        return mark_safe('<tr class="govuk-table__row"><td class="govuk-table__cell" colspan="7">No indicators match '
                         "these filters.</td></tr>")
    return mark_safe("\n    ".join(rows))  # noqa: S308 - each row escaped above
