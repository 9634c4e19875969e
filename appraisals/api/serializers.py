from rest_framework import serializers

from appraisals.models import (
    Appraisal,
    AppraisalCycle,
    AppraisalObjective,
    ProgressNote,
    RatingLevel,
    Review,
    SupportPlan,
    SupportPlanAction,
    SupportPlanComment,
    SupportPlanReview,
)
from organisation.api.serializers import PersonRefSerializer
from organisation.models import User
from priorities.models import Objective


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
    support_plans = serializers.PrimaryKeyRelatedField(
        many=True, read_only=True, help_text="The support or improvement plans opened on this appraisal.")

    class Meta:
        model = Appraisal
        fields = ["id", "cycle", "year", "person", "behaviours", "development_plan", "objectives", "reviews",
                  "support_plans"]


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
    open_support_plans = serializers.CharField(source="figures.support_plans", allow_null=True, default=None,
                                               help_text="People on an open support plan: 'fewer than N' when few")


class ProgressNoteInputSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=ProgressNote.Status.choices)
    note = serializers.CharField()


# Writes: what a client sends. Services check the rules; these check only the shape.

class AppraisalPlanInputSerializer(serializers.Serializer):
    behaviours = serializers.CharField(allow_blank=True, required=False)
    development_plan = serializers.CharField(allow_blank=True, required=False)


class ObjectiveInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=300)
    measure = serializers.CharField(help_text="How it will be measured.")
    target_date = serializers.DateField(help_text="Within the cycle's financial year.")
    service_objective = serializers.PrimaryKeyRelatedField(
        queryset=Objective.objects.all(), allow_null=True, required=False,
        help_text="The service-plan objective it serves; null for personal development.")
    is_personal_development = serializers.BooleanField(required=False)


class CascadeInputSerializer(serializers.Serializer):
    service_objective = serializers.PrimaryKeyRelatedField(queryset=Objective.objects.all())
    people = serializers.PrimaryKeyRelatedField(queryset=User.objects.all(), many=True, allow_empty=True,
                                                help_text="Your own direct reports.")
    title = serializers.CharField(max_length=300)
    measure = serializers.CharField()
    target_date = serializers.DateField()


class StaffCommentsInputSerializer(serializers.Serializer):
    staff_comments = serializers.CharField(allow_blank=True)


class ObjectiveRatingInputSerializer(serializers.Serializer):
    objective = serializers.IntegerField()
    rating = serializers.IntegerField(allow_null=True)


class AssessmentInputSerializer(serializers.Serializer):
    manager_comments = serializers.CharField(allow_blank=True)
    overall_rating = serializers.IntegerField(allow_null=True, required=False, default=None)
    ratings = ObjectiveRatingInputSerializer(many=True, required=False, default=list,
                                             help_text="A rating for each agreed objective.")


class ReviewDetailSerializer(ReviewSerializer):
    ratings = serializers.SerializerMethodField()

    class Meta(ReviewSerializer.Meta):
        fields = [*ReviewSerializer.Meta.fields, "ratings"]

    def get_ratings(self, review) -> dict[str, int]:
        """Objective id to rating."""
        if review.pk is None:
            return {}
        return {str(r.objective_id): r.rating for r in review.ratings.all()}


# Support plans ------------------------------------------------------------------

class SupportPlanActionSerializer(serializers.ModelSerializer):
    owner = PersonRefSerializer(read_only=True)

    class Meta:
        model = SupportPlanAction
        fields = ["id", "plan", "description", "owner", "due_on", "status"]


class SupportPlanReviewSerializer(serializers.ModelSerializer):
    recorded_by = PersonRefSerializer(read_only=True)

    class Meta:
        model = SupportPlanReview
        fields = ["id", "held_on", "outcome", "notes", "next_review_on", "recorded_by", "recorded_at"]


class SupportPlanCommentSerializer(serializers.ModelSerializer):
    author = PersonRefSerializer(read_only=True)

    class Meta:
        model = SupportPlanComment
        fields = ["id", "author", "text", "written_at"]


class SupportPlanSerializer(serializers.ModelSerializer):
    person = PersonRefSerializer(source="appraisal.person", read_only=True)
    opened_by = PersonRefSerializer(read_only=True)
    actions = SupportPlanActionSerializer(many=True, read_only=True)
    reviews = SupportPlanReviewSerializer(many=True, read_only=True)
    comments = SupportPlanCommentSerializer(many=True, read_only=True)

    class Meta:
        model = SupportPlan
        fields = ["id", "appraisal", "person", "kind", "opened_from", "status", "concerns", "expected_standard",
                  "support_offered", "next_review_on", "opened_on", "opened_by", "closed_on", "actions", "reviews",
                  "comments"]


class SupportPlanInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=SupportPlan.Kind.choices, default=SupportPlan.Kind.SUPPORT)
    opened_from = serializers.ChoiceField(choices=SupportPlan.Source.choices, default=SupportPlan.Source.APPRAISAL,
                                          help_text="Where the concern was raised.")
    concerns = serializers.CharField(allow_blank=True, help_text="What is not going well.")
    expected_standard = serializers.CharField(allow_blank=True, help_text="What good looks like.")
    support_offered = serializers.CharField(allow_blank=True, required=False, default="")
    next_review_on = serializers.DateField(help_text="The first review: after today.")


class SupportPlanUpdateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=SupportPlan.Kind.choices, required=False)
    concerns = serializers.CharField(allow_blank=True, required=False)
    expected_standard = serializers.CharField(allow_blank=True, required=False)
    support_offered = serializers.CharField(allow_blank=True, required=False)
    next_review_on = serializers.DateField(required=False)


class SupportPlanActionInputSerializer(serializers.Serializer):
    description = serializers.CharField(allow_blank=True)
    owner = serializers.PrimaryKeyRelatedField(queryset=User.objects.all(),
                                               help_text="The person or someone in their line-management chain.")
    due_on = serializers.DateField()
    status = serializers.ChoiceField(choices=SupportPlanAction.Status.choices,
                                     default=SupportPlanAction.Status.NOT_STARTED)


class SupportPlanActionUpdateSerializer(serializers.Serializer):
    description = serializers.CharField(allow_blank=True, required=False)
    owner = serializers.PrimaryKeyRelatedField(queryset=User.objects.all(), required=False)
    due_on = serializers.DateField(required=False)
    status = serializers.ChoiceField(choices=SupportPlanAction.Status.choices, required=False)


class SupportPlanReviewInputSerializer(serializers.Serializer):
    held_on = serializers.DateField()
    outcome = serializers.ChoiceField(choices=SupportPlanReview.Outcome.choices,
                                      help_text="closed_successfully or escalated closes the plan.")
    notes = serializers.CharField(allow_blank=True)
    next_review_on = serializers.DateField(allow_null=True, required=False, default=None,
                                           help_text="Required unless the outcome closes the plan.")


class SupportPlanCloseInputSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=[(o.value, o.label) for o in SupportPlanReview.CLOSING])
    held_on = serializers.DateField()
    notes = serializers.CharField(allow_blank=True)


class SupportPlanCommentInputSerializer(serializers.Serializer):
    text = serializers.CharField(allow_blank=True)
