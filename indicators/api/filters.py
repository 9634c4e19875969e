import django_filters

from indicators.models import (
    RAG,
    BenchmarkValue,
    Framework,
    Frequency,
    Indicator,
    IndicatorValue,
    Period,
    Target,
    ValueStatus,
)


class IndicatorFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label="Code or name contains")

    class Meta:
        model = Indicator
        fields = ["framework", "service", "frequency", "polarity", "unit", "is_active", "q"]

    def filter_q(self, queryset, name, value):
        from django.db.models import Q

        return queryset.filter(Q(code__icontains=value) | Q(name__icontains=value))


class IndicatorValueFilter(django_filters.FilterSet):
    framework = django_filters.ChoiceFilter(field_name="indicator__framework", choices=Framework.choices)
    service = django_filters.NumberFilter(field_name="indicator__service")
    period_label = django_filters.CharFilter(field_name="period__label", label="Period, e.g. Q2 2024/25 or 2024/25")
    fiscal_year = django_filters.NumberFilter(field_name="period__fiscal_year",
                                              label="Financial year by its first year: 2024 for 2024/25")
    period_kind = django_filters.ChoiceFilter(field_name="period__kind", choices=Frequency.choices)
    status = django_filters.MultipleChoiceFilter(choices=ValueStatus.choices)
    rag = django_filters.MultipleChoiceFilter(choices=RAG.choices)

    class Meta:
        model = IndicatorValue
        fields = ["indicator", "framework", "service", "period", "period_label", "fiscal_year", "period_kind",
                  "status", "rag", "is_provisional"]


class TargetFilter(django_filters.FilterSet):
    service = django_filters.NumberFilter(field_name="indicator__service")
    period_label = django_filters.CharFilter(field_name="period__label")
    fiscal_year = django_filters.NumberFilter(field_name="period__fiscal_year")

    class Meta:
        model = Target
        fields = ["indicator", "service", "period", "period_label", "fiscal_year"]


class PeriodFilter(django_filters.FilterSet):
    class Meta:
        model = Period
        fields = ["kind", "fiscal_year", "label"]


class BenchmarkValueFilter(django_filters.FilterSet):
    group = django_filters.NumberFilter(field_name="area__groups", label="Comparator group")
    period_label = django_filters.CharFilter(field_name="period__label")
    area_code = django_filters.CharFilter(field_name="area__ons_code")

    class Meta:
        model = BenchmarkValue
        fields = ["indicator", "area", "area_code", "period", "period_label", "group"]
