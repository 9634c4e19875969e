from django.contrib import admin

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


class CommitteeMemberInline(admin.TabularInline):
    model = CommitteeMember
    extra = 0
    autocomplete_fields = ["person"]


@admin.register(Committee)
class CommitteeAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "has_health_scrutiny_powers"]
    inlines = [CommitteeMemberInline]


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    raw_id_fields = ["indicator", "review", "topic"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["committee", "held_on", "venue", "is_cancelled"]
    list_filter = ["committee"]
    inlines = [AgendaItemInline]


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["title", "committee", "year", "source", "priority", "status"]
    list_filter = ["committee", "year", "source", "status"]
    raw_id_fields = ["indicator", "meeting", "suggested_by"]


class ReviewMemberInline(admin.TabularInline):
    model = ReviewMember
    extra = 0
    raw_id_fields = ["person"]


class EvidenceInline(admin.StackedInline):
    model = Evidence
    extra = 0


class RecommendationInline(admin.StackedInline):
    model = Recommendation
    extra = 0
    raw_id_fields = ["responded_by"]


@admin.register(ScrutinyReview)
class ScrutinyReviewAdmin(admin.ModelAdmin):
    list_display = ["title", "committee", "status", "reported_on", "is_published"]
    list_filter = ["committee", "status", "is_published"]
    inlines = [ReviewMemberInline, EvidenceInline, RecommendationInline]


@admin.register(ImplementationUpdate)
class ImplementationUpdateAdmin(admin.ModelAdmin):
    list_display = ["recommendation", "recorded_on", "implementation"]


class FourCsSectionInline(admin.StackedInline):
    model = FourCsSection
    extra = 0


class DeliveryOptionInline(admin.TabularInline):
    model = DeliveryOption
    extra = 0


class ImprovementActionInline(admin.StackedInline):
    model = ImprovementAction
    extra = 0
    raw_id_fields = ["owner", "milestone"]


@admin.register(BestValueReview)
class BestValueReviewAdmin(admin.ModelAdmin):
    list_display = ["title", "service", "year", "stage", "service_stars", "prospects"]
    list_filter = ["year", "stage"]
    filter_horizontal = ["indicators"]
    inlines = [FourCsSectionInline, DeliveryOptionInline, ImprovementActionInline]


@admin.register(FourCsEvidence)
class FourCsEvidenceAdmin(admin.ModelAdmin):
    list_display = ["title", "section"]


class CallInInline(admin.StackedInline):
    model = CallIn
    extra = 0
    filter_horizontal = ["members"]
    readonly_fields = ["meet_by"]


@admin.register(ExecutiveDecision)
class ExecutiveDecisionAdmin(admin.ModelAdmin):
    list_display = ["reference", "title", "made_on", "published_on", "call_in_ends_on"]
    readonly_fields = ["call_in_ends_on"]
    inlines = [CallInInline]


@admin.register(NhsBody)
class NhsBodyAdmin(admin.ModelAdmin):
    list_display = ["name", "kind"]


@admin.register(InformationRequest)
class InformationRequestAdmin(admin.ModelAdmin):
    list_display = ["subject", "nhs_body", "requested_on", "due_on", "responded_on"]
    readonly_fields = ["due_on"]


@admin.register(SubstantialChange)
class SubstantialChangeAdmin(admin.ModelAdmin):
    list_display = ["title", "nhs_body", "consultation_ends_on", "response"]


class HealthCheckAnswerInline(admin.StackedInline):
    model = HealthCheckAnswer
    extra = 0


@admin.register(HealthCheck)
class HealthCheckAdmin(admin.ModelAdmin):
    list_display = ["reviewed_on", "reviewed_by", "overall"]
    inlines = [HealthCheckAnswerInline]
