"""The admin is for system administrators fixing data; officers use the pages."""

from django.contrib import admin

from priorities.models import (
    Communication,
    EngagementExercise,
    EngagementGroup,
    Milestone,
    MilestoneReminder,
    MilestoneUpdate,
    NonPriority,
    Objective,
    PlanTransition,
    Priority,
    Risk,
    ServicePlan,
    StrategicPlan,
    YouSaidWeDid,
)


@admin.register(StrategicPlan)
class StrategicPlanAdmin(admin.ModelAdmin):
    list_display = ["title", "first_year", "last_year", "adopted_on"]


class CommunicationInline(admin.TabularInline):
    model = Communication
    extra = 0


@admin.register(Priority)
class PriorityAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "strategic_plan", "area", "origin", "owner", "status", "is_published"]
    list_filter = ["strategic_plan", "area", "origin", "status", "is_published"]
    list_select_related = ["strategic_plan", "owner"]
    search_fields = ["title"]
    autocomplete_fields = ["owner"]
    inlines = [CommunicationInline]


@admin.register(NonPriority)
class NonPriorityAdmin(admin.ModelAdmin):
    list_display = ["title", "strategic_plan", "decided_on", "review_on", "is_published"]
    list_select_related = ["strategic_plan"]


class EngagementGroupInline(admin.TabularInline):
    model = EngagementGroup
    extra = 0


class YouSaidWeDidInline(admin.StackedInline):
    model = YouSaidWeDid
    extra = 0


@admin.register(EngagementExercise)
class EngagementExerciseAdmin(admin.ModelAdmin):
    list_display = ["title", "starts_on", "ends_on", "is_published"]
    autocomplete_fields = ["lead_officer"]
    filter_horizontal = ["priorities"]
    inlines = [EngagementGroupInline, YouSaidWeDidInline]


class PlanTransitionInline(admin.TabularInline):
    model = PlanTransition
    extra = 0
    readonly_fields = ["from_status", "to_status", "actor", "at", "reason"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False  # the history is written by the workflow, never by hand


@admin.register(ServicePlan)
class ServicePlanAdmin(admin.ModelAdmin):
    list_display = ["service", "year", "status", "strategic_plan"]
    list_filter = ["year", "status", "service__directorate"]
    list_select_related = ["service", "strategic_plan"]
    readonly_fields = ["status", "copied_from"]
    inlines = [PlanTransitionInline]


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0
    autocomplete_fields = ["owner"]


@admin.register(Objective)
class ObjectiveAdmin(admin.ModelAdmin):
    list_display = ["title", "plan", "number", "owner"]
    list_select_related = ["plan__service", "owner"]
    list_filter = ["plan__year", "plan__service"]
    search_fields = ["title"]
    autocomplete_fields = ["owner"]
    filter_horizontal = ["priorities"]
    inlines = [MilestoneInline]


@admin.register(Milestone)
class MilestoneAdmin(admin.ModelAdmin):
    list_display = ["title", "due_on", "status", "percent_complete", "owner"]
    list_filter = ["status", "objective__plan__year"]
    list_select_related = ["owner"]
    search_fields = ["title"]
    autocomplete_fields = ["owner"]


@admin.register(MilestoneUpdate)
class MilestoneUpdateAdmin(admin.ModelAdmin):
    list_display = ["milestone", "recorded_on", "status", "percent_complete", "recorded_by"]
    list_select_related = ["milestone__objective__plan__service", "recorded_by"]


@admin.register(Risk)
class RiskAdmin(admin.ModelAdmin):
    list_display = ["title", "plan", "likelihood", "impact", "residual_likelihood", "residual_impact", "owner"]
    list_select_related = ["plan__service", "owner"]
    autocomplete_fields = ["owner"]


@admin.register(MilestoneReminder)
class MilestoneReminderAdmin(admin.ModelAdmin):
    list_display = ["milestone", "kind", "sent_on", "recipient"]
    list_filter = ["kind", "sent_on"]
    list_select_related = ["milestone__objective__plan__service", "recipient"]
