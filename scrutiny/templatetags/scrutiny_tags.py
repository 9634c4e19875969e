"""Tags for the scrutiny pages: counts and deadline standings, always in words."""

from html import escape

from django import template
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.text import Truncator

from core.html import format_html
from indicators.templatetags.indicator_tags import MUTED_DASH, rag_tag, travel

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


# The dashboard's tables, written here rather than as template loops: a dashboard drawn afresh after a saved
# figure shows about 130 rows, and the loops were a third of its time. The same HTML as the loops were.

_CELL = '<td class="govuk-table__cell">{}</td>'


def _figure(indicator, value):
    return MUTED_DASH if value is None else escape(indicator.format(value))


def _indicator_link(indicator):
    return format_html('<a class="govuk-link" href="{}">{}</a> {}', indicator.get_absolute_url(), indicator.code,
                       indicator.name)


def _latest(row):
    return format_html("{}: {} {}", row.latest.period, SafeString(_figure(row.indicator, row.latest.actual)),
                       rag_tag(row.latest.rag))


def _target(row):
    return _figure(row.indicator, row.target.value) if row.target else "–"


@register.simple_tag
def service_rows(services, rag_order):
    """The "By service" table's body rows: each service's indicators by latest RAG."""
    if not services:
        return SafeString('<tr class="govuk-table__row"><td class="govuk-table__cell" colspan="7">No indicators.</td>'
                          '</tr>')
    url = reverse("indicators:list")
    cells = '<td class="govuk-table__cell govuk-table__cell--numeric">{}</td>'
    return SafeString("\n    ".join(
        format_html('<tr class="govuk-table__row"><th scope="row" class="govuk-table__header"><a class="govuk-link" '
                    'href="{}?service={}">{}</a></th>', url, s.service.pk, s.service.name)
        + "".join(cells.format(s.counts.get(code, 0)) for code in (*rag_order, "none")) + "</tr>"
        for s in services))


@register.simple_tag
def exception_rows(exceptions, limit):
    if not exceptions:
        return SafeString('<tr class="govuk-table__row"><td class="govuk-table__cell" colspan="4">No indicator is red.'
                          '</td></tr>')
    return SafeString("\n    ".join(
        format_html('<tr class="govuk-table__row"><td class="govuk-table__cell">{}</td><td class="govuk-table__cell">'
                    '{}</td><td class="govuk-table__cell">{}</td><td class="govuk-table__cell govuk-body-s">{}</td>'
                    '</tr>', _indicator_link(t.row.indicator), _latest(t.row), SafeString(_target(t.row)),
                    Truncator(t.row.latest.commentary or "No commentary").words(30, truncate=" …"))
        for t in exceptions[:limit]))


@register.simple_tag
def watch_rows(watchlist, limit, can_edit):
    if not watchlist:
        return SafeString('<tr class="govuk-table__row"><td class="govuk-table__cell" colspan="3">No indicator is '
                          'caught by the exception rules.</td></tr>')
    rows = []
    for item in watchlist[:limit]:
        action = format_html('<a class="govuk-link" href="{}">Add to the work programme<span '
                             'class="govuk-visually-hidden">: {}</span></a>',
                             reverse("scrutiny:topic-from-indicator", args=[item.indicator.pk]),
                             item.indicator.code) if can_edit else ""
        rows.append(format_html(
            '<tr class="govuk-table__row"><td class="govuk-table__cell">{}<br><span class="govuk-body-s">{}</span>'
            '</td><td class="govuk-table__cell">{}</td><td class="govuk-table__cell">{}</td></tr>',
            _indicator_link(item.indicator), item.indicator.service, "; ".join(map(escape, item.reasons)),
            SafeString(action)))
    return SafeString("\n    ".join(rows))


def _benchmark(summary):
    if not (summary and summary.quartile):
        return "–"
    rank = format_html(", ranked {} of {}", summary.rank, summary.ranked_among) if summary.rank else ""
    return format_html('{}{} <span class="govuk-body-s">({})</span>', summary.quartile_label, SafeString(rank),
                       summary.period)


@register.simple_tag
def indicator_rows(page):
    """The dashboard's indicators table: a page of DashboardRows."""
    rows = []
    for t in page:
        row = t.row
        watch = ' <strong class="govuk-tag govuk-tag--purple">Watchlist</strong>' if t.watch else ""
        latest = _latest(row) if row.latest else "No figure"
        rows.append(format_html(
            '<tr class="govuk-table__row"><td class="govuk-table__cell">{}{}</td>\n'
            '      <td class="govuk-table__cell">{}</td>\n'
            '      <td class="govuk-table__cell">{}</td>\n'
            '      <td class="govuk-table__cell">{}</td><td class="govuk-table__cell">{}</td>\n'
            '      <td class="govuk-table__cell">{}</td></tr>',
            _indicator_link(row.indicator), SafeString(watch), SafeString(latest), SafeString(_target(row)),
            travel(row.vs_previous), travel(row.vs_last_year), SafeString(_benchmark(t.benchmark))))
    if not rows:
        return SafeString('<tr class="govuk-table__row"><td class="govuk-table__cell" colspan="6">No indicators.</td>'
                          '</tr>')
    return SafeString("\n    ".join(rows))
