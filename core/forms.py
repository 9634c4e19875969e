"""Form pieces shared by every app: GOV.UK patterns that Django lacks."""

import datetime

from django import forms


class GovukDateInput(forms.MultiWidget):
    """The GOV.UK date input: separate day, month and year boxes."""

    def __init__(self, attrs=None):
        widgets = [forms.TextInput(attrs={"inputmode": "numeric"}) for _ in range(3)]
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        if isinstance(value, str) and value.count("-") == 2:
            year, month, day = value.split("-")
            return [day, month, year]
        return [None, None, None]

    def value_from_datadict(self, data, files, name):
        day, month, year = (data.get(f"{name}_{part}", "").strip() for part in ("0", "1", "2"))
        if not (day or month or year):
            return None
        return f"{year}-{month.zfill(2)}-{day.zfill(2)}"

    def value_omitted_from_data(self, data, files, name):
        return not any(f"{name}_{part}" in data for part in ("0", "1", "2"))


class GovukDateField(forms.DateField):
    """A date entered as day, month and year, with GOV.UK's error wording."""

    widget = GovukDateInput
    input_formats = ["%Y-%m-%d"]
    default_error_messages = {"invalid": "Enter a real date, for example 27 3 2025"}


def add_service_errors(form, error):
    """Show a service's ValidationError on the form: next to its field when the form has one."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)
