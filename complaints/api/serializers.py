from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from complaints import versions
from complaints.models import (
    Category,
    Complaint,
    ComplaintStage,
    LearningAction,
    OmbudsmanReferral,
    PanelRecommendation,
    PointOutcome,
    Regime,
    RegimeStage,
    ReviewPanel,
)
from complaints.selectors import complaints_officers
from organisation.api.serializers import PersonRefSerializer
from organisation.forms import current_officers
from organisation.models import Service, Team, User
from priorities.models import Milestone, Objective


class SeenVersionField(serializers.CharField):
    def __init__(self, **kwargs):
        super().__init__(required=False, allow_blank=True, help_text=(
            "The record's `version` as you last read it (or send it as an If-Match header): if it has changed "
            "since, nothing is saved and the answer is 409, saying who changed what."), **kwargs)


@extend_schema_field(OpenApiTypes.INT)
class CurrentPersonField(serializers.PrimaryKeyRelatedField):
    """A current person, by id; the choice is worked out on each request (people leave)."""

    def __init__(self, *, officers_only=False, **kwargs):
        self.officers_only = officers_only
        super().__init__(**kwargs)

    def get_queryset(self):
        return complaints_officers() if self.officers_only else User.objects.current()


class RegimeStageSerializer(serializers.ModelSerializer):
    class Meta:
        model = RegimeStage
        fields = ["number", "name", "is_panel", "response_days", "max_response_days", "request_within_days",
                  "escalate_when_overdue", "panel_size", "panel_all_independent", "panel_meets_within_days",
                  "panel_report_within_days", "council_response_within_days"]


class RegimeSerializer(serializers.ModelSerializer):
    stages = RegimeStageSerializer(many=True, read_only=True)

    class Meta:
        model = Regime
        fields = ["id", "code", "name", "reference_prefix", "legislation", "is_statutory", "acknowledge_days",
                  "time_limit_months", "delay_letter_months", "notes", "stages"]


class DeadlineSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    due_on = serializers.DateField()
    done_on = serializers.DateField(allow_null=True)
    status = serializers.CharField()
    owed_by_council = serializers.BooleanField()


class PointOutcomeSerializer(serializers.ModelSerializer):
    point = serializers.IntegerField(source="point.number")

    class Meta:
        model = PointOutcome
        fields = ["point", "outcome"]


class PanelRecommendationSerializer(serializers.ModelSerializer):
    class Meta:
        model = PanelRecommendation
        fields = ["number", "text", "decision"]


class PanelSerializer(serializers.ModelSerializer):
    members = serializers.SerializerMethodField()
    recommendations = PanelRecommendationSerializer(many=True, read_only=True)

    version = serializers.SerializerMethodField(
        help_text="Send it back (as If-Match or `version`) with a change: if the record changed since, the change "
                  "is refused with 409 and says who changed what.")

    class Meta:
        model = ReviewPanel
        fields = ["version", "id", "members", "size", "all_independent", "meeting_on", "report_on", "report",
                  "recommendations", "council_response_on", "council_response"]

    def get_members(self, panel) -> list[dict]:
        return [{"id": m.member_id, "name": str(m.member), "kind": m.member.kind, "is_chair": m.is_chair}
                for m in panel.memberships.all()]


    def get_version(self, record) -> str:
        return versions.panel(record)

class StageSerializer(serializers.ModelSerializer):
    number = serializers.IntegerField(source="stage.number")
    name = serializers.CharField(source="stage.name")
    investigator = PersonRefSerializer(read_only=True)
    independent_person = PersonRefSerializer(read_only=True)
    outcomes = PointOutcomeSerializer(many=True, read_only=True)
    panel = serializers.SerializerMethodField()

    version = serializers.SerializerMethodField(
        help_text="Send it back (as If-Match or `version`) with a change: if the record changed since, the change "
                  "is refused with 409 and says who changed what.")

    class Meta:
        model = ComplaintStage
        fields = ["version", "id", "number", "name", "requested_on", "late_request_reason", "investigator", "independent_person",
                  "response_days", "extended_to", "extension_reason", "responded_on", "findings", "remedy",
                  "outcomes", "panel"]

    def get_panel(self, stage) -> dict | None:
        panel = getattr(stage, "panel", None) if stage.stage.is_panel else None
        return PanelSerializer(panel).data if panel else None


    def get_version(self, record) -> str:
        return versions.stage(record)

class LearningActionSerializer(serializers.ModelSerializer):
    owner = PersonRefSerializer(read_only=True)

    class Meta:
        model = LearningAction
        fields = ["id", "description", "owner", "due_on", "status"]


class OmbudsmanSerializer(serializers.ModelSerializer):
    class Meta:
        model = OmbudsmanReferral
        fields = ["reference", "referred_on", "decision", "decided_on", "remedy"]


class ComplaintSerializer(serializers.ModelSerializer):
    """A whole case. Reading one is logged in the case access log."""

    regime = serializers.SlugRelatedField(slug_field="code", read_only=True)
    owner = PersonRefSerializer(read_only=True)
    categories = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)
    points = serializers.SerializerMethodField()
    stages = StageSerializer(many=True, read_only=True)
    deadlines = serializers.SerializerMethodField()
    learning_actions = LearningActionSerializer(many=True, read_only=True)
    ombudsman = serializers.SerializerMethodField()

    version = serializers.SerializerMethodField(
        help_text="Send it back (as If-Match or `version`) with a change: if the record changed since, the change "
                  "is refused with 409 and says who changed what.")

    class Meta:
        model = Complaint
        fields = ["version", "id", "reference", "kind", "regime", "complainant_name", "complainant_type", "contact_details",
                  "service", "team", "categories", "summary", "points", "matter_occurred_on", "received_on",
                  "accepted_late_reason", "acknowledged_on", "delay_letter_sent_on", "owner", "closed_on",
                  "stages", "deadlines", "learning_actions", "ombudsman"]

    def get_points(self, complaint) -> list[str]:
        return [p.text for p in complaint.points.all()]

    def get_deadlines(self, complaint) -> list[dict]:
        deadlines = complaint.deadlines(today=self.context["today"], holidays=self.context["holidays"])
        return DeadlineSerializer(deadlines, many=True).data

    def get_ombudsman(self, complaint) -> dict | None:
        referral = getattr(complaint, "ombudsman", None)
        return OmbudsmanSerializer(referral).data if referral else None


    def get_version(self, record) -> str:
        return versions.complaint(record)

class ComplaintCreateSerializer(serializers.Serializer):
    """Log a complaint, an informal complaint or a compliment (complaints officers)."""

    kind = serializers.ChoiceField(choices=Complaint.Kind.choices)
    regime = serializers.SlugRelatedField(slug_field="code", queryset=Regime.objects.all())
    complainant_name = serializers.CharField(max_length=200)
    complainant_type = serializers.ChoiceField(choices=Complaint.ComplainantType.choices)
    contact_details = serializers.CharField(required=False, allow_blank=True, default="")
    service = serializers.PrimaryKeyRelatedField(queryset=Service.objects.all())
    team = serializers.PrimaryKeyRelatedField(queryset=Team.objects.all(), required=False, allow_null=True,
                                              default=None)
    categories = serializers.SlugRelatedField(slug_field="name", many=True, required=False, default=list,
                                              queryset=Category.objects.filter(is_active=True))
    summary = serializers.CharField()
    points = serializers.ListField(child=serializers.CharField(), required=False, default=list)
    received_on = serializers.DateField()
    matter_occurred_on = serializers.DateField(required=False, allow_null=True, default=None)
    accepted_late_reason = serializers.CharField(required=False, allow_blank=True, default="")
    acknowledged_on = serializers.DateField(required=False, allow_null=True, default=None)
    owner = CurrentPersonField(officers_only=True, required=False, help_text="A complaints officer; you by default")
    investigator = CurrentPersonField(required=False, allow_null=True, default=None)


class EscalateSerializer(serializers.Serializer):
    version = SeenVersionField()
    stage = serializers.IntegerField(min_value=1, help_text="The stage number to move to: the next one.")
    requested_on = serializers.DateField()
    late_request_reason = serializers.CharField(required=False, allow_blank=True, default="")
    investigator = CurrentPersonField(required=False, allow_null=True, default=None)


class CloseSerializer(serializers.Serializer):
    version = SeenVersionField()
    closed_on = serializers.DateField()


class StatisticsQuerySerializer(serializers.Serializer):
    year = serializers.IntegerField(required=False, help_text="Financial year, by the year it starts: 2026 is 2026/27")
    quarter = serializers.IntegerField(required=False, min_value=1, max_value=4)
    service = serializers.PrimaryKeyRelatedField(queryset=Service.objects.all(), required=False)
    regime = serializers.SlugRelatedField(slug_field="code", queryset=Regime.objects.all(), required=False)


# Writes: each validates the shape only; the rules are the services' (the same as the pages'). ----------------

@extend_schema_field(OpenApiTypes.INT)
class CurrentOfficerField(serializers.PrimaryKeyRelatedField):
    """A current officer, by id: who may own a learning action or investigate a stage."""

    def get_queryset(self):
        return current_officers()


class ComplaintUpdateSerializer(serializers.Serializer):
    """Change a complaint's details and key dates (complaints officers). Send only what changes."""

    version = SeenVersionField()
    complainant_name = serializers.CharField(max_length=200, required=False)
    complainant_type = serializers.ChoiceField(choices=Complaint.ComplainantType.choices, required=False)
    contact_details = serializers.CharField(required=False, allow_blank=True)
    service = serializers.PrimaryKeyRelatedField(queryset=Service.objects.all(), required=False)
    team = serializers.PrimaryKeyRelatedField(queryset=Team.objects.all(), required=False, allow_null=True)
    categories = serializers.SlugRelatedField(slug_field="name", many=True, required=False,
                                              queryset=Category.objects.filter(is_active=True))
    summary = serializers.CharField(required=False)
    points = serializers.ListField(child=serializers.CharField(), required=False)
    received_on = serializers.DateField(required=False)
    matter_occurred_on = serializers.DateField(required=False, allow_null=True)
    accepted_late_reason = serializers.CharField(required=False, allow_blank=True)
    acknowledged_on = serializers.DateField(required=False, allow_null=True)
    delay_letter_sent_on = serializers.DateField(required=False, allow_null=True)
    owner = CurrentPersonField(officers_only=True, required=False)


class StageUpdateSerializer(serializers.Serializer):
    """Who handles the stage, and an extension within the regime's limit. Send only what changes."""

    version = SeenVersionField()
    investigator = CurrentOfficerField(required=False, allow_null=True)
    independent_person = CurrentPersonField(required=False, allow_null=True)
    extended_to = serializers.DateField(required=False, allow_null=True)
    extension_reason = serializers.CharField(required=False, allow_blank=True)


class OutcomeWriteSerializer(serializers.Serializer):
    point = serializers.IntegerField(min_value=1, help_text="The point's number")
    outcome = serializers.ChoiceField(choices=PointOutcome.Outcome.choices)


class StageResponseSerializer(serializers.Serializer):
    """The stage's response: its date, findings, remedy and an outcome for every point."""

    version = SeenVersionField()
    responded_on = serializers.DateField()
    findings = serializers.CharField()
    remedy = serializers.CharField(required=False, allow_blank=True, default="")
    outcomes = OutcomeWriteSerializer(many=True)


class PanelMembersSerializer(serializers.Serializer):
    version = SeenVersionField()
    members = serializers.ListField(child=CurrentPersonField(), allow_empty=False,
                                    help_text="Independent people (and, where the regime allows it, councillors)")
    chair = CurrentPersonField(required=False, allow_null=True, default=None)


class PanelReportSerializer(serializers.Serializer):
    version = SeenVersionField()
    meeting_on = serializers.DateField()
    report_on = serializers.DateField(required=False, allow_null=True, default=None)
    report = serializers.CharField(required=False, allow_blank=True, default="")
    recommendations = serializers.ListField(child=serializers.CharField(), required=False, default=list)


class DecisionWriteSerializer(serializers.Serializer):
    number = serializers.IntegerField(min_value=1, help_text="The recommendation's number")
    decision = serializers.ChoiceField(choices=PanelRecommendation.Decision.choices)


class PanelResponseSerializer(serializers.Serializer):
    version = SeenVersionField()
    council_response_on = serializers.DateField()
    council_response = serializers.CharField()
    decisions = DecisionWriteSerializer(many=True)


class LearningActionDetailSerializer(serializers.ModelSerializer):
    complaint = serializers.PrimaryKeyRelatedField(read_only=True)
    owner = PersonRefSerializer(read_only=True)

    version = serializers.SerializerMethodField(
        help_text="Send it back (as If-Match or `version`) with a change: if the record changed since, the change "
                  "is refused with 409 and says who changed what.")

    class Meta:
        model = LearningAction
        fields = ["version", "id", "complaint", "description", "owner", "due_on", "status", "objective", "milestone"]


    def get_version(self, record) -> str:
        return versions.learning_action(record)

class LearningActionWriteSerializer(serializers.Serializer):
    """A learning action; `complaint` on creation only. Link it to an objective or milestone of the complaint's
    service's plans (this year's or later); a milestone brings its objective."""

    version = SeenVersionField()
    complaint = serializers.IntegerField(required=False, help_text="The complaint it comes from (on creation)")
    description = serializers.CharField()
    owner = CurrentOfficerField()
    due_on = serializers.DateField()
    status = serializers.ChoiceField(choices=LearningAction.Status.choices, default=LearningAction.Status.PLANNED)
    objective = serializers.PrimaryKeyRelatedField(queryset=Objective.objects.all(), required=False,
                                                   allow_null=True, default=None)
    milestone = serializers.PrimaryKeyRelatedField(queryset=Milestone.objects.all(), required=False,
                                                   allow_null=True, default=None)
