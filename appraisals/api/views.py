"""The appraisals API: the same access helpers and services as the pages, so the same rules.

Appraisals, objectives and support plans are found only among what the person may see
(the person, their line-management chain and HR): anything else is a 404, never a 403,
so nobody learns that someone's appraisal or plan exists. Someone who may read but not
write (HR, a manager's manager) gets 403. A rule a service refuses (a closed window, a
locked review, a closed plan, a date in the past) is a 400 with the message the pages
show, under the field it concerns.
"""

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.settings import api_settings

from appraisals import access, selectors, services
from appraisals.api import serializers as s
from appraisals.models import (
    Appraisal,
    AppraisalCycle,
    AppraisalObjective,
    ProgressNote,
    Review,
    SupportPlan,
    SupportPlanAction,
)

KIND = OpenApiParameter("kind", OpenApiTypes.STR, OpenApiParameter.PATH, enum=Review.Kind.values,
                        description="Which review: mid_year or year_end")
REVIEW_PATH = r"reviews/(?P<kind>mid_year|year_end)"


def _field(name):
    if name == NON_FIELD_ERRORS:
        return api_settings.NON_FIELD_ERRORS_KEY
    if name.startswith("rating_"):  # the pages' per-objective field: the API sends them as `ratings`
        return "ratings"
    return name


def _call(service, /, **kwargs):
    """Run a service; its ValidationError becomes a 400 with the same messages the pages show."""
    try:
        return service(**kwargs)
    except DjangoValidationError as error:
        if not hasattr(error, "error_dict"):
            raise serializers.ValidationError({api_settings.NON_FIELD_ERRORS_KEY: error.messages}) from None
        detail = {}
        for name, messages in error.message_dict.items():
            detail.setdefault(_field(name), []).extend(messages)
        raise serializers.ValidationError(detail) from None


def _valid(serializer_class, request, *, partial=False):
    incoming = serializer_class(data=request.data, partial=partial)
    incoming.is_valid(raise_exception=True)
    return dict(incoming.validated_data)


def _objectives():
    return AppraisalObjective.objects.select_related("service_objective").prefetch_related(
        "service_objective__priorities",
        Prefetch("progress_notes", queryset=ProgressNote.objects.select_related("recorded_by")))


# Cycles ---------------------------------------------------------------------------

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

    @extend_schema(summary="Cascade a service-plan objective to several of your staff at once",
                   description="All or nothing: each person gets their own copy, awaiting agreement, to tailor.",
                   request=s.CascadeInputSerializer, responses={201: s.AppraisalObjectiveSerializer(many=True)})
    @action(detail=True, methods=["post"])
    def cascade(self, request, pk=None):
        cycle = self.get_object()
        if not selectors.direct_reports(request.user).exists():
            raise PermissionDenied("Only line managers cascade objectives, to their own staff.")
        data = _valid(s.CascadeInputSerializer, request)
        created = _call(services.objective_cascade, actor=request.user, cycle=cycle, **data)
        found = _objectives().filter(pk__in=[o.pk for o in created]).order_by("appraisal", "number")
        return Response(s.AppraisalObjectiveSerializer(found, many=True).data, status=status.HTTP_201_CREATED)


# Appraisals and their reviews -------------------------------------------------------

@extend_schema_view(
    list=extend_schema(summary="Appraisals you may see",
                       description="Your own, your line-management chain's and (for HR) everyone's.",
                       parameters=[OpenApiParameter("year", int, description="Financial year it starts in")]),
    retrieve=extend_schema(summary="An appraisal"),
    partial_update=extend_schema(summary="Change the behaviours and personal development plan",
                                 description="The person or their line manager, while objectives can be set.",
                                 request=s.AppraisalPlanInputSerializer))
class AppraisalViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = s.AppraisalSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        queryset = Appraisal.objects.visible_to(self.request.user).select_related("cycle", "person").prefetch_related(
            Prefetch("objectives", queryset=_objectives()), "reviews", "support_plans").order_by(
            "-cycle__year", "person__last_name", "pk")
        year = self.request.query_params.get("year", "")
        return queryset.filter(cycle__year=int(year)) if year.isdigit() else queryset

    def _appraisal(self, pk, *, write=False):
        return selectors.get_appraisal_for_user(self.request.user, pk, write=write)

    def _fresh(self, pk):
        return self.get_queryset().get(pk=pk)

    def partial_update(self, request, pk=None):
        appraisal = self._appraisal(pk, write=True)
        data = _valid(s.AppraisalPlanInputSerializer, request, partial=True)
        _call(services.appraisal_plan_update, appraisal=appraisal, actor=request.user,
              behaviours=data.get("behaviours", appraisal.behaviours),
              development_plan=data.get("development_plan", appraisal.development_plan))
        return Response(self.get_serializer(self._fresh(pk)).data)

    @extend_schema(summary="Add an objective to an appraisal",
                   description="Either party. The line manager's objectives are agreed at once; the person's await "
                               "agreement. Link a service-plan objective, or mark it as personal development.",
                   request=s.ObjectiveInputSerializer, responses={201: s.AppraisalObjectiveSerializer})
    @action(detail=True, methods=["post"])
    def objectives(self, request, pk=None):
        appraisal = self._appraisal(pk, write=True)
        data = _valid(s.ObjectiveInputSerializer, request)
        objective = _call(services.objective_create, appraisal=appraisal, actor=request.user, **data)
        return Response(s.AppraisalObjectiveSerializer(_objectives().get(pk=objective.pk)).data,
                        status=status.HTTP_201_CREATED)

    @extend_schema(summary="Open a support or improvement plan (the line manager)",
                   request=s.SupportPlanInputSerializer, responses={201: s.SupportPlanSerializer})
    @action(detail=True, methods=["post"], url_path="support-plans")
    def support_plans(self, request, pk=None):
        appraisal = self._appraisal(pk, write=True)
        data = _valid(s.SupportPlanInputSerializer, request)
        plan = _call(services.support_plan_open, appraisal=appraisal, actor=request.user, **data)
        return Response(s.SupportPlanSerializer(_plans().get(pk=plan.pk)).data, status=status.HTTP_201_CREATED)

    def _review_response(self, appraisal, kind):
        review = selectors.review_of(appraisal, kind)
        return Response(s.ReviewDetailSerializer(review).data)

    @extend_schema(summary="Write the person's comments on a review (the person)", parameters=[KIND],
                   request=s.StaffCommentsInputSerializer, responses=s.ReviewDetailSerializer)
    @action(detail=True, methods=["post"], url_path=f"{REVIEW_PATH}/staff-comments")
    def review_staff_comments(self, request, pk=None, kind=None):
        appraisal = self._appraisal(pk, write=True)
        if not access.is_appraisee(request.user, appraisal):  # before the body: refused, not asked to correct it
            raise PermissionDenied("Only the person themselves writes their comments on a review.")
        data = _valid(s.StaffCommentsInputSerializer, request)
        _call(services.review_staff_comment, review=selectors.review_of(appraisal, kind), actor=request.user, **data)
        return self._review_response(appraisal, kind)

    @extend_schema(summary="Write the manager's comments and ratings on a review (the line manager)",
                   parameters=[KIND], request=s.AssessmentInputSerializer, responses=s.ReviewDetailSerializer)
    @action(detail=True, methods=["post"], url_path=f"{REVIEW_PATH}/assessment")
    def review_assessment(self, request, pk=None, kind=None):
        appraisal = self._appraisal(pk, write=True)
        if not access.is_appraiser(request.user, appraisal):  # before the body: refused, not asked to correct it
            raise PermissionDenied("Only the line manager writes the assessment.")
        data = _valid(s.AssessmentInputSerializer, request)
        ratings = {r["objective"]: r["rating"] for r in data["ratings"]}
        _call(services.review_manager_assess, review=selectors.review_of(appraisal, kind), actor=request.user,
              manager_comments=data["manager_comments"], overall_rating=data["overall_rating"], ratings=ratings)
        return self._review_response(appraisal, kind)

    @extend_schema(summary="Sign off a review (each party signs for themselves)", parameters=[KIND],
                   request=None, responses=s.ReviewDetailSerializer)
    @action(detail=True, methods=["post"], url_path=f"{REVIEW_PATH}/sign-off")
    def review_sign_off(self, request, pk=None, kind=None):
        appraisal = self._appraisal(pk, write=True)
        _call(services.review_sign_off, review=selectors.review_of(appraisal, kind), actor=request.user)
        return self._review_response(appraisal, kind)

    @extend_schema(summary="Reopen a signed-off review: both signatures are withdrawn", parameters=[KIND],
                   request=None, responses=s.ReviewDetailSerializer)
    @action(detail=True, methods=["post"], url_path=f"{REVIEW_PATH}/reopen")
    def review_reopen(self, request, pk=None, kind=None):
        appraisal = self._appraisal(pk, write=True)
        _call(services.review_reopen, review=selectors.review_of(appraisal, kind), actor=request.user)
        return self._review_response(appraisal, kind)


# Objectives ---------------------------------------------------------------------------

@extend_schema_view(
    list=extend_schema(summary="Staff objectives you may see"),
    retrieve=extend_schema(summary="A staff objective, with its progress notes"),
    partial_update=extend_schema(summary="Tailor an objective",
                                 description="The person's change needs agreeing again; the line manager's is agreed.",
                                 request=s.ObjectiveInputSerializer),
    destroy=extend_schema(summary="Delete an objective that has not been rated (the line manager)"))
class AppraisalObjectiveViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = s.AppraisalObjectiveSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return _objectives().filter(pk__in=AppraisalObjective.objects.visible_to(self.request.user).values("pk")
                                    ).order_by("appraisal", "number")

    def _objective(self, pk):
        return selectors.get_appraisal_objective_for_user(self.request.user, pk, write=True)

    def partial_update(self, request, pk=None):
        objective = self._objective(pk)
        data = _valid(s.ObjectiveInputSerializer, request, partial=True)
        _call(services.objective_update, objective=objective, actor=request.user, **data)
        return Response(self.get_serializer(_objectives().get(pk=pk)).data)

    def destroy(self, request, pk=None):
        _call(services.objective_delete, objective=self._objective(pk), actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(summary="Agree an objective (the line manager)", request=None,
                   responses=s.AppraisalObjectiveSerializer)
    @action(detail=True, methods=["post"])
    def agree(self, request, pk=None):
        _call(services.objective_agree, objective=self._objective(pk), actor=request.user)
        return Response(self.get_serializer(_objectives().get(pk=pk)).data)

    @extend_schema(summary="Record progress on an objective", request=s.ProgressNoteInputSerializer,
                   responses={201: s.ProgressNoteSerializer})
    @action(detail=True, methods=["post"], url_path="progress-notes")
    def progress_notes(self, request, pk=None):
        objective = self._objective(pk)
        data = _valid(s.ProgressNoteInputSerializer, request)
        note = _call(services.progress_note_add, objective=objective, actor=request.user, **data)
        return Response(s.ProgressNoteSerializer(note).data, status=status.HTTP_201_CREATED)


# Support plans --------------------------------------------------------------------------

def _plans():
    return selectors.with_plan_details(SupportPlan.objects.all())


@extend_schema_view(
    list=extend_schema(summary="Support and improvement plans you may see",
                       description="Your own, your line-management chain's and (for HR) everyone's.",
                       parameters=[OpenApiParameter("status", OpenApiTypes.STR, enum=SupportPlan.Status.values,
                                                    description="Only plans in this state")]),
    retrieve=extend_schema(summary="A support plan with its actions, reviews and comments"),
    partial_update=extend_schema(summary="Change an open plan or its next review date (the line manager)",
                                 request=s.SupportPlanUpdateSerializer))
class SupportPlanViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = s.SupportPlanSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        queryset = _plans().filter(pk__in=SupportPlan.objects.visible_to(self.request.user).values("pk")).order_by(
            "-opened_on", "-pk")
        wanted = self.request.query_params.get("status", "")
        return queryset.filter(status=wanted) if wanted in SupportPlan.Status.values else queryset

    def _plan(self, pk):
        return selectors.get_support_plan_for_user(self.request.user, pk, write=True)

    def _fresh(self, pk, code=status.HTTP_200_OK):
        return Response(self.get_serializer(_plans().get(pk=pk)).data, status=code)

    def partial_update(self, request, pk=None):
        plan = self._plan(pk)
        data = _valid(s.SupportPlanUpdateSerializer, request, partial=True)
        _call(services.support_plan_update, plan=plan, actor=request.user, **data)
        return self._fresh(pk)

    @extend_schema(summary="Add an action to an open plan (the line manager)",
                   request=s.SupportPlanActionInputSerializer, responses={201: s.SupportPlanActionSerializer})
    @action(detail=True, methods=["post"], url_path="actions")
    def add_action(self, request, pk=None):
        plan = self._plan(pk)
        data = _valid(s.SupportPlanActionInputSerializer, request)
        created = _call(services.support_plan_action_add, plan=plan, actor=request.user, **data)
        return Response(s.SupportPlanActionSerializer(created).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Record a review of an open plan (the line manager)",
                   description="Improving or not improving sets the next review date; closed_successfully or "
                               "escalated closes the plan.",
                   request=s.SupportPlanReviewInputSerializer, responses={201: s.SupportPlanSerializer})
    @action(detail=True, methods=["post"], url_path="reviews")
    def add_review(self, request, pk=None):
        plan = self._plan(pk)
        data = _valid(s.SupportPlanReviewInputSerializer, request)
        _call(services.support_plan_review_add, plan=plan, actor=request.user, **data)
        return self._fresh(pk, status.HTTP_201_CREATED)

    @extend_schema(summary="Close a plan with a final review (the line manager)",
                   request=s.SupportPlanCloseInputSerializer, responses=s.SupportPlanSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        plan = self._plan(pk)
        data = _valid(s.SupportPlanCloseInputSerializer, request)
        _call(services.support_plan_close, plan=plan, actor=request.user, **data)
        return self._fresh(pk)

    @extend_schema(summary="Comment on an open plan (the person or their line manager)",
                   request=s.SupportPlanCommentInputSerializer, responses={201: s.SupportPlanCommentSerializer})
    @action(detail=True, methods=["post"], url_path="comments")
    def add_comment(self, request, pk=None):
        plan = self._plan(pk)
        data = _valid(s.SupportPlanCommentInputSerializer, request)
        comment = _call(services.support_plan_comment_add, plan=plan, actor=request.user, **data)
        return Response(s.SupportPlanCommentSerializer(comment).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(summary="Support plan actions you may see"),
    retrieve=extend_schema(summary="A support plan action"),
    partial_update=extend_schema(summary="Update an action",
                                 description="The line manager changes anything; the person only the status of an "
                                             "action they own.",
                                 request=s.SupportPlanActionUpdateSerializer))
class SupportPlanActionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = s.SupportPlanActionSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return SupportPlanAction.objects.filter(plan__in=SupportPlan.objects.visible_to(self.request.user)
                                                ).select_related("owner").order_by("plan", "due_on", "pk")

    def partial_update(self, request, pk=None):
        found = selectors.get_support_plan_action_for_user(request.user, pk, write=True)
        data = _valid(s.SupportPlanActionUpdateSerializer, request, partial=True)
        updated = _call(services.support_plan_action_update, action=found, actor=request.user, **data)
        return Response(self.get_serializer(updated).data)


def register(router):
    router.register("appraisal-cycles", AppraisalCycleViewSet, basename="api-appraisal-cycle")
    router.register("appraisals", AppraisalViewSet, basename="api-appraisal")
    router.register("appraisal-objectives", AppraisalObjectiveViewSet, basename="api-appraisal-objective")
    router.register("support-plans", SupportPlanViewSet, basename="api-support-plan")
    router.register("support-plan-actions", SupportPlanActionViewSet, basename="api-support-plan-action")
