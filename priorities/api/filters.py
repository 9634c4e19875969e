import datetime

import django_filters
from django.utils import timezone

from priorities.models import (
    EngagementExercise,
    Milestone,
    NonPriority,
    Objective,
    Priority,
    Risk,
    ServicePlan,
)

YEAR_HELP = "Financial year by the year it starts: 2026 for 2026/27"


class PriorityFilter(django_filters.FilterSet):
    class Meta:
        model = Priority
        fields = ["strategic_plan", "area", "origin", "status", "owner", "is_published"]


class NonPriorityFilter(django_filters.FilterSet):
    review_due = django_filters.BooleanFilter(method="filter_review_due", label="Review date has come")

    class Meta:
        model = NonPriority
        fields = ["strategic_plan", "is_published", "review_due"]

    def filter_review_due(self, queryset, name, value):
        today = timezone.localdate()
        return queryset.filter(review_on__lte=today) if value else queryset.filter(review_on__gt=today)


class EngagementExerciseFilter(django_filters.FilterSet):
    priority = django_filters.NumberFilter(field_name="priorities")

    class Meta:
        model = EngagementExercise
        fields = ["priority", "is_published"]


class ServicePlanFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(help_text=YEAR_HELP)
    directorate = django_filters.NumberFilter(field_name="service__directorate")
    status = django_filters.MultipleChoiceFilter(choices=ServicePlan.Status.choices)

    class Meta:
        model = ServicePlan
        fields = ["service", "year", "status", "directorate", "strategic_plan"]


class ObjectiveFilter(django_filters.FilterSet):
    service = django_filters.NumberFilter(field_name="plan__service")
    year = django_filters.NumberFilter(field_name="plan__year", help_text=YEAR_HELP)
    priority = django_filters.NumberFilter(field_name="priorities")
    linked = django_filters.BooleanFilter(field_name="priorities", lookup_expr="isnull", exclude=True,
                                          label="Links to at least one priority")

    class Meta:
        model = Objective
        fields = ["plan", "service", "year", "priority", "owner", "linked", "is_published"]


class MilestoneFilter(django_filters.FilterSet):
    plan = django_filters.NumberFilter(field_name="objective__plan")
    service = django_filters.NumberFilter(field_name="objective__plan__service")
    year = django_filters.NumberFilter(field_name="objective__plan__year", help_text=YEAR_HELP)
    priority = django_filters.NumberFilter(field_name="objective__priorities")
    status = django_filters.MultipleChoiceFilter(choices=Milestone.Status.choices)
    due_after = django_filters.DateFilter(field_name="due_on", lookup_expr="gte", label="Due on or after")
    due_before = django_filters.DateFilter(field_name="due_on", lookup_expr="lte", label="Due on or before")
    overdue = django_filters.BooleanFilter(method="filter_overdue", label="Past its due date and not complete")
    due_within_days = django_filters.NumberFilter(method="filter_due_within", label="Open and due within n days "
                                                                                     "(overdue included)")

    class Meta:
        model = Milestone
        fields = ["plan", "service", "year", "objective", "priority", "status", "owner", "due_after", "due_before",
                  "overdue", "due_within_days", "is_published"]

    def filter_overdue(self, queryset, name, value):
        today = timezone.localdate()
        overdue = queryset.open().filter(due_on__lt=today)
        return overdue if value else queryset.exclude(pk__in=overdue.values("pk"))

    def filter_due_within(self, queryset, name, value):
        return queryset.open().filter(due_on__lte=timezone.localdate() + datetime.timedelta(days=int(value)))


class RiskFilter(django_filters.FilterSet):
    service = django_filters.NumberFilter(field_name="plan__service")
    year = django_filters.NumberFilter(field_name="plan__year", help_text=YEAR_HELP)
    review_before = django_filters.DateFilter(field_name="review_on", lookup_expr="lte")

    class Meta:
        model = Risk
        fields = ["plan", "service", "year", "owner", "review_before"]
