from django.urls import reverse
from rest_framework import serializers

from indicators.models import Period
from organisation.models import Directorate, Portfolio
from reports.models import Audience, Report, ReportSchedule, ReportType, ReportVersion
from scrutiny.models import Committee


class VersionSummarySerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    html_url = serializers.SerializerMethodField()
    pdf_url = serializers.SerializerMethodField()

    class Meta:
        model = ReportVersion
        fields = ["id", "number", "idempotency_key", "status", "phase", "trigger", "requested_at", "generated_at",
                  "pdf_pages", "failure_reason", "url", "html_url", "pdf_url"]

    def _absolute(self, name, obj):
        request = self.context.get("request")
        path = reverse(name, args=[obj.pk])
        return request.build_absolute_uri(path) if request else path

    def get_url(self, obj) -> str:
        return self._absolute("reports:version-detail", obj)

    def get_html_url(self, obj) -> str | None:
        return self._absolute("reports:version-html", obj) if obj.status == ReportVersion.Status.READY else None

    def get_pdf_url(self, obj) -> str | None:
        return self._absolute("reports:version-pdf", obj) if obj.status == ReportVersion.Status.READY else None


class VersionSerializer(VersionSummarySerializer):
    report = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta(VersionSummarySerializer.Meta):
        fields = [*VersionSummarySerializer.Meta.fields, "report", "snapshot"]


class ReportSerializer(serializers.ModelSerializer):
    period_label = serializers.CharField(source="period.label", read_only=True)
    audience_label = serializers.CharField(read_only=True)
    title = serializers.CharField(read_only=True)
    versions = VersionSummarySerializer(many=True, read_only=True)

    class Meta:
        model = Report
        fields = ["id", "title", "report_type", "audience", "audience_label", "portfolio", "committee", "directorate",
                  "period", "period_label", "versions"]


class GenerateSerializer(serializers.Serializer):
    """Ask for a report now: a new version if it has been produced for that period before."""

    report_type = serializers.ChoiceField(choices=ReportType.choices)
    audience = serializers.ChoiceField(choices=Audience.choices)
    portfolio = serializers.PrimaryKeyRelatedField(queryset=Portfolio.objects.all(), required=False, allow_null=True)
    committee = serializers.PrimaryKeyRelatedField(queryset=Committee.objects.all(), required=False, allow_null=True)
    directorate = serializers.PrimaryKeyRelatedField(queryset=Directorate.objects.all(), required=False,
                                                     allow_null=True)
    period = serializers.SlugRelatedField(slug_field="label", queryset=Period.objects.filter(kind__in=["quarter", "year"]),
                                          help_text="For example Q2 2026/27 or 2025/26")


class ScheduleSerializer(serializers.ModelSerializer):
    audience_label = serializers.CharField(read_only=True)
    next_period_label = serializers.CharField(source="next_period.label", read_only=True, default=None)

    class Meta:
        model = ReportSchedule
        fields = ["id", "report_type", "audience", "audience_label", "portfolio", "committee", "directorate",
                  "frequency", "working_days_after", "run_at", "recipients", "is_active", "next_period",
                  "next_period_label", "next_run_at"]
        read_only_fields = fields
