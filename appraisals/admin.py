from django.contrib import admin

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


class RatingLevelInline(admin.TabularInline):
    model = RatingLevel
    extra = 0


@admin.register(AppraisalCycle)
class AppraisalCycleAdmin(admin.ModelAdmin):
    list_display = ["year", "objective_setting_starts", "mid_year_starts", "year_end_starts"]
    inlines = [RatingLevelInline]
    raw_id_fields = ["opened_by"]


class AppraisalObjectiveInline(admin.StackedInline):
    model = AppraisalObjective
    extra = 0
    raw_id_fields = ["service_objective", "agreed_by", "cascaded_by"]


@admin.register(Appraisal)
class AppraisalAdmin(admin.ModelAdmin):
    list_display = ["person", "cycle"]
    list_filter = ["cycle"]
    search_fields = ["person__first_name", "person__last_name", "person__email"]
    raw_id_fields = ["person"]
    inlines = [AppraisalObjectiveInline]


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ["appraisal", "kind", "staff_signed_at", "manager_signed_at"]
    list_filter = ["kind"]
    raw_id_fields = ["appraisal", "manager_signed_by", "reopened_by"]


@admin.register(ProgressNote)
class ProgressNoteAdmin(admin.ModelAdmin):
    list_display = ["objective", "status", "recorded_at"]
    raw_id_fields = ["objective", "recorded_by"]


class SupportPlanActionInline(admin.TabularInline):
    model = SupportPlanAction
    extra = 0
    raw_id_fields = ["owner"]


class SupportPlanReviewInline(admin.StackedInline):
    model = SupportPlanReview
    extra = 0
    raw_id_fields = ["recorded_by"]


class SupportPlanCommentInline(admin.StackedInline):
    model = SupportPlanComment
    extra = 0
    raw_id_fields = ["author"]


@admin.register(SupportPlan)
class SupportPlanAdmin(admin.ModelAdmin):
    list_display = ["appraisal", "kind", "status", "opened_on", "next_review_on"]
    list_filter = ["kind", "status"]
    search_fields = ["appraisal__person__first_name", "appraisal__person__last_name", "appraisal__person__email"]
    raw_id_fields = ["appraisal", "opened_by", "closed_by"]
    inlines = [SupportPlanActionInline, SupportPlanReviewInline, SupportPlanCommentInline]
