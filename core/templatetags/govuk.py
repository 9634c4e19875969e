"""Render Django form fields with GOV.UK Design System markup."""

from django import forms, template
from django.template.loader import render_to_string

from core.html import format_html_join

register = template.Library()


def field_type(field):
    from core.forms import GovukDateInput

    widget = field.field.widget
    if isinstance(widget, GovukDateInput):
        return "date"
    # CheckboxSelectMultiple is a subclass of RadioSelect, so it must be asked about first.
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.PasswordInput):
        return "password"
    return "input"


def date_parts(field):
    """Day, month and year as the person typed them (or as stored), for redisplay."""
    name = field.html_name
    if field.form.is_bound:
        data = field.form.data
        values = [data.get(f"{name}_{i}", "") for i in range(3)]
    else:
        values = field.field.widget.decompress(field.value())
    return [
        {"name": f"{name}_{i}", "id": f"{field.auto_id}_{i}", "label": label, "value": value or "",
         "width": width}
        for i, (label, width, value) in enumerate(zip(("Day", "Month", "Year"), (2, 2, 4), values, strict=True))
    ]


@register.simple_tag
def govuk_field(field, label_size="s", width="", hint=None, autocomplete="", label_is_heading=False):
    """One question: label, hint, error message and control, grouped as GOV.UK asks."""
    from core.forms import GovukDateInput

    widget = field.field.widget
    input_type = getattr(widget, "input_type", "text")
    kind, choices, value = field_type(field), None, field.value()
    search_kind = getattr(field.field, "search_kind", None)
    if search_kind:  # a person: a select while few, else a name or email address
        choices = field.field.short_list()
        if choices is None:
            kind, value = "person", field.field.text_value(value)
    return render_to_string(
        "includes/govuk_field.html",
        {
            "field": field,
            "errors": field.errors,  # read once: each read makes a new ErrorList
            "type": kind,
            "choices": choices,
            "search_kind": search_kind,
            "input_type": input_type,
            "label_size": label_size,
            "width": width,
            "hint": field.help_text if hint is None else hint,
            "autocomplete": autocomplete,
            "label_is_heading": label_is_heading,
            "value": value if value is not None else "",
            "date_parts": date_parts(field) if isinstance(widget, GovukDateInput) else None,
        },
    )


@register.inclusion_tag("includes/govuk_error_summary.html")
def govuk_error_summary(*forms_):
    errors = []
    for form in forms_:
        if form is None or not form.is_bound:
            continue
        for message in form.non_field_errors():
            errors.append({"href": "", "message": message})
        for field in form:
            # Dates, radios and checkboxes link to their first box, as GOV.UK's error summary asks.
            grouped = field_type(field) in ("date", "radios", "checkboxes")
            target = f"{field.auto_id}_0" if grouped else field.id_for_label or field.auto_id
            for message in field.errors:
                errors.append({"href": f"#{target}", "message": message})
    return {"errors": errors}


@register.inclusion_tag("includes/govuk_tag.html")
def govuk_tag(text, colour=""):
    return {"text": text, "colour": colour}


@register.filter
def choice_selected(value, current):
    """Whether an option's value is among a field's current value(s)."""
    if isinstance(current, list | tuple):
        return str(value) in [str(c) for c in current]
    return str(value) == str(current)


@register.simple_tag
def select_options(field, current, choices=None):
    """A select's options, written here rather than looped in the template: a list of services or people has
    dozens, and each took several template lookups and a filter. `choices`, when given, are already read."""
    return format_html_join("", '<option value="{}"{}>{}</option>',
                            ((value, " selected" if choice_selected(value, current) else "", label)
                             for value, label in (field.field.choices if choices is None else choices)))
