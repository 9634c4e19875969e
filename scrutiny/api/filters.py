import django_filters

from scrutiny.models import Meeting, Recommendation, ScrutinyReview, Topic


class MeetingFilter(django_filters.FilterSet):
    after = django_filters.DateFilter(field_name="held_on", lookup_expr="gte")
    before = django_filters.DateFilter(field_name="held_on", lookup_expr="lte")

    class Meta:
        model = Meeting
        fields = ["committee", "after", "before"]


class TopicFilter(django_filters.FilterSet):
    class Meta:
        model = Topic
        fields = ["committee", "year", "source", "priority", "status", "indicator", "is_health"]


class ReviewFilter(django_filters.FilterSet):
    class Meta:
        model = ScrutinyReview
        fields = ["committee", "status", "is_published"]


class RecommendationFilter(django_filters.FilterSet):
    answered = django_filters.BooleanFilter(field_name="responded_on", lookup_expr="isnull", exclude=True)

    class Meta:
        model = Recommendation
        fields = ["review", "response", "implementation", "answered"]
