"""Forms for appraisals: they check what was typed; services do the saving."""

from django import forms

from appraisals.models import (
    AppraisalCycle,
    ProgressNote,
    SupportPlan,
    SupportPlanAction,
    SupportPlanReview,
)
from core.forms import GovukDateField
from organisation.forms import PersonChoiceField
from organisation.models import User
from priorities.forms import FinancialYearField, GovukMessages

PERSONAL = "personal"


class CycleForm(GovukMessages, forms.ModelForm):
    year = FinancialYearField(label="Financial year", help_text="For example, 2026/27")
    objective_setting_starts = GovukDateField(label="Objective setting opens")
    objective_setting_ends = GovukDateField(label="Objective setting closes")
    mid_year_starts = GovukDateField(label="Mid-year review opens")
    mid_year_ends = GovukDateField(label="Mid-year review closes")
    year_end_starts = GovukDateField(label="Year-end review opens")
    year_end_ends = GovukDateField(label="Year-end review closes")
    required = {"year": "Enter the financial year, like 2026/27",
                **{f"{p}_{e}": f"Enter the date the {n} {w}" for p, n in (
                    ("objective_setting", "objective setting window"), ("mid_year", "mid-year review window"),
                    ("year_end", "year-end review window")) for e, w in (("starts", "opens"), ("ends", "closes"))}}
    widths = {"year": "5"}

    class Meta:
        model = AppraisalCycle
        fields = ["year", "objective_setting_starts", "objective_setting_ends", "mid_year_starts", "mid_year_ends",
                  "year_end_starts", "year_end_ends"]


def objective_choices(service_objectives):
    choices = [("", "Choose an objective")]
    for o in service_objectives:
        priorities = ", ".join(f"priority {p.number}" for p in o.priorities.all())
        choices.append((str(o.pk), f"{o.plan.service.name}: {o.title}" + (f" ({priorities})" if priorities else "")))
    return choices


class ObjectiveForm(GovukMessages, forms.Form):
    title = forms.CharField(label="What will be achieved", max_length=300,
                            help_text="Specific and achievable: what you will do or deliver.")
    measure = forms.CharField(label="How it will be measured", widget=forms.Textarea(attrs={"rows": 3}),
                              help_text="The figure, evidence or standard that shows it is done.")
    target_date = GovukDateField(label="Target date")
    serves = forms.ChoiceField(label="What it serves", widget=forms.RadioSelect)
    service_objective = forms.ChoiceField(label="Service plan objective", required=False,
                                          help_text="The objective in the service plan that this helps deliver.")
    required = {"title": "Enter what will be achieved", "measure": "Enter how it will be measured",
                "target_date": "Enter the target date",
                "serves": "Choose whether it serves a service plan objective or is personal development"}

    def __init__(self, *args, service_objectives=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.service_objectives = {str(o.pk): o for o in service_objectives}
        self.fields["serves"].choices = [("plan", "A service plan objective"),
                                         (PERSONAL, "My own development (personal development)")]
        self.fields["service_objective"].choices = objective_choices(service_objectives)

    def clean(self):
        data = super().clean()
        if data.get("serves") == "plan":
            chosen = self.service_objectives.get(data.get("service_objective") or "")
            if chosen is None:
                self.add_error("service_objective", "Choose the service plan objective it serves")
            data["service_objective_obj"] = chosen
        else:
            data["service_objective_obj"] = None
        return data

    def service_fields(self):
        data = self.cleaned_data
        return {"title": data["title"], "measure": data["measure"], "target_date": data["target_date"],
                "service_objective": data["service_objective_obj"],
                "is_personal_development": data["serves"] == PERSONAL}


class CascadeForm(GovukMessages, forms.Form):
    service_objective = forms.ChoiceField(label="Service plan objective to cascade")
    people = forms.ModelMultipleChoiceField(queryset=None, label="Staff who will share it",
                                            widget=forms.CheckboxSelectMultiple,
                                            help_text="Each person then tailors the wording and measure to their job.")
    title = forms.CharField(label="What each person will achieve", max_length=300,
                            help_text="A starting point each person can reword.")
    measure = forms.CharField(label="How it will be measured", widget=forms.Textarea(attrs={"rows": 3}))
    target_date = GovukDateField(label="Target date")
    required = {"service_objective": "Choose the service plan objective to cascade",
                "people": "Choose at least one member of staff", "title": "Enter what each person will achieve",
                "measure": "Enter how it will be measured", "target_date": "Enter the target date"}

    def __init__(self, *args, service_objectives=(), people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.service_objectives = {str(o.pk): o for o in service_objectives}
        self.fields["service_objective"].choices = objective_choices(service_objectives)
        self.fields["people"].queryset = people
        self.fields["people"].label_from_instance = PersonChoiceField.label_from_instance.__get__(
            self.fields["people"])
        self.fields["people"].error_messages["invalid_choice"] = "Choose from your own staff"
        self.fields["service_objective"].error_messages["invalid_choice"] = "Choose one of the objectives"

    def clean_service_objective(self):
        return self.service_objectives[self.cleaned_data["service_objective"]]


class ProgressNoteForm(GovukMessages, forms.Form):
    status = forms.ChoiceField(label="How is it going?", choices=ProgressNote.Status.choices,
                               widget=forms.RadioSelect)
    note = forms.CharField(label="Progress note", widget=forms.Textarea(attrs={"rows": 4}),
                           help_text="What has been done, and what is next.")
    required = {"status": "Choose how the objective is going", "note": "Enter a progress note"}


class PlanForm(GovukMessages, forms.Form):
    behaviours = forms.CharField(label="Behaviours and values to be assessed", required=False,
                                 widget=forms.Textarea(attrs={"rows": 4}),
                                 help_text="For example, respect, openness and working together.")
    development_plan = forms.CharField(label="Personal development plan", required=False,
                                       widget=forms.Textarea(attrs={"rows": 5}),
                                       help_text="Training, coaching or experience planned this year, and when.")


class StaffCommentsForm(GovukMessages, forms.Form):
    staff_comments = forms.CharField(label="Your comments", widget=forms.Textarea(attrs={"rows": 6}),
                                     help_text="How the year is going for you: what went well, what was hard, "
                                               "what support you need.")
    required = {"staff_comments": "Enter your comments on the year so far"}


class ManagerAssessmentForm(GovukMessages, forms.Form):
    manager_comments = forms.CharField(label="Your comments as the manager", widget=forms.Textarea(attrs={"rows": 6}))
    overall_rating = forms.TypedChoiceField(label="Overall performance", coerce=int, widget=forms.RadioSelect)
    required = {"manager_comments": "Enter your comments as the manager",
                "overall_rating": "Choose a rating for the overall performance"}

    def __init__(self, *args, scale=(), objectives=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(level.value, f"{level.value} – {level.label}") for level in scale]
        self.fields["overall_rating"].choices = choices
        self.objective_fields = []
        for objective in objectives:
            name = f"rating_{objective.pk}"
            self.fields[name] = forms.TypedChoiceField(
                label=f"Objective {objective.number}: {objective.title}", coerce=int,
                choices=[("", "Choose a rating"), *choices],
                error_messages={"required": f"Choose a rating for objective {objective.number}",
                                "invalid_choice": "Choose a rating from the scale"})
            self.objective_fields.append(name)

    def ratings(self):
        return {int(name.split("_")[1]): self.cleaned_data[name] for name in self.objective_fields}



# Support plans ------------------------------------------------------------------

class SupportPlanForm(GovukMessages, forms.Form):
    kind = forms.ChoiceField(
        label="Kind of plan", choices=SupportPlan.Kind.choices, widget=forms.RadioSelect,
        help_text="A support plan is informal help to get back on track; a performance improvement plan is the "
                  "first formal step, agreed with HR.")
    concerns = forms.CharField(label="What is not going well", widget=forms.Textarea(attrs={"rows": 4}),
                               help_text="The standard that has not been met, with examples.")
    expected_standard = forms.CharField(label="What good looks like", widget=forms.Textarea(attrs={"rows": 4}),
                                        help_text="What needs to be done, to what standard, by when.")
    support_offered = forms.CharField(label="Support that will be given (optional)", required=False,
                                      widget=forms.Textarea(attrs={"rows": 4}),
                                      help_text="Training, supervision, reasonable adjustments or other help.")
    next_review_on = GovukDateField(label="First review date", help_text="Usually two to six weeks from now.")
    required = {"kind": "Choose the kind of plan", "concerns": "Enter what is not going well",
                "expected_standard": "Enter what good looks like",
                "next_review_on": "Enter the date of the first review"}

    def __init__(self, *args, first=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not first:
            self.fields["next_review_on"].label = "Next review date"
            self.fields["next_review_on"].help_text = "The date of the next review meeting."
            self.fields["next_review_on"].error_messages["required"] = "Enter the date of the next review"


class OwnerField(PersonChoiceField):
    def __init__(self, **kwargs):
        super().__init__(queryset=User.objects.none(), empty_label="Choose an owner", **kwargs)


class SupportPlanActionForm(GovukMessages, forms.Form):
    description = forms.CharField(label="Action", widget=forms.Textarea(attrs={"rows": 3}),
                                  help_text="What will be done: specific enough to check at the next review.")
    owner = OwnerField(label="Owner", help_text="The person, or someone in their line-management chain.")
    due_on = GovukDateField(label="Due date")
    status = forms.ChoiceField(label="Status", choices=SupportPlanAction.Status.choices, widget=forms.RadioSelect)
    required = {"description": "Enter the action", "owner": "Choose who owns the action",
                "due_on": "Enter the date the action is due", "status": "Choose the status of the action"}

    def __init__(self, *args, owners=None, with_status=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners if owners is not None else User.objects.none()
        self.fields["owner"].error_messages["invalid_choice"] = (
            "Choose the person or someone in their line-management chain")
        if not with_status:
            del self.fields["status"]


class ActionStatusForm(GovukMessages, forms.Form):
    status = forms.ChoiceField(label="How far has this action got?", choices=SupportPlanAction.Status.choices,
                               widget=forms.RadioSelect)
    required = {"status": "Choose the status of the action"}


class SupportPlanReviewForm(GovukMessages, forms.Form):
    held_on = GovukDateField(label="Date of the review")
    outcome = forms.ChoiceField(
        label="Outcome", widget=forms.RadioSelect,
        choices=[(o.value, o.label) for o in (SupportPlanReview.Outcome.IMPROVING,
                                              SupportPlanReview.Outcome.NOT_IMPROVING)],
        help_text="To end the plan, close it instead.")
    notes = forms.CharField(label="Review notes", widget=forms.Textarea(attrs={"rows": 5}),
                            help_text="What was discussed, progress on each action, and what happens next.")
    next_review_on = GovukDateField(label="Next review date")
    required = {"held_on": "Enter the date of the review", "outcome": "Choose the outcome of the review",
                "notes": "Enter the notes of the review", "next_review_on": "Enter the date of the next review"}


class SupportPlanCloseForm(GovukMessages, forms.Form):
    outcome = forms.ChoiceField(label="How does the plan end?", widget=forms.RadioSelect, choices=[
        (SupportPlanReview.Outcome.CLOSED_SUCCESSFULLY.value, "Closed successfully: the expected standard is met"),
        (SupportPlanReview.Outcome.ESCALATED.value, "Escalated: to the council's formal capability procedure"),
    ])
    held_on = GovukDateField(label="Date of the final review")
    notes = forms.CharField(label="Closing notes", widget=forms.Textarea(attrs={"rows": 5}),
                            help_text="What was achieved, or why it is being escalated.")
    required = {"outcome": "Choose how the plan ends", "held_on": "Enter the date of the final review",
                "notes": "Enter the closing notes"}


class SupportPlanCommentForm(GovukMessages, forms.Form):
    text = forms.CharField(label="Your comment", widget=forms.Textarea(attrs={"rows": 5}),
                           help_text="What you think of the plan, how it is going, or support you need.")
    required = {"text": "Enter your comment"}
