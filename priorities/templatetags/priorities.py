"""Tags for the priorities pages: ratings and statuses as GOV.UK tags, always in words."""

from functools import lru_cache

from django import template
from django.template.defaultfilters import date, pluralize, urlencode
from django.utils import timezone
from django.utils.safestring import mark_safe

from core.html import format_html, format_html_join
from core.links import reverse_id
from core.templatetags.portal import person_link
from indicators.templatetags.indicator_tags import measures
from priorities import access, periods, selectors
from priorities.models import ServicePlan
from priorities.risk_matrix import LIKELIHOOD_LABELS

register = template.Library()


def _tag(text, colour):
    return _tag_html(str(text), colour)


@lru_cache(maxsize=256)
def _tag_html(text, colour):
    """The few tags a page shows hundreds of times (a rating per milestone), each made once."""
    return format_html('<strong class="govuk-tag govuk-tag--{}">{}</strong>', colour, text)


@register.simple_tag
def rag_tag(rating, children=None, empty_label="No milestones"):
    """A RAG rating in words; `empty_label` instead when the list it rolls up from is empty."""
    if children is not None and not children:
        return _tag(empty_label, "grey")
    return _tag(rating.label, rating.colour)


@register.simple_tag
def plan_status_tag(plan):
    return _tag(plan.get_status_display(), plan.status_colour)


@register.simple_tag
def risk_tag(band, score):
    return format_html('<strong class="govuk-tag govuk-tag--{}">{} {}</strong>', band.colour, score, band.label)


@register.simple_tag
def heat_map(rows, caption, testid):
    """A 5x5 risk heat map (risk_matrix.heat_map's rows): each cell's score and band, and links to its risks.

    Written here rather than as an included template looping over 25 cells, several lookups each.
    """
    likelihoods = format_html_join(
        "", '<th scope="col" class="govuk-table__header govuk-!-font-size-16">{} {}<span class="govuk-visually-hidden">'
        " likelihood</span></th>", LIKELIHOOD_LABELS.items())
    body = []
    for impact, label, cells in rows:
        row = format_html_join("", '<td class="govuk-table__cell portal-heatmap__cell portal-heatmap__cell--{}">'
                               '<span class="portal-heatmap__score">{}<span class="govuk-visually-hidden"> {}</span>'
                               "</span>{}</td>", (
                                   (cell.band.code, cell.score, cell.band.label, format_html_join(
                                       ", ", '<a class="govuk-link" href="#risk-{}"><strong>{}</strong></a>',
                                       ((risk.pk, risk.reference) for risk in cell.items)))
                                   for cell in cells))
        body.append(format_html('<tr class="govuk-table__row"><th scope="row" class="govuk-table__header '
                                'govuk-!-font-size-16">{} {}<span class="govuk-visually-hidden"> impact</span></th>{}</tr>',
                                impact, label, row))
    return format_html(
        '<table class="govuk-table portal-heatmap" data-testid="{}"><caption class="govuk-table__caption '
        'govuk-table__caption--s">{}</caption><thead class="govuk-table__head"><tr class="govuk-table__row">'
        '<td class="govuk-table__header govuk-!-font-size-16">Impact ↓<br>Likelihood →</td>{}</tr></thead>'
        '<tbody class="govuk-table__body">{}</tbody></table>',
        testid, caption, likelihoods, mark_safe("".join(body)))  # noqa: S308 - each row escaped above


@register.simple_tag
def due_tag(milestone, today=None):
    """How a due date stands today: overdue (red), due within a week (orange)."""
    days = (milestone.due_on - (today or timezone.localdate())).days
    if days < 0:
        return _tag(f"Overdue by {-days} day{'s' if days != -1 else ''}", "red")
    if days == 0:
        return _tag("Due today", "orange")
    return _tag(f"Due in {days} day{'s' if days != 1 else ''}", "orange")


@register.simple_tag
def attention_tag(milestone, today=None):
    """The due tag, only for an open milestone that is overdue or due within a week."""
    today = today or timezone.localdate()
    if milestone.status == "complete" or (milestone.due_on - today).days > selectors.REMIND_WITHIN_DAYS:
        return ""
    return due_tag(milestone, today)


@register.simple_tag(takes_context=True)
def milestone_rows(context, thread):
    """A service plan objective's milestones table body: a row each, with the links the person may use.

    Written here rather than as a template loop with an included template per row: a plan of fifty milestones
    made about a thousand template lookups. The same HTML as the loop was.
    """
    objective = thread.objective
    can_edit, can_change = context.get("can_edit"), context.get("can_change_structure")
    user_pk = context.get("user_pk")
    back = f"?next={urlencode(context['request'].path)}%23objective-{objective.pk}"
    today = timezone.localdate()
    rows = []
    for m in thread.milestones:
        due = date(m.due_on, "j M Y")
        tag = attention_tag(m, today)
        actions = ""
        if can_edit or m.owner_id == user_pk:
            actions = format_html('<a class="govuk-link" href="{}{}">Update progress<span class="govuk-visually-hidden">'
                                  " on {}</span></a>", reverse_id("milestone-progress", m.pk), back, m.title)
        if can_change:
            actions += format_html('<br><a class="govuk-link" href="{}">Change<span class="govuk-visually-hidden"> {}'
                                   '</span></a> · <a class="govuk-link" href="{}">Remove<span class="govuk-visually-hidden">'
                                   " {}</span></a>", reverse_id("milestone-edit", m.pk), m.title,
                                   reverse_id("milestone-delete", m.pk), m.title)
        rows.append(format_html(
            '      <tr class="govuk-table__row">\n'
            '        <td class="govuk-table__cell"><a class="govuk-link" href="{}">{}</a></td>\n'
            '        <td class="govuk-table__cell">{}{}</td>\n'
            '        <td class="govuk-table__cell">{}</td>\n'
            '        <td class="govuk-table__cell">{}, {}%</td>\n'
            '        <td class="govuk-table__cell">{}</td>\n'
            '        <td class="govuk-table__cell">\n          {}\n        </td>\n'
            "      </tr>",
            m.get_absolute_url(), m.title, due, format_html("<br>{}", tag) if tag else "", person_link(m.owner, True),
            m.get_status_display(), m.percent_complete, rag_tag(m.rating), actions))
    return mark_safe("\n".join(rows))  # noqa: S308 - each row escaped above


@register.inclusion_tag("priorities/includes/service_panel.html", takes_context=True)
def service_plan_panel(context, service):
    """The service page's view of its plan: this year's plan and milestones that need attention."""
    user = context["request"].user
    year = selectors.current_year()
    plan = ServicePlan.objects.visible_to(user).filter(service=service, year=year).first()
    return {
        "request": context["request"],
        "service": service,
        "plan": plan,
        "year": year,
        "year_label": periods.fiscal_year_label(year),
        "can_start": plan is None and access.can_edit_service_plans(user, service.pk),
        "update_any": access.can_edit_service_plans(user, service.pk),
        "milestones": list(selectors.service_milestones_needing_attention(service))
        if access.reads_everything(user) else [],
        "reads": access.reads_everything(user),
    }


@register.filter
def field_width(field):
    """The GOV.UK input width a form asked for through the widget's `data-width` attribute."""
    return field.field.widget.attrs.get("data-width", "")


@register.simple_tag
def objective_thread_row(thread, show_staff_counts=False):
    """One row of an objective-and-milestones table (priorities/includes/objective_thread_table.html).

    Written here rather than in the template: the golden thread shows every objective of the council's
    plans, and the template's variable lookups and tags were most of the time the page took to build.
    """
    o = thread.objective
    reason = format_html('<br><span class="govuk-body-s">No priority: {}</span>', o.no_priority_reason) \
        if o.no_priority_reason else ""
    staff = format_html('<br><span class="govuk-body-s" data-testid="staff-objectives">{} staff objective{}</span>',
                        thread.staff_objectives, pluralize(thread.staff_objectives)) if show_staff_counts else ""
    measured = format_html('<p class="govuk-body-s govuk-!-margin-top-2 govuk-!-margin-bottom-0">Measured by:</p>{}',
                           measures(thread.measures)) if thread.measures else ""
    if thread.milestones:
        milestones = format_html(
            '<ul class="govuk-list govuk-!-margin-bottom-0">\n{}\n</ul>',
            format_html_join("", '<li class="govuk-!-margin-bottom-2">{} <a class="govuk-link" href="{}">{}</a> '
                                 '<span class="govuk-body-s">due {}, {}%</span></li>',
                             ((rag_tag(m.rating), m.get_absolute_url(), m.title, date(m.due_on, "j M Y"),
                               m.percent_complete) for m in thread.milestones)))
    else:
        milestones = "No milestones yet"
    progress = format_html('<br><span class="govuk-body-s">{}% complete</span>', thread.progress) \
        if thread.progress is not None else ""
    return format_html(
        '<tr class="govuk-table__row">\n<td class="govuk-table__cell"><span class="govuk-body-s">{}, {}</span><br>'
        '<a class="govuk-link" href="{}">{}. {}</a>{}<br><span class="govuk-body-s">Owner: {}</span>{}{}</td>\n'
        '<td class="govuk-table__cell">\n{}\n</td>\n<td class="govuk-table__cell">{}{}</td>\n</tr>',
        o.plan.service.name, o.plan.year_label, o.get_absolute_url(), o.number, o.title, reason, o.owner, staff,
        measured, milestones, rag_tag(thread.rag, thread.milestones), progress)
