"""The report packs API: the same access rules and services as the pages."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from reports import access, services
from reports.api import serializers as s
from reports.models import Report, ReportSchedule, ReportVersion
from reports.selectors import LIGHT_VERSION_FIELDS


class ManagesReports(IsAuthenticated):
    def has_permission(self, request, view):
        return super().has_permission(request, view) and access.can_manage_reports(request.user)


@extend_schema_view(list=extend_schema(summary="Report packs you may read, with their versions"),
                    retrieve=extend_schema(summary="A report pack and its versions"))
class ReportViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.ReportSerializer
    filterset_fields = ["report_type", "audience", "portfolio", "committee", "directorate", "period"]

    def get_queryset(self):
        return (Report.objects.visible_to(self.request.user)
                .select_related("period", "portfolio", "committee", "directorate")
                .prefetch_related(Prefetch("versions", queryset=ReportVersion.objects.only(*LIGHT_VERSION_FIELDS)
                                           .order_by("-number")))
                .order_by("-period__start", "report_type", "audience_key"))

    @extend_schema(summary="Produce a report now (performance officers)", request=s.GenerateSerializer,
                   responses={202: s.VersionSummarySerializer})
    @action(detail=False, methods=["post"], permission_classes=[ManagesReports])
    def generate(self, request):
        """Queues the report; a new version when it has been produced for the period before. Follow `url`."""
        data = s.GenerateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            version = services.report_request(**data.validated_data, requested_by=request.user, new_version=True)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.message_dict if hasattr(error, "error_dict")
                                              else {"non_field_errors": error.messages}) from None
        return Response(s.VersionSummarySerializer(version, context={"request": request}).data,
                        status=status.HTTP_202_ACCEPTED)


@extend_schema_view(list=extend_schema(summary="Versions of the report packs you may read"),
                    retrieve=extend_schema(summary="A version, with the figures it was produced from"))
class ReportVersionViewSet(viewsets.ReadOnlyModelViewSet):
    filterset_fields = ["report", "status"]

    def get_serializer_class(self):
        return s.VersionSerializer if self.action == "retrieve" else s.VersionSummarySerializer

    def get_queryset(self):
        versions = ReportVersion.objects.filter(report__in=Report.objects.visible_to(self.request.user))
        if self.action != "retrieve":
            versions = versions.only(*LIGHT_VERSION_FIELDS)
        else:
            versions = versions.defer("html", "pdf")
        return versions.order_by("-requested_at", "-pk")


@extend_schema_view(list=extend_schema(summary="Report schedules (performance officers)"),
                    retrieve=extend_schema(summary="A report schedule"))
class ReportScheduleViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = s.ScheduleSerializer
    permission_classes = [ManagesReports]

    def get_queryset(self):
        return (ReportSchedule.objects.select_related("next_period").prefetch_related("recipients")
                .order_by("report_type", "audience_key"))


def register(router):
    router.register("reports/versions", ReportVersionViewSet, basename="report-version")
    router.register("reports/schedules", ReportScheduleViewSet, basename="report-schedule")
    router.register("reports", ReportViewSet, basename="report")
