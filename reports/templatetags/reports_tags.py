from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def is_numeric(index, numeric):
    """Whether a table column holds figures (right-aligned): `numeric` is a list of indexes or a string of digits."""
    if isinstance(numeric, str):
        return str(index) in numeric
    return index in (numeric or ())


@register.filter
def css_string(text):
    """Text fit for a double-quoted CSS string, such as a running header."""
    return str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")


@register.simple_tag
def table_rows(rows, numeric, columns):
    """A report table's body rows, as the template loop wrote them: a pack has thousands of cells, and each cost
    a dozen template lookups. A cell is text, or {"tag": colour, "text": words} for a tag; the first is the row's
    header."""
    if not rows:
        empty = f'<tr class="govuk-table__row"><td class="govuk-table__cell" colspan="{int(columns)}">None.</td></tr>'
        return mark_safe(empty)  # noqa: S308 - a number and fixed words
    out = []
    for row in rows:
        cells = []
        for index, cell in enumerate(row):
            if isinstance(cell, dict) and cell.get("tag"):
                content = (f'<strong class="govuk-tag govuk-tag--{conditional_escape(cell["tag"])}">'
                           f'{conditional_escape(cell.get("text", ""))}</strong>')
            else:
                content = conditional_escape(cell)
            if index == 0:
                cells.append(f'<th scope="row" class="govuk-table__header report-table__rowhead">{content}</th>')
            elif is_numeric(index, numeric):
                cells.append(f'<td class="govuk-table__cell govuk-table__cell--numeric">{content}</td>')
            else:
                cells.append(f'<td class="govuk-table__cell">{content}</td>')
        out.append(f'\n    <tr class="govuk-table__row">{"".join(cells)}</tr>\n  ')
    return mark_safe("".join(out))  # noqa: S308 - every value above is escaped
