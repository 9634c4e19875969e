import django_filters

from casework.models import CouncillorCase, ForumIssue


class CaseFilter(django_filters.FilterSet):
    ward = django_filters.CharFilter(field_name="ward__name")
    raised_after = django_filters.DateFilter(field_name="raised_on", lookup_expr="gte")
    raised_before = django_filters.DateFilter(field_name="raised_on", lookup_expr="lte")

    class Meta:
        model = CouncillorCase
        fields = ["status", "ward", "service", "raised_after", "raised_before"]


class ForumIssueFilter(django_filters.FilterSet):
    forum = django_filters.NumberFilter(field_name="meeting__forum")
    priority = django_filters.NumberFilter(field_name="priorities", label="Linked to this priority")

    class Meta:
        model = ForumIssue
        fields = ["forum", "meeting", "service", "priority", "status"]
