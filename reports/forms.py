"""Forms for report packs: they check what was typed, with GOV.UK wording; services do the saving and the rules."""

from django import forms

from organisation.models import Directorate, Portfolio, User
from priorities.forms import GovukMessages
from reports import content
from reports.models import MAX_WORKING_DAYS_AFTER, Audience, Frequency, ReportType
from reports.selectors import period_choices
from scrutiny.models import Committee


class PeriodChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, period):
        return period.label


class RecipientsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, person):
        return f"{person} – {person.job_title}" if person.job_title else str(person)


class AudienceForm(GovukMessages, forms.Form):
    """Which report, for whom: the audience's portfolio, committee or directorate when it needs one."""

    report_type = forms.ChoiceField(label="Report", choices=ReportType.choices, widget=forms.RadioSelect)
    audience = forms.ChoiceField(label="Who it is for", choices=Audience.choices, widget=forms.RadioSelect,
                                 help_text="The executive's report can also go to a directorate management team; "
                                           "the complaints report to the executive, a scrutiny committee or a "
                                           "directorate management team.")
    portfolio = forms.ModelChoiceField(queryset=Portfolio.objects.all(), required=False,
                                       empty_label="Choose a portfolio",
                                       help_text="Only for a portfolio holder's report.")
    committee = forms.ModelChoiceField(queryset=Committee.objects.filter(kind=Committee.Kind.SCRUTINY),
                                       required=False, label="Scrutiny committee",
                                       empty_label="Choose a scrutiny committee",
                                       help_text="Only for a scrutiny committee.")
    directorate = forms.ModelChoiceField(queryset=Directorate.objects.all(), required=False,
                                         empty_label="Choose a directorate",
                                         help_text="Only for a directorate management team.")
    required = {"report_type": "Choose which report", "audience": "Choose who the report is for"}


class ScheduleForm(AudienceForm):
    frequency = forms.ChoiceField(label="How often", choices=Frequency.choices, widget=forms.RadioSelect,
                                  help_text="The annual complaints report comes once a year.")
    working_days_after = forms.IntegerField(
        label="Working days after the period ends", min_value=0, max_value=MAX_WORKING_DAYS_AFTER,
        widget=forms.TextInput,  # GOV.UK asks for a text box, not type=number
        help_text=f"From 0 to {MAX_WORKING_DAYS_AFTER}. Weekends, bank holidays and council closure days are not "
                  "counted. For example, 10.")
    run_at = forms.TimeField(label="Time of day", input_formats=["%H:%M", "%H.%M"],
                             help_text="When it is produced on the day it is due, for example 07:00")
    first_period = PeriodChoiceField(queryset=None, required=False, label="First report",
                                     empty_label="The next one to fall due",
                                     help_text="Choose an earlier period to produce it at the next run.")
    recipients = RecipientsField(queryset=None, required=False, widget=forms.CheckboxSelectMultiple,
                                 label="Who gets an e-mail when it is ready",
                                 help_text="They may also read the report, even if they are not in its audience.")
    is_active = forms.BooleanField(label="Active: produce the report when it is due", required=False, initial=True)
    required = {**AudienceForm.required, "frequency": "Choose how often the report is produced",
                "working_days_after": "Enter the number of working days after the period ends",
                "run_at": "Enter the time of day, like 07:00"}
    invalid = {"working_days_after": f"Enter a whole number from 0 to {MAX_WORKING_DAYS_AFTER}",
               "run_at": "Enter a time like 07:00"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["working_days_after"].widget.attrs["data-width"] = "3"
        self.fields["run_at"].widget.attrs["data-width"] = "5"
        self.fields["first_period"].queryset = period_choices_queryset()
        self.fields["recipients"].queryset = User.objects.current().exclude(kind=User.Kind.INDEPENDENT).order_by(
            "kind", "last_name", "first_name")


def period_choices_queryset():
    """Recent and current quarters, then financial years, newest first."""
    from indicators.models import Period

    return Period.objects.filter(pk__in=[p.pk for p in period_choices()]).order_by("kind", "-start")


class GenerateForm(AudienceForm):
    period = PeriodChoiceField(queryset=None, label="Period", empty_label="Choose a period",
                               help_text="Quarters for the executive's, portfolio and scrutiny reports (or a "
                                         "financial year); a financial year for the complaints report.")
    required = {**AudienceForm.required, "period": "Choose the period the report covers"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].queryset = period_choices_queryset()


class CommentaryForm(forms.Form):
    """One commentary box per section of the report."""

    def __init__(self, *args, report, **kwargs):
        super().__init__(*args, **kwargs)
        for slug, title in content.SECTIONS[report.report_type]:
            self.fields[slug] = forms.CharField(
                label=title, required=False, widget=forms.Textarea, initial=(report.commentary or {}).get(slug, ""),
                max_length=5000, error_messages={"max_length": f"{title}: keep it to 5,000 characters or fewer"})
