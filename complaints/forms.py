"""Forms for complaints: they check the shape of each answer; the rules live in complaints.services."""

from django import forms

from complaints.models import (
    Complaint,
    LearningAction,
    OmbudsmanReferral,
    PanelRecommendation,
    PointOutcome,
    Regime,
)
from complaints.selectors import category_choices, complaints_officers, plan_items_for
from core.concurrency import SeenVersionMixin
from core.forms import GovukDateField
from organisation.forms import PersonChoiceField, offer_current_officers
from organisation.models import Service, Team, User
from priorities.periods import fiscal_year_label


def lines(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class GovukForm(SeenVersionMixin, forms.Form):
    """Each field names itself in its messages: the error summary lists them out of context.

    A form that changes a record takes `version=complaints.versions.of(...)`: a save on top of a version
    the person never saw is refused, saying who changed what.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            label = str(field.label or "").lower()
            if isinstance(field, forms.ModelChoiceField | forms.ChoiceField):
                field.error_messages["required"] = f"Choose the {label}"
                field.error_messages["invalid_choice"] = f"Choose the {label} from the list"
            elif isinstance(field, GovukDateField):
                field.error_messages["required"] = f"Enter the {label}"
                field.error_messages["invalid"] = f"The {label} must be a real date, like 27 3 2026"
            else:
                field.error_messages["required"] = f"Enter the {label}"


def _required(field, message):
    field.error_messages["required"] = message
    return field


class ComplaintDetailsForm(GovukForm):
    """What both logging and changing a complaint ask."""

    complainant_name = forms.CharField(label="Complainant's name", max_length=200)
    complainant_type = forms.ChoiceField(label="Who is complaining", choices=Complaint.ComplainantType.choices,
                                         widget=forms.RadioSelect)
    contact_details = forms.CharField(label="Contact details", required=False, widget=forms.Textarea,
                                      help_text="Address, phone or e-mail, and how they prefer to be contacted.")
    service = forms.ModelChoiceField(label="Service", queryset=Service.objects.all(), empty_label="Choose a service")
    team = forms.ModelChoiceField(label="Team", queryset=Team.objects.select_related("service"), required=False,
                                  empty_label="No particular team")
    categories = forms.ModelMultipleChoiceField(
        label="What is it about", queryset=None, required=False, widget=forms.CheckboxSelectMultiple,
        help_text="Choose all that apply.")
    summary = forms.CharField(label="Summary", widget=forms.Textarea)
    points = forms.CharField(label="Points of complaint", required=False, widget=forms.Textarea,
                             help_text="Needed for a formal complaint: one point per line. Each stage gives every "
                                       "point an outcome.")
    received_on = GovukDateField(label="Date received")
    matter_occurred_on = GovukDateField(label="Date of the matter complained about", required=False)
    accepted_late_reason = forms.CharField(
        label="Reason for accepting it after the time limit", required=False, widget=forms.Textarea,
        help_text="Only if the matter is older than the regime's time limit (12 months for adult social care).")
    acknowledged_on = GovukDateField(label="Date acknowledged", required=False)
    owner = PersonChoiceField(label="Case owner", queryset=User.objects.none(), empty_label="Choose an officer",
                              help_text="The complaints officer who answers for the case and gets its reminders.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["categories"].queryset = category_choices()
        self.fields["owner"].queryset = complaints_officers()
        _required(self.fields["complainant_type"], "Choose who is complaining")
        _required(self.fields["summary"], "Enter a summary")

    def clean_points(self):
        return lines(self.cleaned_data["points"])


class ComplaintForm(ComplaintDetailsForm):
    """Log a complaint, an informal complaint or a compliment."""

    kind = forms.ChoiceField(label="What are you recording", choices=Complaint.Kind.choices, widget=forms.RadioSelect)
    regime = forms.ModelChoiceField(label="Procedure", queryset=Regime.objects.all(), widget=forms.RadioSelect,
                                    empty_label=None, help_text="The regime sets the stages and timescales.")
    investigator = PersonChoiceField(label="Investigating officer for stage 1", queryset=User.objects.none(),
                                     required=False, empty_label="Not yet known",
                                     help_text="The officer who looks into it. They will see this case.")
    field_order = ["kind", "regime", "received_on", "complainant_name", "complainant_type", "contact_details",
                   "service", "team", "categories", "summary", "points", "matter_occurred_on", "accepted_late_reason",
                   "acknowledged_on", "owner", "investigator"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offer_current_officers(self.fields["investigator"])
        _required(self.fields["kind"], "Choose whether it is a complaint, an informal complaint or a compliment")
        _required(self.fields["regime"], "Choose the procedure")


class ComplaintEditForm(ComplaintDetailsForm):
    delay_letter_sent_on = GovukDateField(
        label="Date the delay letter was sent", required=False,
        help_text="Adult social care: the letter explaining why there is no response within 6 months.")


class StageForm(GovukForm):
    investigator = PersonChoiceField(label="Investigating officer", queryset=User.objects.none(), required=False,
                                     empty_label="Not yet known")
    independent_person = PersonChoiceField(label="Independent person", queryset=User.objects.none(), required=False,
                                           empty_label="None", help_text="Children's stage 2 has one.")
    extended_to = GovukDateField(label="Response extended to", required=False,
                                 help_text="Only with the complainant's agreement, and within the regime's limit.")
    extension_reason = forms.CharField(label="Reason for the extension", required=False, widget=forms.Textarea)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offer_current_officers(self.fields["investigator"])
        self.fields["independent_person"].queryset = User.objects.current().filter(kind=User.Kind.INDEPENDENT)


class StageResponseForm(GovukForm):
    responded_on = GovukDateField(label="Date of the response")
    findings = forms.CharField(label="Findings", widget=forms.Textarea,
                               help_text="What was found, the conclusions, and the actions the council will take.")
    remedy = forms.CharField(label="Remedy", required=False, widget=forms.Textarea,
                             help_text="An apology, a payment, a service put right.")

    def __init__(self, *args, points=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.points = list(points)
        for point in self.points:
            self.fields[f"point_{point.pk}"] = forms.ChoiceField(
                label=f"Point {point.number}: {point.text}", choices=PointOutcome.Outcome.choices,
                widget=forms.RadioSelect,
                error_messages={"required": f"Choose the outcome for point {point.number}"})

    def outcomes(self):
        return {p.pk: self.cleaned_data.get(f"point_{p.pk}") for p in self.points}


class EscalateForm(GovukForm):
    requested_on = GovukDateField(label="Date the complainant asked for it")
    late_request_reason = forms.CharField(
        label="Reason for accepting a late request", required=False, widget=forms.Textarea,
        help_text="Only if the request came after the regime's window.")
    investigator = PersonChoiceField(label="Investigating officer", queryset=User.objects.none(), required=False,
                                     empty_label="Not yet known")

    def __init__(self, *args, panel=False, **kwargs):
        super().__init__(*args, **kwargs)
        if panel:
            del self.fields["investigator"]
        else:
            offer_current_officers(self.fields["investigator"])


class CloseForm(GovukForm):
    closed_on = GovukDateField(label="Date closed")


class PanelForm(GovukForm):
    members = forms.ModelMultipleChoiceField(label="Members", queryset=User.objects.none(),
                                             widget=forms.CheckboxSelectMultiple)
    chair = PersonChoiceField(label="Chair", queryset=User.objects.none(), required=False, empty_label="Not chosen")

    def __init__(self, *args, all_independent=False, **kwargs):
        super().__init__(*args, **kwargs)
        kinds = [User.Kind.INDEPENDENT] if all_independent else [User.Kind.INDEPENDENT, User.Kind.COUNCILLOR]
        people = User.objects.current().filter(kind__in=kinds).order_by("kind", "last_name", "first_name")
        self.fields["members"].queryset = people
        self.fields["members"].label_from_instance = lambda p: f"{p} ({p.get_kind_display().lower()})"
        self.fields["members"].help_text = ("Independent people only." if all_independent
                                            else "Independent people and councillors.")
        _required(self.fields["members"], "Choose the panel's members")
        self.fields["chair"].queryset = people


class PanelReportForm(GovukForm):
    meeting_on = GovukDateField(label="Date the panel met")
    report_on = GovukDateField(label="Date of the report", required=False)
    report = forms.CharField(label="The panel's findings", required=False, widget=forms.Textarea)
    recommendations = forms.CharField(label="Recommendations", required=False, widget=forms.Textarea,
                                      help_text="One recommendation per line.")

    def clean_recommendations(self):
        return lines(self.cleaned_data["recommendations"])


class PanelResponseForm(GovukForm):
    council_response_on = GovukDateField(label="Date of the council's response")
    council_response = forms.CharField(label="The council's response", widget=forms.Textarea)

    def __init__(self, *args, recommendations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.recommendations = list(recommendations)
        for r in self.recommendations:
            self.fields[f"recommendation_{r.pk}"] = forms.ChoiceField(
                label=f"Recommendation {r.number}: {r.text}", choices=PanelRecommendation.Decision.choices,
                widget=forms.RadioSelect,
                error_messages={"required": f"Choose the council's decision on recommendation {r.number}"})

    def decisions(self):
        return {r.pk: self.cleaned_data.get(f"recommendation_{r.pk}") for r in self.recommendations}


class PlanItemChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, item):
        plan = item.plan if hasattr(item, "plan") else item.objective.plan
        number = f"Objective {item.number}: " if hasattr(item, "plan") else ""
        return f"{plan.year_label}: {number}{item.title}"


class LearningActionForm(GovukForm):
    description = forms.CharField(label="What will change", widget=forms.Textarea,
                                  help_text="Without personal details: a linked service plan shows it.")
    owner = PersonChoiceField(label="Owner", queryset=User.objects.none(), empty_label="Choose an officer")
    due_on = GovukDateField(label="Due date")
    status = forms.ChoiceField(label="Status", choices=LearningAction.Status.choices, widget=forms.RadioSelect)
    objective = PlanItemChoiceField(label="Service plan objective", queryset=None, required=False,
                                    empty_label="Not linked to a plan")
    milestone = PlanItemChoiceField(label="Service plan milestone", queryset=None, required=False,
                                    empty_label="Not linked to a milestone")

    def __init__(self, *args, service=None, **kwargs):
        super().__init__(*args, **kwargs)
        offer_current_officers(self.fields["owner"])
        _required(self.fields["description"], "Describe what will change")
        objectives, milestones = plan_items_for(service)
        self.fields["objective"].queryset = objectives
        self.fields["milestone"].queryset = milestones
        for name in ("objective", "milestone"):
            self.fields[name].help_text = f"In {service}'s service plans for this year and later." if service else ""


class OmbudsmanForm(GovukForm):
    reference = forms.CharField(label="Ombudsman's reference", max_length=50)
    referred_on = GovukDateField(label="Date the Ombudsman told the council")
    decision = forms.ChoiceField(label="Decision", required=False, widget=forms.RadioSelect,
                                 choices=[("", "No decision yet"), *OmbudsmanReferral.Decision.choices])
    decided_on = GovukDateField(label="Date of the decision", required=False)
    remedy = forms.CharField(label="Remedy the Ombudsman asked for", required=False, widget=forms.Textarea)


class ComplaintFilterForm(forms.Form):
    reference = forms.CharField(label="Reference", required=False, max_length=30)
    status = forms.ChoiceField(label="Status", required=False,
                               choices=[("open", "Open"), ("closed", "Closed"), ("all", "All")])
    kind = forms.ChoiceField(label="Type", required=False, choices=[("", "All types"), *Complaint.Kind.choices])
    regime = forms.ModelChoiceField(label="Procedure", required=False, queryset=Regime.objects.all(),
                                    empty_label="All procedures")
    service = forms.ModelChoiceField(label="Service", required=False, queryset=Service.objects.all(),
                                     empty_label="All services")


class StatisticsFilterForm(forms.Form):
    year = forms.TypedChoiceField(label="Financial year", coerce=int, choices=())
    quarter = forms.TypedChoiceField(label="Quarter", coerce=int, required=False, empty_value=None,
                                     choices=[("", "Whole year"), (1, "Q1 April to June"), (2, "Q2 July to September"),
                                              (3, "Q3 October to December"), (4, "Q4 January to March")])
    service = forms.ModelChoiceField(label="Service", required=False, queryset=Service.objects.all(),
                                     empty_label="All services")
    regime = forms.ModelChoiceField(label="Procedure", required=False, queryset=Regime.objects.all(),
                                    empty_label="All procedures")

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, fiscal_year_label(y)) for y in years]
