from django import forms


class SearchForm(forms.Form):
    q = forms.CharField(label="Name or e-mail address", max_length=200, min_length=3,
                        help_text="Part of a name or address is enough: at least 3 characters.",
                        error_messages={"required": "Enter the person's name or e-mail address",
                                        "min_length": "Enter at least 3 characters of the name or e-mail address"})


class ExportForm(forms.Form):
    """Which of the matching records are the person's: a name search also finds namesakes."""

    q = forms.CharField(widget=forms.HiddenInput, max_length=200)
    reference = forms.CharField(label="The request's reference", max_length=100, required=False,
                                help_text="The council's own reference for the request, kept with the record of "
                                          "this export.")
    complaints = forms.TypedMultipleChoiceField(coerce=int, required=False, widget=forms.CheckboxSelectMultiple)
    casework = forms.TypedMultipleChoiceField(coerce=int, required=False, widget=forms.CheckboxSelectMultiple)
    feedback = forms.TypedMultipleChoiceField(coerce=int, required=False, widget=forms.CheckboxSelectMultiple)
    people = forms.TypedMultipleChoiceField(coerce=int, required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, matches, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in ("complaints", "casework", "feedback", "people"):
            self.fields[kind].choices = [(record.pk, str(record.pk)) for record in getattr(matches, kind)]

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(kind) for kind in ("complaints", "casework", "feedback", "people")):
            raise forms.ValidationError("Choose at least one record that is the person's")
        return cleaned
