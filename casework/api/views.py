"""The casework and forums API: the same access helpers, rules and access log as the pages."""

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from casework import access, selectors, services
from casework.api import filters
from casework.api import serializers as s
from casework.api.permissions import ReadsForumsManagersWrite, SeesThemes
from casework.models import CouncillorCase, Forum, ForumMeeting
from complaints.api.views import _call
from complaints.models import CaseAccess
from complaints.selectors import Period
from complaints.services import case_access_record
from core.working_days import non_working_days


@extend_schema_view(
    list=extend_schema(summary="Councillors' cases you may see",
                       description="A councillor sees the cases they raised; the accountable officer (and deputy) "
                                   "of a service the cases sent to it; complaints and performance officers every "
                                   "case sent to a service. Each case returned is recorded in the access log."),
    retrieve=extend_schema(summary="A councillor's case (recorded in the access log)"),
    create=extend_schema(summary="Log a constituent's concern (ward councillors, for their own wards)",
                         request=s.CaseCreateSerializer),
)
class CaseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    serializer_class = s.CaseSerializer
    filterset_class = filters.CaseFilter
    ordering_fields = ["raised_on", "reference"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return CouncillorCase.objects.none()
        return (CouncillorCase.objects.visible_to(self.request.user)
                .select_related("ward", "service", "councillor", "routed_to", "responded_by")
                .prefetch_related("categories").order_by("-raised_on", "-pk"))

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "today": timezone.localdate(), "holidays": non_working_days()}

    def _case(self, pk):
        return selectors.get_case_for_user(self.request.user, pk, via=CaseAccess.Via.API, path=self.request.path)

    def _reply(self, case, code=status.HTTP_200_OK):
        return Response(self.get_serializer(selectors.case_file(case)).data, status=code)

    def get_object(self):
        return self._case(self.kwargs["pk"])

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        case_access_record(casework=page, user=request.user, via=CaseAccess.Via.API, path=request.path)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def create(self, request, *args, **kwargs):
        if not access.can_log_casework(request.user):
            raise PermissionDenied
        incoming = s.CaseCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        case = _call(services.case_log, actor=request.user, **incoming.validated_data)
        case_access_record(casework=[case], user=request.user, via=CaseAccess.Via.API, path=request.path)
        return self._reply(case, status.HTTP_201_CREATED)

    @extend_schema(summary="Record the constituent's consent and send the case to the service (its councillor)",
                   request=None, responses=s.CaseSerializer)
    @action(detail=True, methods=["post"])
    def consent(self, request, pk=None):
        case = self._case(pk)
        if not access.can_record_consent(request.user, case):
            raise PermissionDenied
        return self._reply(_call(services.case_record_consent, case=case, actor=request.user))

    @extend_schema(summary="Record the service's response (its accountable officer or deputy, or a casework manager)",
                   request=s.CaseRespondSerializer, responses=s.CaseSerializer)
    @action(detail=True, methods=["post"])
    def respond(self, request, pk=None):
        case = self._case(pk)
        if not access.can_respond(request.user, case, selectors.delegation_of(case)):
            raise PermissionDenied
        incoming = s.CaseRespondSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        return self._reply(_call(services.case_respond, case=case, actor=request.user, **incoming.validated_data))

    @extend_schema(summary="Close a case (its councillor, or a casework manager)", request=s.CaseCloseSerializer,
                   responses=s.CaseSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        case = self._case(pk)
        if not access.can_close(request.user, case):
            raise PermissionDenied
        incoming = s.CaseCloseSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        return self._reply(_call(services.case_close, case=case, actor=request.user, **incoming.validated_data))


class ThemesViewSet(viewsets.ViewSet):
    """Casework themes: counts by ward, service and category; counts below the threshold are null."""

    permission_classes = [SeesThemes]

    @extend_schema(summary="Casework themes (aggregate, no one named, small numbers suppressed)",
                   parameters=[s.ThemesQuerySerializer], responses=dict)
    def list(self, request):
        query = s.ThemesQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        period = Period(params.get("year") or selectors.current_period().year)
        return Response(themes_json(selectors.themes(period=period, ward=params.get("ward"))))


def themes_json(found):
    def cell(count):
        return {"count": None if count.suppressed else count.value, "text": str(count)}

    return {
        "period": {"label": found.period.label, "starts_on": found.period.starts_on, "ends_on": found.period.ends_on},
        "suppressed_below": found.threshold,
        "ward": found.ward.name if found.ward else None,
        "total": cell(found.total),
        "by_ward": [{"ward": name, "raised": cell(raised), "open": cell(still_open)}
                    for name, raised, still_open in found.by_ward],
        "by_service": [{"service": name, "raised": cell(raised), "answered_in_time_percent": share.percent,
                        "answered_in_time_text": str(share)} for name, raised, share in found.by_service],
        "by_category": [{"category": name, **cell(n)} for name, n in found.by_category],
        "by_ward_and_service": [{"ward": ward, "services": [{"service": name, **cell(n)} for name, n in services]}
                                for ward, services in found.by_ward_and_service],
    }




# Community forums ------------------------------------------------------------------------------

class _ServiceWrites:
    """Create and update through the services layer, so the rules are the pages' rules."""

    permission_classes = [ReadsForumsManagersWrite]

    def create(self, request, *args, **kwargs):
        incoming = self.get_serializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        saved = _call(self.save, current=None, data=incoming.validated_data)
        return Response(self.get_serializer(self.get_queryset().get(pk=saved.pk)).data, status=status.HTTP_201_CREATED)

    def update(self, request, *args, partial=False, **kwargs):
        current = self.get_object()
        incoming = self.get_serializer(current, data=request.data, partial=partial)
        incoming.is_valid(raise_exception=True)
        saved = _call(self.save, current=current, data=incoming.validated_data)
        return Response(self.get_serializer(self.get_queryset().get(pk=saved.pk)).data)

    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)


@extend_schema_view(list=extend_schema(summary="Community forums"), retrieve=extend_schema(summary="A forum"),
                    create=extend_schema(summary="Add a forum (performance and complaints officers)"),
                    update=extend_schema(summary="Change a forum"), partial_update=extend_schema(summary="Change a forum"))
class ForumViewSet(_ServiceWrites, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                   mixins.UpdateModelMixin, viewsets.GenericViewSet):
    serializer_class = s.ForumSerializer

    def get_queryset(self):
        return Forum.objects.prefetch_related("wards", "meetings")

    def save(self, *, current, data):
        forum = current
        merged = {name: data.get(name, getattr(forum, name, None)) for name in ("name", "description", "is_active")}
        wards = data.get("wards", list(forum.wards.all()) if forum else [])
        return services.forum_save(actor=self.request.user, forum=forum, wards=wards,
                                   **{k: v for k, v in merged.items() if v is not None})


@extend_schema_view(list=extend_schema(summary="Forum meetings"), retrieve=extend_schema(summary="A forum meeting"),
                    create=extend_schema(summary="Add a meeting (performance and complaints officers)"),
                    update=extend_schema(summary="Change a meeting"),
                    partial_update=extend_schema(summary="Change a meeting"))
class ForumMeetingViewSet(_ServiceWrites, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                          mixins.UpdateModelMixin, viewsets.GenericViewSet):
    serializer_class = s.ForumMeetingSerializer
    filterset_fields = ["forum"]
    ordering_fields = ["held_on"]

    def get_queryset(self):
        return ForumMeeting.objects.prefetch_related("issues").order_by("-held_on", "-pk")

    def save(self, *, current, data):
        meeting = current
        fields = {name: data.get(name, getattr(meeting, name, "")) for name in ("held_on", "venue", "notes")}
        return services.meeting_save(actor=self.request.user, meeting=meeting,
                                     forum=data.get("forum") or meeting.forum, **fields)


@extend_schema_view(list=extend_schema(summary="Issues raised at community forums",
                                       description="Filter by `priority` to see the local issues behind a priority."),
                    retrieve=extend_schema(summary="A forum issue, with the council's responses"),
                    create=extend_schema(summary="Record an issue raised at a meeting (performance and complaints "
                                                 "officers)"),
                    update=extend_schema(summary="Change an issue"),
                    partial_update=extend_schema(summary="Change an issue"))
class ForumIssueViewSet(_ServiceWrites, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                        mixins.UpdateModelMixin, viewsets.GenericViewSet):
    serializer_class = s.ForumIssueSerializer
    filterset_class = filters.ForumIssueFilter

    def get_queryset(self):
        return selectors.issue_list()

    def save(self, *, current, data):
        issue = current
        fields = {name: data.get(name, getattr(issue, name, "")) for name in ("title", "description")}
        priorities = data.get("priorities", list(issue.priorities.all()) if issue else [])
        service = data["service"] if "service" in data else (issue.service if issue else None)
        return services.issue_save(actor=self.request.user, issue=issue, meeting=data.get("meeting") or issue.meeting,
                                   service=service, priorities=priorities, **fields)

    @extend_schema(summary="Record the council's response to an issue", request=s.IssueResponseCreateSerializer,
                   responses=s.ForumIssueSerializer)
    @action(detail=True, methods=["post"])
    def respond(self, request, pk=None):
        issue = self.get_object()
        incoming = s.IssueResponseCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = {**incoming.validated_data}
        data.setdefault("responded_by", request.user)
        _call(services.issue_respond, actor=request.user, issue=issue, **data)
        return Response(self.get_serializer(self.get_queryset().get(pk=issue.pk)).data, status=status.HTTP_201_CREATED)


def register(router):
    router.register("casework", CaseViewSet, basename="api-casework")
    router.register("casework-themes", ThemesViewSet, basename="api-casework-themes")
    router.register("forums", ForumViewSet, basename="api-forum")
    router.register("forum-meetings", ForumMeetingViewSet, basename="api-forum-meeting")
    router.register("forum-issues", ForumIssueViewSet, basename="api-forum-issue")
