from rest_framework import serializers

from appraisals.models import (
    Appraisal,
    AppraisalCycle,
    AppraisalObjective,
    ProgressNote,
    RatingLevel,
    Review,
)
from organisation.api.serializers import PersonRefSerializer


class RatingLevelSerializer(serializers.ModelSerializer):
    class Meta:
        model = RatingLevel
        fields = ["value", "label"]


class AppraisalCycleSerializer(serializers.ModelSerializer):
    year_label = serializers.CharField(read_only=True)
    rating_scale = RatingLevelSerializer(source="rating_levels", many=True, read_only=True)

    class Meta:
        model = AppraisalCycle
        fields = ["id", "year", "year_label", "objective_setting_starts", "objective_setting_ends",
                  "mid_year_starts", "mid_year_ends", "year_end_starts", "year_end_ends", "rating_scale"]


class ProgressNoteSerializer(serializers.ModelSerializer):
    recorded_by = PersonRefSerializer(read_only=True)

    class Meta:
        model = ProgressNote
        fields = ["id", "status", "note", "recorded_by", "recorded_at"]
        read_only_fields = ["recorded_at"]


class AppraisalObjectiveSerializer(serializers.ModelSerializer):
    priorities = serializers.SerializerMethodField(help_text="The council priorities the objective serves, "
                                                             "through its service plan objective.")
    progress_notes = ProgressNoteSerializer(many=True, read_only=True)
    is_agreed = serializers.BooleanField(read_only=True)

    class Meta:
        model = AppraisalObjective
        fields = ["id", "appraisal", "number", "title", "measure", "target_date", "service_objective",
                  "is_personal_development", "priorities", "is_agreed", "agreed_at", "progress_notes"]

    def get_priorities(self, objective) -> list[int]:
        if objective.service_objective is None:
            return []
        return [p.pk for p in objective.service_objective.priorities.all()]


class ReviewSerializer(serializers.ModelSerializer):
    is_signed_off = serializers.BooleanField(read_only=True)

    class Meta:
        model = Review
        fields = ["kind", "staff_comments", "manager_comments", "overall_rating", "staff_signed_at",
                  "manager_signed_at", "is_signed_off"]


class AppraisalSerializer(serializers.ModelSerializer):
    person = PersonRefSerializer(read_only=True)
    year = serializers.IntegerField(source="cycle.year", read_only=True)
    objectives = AppraisalObjectiveSerializer(many=True, read_only=True)
    reviews = ReviewSerializer(many=True, read_only=True)

    class Meta:
        model = Appraisal
        fields = ["id", "cycle", "year", "person", "behaviours", "development_plan", "objectives", "reviews"]


class CoverageRowSerializer(serializers.Serializer):
    name = serializers.CharField()
    is_directorate = serializers.BooleanField()
    suppressed = serializers.BooleanField(source="figures.suppressed")
    staff = serializers.CharField(source="figures.staff", help_text="'fewer than N' for small groups")
    agreed_percent = serializers.IntegerField(source="figures.agreed", allow_null=True, default=None)
    linked_percent = serializers.IntegerField(source="figures.linked", allow_null=True, default=None)
    mid_year_percent = serializers.IntegerField(source="figures.mid_year", allow_null=True, default=None)
    year_end_percent = serializers.IntegerField(source="figures.year_end", allow_null=True, default=None)
    overdue = serializers.CharField(source="figures.overdue", allow_null=True, default=None)


class ProgressNoteInputSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=ProgressNote.Status.choices)
    note = serializers.CharField()
