"""Forms for priorities and plans: they check what was typed; services do the saving.

Model forms are used for their fields and for running the model's own rules
(so a due date outside the plan's year is reported next to the due date), but
never saved directly: views pass `cleaned_data` to a service.
"""

from django import forms
from django.core.exceptions import ValidationError

from core.concurrency import ConcurrentEditMixin
from core.forms import GovukDateField
from indicators.models import Indicator
from organisation.forms import PersonChoiceField, offer_current_officers
from organisation.models import Service, User
from priorities import periods, risk_matrix
from priorities.models import (
    Communication,
    EngagementExercise,
    EngagementGroup,
    Milestone,
    NonPriority,
    Objective,
    Priority,
    Risk,
    ServicePlan,
    StrategicPlan,
    YouSaidWeDid,
    progress_errors,
)
from priorities.services import objective_link_errors


class GovukMessages:
    """Give each field the GOV.UK wording for a missing answer: `required = {"field": "Enter ..."}`."""

    required = {}
    invalid = {}
    widths = {"budget": "10", "staff_fte": "5", "percent_complete": "3", "participants": "5",
              "first_year": "5", "last_year": "5"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, width in self.widths.items():
            if name in self.fields:
                self.fields[name].widget.attrs["data-width"] = width
        for name, message in self.required.items():
            self.fields[name].error_messages["required"] = message
        for name, message in self.invalid.items():
            for key in ("invalid", "invalid_choice", "min_value", "max_value", "max_digits", "max_decimal_places"):
                self.fields[name].error_messages[key] = message
        for name, field in self.fields.items():
            if isinstance(field, forms.ModelChoiceField) and name not in self.invalid:
                field.error_messages["invalid_choice"] = "Choose one of the options"
            if isinstance(field.widget, forms.RadioSelect) and not isinstance(field, forms.ModelChoiceField):
                # Radios need no "nothing chosen" option: not choosing is how a person chooses nothing.
                field.choices = [(value, label) for value, label in field.choices if value != ""]


class FinancialYearField(forms.CharField):
    """A financial year typed as 2026/27, held as the year it starts (2026)."""

    default_error_messages = {"invalid": "Enter a financial year like 2026/27"}

    def prepare_value(self, value):
        return periods.fiscal_year_label(value) if isinstance(value, int) else value

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        year = periods.parse_fiscal_year(value)
        if year is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return year


def officer_field(label, **kwargs):
    return PersonChoiceField(queryset=User.objects.none(), label=label, empty_label="Choose a person", **kwargs)


class OfficerChoices:
    """Offer only current officers for the form's person fields."""

    person_fields = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.person_fields:
            offer_current_officers(self.fields[name])


class StrategicPlanForm(GovukMessages, forms.ModelForm):
    first_year = FinancialYearField(label="First financial year", help_text="For example, 2024/25")
    last_year = FinancialYearField(label="Last financial year", help_text="For example, 2027/28")
    adopted_on = GovukDateField(label="Adopted by full council on", required=False)
    required = {"title": "Enter the title of the strategic plan", "first_year": "Enter the first financial year",
                "last_year": "Enter the last financial year"}

    class Meta:
        model = StrategicPlan
        fields = ["title", "first_year", "last_year", "vision", "adopted_on"]


class PriorityForm(OfficerChoices, GovukMessages, forms.ModelForm):
    owner = officer_field("Owner", help_text="The senior officer who answers for this priority.")
    person_fields = ["owner"]
    required = {
        "title": "Enter the priority's title", "description": "Describe the priority",
        "area": "Choose whether it is a corporate or social services priority",
        "origin": "Choose whether it is a national requirement or of local importance",
        "rationale": "Enter why it is a priority", "owner": "Choose the priority's owner",
        "status": "Choose the priority's status",
    }
    invalid = {"budget": "Enter the budget in whole pounds, like 250000",
               "staff_fte": "Enter the staff as a number of full-time posts, like 4.5"}

    class Meta:
        model = Priority
        fields = ["title", "description", "area", "origin", "national_source", "rationale", "ambition_evidence",
                  "budget", "staff_fte", "capacity", "owner", "status", "is_published"]
        widgets = {"area": forms.RadioSelect, "origin": forms.RadioSelect, "status": forms.RadioSelect}


class CommunicationForm(GovukMessages, forms.ModelForm):
    communicated_on = GovukDateField(label="Date")
    required = {"audience": "Choose who it was communicated to", "channel": "Enter how it was communicated",
                "communicated_on": "Enter the date it was communicated"}

    class Meta:
        model = Communication
        fields = ["audience", "channel", "communicated_on", "note"]
        widgets = {"audience": forms.RadioSelect}


class NonPriorityForm(GovukMessages, forms.ModelForm):
    decided_on = GovukDateField(label="Date of the decision")
    review_on = GovukDateField(label="Review by")
    required = {"title": "Enter what is not a priority", "reason": "Enter why it is not a priority",
                "decision": "Enter the decision and who took it", "decided_on": "Enter the date of the decision",
                "review_on": "Enter the date by which the decision will be reviewed"}

    class Meta:
        model = NonPriority
        fields = ["title", "reason", "decision", "decided_on", "review_on", "is_published"]


class EngagementExerciseForm(OfficerChoices, GovukMessages, forms.ModelForm):
    methods = forms.MultipleChoiceField(choices=EngagementExercise.Method.choices,
                                        widget=forms.CheckboxSelectMultiple, label="Methods used")
    starts_on = GovukDateField(label="Started on")
    ends_on = GovukDateField(label="Ended on", required=False)
    lead_officer = officer_field("Lead officer", required=False)
    priorities = forms.ModelMultipleChoiceField(queryset=Priority.objects.none(), required=False,
                                                widget=forms.CheckboxSelectMultiple, label="Priorities it shaped")
    person_fields = ["lead_officer"]
    required = {"title": "Enter the exercise's title", "purpose": "Enter what the council wanted to find out",
                "methods": "Choose at least one method", "starts_on": "Enter the date it started"}
    invalid = {"participants": "Enter the number of people who took part, like 120"}

    class Meta:
        model = EngagementExercise
        fields = ["title", "purpose", "methods", "starts_on", "ends_on", "participants", "lead_officer",
                  "what_people_said", "priorities", "is_published"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["priorities"].queryset = Priority.objects.select_related("strategic_plan").order_by(
            "-strategic_plan__first_year", "number")


class EngagementGroupForm(GovukMessages, forms.ModelForm):
    reached = forms.TypedChoiceField(
        label="Did the group take part?", choices=[("True", "Yes, it took part"), ("False", "No, it was missed")],
        coerce=lambda v: v == "True", widget=forms.RadioSelect,
    )
    required = {"name": "Enter the group's name", "reached": "Choose whether the group took part"}

    class Meta:
        model = EngagementGroup
        fields = ["name", "is_hard_to_reach", "reached", "how"]


class YouSaidWeDidForm(GovukMessages, forms.ModelForm):
    required = {"you_said": "Enter what people said", "we_did": "Enter what the council did in response"}

    class Meta:
        model = YouSaidWeDid
        fields = ["you_said", "we_did"]


class ServicePlanStartForm(GovukMessages, forms.Form):
    service = forms.ModelChoiceField(queryset=Service.objects.none(), empty_label="Choose a service")
    year = forms.TypedChoiceField(label="Financial year", coerce=int, choices=())
    required = {"service": "Choose the service", "year": "Choose the financial year"}

    def __init__(self, *args, services, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = services
        self.fields["year"].choices = [(y, periods.fiscal_year_label(y)) for y in years]
        self.fields["year"].error_messages["invalid_choice"] = "Choose a year the strategic plan covers"


class ServicePlanForm(ConcurrentEditMixin, GovukMessages, forms.ModelForm):
    invalid = {"budget": "Enter the budget in whole pounds, like 4200000",
               "staff_fte": "Enter the staff as a number of full-time posts, like 86.5"}

    class Meta:
        model = ServicePlan
        fields = ["purpose", "budget", "staff_fte", "other_resources"]


class ReturnPlanForm(forms.Form):
    reason = forms.CharField(
        label="Why are you returning the plan?", widget=forms.Textarea, max_length=4000,
        help_text="Say what needs to change before you can approve it. The service sees this.",
        error_messages={"required": "Enter why the plan is being returned, so the service knows what to change"},
    )


class ObjectiveForm(OfficerChoices, GovukMessages, forms.ModelForm):
    owner = officer_field("Owner")
    priorities = forms.ModelMultipleChoiceField(queryset=Priority.objects.none(), required=False,
                                                widget=forms.CheckboxSelectMultiple,
                                                label="Which priorities does it serve?")
    indicators = forms.ModelMultipleChoiceField(
        queryset=Indicator.objects.none(), required=False, widget=forms.CheckboxSelectMultiple,
        label="Which indicators measure it? (optional)",
        help_text="Their targets and RAG then show beside the objective and on the golden thread.")
    person_fields = ["owner"]
    required = {"title": "Enter the objective", "owner": "Choose the objective's owner"}

    class Meta:
        model = Objective
        fields = ["title", "description", "priorities", "no_priority_reason", "indicators", "owner", "is_published"]
        labels = {"title": "Objective"}
        help_texts = {"title": "What the service will achieve this year, for example: start home care within "
                               "48 hours of it being agreed."}

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["priorities"].queryset = plan.strategic_plan.priorities.exclude(
            status=Priority.Status.WITHDRAWN)
        self.fields["indicators"].queryset = Indicator.objects.filter(service=plan.service_id, is_active=True)

    def clean(self):
        data = super().clean()
        if "priorities" in data:
            for name, message in objective_link_errors(plan=self.plan, priorities=list(data["priorities"]),
                                                       no_priority_reason=data.get("no_priority_reason")).items():
                self.add_error(name, message)
        return data


class MilestoneForm(OfficerChoices, GovukMessages, forms.ModelForm):
    due_on = GovukDateField(label="Due date")
    owner = officer_field("Owner", help_text="The person who reports its progress.")
    person_fields = ["owner"]
    required = {"title": "Enter the milestone", "due_on": "Enter the due date", "owner": "Choose the milestone's owner"}

    class Meta:
        model = Milestone
        fields = ["title", "due_on", "owner", "is_published"]
        labels = {"title": "Milestone"}
        help_texts = {"title": "A step you can show is done, for example: new contracts running in all four zones."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        plan = self.instance.objective.plan
        self.fields["due_on"].help_text = (f"Within {plan.year_label}: between {plan.starts_on:%-d %B %Y} "
                                           f"and {plan.ends_on:%-d %B %Y}.")


class ProgressForm(GovukMessages, forms.Form):
    status = forms.ChoiceField(choices=Milestone.Status.choices, widget=forms.RadioSelect)
    percent_complete = forms.IntegerField(label="Percentage complete", help_text="A number from 0 to 100.")
    note = forms.CharField(label="Progress note", widget=forms.Textarea, max_length=4000,
                           help_text="What has been done since the last update, and what happens next.")
    recorded_on = GovukDateField(label="Date of the update")
    required = {"status": "Choose the milestone's status", "percent_complete": "Enter the percentage complete",
                "note": "Enter a progress note: what has been done and what happens next",
                "recorded_on": "Enter the date of the update"}
    invalid = {"percent_complete": "Enter the percentage complete as a whole number from 0 to 100"}

    def full_clean(self):
        # Choosing Complete says it all: the percentage becomes 100 whatever was typed.
        if self.is_bound and self.data.get(self.add_prefix("status")) == Milestone.Status.COMPLETE:
            self.data = self.data.copy()
            self.data[self.add_prefix("percent_complete")] = "100"
        super().full_clean()

    def clean(self):
        data = super().clean()
        status, percent = data.get("status"), data.get("percent_complete")
        if status and percent is not None:
            for name, message in progress_errors(status, percent).items():
                self.add_error(name, message)
        return data


def _scale_choices(labels):
    return [(n, f"{n} – {label}") for n, label in labels.items()]


class RiskForm(OfficerChoices, GovukMessages, forms.ModelForm):
    owner = officer_field("Owner")
    review_on = GovukDateField(label="Next review")
    person_fields = ["owner"]
    required = {
        "title": "Enter the risk", "likelihood": "Choose how likely the risk is",
        "impact": "Choose how great the impact would be", "mitigations": "Enter what is being done about the risk",
        "residual_likelihood": "Choose how likely the risk is after mitigation",
        "residual_impact": "Choose how great the impact would be after mitigation",
        "owner": "Choose the risk's owner", "review_on": "Enter the date of the next review",
    }

    class Meta:
        model = Risk
        fields = ["title", "description", "likelihood", "impact", "mitigations", "residual_likelihood",
                  "residual_impact", "owner", "review_on"]
        widgets = {name: forms.RadioSelect for name in
                   ("likelihood", "impact", "residual_likelihood", "residual_impact")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, labels in (("likelihood", risk_matrix.LIKELIHOOD_LABELS), ("impact", risk_matrix.IMPACT_LABELS),
                             ("residual_likelihood", risk_matrix.LIKELIHOOD_LABELS),
                             ("residual_impact", risk_matrix.IMPACT_LABELS)):
            self.fields[name].choices = _scale_choices(labels)
