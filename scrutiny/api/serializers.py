from rest_framework import serializers

from organisation.api.serializers import PersonRefSerializer
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
    FourCsSection,
    HealthCheck,
    HealthCheckAnswer,
    ImplementationUpdate,
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


class CommitteeMemberSerializer(serializers.ModelSerializer):
    person_detail = PersonRefSerializer(source="person", read_only=True)

    class Meta:
        model = CommitteeMember
        fields = ["id", "committee", "person", "person_detail", "role"]


class CommitteeSerializer(serializers.ModelSerializer):
    members = CommitteeMemberSerializer(many=True, read_only=True)

    class Meta:
        model = Committee
        fields = ["id", "name", "kind", "remit", "directorates", "has_health_scrutiny_powers", "members"]


class AgendaItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = AgendaItem
        fields = ["id", "meeting", "number", "title", "kind", "description", "report_url", "indicator", "review",
                  "topic"]
        read_only_fields = ["number"]


class MeetingSerializer(serializers.ModelSerializer):
    items = AgendaItemSerializer(many=True, read_only=True)

    class Meta:
        model = Meeting
        fields = ["id", "committee", "held_on", "starts_at", "venue", "is_cancelled", "items"]


class TopicSerializer(serializers.ModelSerializer):
    class Meta:
        model = Topic
        fields = ["id", "committee", "title", "description", "source", "source_detail", "suggested_by", "indicator",
                  "service", "is_health", "nhs_bodies", "priority", "method", "status", "year", "meeting"]
        read_only_fields = ["suggested_by"]


class ReviewMemberSerializer(serializers.ModelSerializer):
    display_name = serializers.CharField(read_only=True)

    class Meta:
        model = ReviewMember
        fields = ["id", "review", "person", "name", "organisation", "role", "display_name"]


class EvidenceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Evidence
        fields = ["id", "review", "kind", "title", "gathered_on", "source", "summary", "link"]


class ImplementationUpdateSerializer(serializers.ModelSerializer):
    recorded_by = PersonRefSerializer(read_only=True)

    class Meta:
        model = ImplementationUpdate
        fields = ["id", "recorded_on", "recorded_by", "implementation", "note"]


class RecommendationSerializer(serializers.ModelSerializer):
    """A recommendation; its response and implementation change only through their actions."""

    response_due_on = serializers.DateField(source="review.response_due_on", read_only=True)
    response_standing = serializers.SerializerMethodField()
    updates = ImplementationUpdateSerializer(many=True, read_only=True)

    class Meta:
        model = Recommendation
        fields = ["id", "review", "number", "text", "addressed_to", "response", "response_reasons", "responded_on",
                  "responded_by", "response_due_on", "response_standing", "implementation", "outcome", "updates"]
        read_only_fields = ["number", "response", "response_reasons", "responded_on", "responded_by",
                            "implementation", "outcome"]

    def get_response_standing(self, obj) -> str:
        return obj.standing().code


class ScrutinyReviewSerializer(serializers.ModelSerializer):
    response_due_on = serializers.DateField(read_only=True)
    members = ReviewMemberSerializer(many=True, read_only=True)
    evidence = EvidenceSerializer(many=True, read_only=True)

    class Meta:
        model = ScrutinyReview
        fields = ["id", "committee", "topic", "title", "scope", "key_questions", "status", "started_on",
                  "report_summary", "reported_on", "response_due_on", "is_published", "published_on", "outcome",
                  "members", "evidence"]
        read_only_fields = ["report_summary", "reported_on", "is_published", "published_on", "outcome"]


class ReportSerializer(serializers.Serializer):
    report_summary = serializers.CharField()
    reported_on = serializers.DateField()
    publish = serializers.BooleanField(default=False)


class ResponseSerializer(serializers.Serializer):
    response = serializers.ChoiceField(choices=Recommendation.Response.choices)
    response_reasons = serializers.CharField(required=False, allow_blank=True, default="")
    responded_on = serializers.DateField()


class ImplementationSerializer(serializers.Serializer):
    implementation = serializers.ChoiceField(choices=Recommendation.Implementation.choices)
    note = serializers.CharField()
    outcome = serializers.CharField(required=False, allow_blank=True, default="")


class DashboardIndicatorSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="row.indicator.pk")
    code = serializers.CharField(source="row.indicator.code")
    name = serializers.CharField(source="row.indicator.name")
    service = serializers.CharField(source="row.indicator.service.name")
    period = serializers.CharField(source="row.latest.period.label", default=None)
    actual = serializers.DecimalField(source="row.latest.actual", max_digits=14, decimal_places=4, default=None)
    rag = serializers.CharField(source="row.latest.rag", default=None)
    target = serializers.DecimalField(source="row.target.value", max_digits=14, decimal_places=4, default=None)
    vs_previous = serializers.CharField(source="row.vs_previous.label", default=None)
    vs_last_year = serializers.CharField(source="row.vs_last_year.label", default=None)
    quartile = serializers.IntegerField(source="benchmark.quartile", default=None)
    comparator_period = serializers.CharField(source="benchmark.period", default=None)
    watchlist = serializers.SerializerMethodField()

    def get_watchlist(self, obj) -> list[str]:
        return [item.reason for item in obj.watch]


# Best Value ------------------------------------------------------------------------

class FourCsEvidenceSerializer(serializers.ModelSerializer):
    class Meta:
        model = FourCsEvidence
        fields = ["id", "section", "title", "source", "summary", "link"]


class FourCsSectionSerializer(serializers.ModelSerializer):
    evidence = FourCsEvidenceSerializer(many=True, read_only=True)
    question = serializers.CharField(read_only=True)

    class Meta:
        model = FourCsSection
        fields = ["id", "review", "c", "question", "findings", "is_complete", "evidence"]
        read_only_fields = ["review", "c"]


class DeliveryOptionSerializer(serializers.ModelSerializer):
    total = serializers.IntegerField(read_only=True)

    class Meta:
        model = DeliveryOption
        fields = ["id", "review", "name", "delivery", "description", "cost_score", "quality_score", "risk_score",
                  "total", "is_preferred"]


class ImprovementActionSerializer(serializers.ModelSerializer):
    objective = serializers.PrimaryKeyRelatedField(queryset=Objective.objects.all(), write_only=True, required=False,
                                                   allow_null=True, help_text="Also add it to this service plan "
                                                                              "objective as a milestone")

    class Meta:
        model = ImprovementAction
        fields = ["id", "review", "number", "recommendation", "action", "owner", "due_on", "target", "status",
                  "progress_note", "milestone", "objective"]
        read_only_fields = ["number", "status", "progress_note", "milestone"]


class ActionProgressSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=ImprovementAction.Status.choices)
    progress_note = serializers.CharField()


class BestValueReviewSerializer(serializers.ModelSerializer):
    sections = FourCsSectionSerializer(many=True, read_only=True)
    options = DeliveryOptionSerializer(many=True, read_only=True)
    actions = ImprovementActionSerializer(many=True, read_only=True)

    class Meta:
        model = BestValueReview
        fields = ["id", "title", "service", "year", "stage", "scope", "scope_agreed_by", "scope_agreed_on",
                  "lead_officer", "baseline", "indicators", "report_summary", "approved_on", "service_stars",
                  "prospects", "judgement_notes", "judged_on", "is_published", "sections", "options", "actions"]
        read_only_fields = ["scope_agreed_by", "scope_agreed_on", "service_stars", "prospects", "judgement_notes",
                            "judged_on"]


class JudgementSerializer(serializers.Serializer):
    service_stars = serializers.ChoiceField(choices=BestValueReview.Stars.choices)
    prospects = serializers.ChoiceField(choices=BestValueReview.Prospects.choices)
    judgement_notes = serializers.CharField()


# Call-in -----------------------------------------------------------------------------

class CallInSerializer(serializers.ModelSerializer):
    class Meta:
        model = CallIn
        fields = ["id", "called_in_on", "reasons", "members", "meet_by", "meeting", "outcome", "outcome_notes"]
        read_only_fields = ["meet_by", "outcome", "outcome_notes"]


class DecisionSerializer(serializers.ModelSerializer):
    call_in = CallInSerializer(read_only=True)
    state = serializers.SerializerMethodField()

    class Meta:
        model = ExecutiveDecision
        fields = ["id", "reference", "title", "decision", "made_by", "portfolio", "made_on", "published_on",
                  "is_key_decision", "is_urgent", "call_in_committee", "call_in_ends_on", "state", "call_in"]

    def get_state(self, obj) -> str:
        return obj.state().code


class CallInOutcomeSerializer(serializers.Serializer):
    meeting = serializers.PrimaryKeyRelatedField(queryset=Meeting.objects.all())
    outcome = serializers.ChoiceField(choices=CallIn.Outcome.choices)
    outcome_notes = serializers.CharField(required=False, allow_blank=True, default="")


# Health scrutiny ----------------------------------------------------------------------

class NhsBodySerializer(serializers.ModelSerializer):
    class Meta:
        model = NhsBody
        fields = ["id", "name", "kind", "contact"]


class InformationRequestSerializer(serializers.ModelSerializer):
    standing = serializers.SerializerMethodField()

    class Meta:
        model = InformationRequest
        fields = ["id", "committee", "nhs_body", "topic", "subject", "request", "requested_on", "response_days",
                  "due_on", "responded_on", "response", "standing"]
        read_only_fields = ["due_on", "responded_on", "response"]

    def get_standing(self, obj) -> str:
        return obj.standing().code


class InformationResponseSerializer(serializers.Serializer):
    responded_on = serializers.DateField()
    response = serializers.CharField()


class SubstantialChangeSerializer(serializers.ModelSerializer):
    class Meta:
        model = SubstantialChange
        fields = ["id", "committee", "nhs_body", "title", "description", "received_on", "consultation_ends_on",
                  "response", "response_detail", "responded_on"]
        read_only_fields = ["response", "response_detail", "responded_on"]


class SubstantialChangeResponseSerializer(serializers.Serializer):
    response = serializers.ChoiceField(choices=SubstantialChange.Response.choices)
    response_detail = serializers.CharField()
    responded_on = serializers.DateField()


# Health check ---------------------------------------------------------------------------

class HealthCheckAnswerSerializer(serializers.ModelSerializer):
    class Meta:
        model = HealthCheckAnswer
        fields = ["question", "rating", "comment", "actions"]


class HealthCheckSerializer(serializers.ModelSerializer):
    answers = HealthCheckAnswerSerializer(many=True)

    class Meta:
        model = HealthCheck
        fields = ["id", "reviewed_on", "reviewed_by", "recorded_by", "overall", "summary", "answers", "evidence"]
        read_only_fields = ["reviewed_on", "recorded_by", "evidence"]


class MeasureSerializer(serializers.Serializer):
    label = serializers.CharField()
    count = serializers.IntegerField()
    total = serializers.IntegerField(allow_null=True)
    percent = serializers.IntegerField(allow_null=True)


class QuestionSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    text = serializers.CharField()
    suggested = serializers.CharField()
    measures = MeasureSerializer(many=True)
