from django.utils import timezone
from rest_framework import serializers

from organisation.api.serializers import PersonRefSerializer
from organisation.models import User
from priorities import rag
from priorities.models import (
    EngagementExercise,
    EngagementGroup,
    Milestone,
    NonPriority,
    Objective,
    PlanTransition,
    Priority,
    Risk,
    ServicePlan,
    StrategicPlan,
    YouSaidWeDid,
)


class CurrentOfficerMixin:
    """People named as owners must be current officers, as in the forms."""

    person_fields = ("owner",)

    def validate(self, data):
        for name in self.person_fields:
            person = data.get(name)
            if person is not None and (not person.is_current or person.kind != User.Kind.OFFICER):
                raise serializers.ValidationError({name: f"{person} is not a current officer."})
        return super().validate(data)


class StrategicPlanSerializer(serializers.ModelSerializer):
    period = serializers.CharField(source="period_label", read_only=True)

    class Meta:
        model = StrategicPlan
        fields = ["id", "title", "first_year", "last_year", "period", "vision", "adopted_on"]


class PrioritySerializer(serializers.ModelSerializer):
    owner_detail = PersonRefSerializer(source="owner", read_only=True)

    class Meta:
        model = Priority
        fields = ["id", "strategic_plan", "number", "title", "description", "area", "origin", "national_source",
                  "rationale", "ambition_evidence", "budget", "staff_fte", "capacity", "owner", "owner_detail",
                  "status", "is_published"]


class NonPrioritySerializer(serializers.ModelSerializer):
    class Meta:
        model = NonPriority
        fields = ["id", "strategic_plan", "title", "reason", "decision", "decided_on", "review_on", "is_published"]


class EngagementGroupSerializer(serializers.ModelSerializer):
    class Meta:
        model = EngagementGroup
        fields = ["id", "name", "is_hard_to_reach", "reached", "how"]


class YouSaidWeDidSerializer(serializers.ModelSerializer):
    class Meta:
        model = YouSaidWeDid
        fields = ["id", "you_said", "we_did"]


class EngagementExerciseSerializer(serializers.ModelSerializer):
    groups = EngagementGroupSerializer(many=True, read_only=True)
    you_said_we_did = YouSaidWeDidSerializer(source="responses", many=True, read_only=True)

    class Meta:
        model = EngagementExercise
        fields = ["id", "title", "purpose", "methods", "starts_on", "ends_on", "participants", "lead_officer",
                  "what_people_said", "priorities", "groups", "you_said_we_did", "is_published"]


class PlanTransitionSerializer(serializers.ModelSerializer):
    actor = PersonRefSerializer(read_only=True)

    class Meta:
        model = PlanTransition
        fields = ["from_status", "to_status", "actor", "at", "reason"]


class ServicePlanSerializer(serializers.ModelSerializer):
    """A service's plan for a year. Create with `service` and `year`; change only the purpose and resources."""

    service_name = serializers.CharField(source="service.name", read_only=True)
    year_label = serializers.CharField(read_only=True)
    transitions = PlanTransitionSerializer(many=True, read_only=True)

    class Meta:
        model = ServicePlan
        fields = ["id", "service", "service_name", "year", "year_label", "strategic_plan", "status", "purpose",
                  "budget", "staff_fte", "other_resources", "copied_from", "transitions"]
        read_only_fields = ["strategic_plan", "status", "copied_from"]

    def get_fields(self):
        fields = super().get_fields()
        if self.instance is not None:  # a plan's service and year never change
            fields["service"].read_only = True
            fields["year"].read_only = True
        return fields


class ReturnSerializer(serializers.Serializer):
    reason = serializers.CharField(help_text="Why the plan is returned; the service sees this.")


class MilestoneSerializer(CurrentOfficerMixin, serializers.ModelSerializer):
    """A milestone. Status and percentage change only through its `progress` action, which keeps a dated note."""

    owner_detail = PersonRefSerializer(source="owner", read_only=True)
    plan = serializers.IntegerField(source="objective.plan_id", read_only=True)
    rag = serializers.SerializerMethodField()

    class Meta:
        model = Milestone
        fields = ["id", "objective", "plan", "title", "due_on", "owner", "owner_detail", "status",
                  "percent_complete", "completed_on", "rag", "is_published"]
        read_only_fields = ["status", "percent_complete", "completed_on"]

    def get_fields(self):
        fields = super().get_fields()
        if self.instance is not None:
            fields["objective"].read_only = True
        return fields

    def get_rag(self, milestone) -> str:
        return milestone.rag(self.context.get("today") or timezone.localdate()).code


class ProgressSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Milestone.Status.choices)
    percent_complete = serializers.IntegerField()
    note = serializers.CharField()
    recorded_on = serializers.DateField(required=False, help_text="Defaults to today")


class ObjectiveSerializer(CurrentOfficerMixin, serializers.ModelSerializer):
    owner_detail = PersonRefSerializer(source="owner", read_only=True)
    rag = serializers.SerializerMethodField()
    progress = serializers.SerializerMethodField()

    class Meta:
        model = Objective
        fields = ["id", "plan", "number", "title", "description", "priorities", "no_priority_reason", "indicators", "owner",
                  "owner_detail", "is_published", "rag", "progress"]
        read_only_fields = ["number"]

    def get_fields(self):
        fields = super().get_fields()
        if self.instance is not None:
            fields["plan"].read_only = True
        return fields

    def validate_indicators(self, indicators):
        plan = self.instance.plan if self.instance is not None else self.initial_data.get("plan")
        service_id = getattr(plan, "service_id", None)
        if service_id is None and str(plan).isdigit():  # anything else fails the plan field's own check
            service_id = ServicePlan.objects.filter(pk=plan).values_list("service_id", flat=True).first()
        strangers = [i.code for i in indicators if i.service_id != service_id]
        if strangers:
            raise serializers.ValidationError(
                f"Only the plan's own service's indicators can measure its objectives: {', '.join(strangers)}.")
        return indicators

    def _milestones(self, objective):
        today = self.context.get("today") or timezone.localdate()
        milestones = list(objective.milestones.all())
        return [m.rag(today) for m in milestones], [m.percent_complete for m in milestones]

    def get_rag(self, objective) -> str:
        ratings, _ = self._milestones(objective)
        return rag.roll_up(ratings).code

    def get_progress(self, objective) -> int | None:
        _, percentages = self._milestones(objective)
        return rag.mean_progress(percentages)


class RiskSerializer(CurrentOfficerMixin, serializers.ModelSerializer):
    owner_detail = PersonRefSerializer(source="owner", read_only=True)
    score = serializers.IntegerField(read_only=True)
    band = serializers.CharField(source="band.code", read_only=True)
    residual_score = serializers.IntegerField(read_only=True)
    residual_band = serializers.CharField(source="residual_band.code", read_only=True)

    class Meta:
        model = Risk
        fields = ["id", "plan", "number", "title", "description", "likelihood", "impact", "score", "band",
                  "mitigations", "residual_likelihood", "residual_impact", "residual_score", "residual_band",
                  "owner", "owner_detail", "review_on"]
        read_only_fields = ["number"]

    def get_fields(self):
        fields = super().get_fields()
        if self.instance is not None:
            fields["plan"].read_only = True
        return fields
