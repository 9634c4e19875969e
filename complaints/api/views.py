"""The complaints API: the same access helpers, rules and access log as the pages."""

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.settings import api_settings

from complaints import selectors, services
from complaints.api import filters
from complaints.api import serializers as s
from complaints.api.permissions import ComplaintsOfficerWrites, SeesStatistics
from complaints.models import CaseAccess, Complaint, Regime
from core.working_days import non_working_days


def _call(service, /, **kwargs):
    """Run a service; its ValidationError becomes a 400 with the same messages the pages show."""
    try:
        return service(**kwargs)
    except DjangoValidationError as error:
        if not hasattr(error, "error_dict"):
            raise serializers.ValidationError({api_settings.NON_FIELD_ERRORS_KEY: error.messages}) from None
        detail = {api_settings.NON_FIELD_ERRORS_KEY if field == NON_FIELD_ERRORS else field: messages
                  for field, messages in error.message_dict.items()}
        raise serializers.ValidationError(detail) from None


@extend_schema_view(
    list=extend_schema(summary="Complaints you may see",
                       description="Complaints officers see every case; an investigating officer or panel member only "
                                   "their own. Each case returned is recorded in the access log."),
    retrieve=extend_schema(summary="A complaint (recorded in the access log)"),
    create=extend_schema(summary="Log a complaint, informal complaint or compliment (complaints officers)",
                         request=s.ComplaintCreateSerializer),
)
class ComplaintViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                       viewsets.GenericViewSet):
    serializer_class = s.ComplaintSerializer
    permission_classes = [ComplaintsOfficerWrites]
    filterset_class = filters.ComplaintFilter
    ordering_fields = ["received_on", "reference"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Complaint.objects.none()
        return selectors.with_case_files(Complaint.objects.visible_to(self.request.user)).order_by("-received_on",
                                                                                                    "-pk")

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "today": timezone.localdate(), "holidays": non_working_days()}

    def get_object(self):
        complaint = selectors.get_complaint_for_user(self.request.user, self.kwargs["pk"], via=CaseAccess.Via.API,
                                                     path=self.request.path)
        return selectors.case_file(complaint)

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        services.case_access_record(complaints=page, user=request.user, via=CaseAccess.Via.API, path=request.path)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def create(self, request, *args, **kwargs):
        incoming = s.ComplaintCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = {**incoming.validated_data}
        data.setdefault("owner", request.user)
        complaint = _call(services.complaint_log, actor=request.user, **data)
        services.case_access_record(complaints=[complaint], user=request.user, via=CaseAccess.Via.API,
                                    path=request.path)
        return Response(self.get_serializer(selectors.case_file(complaint)).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Move a complaint to its next stage", request=s.EscalateSerializer,
                   responses=s.ComplaintSerializer)
    @action(detail=True, methods=["post"])
    def escalate(self, request, pk=None):
        complaint = selectors.get_complaint_for_user(request.user, pk, write=True, via=CaseAccess.Via.API,
                                                     path=request.path)
        incoming = s.EscalateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        _call(services.complaint_escalate, complaint=complaint, actor=request.user, stage_number=data["stage"],
              requested_on=data["requested_on"], late_request_reason=data["late_request_reason"],
              investigator=data["investigator"])
        return Response(self.get_serializer(selectors.case_file(complaint)).data)

    @extend_schema(summary="Close a complaint", request=s.CloseSerializer, responses=s.ComplaintSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        complaint = selectors.get_complaint_for_user(request.user, pk, write=True, via=CaseAccess.Via.API,
                                                     path=request.path)
        incoming = s.CloseSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        _call(services.complaint_close, complaint=complaint, actor=request.user, **incoming.validated_data)
        return Response(self.get_serializer(selectors.case_file(complaint)).data)


@extend_schema_view(list=extend_schema(summary="Complaint procedures, their stages and timescales (working days)"),
                    retrieve=extend_schema(summary="A complaint procedure"))
class RegimeViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.RegimeSerializer
    queryset = Regime.objects.prefetch_related("stages")
    lookup_field = "code"


class StatisticsViewSet(viewsets.ViewSet):
    """Aggregate complaint statistics: counts below the threshold come back as "fewer than N"."""

    permission_classes = [SeesStatistics]

    @extend_schema(summary="Complaint statistics (aggregate, small numbers suppressed)",
                   parameters=[s.StatisticsQuerySerializer], responses=dict)
    def list(self, request):
        query = s.StatisticsQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        period = selectors.Period(params.get("year") or selectors.current_period().year, params.get("quarter"))
        stats = selectors.statistics(period=period, service=params.get("service"), regime=params.get("regime"))
        return Response(statistics_json(stats))


def _n(count):
    return None if count.suppressed else count.value


def statistics_json(stats):
    """Suppressed counts are null, with their text ("fewer than 5") alongside."""

    def cell(count):
        return {"count": _n(count), "text": str(count)}

    kinds = ["formal", "informal", "compliments"]
    return {
        "period": {"label": stats.period.label, "starts_on": stats.period.starts_on, "ends_on": stats.period.ends_on},
        "suppressed_below": stats.threshold,
        "service": stats.service.pk if stats.service else None,
        "regime": stats.regime.code if stats.regime else None,
        "volumes": [{"regime": name, **{k: cell(c) for k, c in zip(kinds, counts, strict=True)}}
                    for name, *counts in stats.volumes],
        "by_service": [{"service": name, **{k: cell(c) for k, c in zip(kinds, counts, strict=True)}}
                       for name, *counts in stats.by_service],
        "timeliness": [{"regime": regime, "step": step, "within_timescale_percent": share.percent,
                        "text": str(share), "responses": None if share.suppressed else share.denominator}
                       for regime, step, share in stats.timeliness],
        "outcomes": [{"stage": stage, **{label: cell(c) for label, c in zip(stats.outcome_labels, counts,
                                                                           strict=True)}, "all": cell(total)}
                     for stage, counts, total in stats.outcomes],
        "categories": [{"category": name, **cell(c)} for name, c in stats.categories],
        "escalations": [{"regime": regime, "stage": stage, **cell(c)} for regime, stage, c in stats.escalations],
        "ombudsman": [{"decision": label, **cell(c)} for label, c in stats.ombudsman],
    }


def register(router):
    router.register("complaints", ComplaintViewSet, basename="api-complaint")
    router.register("complaint-regimes", RegimeViewSet, basename="api-complaint-regime")
    router.register("complaint-statistics", StatisticsViewSet, basename="api-complaint-statistics")
