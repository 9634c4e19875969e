"""Forms for scrutiny: they check what was typed, with GOV.UK wording; services do the saving."""

from django import forms

from core.forms import GovukDateField
from indicators.models import Indicator
from organisation.forms import PersonChoiceField, current_councillors, offer_current_officers
from organisation.models import Portfolio, Service, User
from priorities.forms import GovukMessages
from priorities.models import Objective
from scrutiny.models import (
    AgendaItem,
    BestValueReview,
    CallIn,
    Committee,
    CommitteeMember,
    DeliveryOption,
    Evidence,
    ExecutiveDecision,
    FourCsEvidence,
    ImprovementAction,
    InformationRequest,
    Meeting,
    NhsBody,
    Recommendation,
    ReviewMember,
    ScrutinyReview,
    SubstantialChange,
    Topic,
)


def councillor_field(label, **kwargs):
    return PersonChoiceField(queryset=User.objects.none(), label=label, empty_label="Choose a councillor", **kwargs)


class CommitteeForm(GovukMessages, forms.ModelForm):
    required = {"name": "Enter the committee's name", "kind": "Choose what kind of committee it is"}

    class Meta:
        model = Committee
        fields = ["name", "kind", "remit", "directorates", "has_health_scrutiny_powers"]
        widgets = {"kind": forms.RadioSelect, "directorates": forms.CheckboxSelectMultiple}


class CommitteeMemberForm(GovukMessages, forms.Form):
    person = councillor_field("Councillor")
    role = forms.ChoiceField(choices=CommitteeMember.Role.choices, widget=forms.RadioSelect, initial="member")
    required = {"person": "Choose the councillor", "role": "Choose their role on the committee"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = current_councillors()


class MeetingForm(GovukMessages, forms.ModelForm):
    held_on = GovukDateField(label="Date of the meeting")
    starts_at = forms.TimeField(label="Starts at", required=False, help_text="For example, 18:30",
                                input_formats=["%H:%M", "%H.%M"])
    required = {"held_on": "Enter the date of the meeting"}
    invalid = {"starts_at": "Enter a time like 18:30"}

    class Meta:
        model = Meeting
        fields = ["held_on", "starts_at", "venue", "is_cancelled"]


class AgendaItemForm(GovukMessages, forms.ModelForm):
    required = {"title": "Enter the item's title", "kind": "Choose what kind of item it is"}
    invalid = {"report_url": "Enter a web address starting https://"}

    class Meta:
        model = AgendaItem
        fields = ["title", "kind", "description", "report_url", "indicator", "review", "topic"]

    def __init__(self, *args, meeting=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = Indicator.objects.filter(is_active=True)
        self.fields["indicator"].empty_label = "None"
        if meeting is not None:
            self.fields["review"].queryset = ScrutinyReview.objects.filter(committee=meeting.committee)
            self.fields["topic"].queryset = Topic.objects.filter(committee=meeting.committee)
        self.fields["review"].empty_label = "None"
        self.fields["topic"].empty_label = "None"


class TopicForm(GovukMessages, forms.ModelForm):
    required = {"title": "Enter the topic", "source": "Choose who or what suggested it",
                "priority": "Choose the topic's priority", "method": "Choose how the committee will look at it",
                "status": "Choose the topic's status", "year": "Enter the municipal year, like 2026"}
    invalid = {"year": "Enter the municipal year as the year it starts, like 2026"}
    widths = {"year": "4"}

    class Meta:
        model = Topic
        fields = ["title", "description", "source", "source_detail", "indicator", "service", "is_health",
                  "nhs_bodies", "priority", "method", "status", "year", "meeting"]
        widgets = {"source": forms.RadioSelect, "priority": forms.RadioSelect, "method": forms.RadioSelect,
                   "status": forms.RadioSelect, "nhs_bodies": forms.CheckboxSelectMultiple}

    def __init__(self, *args, committee, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.committee = committee
        self.fields["meeting"].queryset = Meeting.objects.filter(committee=committee, is_cancelled=False)
        self.fields["meeting"].empty_label = "Not yet scheduled"
        self.fields["indicator"].queryset = Indicator.objects.filter(is_active=True)
        self.fields["indicator"].empty_label = "None"
        self.fields["service"].queryset = Service.objects.all()
        self.fields["service"].empty_label = "None"
        self.fields["year"].min_value = 2000


class WatchlistTopicForm(GovukMessages, forms.Form):
    committee = forms.ModelChoiceField(queryset=Committee.objects.filter(kind=Committee.Kind.SCRUTINY),
                                       empty_label="Choose a committee", label="Which committee's work programme")
    priority = forms.ChoiceField(choices=Topic.Priority.choices, widget=forms.RadioSelect, initial="high")
    required = {"committee": "Choose the committee", "priority": "Choose the topic's priority"}


class ReviewForm(GovukMessages, forms.ModelForm):
    started_on = GovukDateField(label="Started on")
    required = {"title": "Enter the review's title", "scope": "Enter the review's scope",
                "started_on": "Enter the date the review started", "status": "Choose the review's stage"}

    class Meta:
        model = ScrutinyReview
        fields = ["title", "scope", "key_questions", "started_on", "status"]
        widgets = {"status": forms.RadioSelect}


class ReviewMemberForm(GovukMessages, forms.Form):
    person = councillor_field("Councillor", required=False, help_text="Leave empty for a co-optee")
    name = forms.CharField(label="Co-optee's name", required=False, max_length=200)
    organisation = forms.CharField(label="Co-optee's organisation", required=False, max_length=200)
    role = forms.ChoiceField(choices=ReviewMember.Role.choices, widget=forms.RadioSelect, initial="member")
    required = {"role": "Choose their role on the review"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = current_councillors()


class EvidenceForm(GovukMessages, forms.ModelForm):
    gathered_on = GovukDateField(label="Date")
    required = {"kind": "Choose the kind of evidence", "title": "Enter a title for the evidence",
                "gathered_on": "Enter the date", "summary": "Enter what the evidence showed"}
    invalid = {"link": "Enter a web address starting https://"}

    class Meta:
        model = Evidence
        fields = ["kind", "title", "gathered_on", "source", "summary", "link"]
        widgets = {"kind": forms.RadioSelect}


class RecommendationForm(GovukMessages, forms.ModelForm):
    required = {"text": "Enter the recommendation"}

    class Meta:
        model = Recommendation
        fields = ["text", "addressed_to"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["addressed_to"].queryset = Portfolio.objects.all()
        self.fields["addressed_to"].empty_label = "The executive as a whole"


class ReportForm(GovukMessages, forms.Form):
    report_summary = forms.CharField(label="Report summary", widget=forms.Textarea)
    reported_on = GovukDateField(label="Report went to the executive on",
                                 help_text="The executive must respond within 2 months of this date.")
    publish = forms.BooleanField(label="Publish the report now", required=False,
                                 help_text="Unpublished reports are seen only by officers and councillors.")
    required = {"report_summary": "Enter the report summary",
                "reported_on": "Enter the date the report went to the executive"}


class ResponseForm(GovukMessages, forms.Form):
    response = forms.ChoiceField(label="The executive's response", choices=Recommendation.Response.choices,
                                 widget=forms.RadioSelect)
    response_reasons = forms.CharField(label="Reasons", widget=forms.Textarea, required=False,
                                       help_text="Needed when the recommendation is not accepted in full")
    responded_on = GovukDateField(label="Date of the response")
    required = {"response": "Choose accept, partly accept or reject",
                "responded_on": "Enter the date of the response"}


class ImplementationForm(GovukMessages, forms.Form):
    implementation = forms.ChoiceField(label="Implementation", choices=Recommendation.Implementation.choices,
                                       widget=forms.RadioSelect)
    note = forms.CharField(label="Update", widget=forms.Textarea)
    outcome = forms.CharField(label="Outcome so far", widget=forms.Textarea, required=False,
                              help_text="What difference it has made")
    required = {"implementation": "Choose how implementation stands", "note": "Enter the update"}


class CompleteForm(GovukMessages, forms.Form):
    outcome = forms.CharField(label="Outcome of the review", widget=forms.Textarea)
    required = {"outcome": "Describe the outcome of the review"}


# Best Value ------------------------------------------------------------------------

class BestValueReviewForm(GovukMessages, forms.ModelForm):
    lead_officer = PersonChoiceField(queryset=User.objects.none(), label="Lead officer", required=False,
                                     empty_label="Choose a person")
    required = {"title": "Enter the review's title", "service": "Choose the service under review",
                "year": "Enter the programme year, like 2026", "stage": "Choose the review's stage"}
    invalid = {"year": "Enter the programme year as the year it starts, like 2026"}
    widths = {"year": "4"}

    class Meta:
        model = BestValueReview
        fields = ["title", "service", "year", "stage", "lead_officer", "baseline", "indicators", "report_summary",
                  "approved_on", "is_published"]
        widgets = {"stage": forms.RadioSelect, "indicators": forms.CheckboxSelectMultiple}
        field_classes = {"approved_on": GovukDateField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offer_current_officers(self.fields["lead_officer"])
        self.fields["service"].empty_label = "Choose a service"
        self.fields["indicators"].queryset = Indicator.objects.filter(is_active=True).order_by("code")
        self.fields["indicators"].label = "Indicators to compare"


class ScopeForm(GovukMessages, forms.Form):
    scope = forms.CharField(label="Scope agreed", widget=forms.Textarea)
    scope_agreed_by = forms.ModelChoiceField(queryset=Committee.objects.exclude(kind=Committee.Kind.OTHER),
                                             label="Agreed by", empty_label="Choose a committee")
    scope_agreed_on = GovukDateField(label="Agreed on")
    required = {"scope": "Enter the scope", "scope_agreed_by": "Choose who agreed the scope",
                "scope_agreed_on": "Enter the date the scope was agreed"}


class SectionForm(GovukMessages, forms.Form):
    findings = forms.CharField(label="Findings", widget=forms.Textarea, required=False)
    is_complete = forms.BooleanField(label="This section is complete", required=False)


class FourCsEvidenceForm(GovukMessages, forms.ModelForm):
    required = {"title": "Enter a title for the evidence", "summary": "Enter what the evidence showed"}
    invalid = {"link": "Enter a web address starting https://"}

    class Meta:
        model = FourCsEvidence
        fields = ["title", "source", "summary", "link"]


class DeliveryOptionForm(GovukMessages, forms.ModelForm):
    required = {"name": "Enter the option's name", "delivery": "Choose the delivery model",
                "cost_score": "Score the option on cost, from 1 to 5",
                "quality_score": "Score the option on quality, from 1 to 5",
                "risk_score": "Score the option on risk, from 1 to 5"}

    class Meta:
        model = DeliveryOption
        fields = ["name", "delivery", "description", "cost_score", "quality_score", "risk_score", "is_preferred"]
        widgets = {"delivery": forms.RadioSelect, "cost_score": forms.RadioSelect,
                   "quality_score": forms.RadioSelect, "risk_score": forms.RadioSelect}


class ImprovementActionForm(GovukMessages, forms.ModelForm):
    owner = PersonChoiceField(queryset=User.objects.none(), label="Owner", empty_label="Choose a person")
    due_on = GovukDateField(label="Due date")
    objective = forms.ModelChoiceField(queryset=Objective.objects.none(), required=False,
                                       label="Add to the service plan under objective",
                                       empty_label="Do not add to the service plan",
                                       help_text="The action becomes a milestone the service reports on.")
    required = {"recommendation": "Enter the recommendation", "action": "Enter the improvement action",
                "owner": "Choose the action's owner", "due_on": "Enter the due date",
                "target": "Enter the target, how success is measured"}

    class Meta:
        model = ImprovementAction
        fields = ["recommendation", "action", "owner", "due_on", "target"]

    def __init__(self, *args, review, **kwargs):
        super().__init__(*args, **kwargs)
        offer_current_officers(self.fields["owner"])
        self.fields["objective"].queryset = Objective.objects.filter(plan__service=review.service).select_related(
            "plan__service").order_by("-plan__year", "number")


class ActionProgressForm(GovukMessages, forms.Form):
    status = forms.ChoiceField(choices=ImprovementAction.Status.choices, widget=forms.RadioSelect)
    progress_note = forms.CharField(label="Progress", widget=forms.Textarea)
    required = {"status": "Choose the action's status", "progress_note": "Enter the progress made"}


class JudgementForm(GovukMessages, forms.Form):
    service_stars = forms.TypedChoiceField(label="How good is the service", coerce=int,
                                           choices=BestValueReview.Stars.choices, widget=forms.RadioSelect)
    prospects = forms.ChoiceField(label="Prospects for improvement", choices=BestValueReview.Prospects.choices,
                                  widget=forms.RadioSelect)
    judgement_notes = forms.CharField(label="Reasons for the judgement", widget=forms.Textarea)
    required = {"service_stars": "Choose how good the service is", "prospects": "Choose the prospects for improvement",
                "judgement_notes": "Give the reasons for the judgement"}


# Call-in -----------------------------------------------------------------------------

class DecisionForm(GovukMessages, forms.ModelForm):
    made_on = GovukDateField(label="Decided on")
    published_on = GovukDateField(label="Published on", required=False,
                                  help_text="The call-in window starts the day after publication.")
    required = {"reference": "Enter the decision's reference", "title": "Enter the decision's title",
                "decision": "Enter the decision and its reasons", "made_by": "Enter who made the decision",
                "made_on": "Enter the date of the decision",
                "call_in_committee": "Choose the committee that may call it in"}

    class Meta:
        model = ExecutiveDecision
        fields = ["reference", "title", "decision", "made_by", "portfolio", "made_on", "published_on",
                  "is_key_decision", "is_urgent", "call_in_committee"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["call_in_committee"].queryset = Committee.objects.filter(kind=Committee.Kind.SCRUTINY)
        self.fields["call_in_committee"].empty_label = "Choose a committee"
        self.fields["portfolio"].empty_label = "None"


class CallInForm(GovukMessages, forms.Form):
    called_in_on = GovukDateField(label="Called in on")
    members = forms.ModelMultipleChoiceField(queryset=User.objects.none(), widget=forms.CheckboxSelectMultiple,
                                             label="Called in by")
    reasons = forms.CharField(label="Reasons", widget=forms.Textarea)
    meeting = forms.ModelChoiceField(queryset=Meeting.objects.none(), required=False, label="Meeting",
                                     empty_label="Not arranged yet")
    required = {"called_in_on": "Enter the date it was called in", "members": "Choose the members calling it in",
                "reasons": "Enter the reasons for the call-in"}

    def __init__(self, *args, decision, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = current_councillors()
        self.fields["meeting"].queryset = Meeting.objects.filter(committee=decision.call_in_committee,
                                                                 is_cancelled=False)


class CallInOutcomeForm(GovukMessages, forms.Form):
    meeting = forms.ModelChoiceField(queryset=Meeting.objects.none(), label="Meeting that considered it",
                                     empty_label="Choose a meeting")
    outcome = forms.ChoiceField(choices=CallIn.Outcome.choices, widget=forms.RadioSelect)
    outcome_notes = forms.CharField(label="Notes", widget=forms.Textarea, required=False)
    required = {"meeting": "Choose the meeting that considered the call-in", "outcome": "Choose the outcome"}

    def __init__(self, *args, decision, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = Meeting.objects.filter(committee=decision.call_in_committee)


# Health scrutiny -------------------------------------------------------------------------

def health_committees():
    return Committee.objects.filter(has_health_scrutiny_powers=True)


class NhsBodyForm(GovukMessages, forms.ModelForm):
    required = {"name": "Enter the NHS body's name", "kind": "Choose what kind of NHS body it is"}

    class Meta:
        model = NhsBody
        fields = ["name", "kind", "contact"]
        widgets = {"kind": forms.RadioSelect}


class InformationRequestForm(GovukMessages, forms.ModelForm):
    committee = forms.ModelChoiceField(queryset=Committee.objects.none(), empty_label="Choose a committee")
    requested_on = GovukDateField(label="Requested on")
    required = {"committee": "Choose the committee asking", "nhs_body": "Choose the NHS body",
                "subject": "Enter the subject", "request": "Enter what was asked",
                "requested_on": "Enter the date of the request",
                "response_days": "Enter the days the NHS body has to respond"}
    invalid = {"response_days": "Enter the days to respond as a whole number, like 28"}
    widths = {"response_days": "3"}

    class Meta:
        model = InformationRequest
        fields = ["committee", "nhs_body", "topic", "subject", "request", "requested_on", "response_days"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = health_committees()
        self.fields["nhs_body"].empty_label = "Choose an NHS body"
        self.fields["topic"].queryset = Topic.objects.filter(is_health=True)
        self.fields["topic"].empty_label = "None"


class InformationResponseForm(GovukMessages, forms.Form):
    responded_on = GovukDateField(label="Answered on")
    response = forms.CharField(label="What the NHS body said", widget=forms.Textarea)
    required = {"responded_on": "Enter the date of the answer", "response": "Enter what the NHS body said"}


class SubstantialChangeForm(GovukMessages, forms.ModelForm):
    committee = forms.ModelChoiceField(queryset=Committee.objects.none(), empty_label="Choose a committee")
    received_on = GovukDateField(label="Proposal received on")
    consultation_ends_on = GovukDateField(label="Consultation closes on")
    required = {"committee": "Choose the committee consulted", "nhs_body": "Choose the NHS body",
                "title": "Enter the proposal's title", "description": "Describe the proposal",
                "received_on": "Enter the date the proposal was received",
                "consultation_ends_on": "Enter the date the consultation closes"}

    class Meta:
        model = SubstantialChange
        fields = ["committee", "nhs_body", "title", "description", "received_on", "consultation_ends_on"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = health_committees()
        self.fields["nhs_body"].empty_label = "Choose an NHS body"


class SubstantialChangeResponseForm(GovukMessages, forms.Form):
    response = forms.ChoiceField(label="The committee's response", choices=SubstantialChange.Response.choices,
                                 widget=forms.RadioSelect)
    response_detail = forms.CharField(label="The response in full", widget=forms.Textarea)
    responded_on = GovukDateField(label="Responded on")
    required = {"response": "Choose the committee's response", "response_detail": "Enter the response in full",
                "responded_on": "Enter the date of the response"}


# Health check ------------------------------------------------------------------------------

class HealthCheckForm(GovukMessages, forms.Form):
    """One rating, comment and actions per leadership question, and the overall judgement."""

    reviewed_by = forms.CharField(label="Reviewed by", max_length=300,
                                  help_text="For example, the Executive with the corporate management team")
    required = {"reviewed_by": "Enter who carried out the review"}

    def __init__(self, *args, questions, **kwargs):
        from scrutiny.health_check import RATINGS
        from scrutiny.models import HealthCheck, HealthCheckAnswer

        super().__init__(*args, **kwargs)
        self.questions = questions
        for q in questions:
            self.fields[f"rating_{q.number}"] = forms.ChoiceField(
                label=f"{q.number}. {q.text}", choices=HealthCheckAnswer.Rating.choices, widget=forms.RadioSelect,
                help_text=f"Suggested from the evidence: {RATINGS[q.suggested][0].lower()}",
                error_messages={"required": f"Rate question {q.number}"})
            self.fields[f"comment_{q.number}"] = forms.CharField(label=f"Comment on question {q.number}",
                                                                 widget=forms.Textarea, required=False)
            self.fields[f"actions_{q.number}"] = forms.CharField(label=f"Actions agreed for question {q.number}",
                                                                 widget=forms.Textarea, required=False)
        self.fields["overall"] = forms.ChoiceField(label="Overall, are the arrangements fit for purpose?",
                                                   choices=HealthCheck.Overall.choices, widget=forms.RadioSelect,
                                                   error_messages={"required": "Choose the overall judgement"})
        self.fields["summary"] = forms.CharField(label="Summary", widget=forms.Textarea, required=False)

    def answers(self):
        d = self.cleaned_data
        return {q.number: (d[f"rating_{q.number}"], d[f"comment_{q.number}"], d[f"actions_{q.number}"])
                for q in self.questions}
