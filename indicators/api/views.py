from django.core.exceptions import ValidationError as DjangoValidationError
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from indicators import selectors, services
from indicators.api import filters
from indicators.api import serializers as s
from indicators.api.pagination import IndicatorValuePagination
from indicators.api.permissions import ReadOrLibraryEditor
from indicators.models import (
    BenchmarkValue,
    ComparatorArea,
    ComparatorGroup,
    Indicator,
    IndicatorValue,
    Period,
    Target,
)
from organisation.api.serializers import PERSON_REF_COLUMNS


def _bad_request(error):
    detail = error.message_dict if hasattr(error, "error_dict") else error.messages
    return serializers.ValidationError(detail)


@extend_schema_view(
    list=extend_schema(summary="The indicator library", description="Filter by framework, service, frequency..."),
    retrieve=extend_schema(summary="An indicator's definition and its versions"),
    create=extend_schema(summary="Add an indicator (performance team)"),
    update=extend_schema(summary="Change an indicator (performance team); a changed definition is a new version"),
    partial_update=extend_schema(summary="Change part of an indicator (performance team)"),
)
class IndicatorViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                       mixins.UpdateModelMixin, viewsets.GenericViewSet):
    permission_classes = [ReadOrLibraryEditor]
    filterset_class = filters.IndicatorFilter
    ordering_fields = ["code", "name", "framework"]

    def get_queryset(self):
        # The indicator's own columns, and of its service and officers only what is shown: whole person rows
        # (passwords, sign-in times) cost more to load than the page's SQL.
        queryset = Indicator.objects.visible_to(self.request.user).select_related(
            "service", "accountable_officer", "data_officer").only(
            *(field.name for field in Indicator._meta.concrete_fields), "service__name",
            *(f"accountable_officer__{f}" for f in PERSON_REF_COLUMNS),
            *(f"data_officer__{f}" for f in PERSON_REF_COLUMNS),
        ).order_by("framework", "code")
        if self.action == "retrieve":
            queryset = queryset.prefetch_related("versions")
        return queryset

    def get_serializer_class(self):
        return s.IndicatorDetailSerializer if self.action == "retrieve" else s.IndicatorSerializer

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("change_note", None)
        data.pop("effective_from", None)
        try:
            serializer.instance = services.indicator_create(actor=self.request.user, **data)
        except DjangoValidationError as error:
            raise _bad_request(error) from None

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        note = data.pop("change_note", "")
        effective = data.pop("effective_from", None)
        try:
            serializer.instance = services.indicator_update(
                indicator=serializer.instance, actor=self.request.user, change_note=note,
                effective_from=services.period_ensure(effective) if effective else None, **data)
        except DjangoValidationError as error:
            raise _bad_request(error) from None

    @extend_schema(summary="Our value against a comparator group: median, quartiles, rank",
                   parameters=[OpenApiParameter("group", int, description="Comparator group (default group if "
                                                                          "not given)"),
                               OpenApiParameter("period", str, description="Period label; the latest with "
                                                                           "comparator data if not given")],
                   responses=s.BenchmarkSummarySerializer(many=True))
    @action(detail=True)
    def benchmark(self, request, pk=None):
        indicator = selectors.get_indicator_for_user(request.user, pk)
        page = selectors.indicator_page(request.user, indicator, group_id=request.query_params.get("group"))
        label = request.query_params.get("period")
        rows = [r for r in page["rows"] if r.benchmark and (not label or r.period.label == label)]
        data = [
            {"period": r.period.label, "group": page["group"].name, "ours": r.benchmark.ours,
             "count": r.benchmark.count, "group_size": r.benchmark.group_size, "median": r.benchmark.median,
             "lower_quartile": r.benchmark.lower_quartile, "upper_quartile": r.benchmark.upper_quartile,
             "rank": r.benchmark.rank, "ranked_among": r.benchmark.ranked_among,
             "quartile": r.benchmark.quartile, "small_sample": r.benchmark.small_sample}
            for r in rows
        ]
        return Response(s.BenchmarkSummarySerializer(data, many=True).data)


@extend_schema_view(
    list=extend_schema(
        summary="Indicator values you may see",
        description="The public sees published values only; everyone signed in verified and published ones; "
                    "those who enter or manage a service's figures every status for that service. RAG is computed. "
                    "Paged by cursor: follow `next` and `previous` as given (they keep the filters); there is no "
                    "count. Values come grouped by indicator in a fixed order, not by date (see `period_start`)."),
    retrieve=extend_schema(summary="An indicator value"),
)
class IndicatorValueViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = s.IndicatorValueSerializer
    # Figures pile up every month for ever: a cursor over the (indicator, period) index costs the same on
    # every page whatever the history, where a page number's COUNT and OFFSET read all of it (ADR 0013).
    # The order is the index's, so there is no ?ordering=.
    pagination_class = IndicatorValuePagination
    filter_backends = [DjangoFilterBackend]
    filterset_class = filters.IndicatorValueFilter

    def get_queryset(self):
        # Only the columns the serializer shows: whole indicator and person rows cost more to load than the
        # page's SQL.
        return IndicatorValue.objects.visible_to(self.request.user).select_related(
            "indicator", "period", "entered_by", "verified_by").only(
            "indicator__code", "period__label", "period__start", *(f"entered_by__{f}" for f in PERSON_REF_COLUMNS),
            *(f"verified_by__{f}" for f in PERSON_REF_COLUMNS), *s.IndicatorValueSerializer.Meta.value_fields,
        ).order_by(*IndicatorValuePagination.ordering)

    def _value(self, pk, *, write=False):
        return selectors.get_value_for_user(self.request.user, pk, write=write)

    @extend_schema(summary="Enter a value (data officers, for their services' indicators)",
                   request=s.ValueInputSerializer, responses={201: s.IndicatorValueSerializer})
    def create(self, request):
        serializer = s.ValueInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        indicator = data["indicator"]
        if not selectors.can_enter(request.user, indicator):
            raise PermissionDenied("You cannot enter values for this indicator's service.")
        period = services.period_ensure(data["period"])
        entry = {k: data.get(k) for k in ("actual", "numerator", "denominator", "commentary", "is_provisional")}
        try:
            saved = services.values_save(actor=request.user, period=period, entries=[{"indicator": indicator,
                                                                                     **entry}],
                                         submit=data["submit"])
        except DjangoValidationError as error:
            raise _bad_request(error) from None
        if not saved:
            raise serializers.ValidationError("Give an actual, or a numerator and denominator")
        return Response(s.IndicatorValueSerializer(self._value(saved[0].pk)).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Change a value; once verified or published it needs a reason and goes back for "
                           "verification", request=s.ValueChangeSerializer, responses=s.IndicatorValueSerializer)
    def partial_update(self, request, pk=None):
        value = self._value(pk, write=True)
        serializer = s.ValueChangeSerializer(data=request.data, context={"value": value})
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        reason = data.pop("reason", "")
        try:
            services.value_change(actor=request.user, value=value, reason=reason, **data)
        except DjangoValidationError as error:
            raise _bad_request(error) from None
        return Response(s.IndicatorValueSerializer(self._value(pk)).data)

    @extend_schema(summary="Submit a draft for verification", request=None, responses=s.IndicatorValueSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        value = self._value(pk, write=True)
        try:
            services.values_submit(actor=request.user, values=[value])
        except DjangoValidationError as error:
            raise _bad_request(error) from None
        return Response(s.IndicatorValueSerializer(self._value(pk)).data)

    @extend_schema(summary="Verify a submitted value (a manager of the service, never its enterer)", request=None,
                   responses=s.IndicatorValueSerializer)
    @action(detail=True, methods=["post"])
    def verify(self, request, pk=None):
        value = self._value(pk)
        if not request.user.access.manages_service(value.indicator.service_id):
            raise PermissionDenied("You cannot verify values for this service.")
        if value.entered_by_id == request.user.pk:
            raise PermissionDenied("You entered this value: someone else must verify it.")
        try:
            services.values_verify(actor=request.user, values=[value])
        except DjangoValidationError as error:
            raise _bad_request(error) from None
        return Response(s.IndicatorValueSerializer(self._value(pk)).data)

    @extend_schema(summary="Return a submitted value for correction", request=s.ReasonSerializer,
                   responses=s.IndicatorValueSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def return_for_correction(self, request, pk=None):
        value = self._value(pk)
        if not request.user.access.manages_service(value.indicator.service_id):
            raise PermissionDenied("You cannot verify values for this service.")
        serializer = s.ReasonSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            services.value_return(actor=request.user, value=value, reason=serializer.validated_data["reason"])
        except DjangoValidationError as error:
            raise _bad_request(error) from None
        return Response(s.IndicatorValueSerializer(self._value(pk)).data)

    @extend_schema(summary="Publish a verified value (performance team)", request=None,
                   responses=s.IndicatorValueSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        value = self._value(pk)
        if not selectors.can_publish(request.user):
            raise PermissionDenied("Only the corporate performance team publishes figures.")
        try:
            services.values_publish(actor=request.user, values=[value])
        except DjangoValidationError as error:
            raise _bad_request(error) from None
        return Response(s.IndicatorValueSerializer(self._value(pk)).data)


@extend_schema_view(
    list=extend_schema(summary="Targets"),
    retrieve=extend_schema(summary="A target"),
)
class TargetViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = s.TargetSerializer
    filterset_class = filters.TargetFilter

    def get_queryset(self):
        return Target.objects.select_related("indicator", "period", "set_by").order_by("indicator__code",
                                                                                      "period__start")

    @extend_schema(summary="Set or clear a target (managers of the indicator's service)",
                   request=s.TargetInputSerializer, responses={201: s.TargetSerializer, 204: None})
    def create(self, request):
        serializer = s.TargetInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        indicator = data["indicator"]
        if not selectors.can_set_targets(request.user, indicator):
            raise PermissionDenied("You cannot set targets for this indicator's service.")
        period = services.period_ensure(data["period"])
        try:
            services.targets_save(actor=request.user, indicator=indicator,
                                  targets=[(period, data["value"], data.get("value_upper"))])
        except DjangoValidationError as error:
            raise _bad_request(error) from None
        target = Target.objects.filter(indicator=indicator, period=period).select_related(
            "indicator", "period", "set_by").first()
        if target is None:
            return Response(status=status.HTTP_204_NO_CONTENT)
        return Response(s.TargetSerializer(target).data, status=status.HTTP_201_CREATED)


@extend_schema_view(list=extend_schema(summary="Reporting periods (financial years, quarters, months)"),
                    retrieve=extend_schema(summary="A period"))
class PeriodViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Period.objects.order_by("start", "-end")
    serializer_class = s.PeriodSerializer
    filterset_class = filters.PeriodFilter


@extend_schema_view(list=extend_schema(summary="Comparator areas: real councils, regions and England"),
                    retrieve=extend_schema(summary="A comparator area"))
class ComparatorAreaViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = ComparatorArea.objects.order_by("name")
    serializer_class = s.ComparatorAreaSerializer
    filterset_fields = ["kind", "ons_code"]


@extend_schema_view(list=extend_schema(summary="Comparator groups"), retrieve=extend_schema(summary="A group"),
                    create=extend_schema(summary="Add a comparator group (performance team)"),
                    update=extend_schema(summary="Change a comparator group (performance team)"),
                    partial_update=extend_schema(summary="Change part of a comparator group (performance team)"))
class ComparatorGroupViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                             mixins.UpdateModelMixin, viewsets.GenericViewSet):
    queryset = ComparatorGroup.objects.prefetch_related("areas")
    serializer_class = s.ComparatorGroupSerializer
    permission_classes = [ReadOrLibraryEditor]

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        areas = data.pop("areas", [])
        serializer.instance = services.comparator_group_save(actor=self.request.user, areas=areas, **data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        areas = data.pop("areas", list(serializer.instance.areas.all()))
        serializer.instance = services.comparator_group_save(actor=self.request.user, group=serializer.instance,
                                                             areas=areas, **data)


@extend_schema_view(list=extend_schema(summary="Comparator figures, as published for other areas",
                                       description="A null value means the publisher had no data (NA)."),
                    retrieve=extend_schema(summary="A comparator figure"))
class BenchmarkValueViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.BenchmarkValueSerializer
    filterset_class = filters.BenchmarkValueFilter

    def get_queryset(self):
        return BenchmarkValue.objects.select_related("area", "period").order_by("indicator", "period__start",
                                                                                 "area__name").distinct()


class WatchlistViewSet(viewsets.ViewSet):
    @extend_schema(summary="The watchlist: indicators caught by the exception rules",
                   responses=s.WatchItemSerializer(many=True))
    def list(self, request):
        return Response(s.WatchItemSerializer(selectors.watchlist(user=request.user), many=True).data)


def register(router):
    router.register("indicators", IndicatorViewSet, basename="indicator")
    router.register("indicator-values", IndicatorValueViewSet, basename="indicator-value")
    router.register("targets", TargetViewSet, basename="target")
    router.register("periods", PeriodViewSet, basename="period")
    router.register("comparator-areas", ComparatorAreaViewSet, basename="comparator-area")
    router.register("comparator-groups", ComparatorGroupViewSet, basename="comparator-group")
    router.register("benchmark-values", BenchmarkValueViewSet, basename="benchmark-value")
    router.register("watchlist", WatchlistViewSet, basename="watchlist")

