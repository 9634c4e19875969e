"""The complaints API: the same access helpers, rules and access log as the pages."""

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import APIException
from rest_framework.response import Response
from rest_framework.settings import api_settings

from complaints import access, selectors, services, versions
from complaints.api import filters
from complaints.api import serializers as s
from complaints.api.permissions import ComplaintsOfficerWrites, SeesStatistics
from complaints.models import (
    CaseAccess,
    Complaint,
    ComplaintStage,
    LearningAction,
    PanelMembership,
    Regime,
    ReviewPanel,
)
from core.working_days import non_working_days

# The pages ask one question per point (or recommendation); the API takes them as a list.
LIST_FIELDS = {"point_": "outcomes", "recommendation_": "decisions"}


def _field_name(field):
    if field == NON_FIELD_ERRORS:
        return api_settings.NON_FIELD_ERRORS_KEY
    return next((name for prefix, name in LIST_FIELDS.items() if field.startswith(prefix)), field)


def _call(service, /, **kwargs):
    """Run a service; its ValidationError becomes a 400 with the same messages the pages show."""
    try:
        return service(**kwargs)
    except DjangoValidationError as error:
        if not hasattr(error, "error_dict"):
            raise serializers.ValidationError({api_settings.NON_FIELD_ERRORS_KEY: error.messages}) from None
        detail = {}
        for field, messages in error.message_dict.items():
            detail.setdefault(_field_name(field), []).extend(messages)
        raise serializers.ValidationError(detail) from None


def _valid(serializer_class, request, **kwargs):
    incoming = serializer_class(data=request.data, **kwargs)
    incoming.is_valid(raise_exception=True)
    data = dict(incoming.validated_data)
    data.pop("version", None)  # checked by _check_version
    return data


class EditConflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "stale"


def _check_version(request, kind, record):
    """Refuse a change made on top of a version of the record the client never read (If-Match or `version`).

    A client that sends neither is not checked, as before versions existed."""
    seen = request.headers.get("If-Match", "").strip().removeprefix("W/").strip('"')
    if not seen and isinstance(request.data, dict):
        seen = str(request.data.get("version") or "")
    current, message = versions.of(kind, record)
    if seen and seen not in (current, "*"):
        raise EditConflict({"version": [message()], "current_version": current})


def _by_number(items, given, *, field, what):
    """Map numbered items in the request (points, recommendations) to the objects' ids; unknown numbers are a 400."""
    numbers = {item.number: item.pk for item in items}
    unknown = sorted({entry["number"] for entry in given} - set(numbers))
    if unknown:
        raise serializers.ValidationError({field: [f"There is no {what} {n}" for n in unknown]})
    return numbers


DETAIL_FIELDS = ("complainant_name", "complainant_type", "contact_details", "service", "team", "summary",
                 "received_on", "matter_occurred_on", "accepted_late_reason", "acknowledged_on",
                 "delay_letter_sent_on", "owner")


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
    http_method_names = ["get", "post", "patch", "head", "options"]
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

    @extend_schema(summary="Change a complaint's details and key dates (complaints officers; not once closed)",
                   request=s.ComplaintUpdateSerializer, responses=s.ComplaintSerializer)
    def partial_update(self, request, pk=None):
        complaint = selectors.get_complaint_for_user(request.user, pk, write=True, via=CaseAccess.Via.API,
                                                     path=request.path)
        data = _valid(s.ComplaintUpdateSerializer, request)
        _check_version(request, "complaint", complaint)
        current = {name: getattr(complaint, name) for name in DETAIL_FIELDS}
        current["categories"] = list(complaint.categories.all())
        current["points"] = list(complaint.points.values_list("text", flat=True))
        _call(services.complaint_update, complaint=complaint, actor=request.user, **{**current, **data})
        return Response(self.get_serializer(selectors.case_file(complaint)).data)

    @extend_schema(summary="Move a complaint to its next stage", request=s.EscalateSerializer,
                   responses=s.ComplaintSerializer)
    @action(detail=True, methods=["post"])
    def escalate(self, request, pk=None):
        complaint = selectors.get_complaint_for_user(request.user, pk, write=True, via=CaseAccess.Via.API,
                                                     path=request.path)
        data = _valid(s.EscalateSerializer, request)
        _check_version(request, "complaint", complaint)
        _call(services.complaint_escalate, complaint=complaint, actor=request.user, stage_number=data["stage"],
              requested_on=data["requested_on"], late_request_reason=data["late_request_reason"],
              investigator=data["investigator"])
        return Response(self.get_serializer(selectors.case_file(complaint)).data)

    @extend_schema(summary="Close a complaint", request=s.CloseSerializer, responses=s.ComplaintSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        complaint = selectors.get_complaint_for_user(request.user, pk, write=True, via=CaseAccess.Via.API,
                                                     path=request.path)
        data = _valid(s.CloseSerializer, request)
        _check_version(request, "complaint", complaint)
        _call(services.complaint_close, complaint=complaint, actor=request.user, **data)
        return Response(self.get_serializer(selectors.case_file(complaint)).data)


class StageViewSet(viewsets.GenericViewSet):
    """One stage of a complaint: who handles it, extensions, and its response with an outcome per point."""

    serializer_class = s.StageSerializer
    queryset = ComplaintStage.objects.none()  # reached only through the access helper

    def _stage(self, pk, *, write=False):
        return selectors.get_stage_for_user(self.request.user, pk, write=write, via=CaseAccess.Via.API,
                                            path=self.request.path)

    def _reply(self, stage):
        return Response(s.StageSerializer(selectors.stage_file(stage)).data)

    @extend_schema(summary="A stage of a complaint (recorded in the access log)")
    def retrieve(self, request, pk=None):
        return self._reply(self._stage(pk))

    @extend_schema(summary="Name who handles a stage, or agree an extension (complaints officers)",
                   request=s.StageUpdateSerializer, responses=s.StageSerializer)
    def partial_update(self, request, pk=None):
        stage = self._stage(pk)
        if not access.is_complaints_officer(request.user):
            raise PermissionDenied
        data = _valid(s.StageUpdateSerializer, request)
        _check_version(request, "stage", stage)
        current = {name: getattr(stage, name) for name in ("investigator", "independent_person", "extended_to",
                                                           "extension_reason")}
        _call(services.stage_update, stage=stage, actor=request.user, **{**current, **data})
        return self._reply(stage)

    @extend_schema(summary="Record a stage's response, with an outcome for every point (complaints officers and "
                           "the stage's investigator)", request=s.StageResponseSerializer, responses=s.StageSerializer)
    @action(detail=True, methods=["post"])
    def respond(self, request, pk=None):
        stage = self._stage(pk, write=True)
        data = _valid(s.StageResponseSerializer, request)
        _check_version(request, "stage", stage)
        given = [{"number": o["point"], "outcome": o["outcome"]} for o in data["outcomes"]]
        points = _by_number(stage.complaint.points.all(), given, field="outcomes", what="point")
        _call(services.stage_respond, stage=stage, actor=request.user, responded_on=data["responded_on"],
              findings=data["findings"], remedy=data["remedy"],
              outcomes={points[o["number"]]: o["outcome"] for o in given})
        return self._reply(stage)


class PanelViewSet(viewsets.GenericViewSet):
    """A review panel: its members, meeting, report and recommendations, and the council's response."""

    serializer_class = s.PanelSerializer
    queryset = ReviewPanel.objects.none()  # reached only through the access helper

    def _panel(self, pk, *, write=False):
        return selectors.get_panel_for_user(self.request.user, pk, write=write, via=CaseAccess.Via.API,
                                            path=self.request.path)

    def _reply(self, panel):
        fresh = ReviewPanel.objects.prefetch_related(
            Prefetch("memberships", PanelMembership.objects.select_related("member")), "recommendations",
        ).get(pk=panel.pk)
        return Response(s.PanelSerializer(fresh).data)

    @extend_schema(summary="A review panel (recorded in the access log)")
    def retrieve(self, request, pk=None):
        return self._reply(self._panel(pk))

    @extend_schema(summary="Choose the panel's members and chair (complaints officers)",
                   request=s.PanelMembersSerializer, responses=s.PanelSerializer)
    @action(detail=True, methods=["post"])
    def members(self, request, pk=None):
        panel = self._panel(pk)
        if not access.is_complaints_officer(request.user):
            raise PermissionDenied
        data = _valid(s.PanelMembersSerializer, request)
        _check_version(request, "panel", panel)
        _call(services.panel_update, panel=panel, actor=request.user, members=data["members"], chair=data["chair"])
        return self._reply(panel)

    @extend_schema(summary="Record when the panel met, its report and recommendations (complaints officers and the "
                           "panel's members)", request=s.PanelReportSerializer, responses=s.PanelSerializer)
    @action(detail=True, methods=["post"])
    def report(self, request, pk=None):
        panel = self._panel(pk, write=True)
        data = _valid(s.PanelReportSerializer, request)
        _check_version(request, "panel", panel)
        _call(services.panel_record_report, panel=panel, actor=request.user, **data)
        return self._reply(panel)

    @extend_schema(summary="Record the council's response, with a decision on every recommendation (complaints "
                           "officers)", request=s.PanelResponseSerializer, responses=s.PanelSerializer)
    @action(detail=True, methods=["post"])
    def response(self, request, pk=None):
        panel = self._panel(pk)
        if not access.is_complaints_officer(request.user):
            raise PermissionDenied
        data = _valid(s.PanelResponseSerializer, request)
        _check_version(request, "panel", panel)
        numbers = _by_number(panel.recommendations.all(), data["decisions"], field="decisions",
                             what="recommendation")
        _call(services.panel_respond, panel=panel, actor=request.user,
              council_response_on=data["council_response_on"], council_response=data["council_response"],
              decisions={numbers[d["number"]]: d["decision"] for d in data["decisions"]})
        return self._reply(panel)


@extend_schema_view(
    list=extend_schema(summary="Learning actions from the complaints you may see",
                       description="Each complaint they come from is recorded in the access log."),
    retrieve=extend_schema(summary="A learning action (its complaint's access is logged)"),
    create=extend_schema(summary="Add a learning action to a complaint (complaints officers)",
                         request=s.LearningActionWriteSerializer),
    partial_update=extend_schema(summary="Change a learning action (complaints officers)",
                                 request=s.LearningActionWriteSerializer),
)
class LearningActionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = s.LearningActionDetailSerializer
    permission_classes = [ComplaintsOfficerWrites]
    http_method_names = ["get", "post", "patch", "head", "options"]
    filterset_fields = ["complaint", "status", "objective"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return LearningAction.objects.none()
        return LearningAction.objects.filter(complaint__in=Complaint.objects.visible_to(self.request.user)) \
            .select_related("owner", "complaint").order_by("due_on", "pk")

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        complaints = {action.complaint_id: action.complaint for action in page}
        services.case_access_record(complaints=complaints.values(), user=request.user, via=CaseAccess.Via.API,
                                    path=request.path)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def get_object(self):
        return selectors.get_learning_action_for_user(self.request.user, self.kwargs["pk"], via=CaseAccess.Via.API,
                                                      path=self.request.path)

    def create(self, request, *args, **kwargs):
        data = _valid(s.LearningActionWriteSerializer, request)
        if "complaint" not in data:
            raise serializers.ValidationError({"complaint": ["Give the complaint the action comes from"]})
        complaint = selectors.get_complaint_for_user(request.user, data.pop("complaint"), write=True,
                                                     via=CaseAccess.Via.API, path=request.path)
        created = _call(services.learning_action_create, complaint=complaint, actor=request.user, **data)
        return Response(self.get_serializer(created).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        current = selectors.get_learning_action_for_user(request.user, kwargs["pk"], write=True,
                                                         via=CaseAccess.Via.API, path=request.path)
        data = _valid(s.LearningActionWriteSerializer, request, partial=True)
        if "complaint" in data:
            raise serializers.ValidationError({"complaint": ["A learning action cannot move to another complaint"]})
        _check_version(request, "learning_action", current)
        fields = {name: getattr(current, name) for name in ("description", "owner", "due_on", "status", "objective",
                                                            "milestone")}
        updated = _call(services.learning_action_update, action=current, actor=request.user, **{**fields, **data})
        return Response(self.get_serializer(updated).data)


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
    router.register("complaint-stages", StageViewSet, basename="api-complaint-stage")
    router.register("complaint-panels", PanelViewSet, basename="api-complaint-panel")
    router.register("complaint-learning-actions", LearningActionViewSet, basename="api-complaint-learning-action")
    router.register("complaint-regimes", RegimeViewSet, basename="api-complaint-regime")
    router.register("complaint-statistics", StatisticsViewSet, basename="api-complaint-statistics")
