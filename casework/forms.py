from django import forms
from django.utils import timezone

from casework.models import CouncillorCase, IssueResponse
from complaints.forms import GovukForm, _required
from complaints.selectors import category_choices
from core.forms import GovukDateField
from organisation.forms import PersonChoiceField, offer_current_officers
from organisation.models import Service, User, Ward
from priorities.models import Priority
from priorities.periods import fiscal_year_label

CONSENT_CHOICES = [
    ("yes", "Yes, they agree to officers seeing their concern"),
    ("no", "Not yet"),
]


class CaseForm(GovukForm):
    """A ward councillor logs a constituent's concern about a service."""

    ward = forms.ModelChoiceField(label="Ward", queryset=Ward.objects.none(), empty_label=None,
                                  widget=forms.RadioSelect)
    constituent_name = forms.CharField(label="Constituent's name", max_length=200)
    constituent_contact = forms.CharField(
        label="How to contact them", max_length=300, required=False,
        help_text="A phone number, e-mail or address, only if the service will need to reach them.")
    service = forms.ModelChoiceField(label="Service", queryset=Service.objects.all(), empty_label="Choose a service",
                                     help_text="The concern goes to the service's accountable officer in the scheme "
                                               "of delegation.")
    categories = forms.ModelMultipleChoiceField(
        label="What is it about", queryset=None, required=False, widget=forms.CheckboxSelectMultiple,
        help_text="Choose all that apply. These make the themes other councillors see, without names.")
    summary = forms.CharField(label="The concern", widget=forms.Textarea,
                              help_text="What happened and what the constituent would like the council to do.")
    raised_on = GovukDateField(label="Date the constituent raised it")
    consent_given = forms.ChoiceField(
        label="Does the constituent agree to council officers seeing their concern?", choices=CONSENT_CHOICES,
        widget=forms.RadioSelect,
        help_text="Their name and concern can go to officers only with their consent. Without it the case stays "
                  "with you, is not sent to the service and gets no response; you can record consent later.")
    field_order = ["ward", "constituent_name", "constituent_contact", "service", "categories", "summary",
                   "raised_on", "consent_given"]

    def __init__(self, *args, wards=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ward"].queryset = Ward.objects.filter(pk__in=[w.pk for w in wards])
        if len(wards) == 1:
            self.fields["ward"].initial = wards[0].pk
        self.fields["categories"].queryset = category_choices()
        _required(self.fields["consent_given"], "Say whether the constituent agrees to officers seeing their concern")
        _required(self.fields["summary"], "Describe the concern")
        _required(self.fields["ward"], "Choose the ward")

    def clean_consent_given(self):
        return self.cleaned_data["consent_given"] == "yes"


class ConsentForm(GovukForm):
    confirm = forms.BooleanField(label="The constituent agrees to council officers seeing their name and concern")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _required(self.fields["confirm"], "Confirm that the constituent agrees, or go back")


class ResponseForm(GovukForm):
    responded_on = GovukDateField(label="Date of the response")
    response = forms.CharField(label="The response", widget=forms.Textarea,
                               help_text="What the service found and what it will do. The councillor passes it on.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _required(self.fields["response"], "Enter the response")


class CloseForm(GovukForm):
    closed_on = GovukDateField(label="Date closed")


class CaseFilterForm(forms.Form):
    status = forms.ChoiceField(label="Status", required=False, choices=[
        ("", "Open or responded"), *CouncillorCase.Status.choices, ("all", "All")])
    ward = forms.ModelChoiceField(label="Ward", required=False, queryset=Ward.objects.all(), empty_label="All wards")
    service = forms.ModelChoiceField(label="Service", required=False, queryset=Service.objects.all(),
                                     empty_label="All services")


class ThemesFilterForm(forms.Form):
    year = forms.TypedChoiceField(label="Financial year", coerce=int, choices=())
    ward = forms.ModelChoiceField(label="Ward", required=False, queryset=Ward.objects.all(), empty_label="All wards")

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, fiscal_year_label(y)) for y in years]


# Community forums ----------------------------------------------------------------------------

class ForumForm(GovukForm):
    name = forms.CharField(label="Name", max_length=200)
    wards = forms.ModelMultipleChoiceField(label="Wards it covers", queryset=Ward.objects.all(),
                                           widget=forms.CheckboxSelectMultiple)
    description = forms.CharField(label="About the forum", required=False, widget=forms.Textarea,
                                  help_text="Who comes, how often it meets, who chairs it.")
    is_active = forms.BooleanField(label="The forum still meets", required=False, initial=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _required(self.fields["wards"], "Choose the wards the forum covers")


class MeetingForm(GovukForm):
    held_on = GovukDateField(label="Date of the meeting")
    venue = forms.CharField(label="Venue", max_length=200)
    notes = forms.CharField(label="Notes", required=False, widget=forms.Textarea,
                            help_text="What was discussed. No names of residents: forum records are not personal.")


class PriorityChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, priority):
        return f"{priority.title} ({priority.strategic_plan.title})"


def priority_choices():
    """Priorities of the strategic plans in force this year or later, the ones a local issue can still shape."""
    from priorities.periods import fiscal_year_of

    year = fiscal_year_of(timezone.localdate())
    return (Priority.objects.filter(strategic_plan__last_year__gte=year)
            .exclude(status=Priority.Status.WITHDRAWN).select_related("strategic_plan")
            .order_by("strategic_plan__first_year", "number"))


class IssueForm(GovukForm):
    title = forms.CharField(label="The issue", max_length=200, help_text="In a line, as residents put it.")
    description = forms.CharField(label="More about it", required=False, widget=forms.Textarea,
                                  help_text="No names of residents.")
    service = forms.ModelChoiceField(label="Service", required=False, queryset=Service.objects.all(),
                                     empty_label="No particular service")
    priorities = PriorityChoiceField(label="Council priorities it bears on", required=False, queryset=None,
                                     widget=forms.CheckboxSelectMultiple,
                                     help_text="The priority's page lists the local issues behind it.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["priorities"].queryset = priority_choices()
        _required(self.fields["title"], "Enter the issue")


class IssueResponseForm(GovukForm):
    responded_on = GovukDateField(label="Date of the response")
    responded_by = PersonChoiceField(label="Who responded", queryset=User.objects.none(),
                                     empty_label="Choose an officer")
    text = forms.CharField(label="The council's response", widget=forms.Textarea)
    status = forms.ChoiceField(label="Where the issue stands now", choices=IssueResponse.STATUSES,
                               widget=forms.RadioSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offer_current_officers(self.fields["responded_by"])
        _required(self.fields["text"], "Enter the council's response")
        _required(self.fields["status"], "Choose where the issue stands now")
