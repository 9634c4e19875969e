"""The appraisals API: the same access rules and services as the pages.

Appraisals and their objectives are listed only as `visible_to(user)`: anything
else is a 404, never a 403, so nobody learns that someone's appraisal exists.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from appraisals import access, selectors, services
from appraisals.api import serializers as s
from appraisals.models import Appraisal, AppraisalCycle, AppraisalObjective, ProgressNote


def _objectives():
    return AppraisalObjective.objects.select_related("service_objective").prefetch_related(
        "service_objective__priorities",
        Prefetch("progress_notes", queryset=ProgressNote.objects.select_related("recorded_by")))


@extend_schema_view(list=extend_schema(summary="Appraisal cycles and their windows"),
                    retrieve=extend_schema(summary="An appraisal cycle"))
class AppraisalCycleViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.AppraisalCycleSerializer
    permission_classes = [IsAuthenticated]
    queryset = AppraisalCycle.objects.prefetch_related("rating_levels")

    @extend_schema(summary="Appraisal coverage by directorate and service (aggregates only)",
                   responses=s.CoverageRowSerializer(many=True))
    @action(detail=True)
    def coverage(self, request, pk=None):
        if not access.sees_coverage(request.user):
            raise PermissionDenied("Coverage figures are for the performance team, directors and HR.")
        cycle = self.get_object()
        return Response(s.CoverageRowSerializer(selectors.coverage(cycle), many=True).data)


@extend_schema_view(
    list=extend_schema(summary="Appraisals you may see",
                       description="Your own, your line-management chain's and (for HR) everyone's.",
                       parameters=[OpenApiParameter("year", int, description="Financial year it starts in")]),
    retrieve=extend_schema(summary="An appraisal"))
class AppraisalViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.AppraisalSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        queryset = Appraisal.objects.visible_to(self.request.user).select_related("cycle", "person").prefetch_related(
            Prefetch("objectives", queryset=_objectives()), "reviews").order_by("-cycle__year", "person__last_name",
                                                                               "pk")
        year = self.request.query_params.get("year", "")
        return queryset.filter(cycle__year=int(year)) if year.isdigit() else queryset


@extend_schema_view(list=extend_schema(summary="Staff objectives you may see"),
                    retrieve=extend_schema(summary="A staff objective, with its progress notes"))
class AppraisalObjectiveViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.AppraisalObjectiveSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return _objectives().filter(pk__in=AppraisalObjective.objects.visible_to(self.request.user).values("pk")
                                    ).order_by("appraisal", "number")

    @extend_schema(summary="Record progress on an objective", request=s.ProgressNoteInputSerializer,
                   responses={201: s.ProgressNoteSerializer})
    @action(detail=True, methods=["post"], url_path="progress-notes")
    def progress_notes(self, request, pk=None):
        objective = selectors.get_appraisal_objective_for_user(request.user, pk, write=True)
        data = s.ProgressNoteInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            note = services.progress_note_add(objective=objective, actor=request.user, **data.validated_data)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.message_dict if hasattr(error, "error_dict")
                                              else error.messages) from None
        return Response(s.ProgressNoteSerializer(note).data, status=status.HTTP_201_CREATED)


def register(router):
    router.register("appraisal-cycles", AppraisalCycleViewSet, basename="api-appraisal-cycle")
    router.register("appraisals", AppraisalViewSet, basename="api-appraisal")
    router.register("appraisal-objectives", AppraisalObjectiveViewSet, basename="api-appraisal-objective")
