"""Showing figures, RAG, status and direction of travel the same way on every page."""

from functools import lru_cache

from django import template
from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.text import capfirst

from core.html import format_html, format_html_join
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


@register.simple_tag
def entry_grid_rows(grid, period):
    """The data-entry grid's table body: a row per indicator due, with its fields (EntryGridForm.bound_rows).

    Written here rather than as a template loop, which was a third of the time the page took (about 650
    template lookups for a service's rows). The same HTML as the loop was.
    """
    return mark_safe("\n".join(_grid_row(item, period) for item in grid))  # noqa: S308 - each row escaped below


def _grid_row(item, period):
    row = item["row"]
    indicator, value = row.indicator, row.value
    heading = format_html(
        '<th scope="row" class="govuk-table__header portal-grid__indicator"><a class="govuk-link" href="{}">{}</a><br>'
        '<span class="govuk-body-s">{}</span><br><span class="govuk-body-s portal-muted">{}; {}</span></th>',
        indicator.get_absolute_url(), indicator.code, indicator.name, indicator.get_unit_display(),
        indicator.get_polarity_display().lower())
    if row.target:
        upper = row.target.value_upper
        target = format_html("<strong>{}{}</strong>", figure(indicator, row.target.value),
                             format_html("–{}", figure(indicator, upper)) if upper is not None else "")
    else:
        target = "none set"
    earlier = format_html(
        '<td class="govuk-table__cell govuk-body-s">Target: {}<br>Period before: {}<br>A year before: {}</td>',
        target, figure(indicator, row.previous.actual) if row.previous else "–",
        figure(indicator, row.last_year.actual) if row.last_year else "–")
    if row.is_locked:
        entry = format_html(
            '<p class="govuk-body govuk-!-margin-bottom-1"><strong>{}</strong></p>{}<p class="govuk-body-s">'
            '<a class="govuk-link" href="{}">Change<span class="govuk-visually-hidden"> {} for {}</span></a> '
            "(needs a reason)</p>",
            figure(indicator, value.actual), rag_tag(value.rag), reverse("indicators:value-change", args=[value.pk]),
            indicator.code, period)
        commentary = format_html('<p class="govuk-body-s">{}</p>', linebreaksbr(value.commentary or "–"))
    else:
        parts = []
        if indicator.is_calculated:
            parts += [_grid_number(item["numerator"], capfirst(indicator.numerator_label), indicator.code),
                      _grid_number(item["denominator"], capfirst(indicator.denominator_label), indicator.code),
                      mark_safe('<p class="govuk-body-s">or the result:</p>')]
        suffix = format_html(" ({})", indicator.unit_suffix.replace(" ", "")) if indicator.unit_suffix else ""
        provisional = item["provisional"]
        parts += [item["seen"], _grid_number(item["actual"], "Actual", indicator.code, suffix), format_html(
            '<div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">'
            '<div class="govuk-checkboxes__item"><input class="govuk-checkboxes__input" id="{}" name="{}" '
            'type="checkbox"{}><label class="govuk-label govuk-checkboxes__label" for="{}">Provisional'
            '<span class="govuk-visually-hidden"> ({})</span></label></div></div>',
            provisional.id_for_label, provisional.html_name, " checked" if provisional.value() else "",
            provisional.id_for_label, indicator.code)]
        entry = mark_safe("".join(str(part) for part in parts))  # noqa: S308 - each part escaped
        field = item["commentary"]
        errors = field.errors
        commentary = format_html(
            '<div class="govuk-form-group{} govuk-!-margin-bottom-0"><label class="govuk-label '
            'govuk-visually-hidden" for="{}">Commentary for {}</label>{}<textarea class="govuk-textarea{}" id="{}" '
            'name="{}" rows="3">{}</textarea></div>',
            " govuk-form-group--error" if errors else "", field.id_for_label, indicator.code, _grid_errors(errors),
            " govuk-textarea--error" if errors else "", field.id_for_label, field.html_name, _or_blank(field.value()))
    if value:
        status = format_html(
            '{}{}<p class="govuk-body-s"><a class="govuk-link" href="{}">History<span class="govuk-visually-hidden"> '
            "of {} for {}</span></a></p>",
            status_tag(value.status),
            format_html("<br>{}", rag_tag(value.rag)) if value.status in (ValueStatus.DRAFT, ValueStatus.SUBMITTED)
            else "", value.get_absolute_url(), indicator.code, period)
    else:
        status = mark_safe('<strong class="govuk-tag govuk-tag--grey">Not entered</strong>')
    return format_html(
        '<tr class="govuk-table__row" data-indicator="{}">{}{}<td class="govuk-table__cell">{}</td>'
        '<td class="govuk-table__cell">{}</td><td class="govuk-table__cell">{}</td></tr>',
        indicator.code, heading, earlier, entry, commentary, status)


def _grid_number(field, label, code, suffix=""):
    errors = field.errors
    return format_html(
        '<div class="govuk-form-group{} govuk-!-margin-bottom-2"><label class="govuk-label govuk-label--s" for="{}">'
        '{}<span class="govuk-visually-hidden"> for {}</span>{}</label>{}<input class="govuk-input govuk-input--width-5'
        '{}" id="{}" name="{}" type="text" inputmode="decimal" value="{}"></div>',
        " govuk-form-group--error" if errors else "", field.id_for_label, label, code, suffix, _grid_errors(errors),
        " govuk-input--error" if errors else "", field.id_for_label, field.html_name, _or_blank(field.value()))


def _grid_errors(errors):
    return format_html_join("", '<p class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> {}</p>',
                            ((e,) for e in errors))


def _or_blank(value):
    return "" if value is None else value


@register.simple_tag
def series_rows(indicator, rows, has_group_figures, has_benchmarks):
    """The indicator page's series table body: a row per period (selectors.SeriesRow).

    Written here rather than as a template loop: up to 36 rows of a dozen cells, a tag in most.
    """
    banded = bool(indicator.band_thresholds)
    return mark_safe("\n".join(_series_row(indicator, row, has_group_figures, has_benchmarks, banded) for row in rows))  # noqa: S308 - each row escaped below


def _series_row(indicator, row, has_group_figures, has_benchmarks, banded):
    value, target, benchmark = row.value, row.target, row.benchmark
    period = format_html('<a class="govuk-link" href="{}">{}</a>', value.get_absolute_url(), row.period) if value \
        else row.period
    if row.version_break:
        period = format_html('{}<br><strong class="govuk-tag govuk-tag--red">Definition changed: version {}</strong>',
                             period, row.version)
    provisional = mark_safe(' <span class="govuk-body-s">(provisional)</span>') if value and value.is_provisional else ""
    if target:
        upper = format_html("–{}", figure(indicator, target.value_upper)) if target.value_upper is not None else ""
        target_cell = format_html("{}{}", figure(indicator, target.value), upper)
    else:
        target_cell = MUTED_DASH
    cells = [
        format_html('<th scope="row" class="govuk-table__header">{}</th>', period),
        format_html('<td class="govuk-table__cell govuk-table__cell--numeric">{}{}</td>', figure(indicator, row.actual),
                    provisional),
        format_html('<td class="govuk-table__cell govuk-table__cell--numeric">{}</td>', target_cell),
        format_html('<td class="govuk-table__cell">{}</td>', rag_tag(value.rag) if value else ""),
        format_html('<td class="govuk-table__cell">{}</td>', travel(row.vs_previous)),
        format_html('<td class="govuk-table__cell">{}</td>', travel(row.vs_last_year)),
    ]
    if has_group_figures:
        if benchmark:
            small = format_html(' <strong class="govuk-tag govuk-tag--yellow">{} with data</strong>', benchmark.count) \
                if benchmark.small_sample else ""
            median = format_html("{}{}", figure(indicator, benchmark.median), small)
            middle = format_html("{} to {}", figure(indicator, benchmark.lower_quartile),
                                 figure(indicator, benchmark.upper_quartile))
        else:
            median = middle = MUTED_DASH
        rank = format_html("{} of {}", benchmark.rank, benchmark.ranked_among) if benchmark and benchmark.rank \
            else MUTED_DASH
        cells += [format_html('<td class="govuk-table__cell govuk-table__cell--numeric">{}</td>', cell)
                  for cell in (median, middle, rank)]
    if has_benchmarks:
        cells.append(format_html('<td class="govuk-table__cell govuk-table__cell--numeric">{}</td>',
                                 figure(indicator, row.england)))
    if banded:
        cells.append(format_html('<td class="govuk-table__cell">{}</td>',
                                 format_html("{}: {}", row.band, row.band_label) if row.band else ""))
    cells.append(format_html('<td class="govuk-table__cell">{}</td>', status_tag(value.status) if value else ""))
    return format_html('<tr class="govuk-table__row">{}</tr>', mark_safe("".join(cells)))  # noqa: S308 - escaped above
