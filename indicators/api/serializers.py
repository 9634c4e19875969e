from rest_framework import serializers

from indicators import periods as P
from indicators.models import (
    BenchmarkValue,
    ComparatorArea,
    ComparatorGroup,
    Indicator,
    IndicatorValue,
    IndicatorVersion,
    Period,
    Target,
)
from organisation.api.serializers import PersonRefSerializer


class PeriodSerializer(serializers.ModelSerializer):
    class Meta:
        model = Period
        fields = ["id", "kind", "label", "start", "end", "fiscal_year"]


class PeriodLabelField(serializers.CharField):
    """A period written as people write it: 2024/25, Q3 2024/25 or Nov 2023."""

    def to_internal_value(self, data):
        text = super().to_internal_value(data)
        try:
            return P.parse_period(text)
        except P.PeriodError as error:
            raise serializers.ValidationError(str(error)) from None


class IndicatorVersionSerializer(serializers.ModelSerializer):
    class Meta:
        model = IndicatorVersion
        fields = ["number", "effective_from", "definition", "change_note", "created_at"]


class IndicatorSerializer(serializers.ModelSerializer):
    service_name = serializers.CharField(source="service.name", read_only=True)
    accountable_officer_detail = PersonRefSerializer(source="accountable_officer", read_only=True, allow_null=True)
    data_officer_detail = PersonRefSerializer(source="data_officer", read_only=True, allow_null=True)
    change_note = serializers.CharField(write_only=True, required=False, allow_blank=True,
                                        help_text="Why the definition changed (needed when it does)")
    effective_from = PeriodLabelField(write_only=True, required=False,
                                      help_text="First period the changed definition applies to, e.g. Q1 2025/26")

    class Meta:
        model = Indicator
        fields = [
            "id", "code", "name", "framework", "domain", "unit", "polarity", "frequency", "numerator_label",
            "denominator_label", "multiplier", "decimal_places", "value_minimum", "value_maximum", "data_source",
            "definition", "service", "service_name", "accountable_officer", "accountable_officer_detail",
            "data_officer", "data_officer_detail", "rag_scheme", "tolerance_kind", "tolerance", "tolerance_outer",
            "band_thresholds", "band_cap", "band_key_thresholds", "due_days", "escalate_after_days", "is_active",
            "version", "change_note", "effective_from",
        ]
        read_only_fields = ["version"]


class IndicatorDetailSerializer(IndicatorSerializer):
    versions = IndicatorVersionSerializer(many=True, read_only=True)

    class Meta(IndicatorSerializer.Meta):
        fields = [*IndicatorSerializer.Meta.fields, "versions"]


class IndicatorValueSerializer(serializers.ModelSerializer):
    indicator_code = serializers.CharField(source="indicator.code", read_only=True)
    period_label = serializers.CharField(source="period.label", read_only=True)
    period_start = serializers.DateField(source="period.start", read_only=True,
                                         help_text="The list is not in date order: sort by this for dates")
    entered_by = PersonRefSerializer(read_only=True, allow_null=True)
    verified_by = PersonRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = IndicatorValue
        # The value's own columns that are shown (the list loads only these).
        value_fields = ["id", "indicator", "period", "actual", "numerator", "denominator", "commentary",
                        "is_provisional", "status", "rag", "entered_by", "entered_at", "verified_by", "verified_at",
                        "published_at"]
        fields = ["id", "indicator", "indicator_code", "period", "period_label", "period_start", "actual",
                  "numerator", "denominator", "commentary", "is_provisional", "status", "rag", "entered_by",
                  "entered_at", "verified_by", "verified_at", "published_at"]
        read_only_fields = fields


class ValueInputSerializer(serializers.Serializer):
    """A figure to enter: the actual, or the numerator and denominator it is calculated from."""

    indicator = serializers.PrimaryKeyRelatedField(queryset=Indicator.objects.select_related("service"))
    period = PeriodLabelField(help_text="For example Q2 2024/25, 2024/25 or Nov 2024")
    actual = serializers.DecimalField(max_digits=14, decimal_places=4, required=False, allow_null=True)
    numerator = serializers.DecimalField(max_digits=14, decimal_places=4, required=False, allow_null=True)
    denominator = serializers.DecimalField(max_digits=14, decimal_places=4, required=False, allow_null=True)
    commentary = serializers.CharField(required=False, allow_blank=True, default="")
    is_provisional = serializers.BooleanField(required=False, default=False)
    submit = serializers.BooleanField(required=False, default=False, help_text="Submit it for verification")

    def validate(self, data):
        indicator, spec = data["indicator"], data["period"]
        if spec.kind != indicator.frequency:
            raise serializers.ValidationError({"period": f"{indicator.code} is reported {indicator.frequency}ly: "
                                                         f"{spec.label} is a {spec.kind}"})
        return _check_figures(indicator, data)


def _check_figures(indicator, data):
    from indicators import importing

    numerator, denominator = data.get("numerator"), data.get("denominator")
    if (numerator is None) != (denominator is None):
        raise serializers.ValidationError("Give both the numerator and the denominator, or neither")
    actual = data.get("actual")
    if denominator is not None:
        if denominator == 0:
            raise serializers.ValidationError({"denominator": "The denominator is 0: a value cannot be divided by "
                                                              "zero"})
        actual = importing.calculate(numerator, denominator, indicator.multiplier)
    if actual is not None:
        low, high = indicator.value_range()
        info = importing.IndicatorInfo(indicator.pk, indicator.code, indicator.frequency,
                                       indicator.get_unit_display(), low, high)
        if message := importing.check_range(actual, info):
            raise serializers.ValidationError({"actual": message})
    return data


class ValueChangeSerializer(serializers.Serializer):
    actual = serializers.DecimalField(max_digits=14, decimal_places=4, required=False, allow_null=True)
    numerator = serializers.DecimalField(max_digits=14, decimal_places=4, required=False, allow_null=True)
    denominator = serializers.DecimalField(max_digits=14, decimal_places=4, required=False, allow_null=True)
    commentary = serializers.CharField(required=False, allow_blank=True)
    is_provisional = serializers.BooleanField(required=False)
    reason = serializers.CharField(required=False, allow_blank=True, default="",
                                   help_text="Needed once the figure is verified or published")

    def validate(self, data):
        return _check_figures(self.context["value"].indicator, data)


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField()


class TargetSerializer(serializers.ModelSerializer):
    indicator_code = serializers.CharField(source="indicator.code", read_only=True)
    period_label = serializers.CharField(source="period.label", read_only=True)
    set_by = PersonRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Target
        fields = ["id", "indicator", "indicator_code", "period", "period_label", "value", "value_upper", "note",
                  "set_by", "set_at"]
        read_only_fields = fields


class TargetInputSerializer(serializers.Serializer):
    indicator = serializers.PrimaryKeyRelatedField(queryset=Indicator.objects.all())
    period = PeriodLabelField(help_text="For example 2025/26 or Q1 2025/26")
    value = serializers.DecimalField(max_digits=14, decimal_places=4, allow_null=True,
                                     help_text="null clears the target")
    value_upper = serializers.DecimalField(max_digits=14, decimal_places=4, required=False, allow_null=True)


class ComparatorAreaSerializer(serializers.ModelSerializer):
    class Meta:
        model = ComparatorArea
        fields = ["id", "ons_code", "name", "kind"]


class ComparatorGroupSerializer(serializers.ModelSerializer):
    areas = serializers.PrimaryKeyRelatedField(many=True, queryset=ComparatorArea.objects.all(), required=False)

    class Meta:
        model = ComparatorGroup
        fields = ["id", "name", "kind", "description", "minimum_sample", "is_default", "areas"]


class BenchmarkValueSerializer(serializers.ModelSerializer):
    area_code = serializers.CharField(source="area.ons_code", read_only=True)
    area_name = serializers.CharField(source="area.name", read_only=True)
    period_label = serializers.CharField(source="period.label", read_only=True)

    class Meta:
        model = BenchmarkValue
        fields = ["id", "indicator", "area", "area_code", "area_name", "period", "period_label", "value"]
        read_only_fields = fields


class BenchmarkSummarySerializer(serializers.Serializer):
    period = serializers.CharField()
    group = serializers.CharField()
    ours = serializers.DecimalField(max_digits=14, decimal_places=4, allow_null=True)
    count = serializers.IntegerField(help_text="Comparators with data")
    group_size = serializers.IntegerField()
    median = serializers.DecimalField(max_digits=14, decimal_places=4, allow_null=True)
    lower_quartile = serializers.DecimalField(max_digits=14, decimal_places=4, allow_null=True)
    upper_quartile = serializers.DecimalField(max_digits=14, decimal_places=4, allow_null=True)
    rank = serializers.IntegerField(allow_null=True)
    ranked_among = serializers.IntegerField(allow_null=True)
    quartile = serializers.IntegerField(allow_null=True, help_text="1 best to 4 worst")
    small_sample = serializers.BooleanField()


class WatchItemSerializer(serializers.Serializer):
    indicator = serializers.IntegerField(source="indicator.pk")
    indicator_code = serializers.CharField(source="indicator.code")
    indicator_name = serializers.CharField(source="indicator.name")
    service = serializers.CharField(source="indicator.service.name")
    rule = serializers.CharField(source="rule.name")
    rule_kind = serializers.CharField(source="rule.kind")
    reason = serializers.CharField()
    latest_period = serializers.CharField(source="latest.period.label", allow_null=True)
    latest_actual = serializers.DecimalField(source="latest.actual", max_digits=14, decimal_places=4,
                                             allow_null=True)
    latest_rag = serializers.CharField(source="latest.rag", allow_null=True)
