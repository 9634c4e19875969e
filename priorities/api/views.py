"""The priorities API: the same objects, rules and access helpers as the pages."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from priorities import access, selectors, services
from priorities.api import filters
from priorities.api import serializers as s
from priorities.api.permissions import ReadOrPlanEditor, ReadOrPriorityManager
from priorities.models import (
    EngagementExercise,
    Milestone,
    NonPriority,
    Objective,
    PlanTransition,
    Priority,
    Risk,
    ServicePlan,
    StrategicPlan,
)


def _bad_request(error):
    detail = error.message_dict if hasattr(error, "error_dict") else error.messages
    return serializers.ValidationError(detail)


def _call(fn, /, **kwargs):
    """Run a service; its ValidationError becomes a 400 with the same messages the pages show."""
    try:
        return fn(**kwargs)
    except DjangoValidationError as error:
        raise _bad_request(error) from None


@extend_schema_view(list=extend_schema(summary="Strategic plans"), retrieve=extend_schema(summary="A strategic plan"))
class StrategicPlanViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.StrategicPlanSerializer
    permission_classes = [ReadOrPriorityManager]

    def get_queryset(self):
        return StrategicPlan.objects.visible_to(self.request.user)


@extend_schema_view(list=extend_schema(summary="The council's priorities",
                                       description="Those not published only for officers and councillors."),
                    retrieve=extend_schema(summary="A priority"))
class PriorityViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.PrioritySerializer
    permission_classes = [ReadOrPriorityManager]
    filterset_class = filters.PriorityFilter
    ordering_fields = ["number", "title"]

    def get_queryset(self):
        return Priority.objects.visible_to(self.request.user).select_related("owner").order_by(
            "-strategic_plan__first_year", "number")


@extend_schema_view(list=extend_schema(summary="The register of non-priorities"),
                    retrieve=extend_schema(summary="A non-priority"))
class NonPriorityViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.NonPrioritySerializer
    permission_classes = [ReadOrPriorityManager]
    filterset_class = filters.NonPriorityFilter

    def get_queryset(self):
        return NonPriority.objects.visible_to(self.request.user).order_by("strategic_plan", "title", "pk")


@extend_schema_view(list=extend_schema(summary="Engagement exercises, with groups and ‘you said, we did’"),
                    retrieve=extend_schema(summary="An engagement exercise"))
class EngagementExerciseViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.EngagementExerciseSerializer
    permission_classes = [ReadOrPriorityManager]
    filterset_class = filters.EngagementExerciseFilter

    def get_queryset(self):
        return (EngagementExercise.objects.visible_to(self.request.user)
                .prefetch_related("groups", "responses", "priorities").order_by("-starts_on", "pk"))


@extend_schema_view(
    list=extend_schema(summary="Service plans", description="Filter by service, year, status, directorate."),
    retrieve=extend_schema(summary="A service plan with its approval history"),
    create=extend_schema(summary="Start a draft plan for a service you manage"),
    partial_update=extend_schema(summary="Change a draft plan's purpose and resources"),
)
class ServicePlanViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                         mixins.UpdateModelMixin, viewsets.GenericViewSet):
    serializer_class = s.ServicePlanSerializer
    permission_classes = [ReadOrPlanEditor]
    filterset_class = filters.ServicePlanFilter
    ordering_fields = ["year", "service__name"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return (ServicePlan.objects.visible_to(self.request.user)
                .select_related("service__directorate", "strategic_plan")
                .prefetch_related(Prefetch("transitions", queryset=PlanTransition.objects.select_related("actor")))
                .order_by("-year", "service__name"))

    def perform_create(self, serializer):
        service = serializer.validated_data["service"]
        if not access.can_edit_service_plans(self.request.user, service.pk):
            raise serializers.ValidationError({"service": "You can start plans only for services you manage."})
        serializer.instance = _call(services.plan_create, service=service, year=serializer.validated_data["year"],
                                    actor=self.request.user)

    def perform_update(self, serializer):
        serializer.instance = _call(services.plan_update, plan=serializer.instance, **serializer.validated_data)

    def _respond(self, plan):
        return Response(self.get_serializer(self.get_queryset().get(pk=plan.pk)).data)

    @extend_schema(summary="Submit a draft plan for approval", request=None)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        plan = selectors.get_service_plan_for_user(request.user, pk, write=True)
        return self._respond(_call(services.plan_submit, plan=plan, actor=request.user))

    @extend_schema(summary="Approve a submitted plan (its director or the performance team)", request=None)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        plan = selectors.get_service_plan_for_user(request.user, pk)
        return self._respond(_call(services.plan_approve, plan=plan, actor=request.user))

    @extend_schema(summary="Return a submitted plan for changes, with the reason", request=s.ReturnSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request, pk=None):
        plan = selectors.get_service_plan_for_user(request.user, pk)
        if not access.can_approve_plan(request.user, plan):
            # Before the reason is checked: someone who may not return the plan is told so, not asked for a reason.
            raise PermissionDenied
        data = s.ReturnSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self._respond(_call(services.plan_return, plan=plan, actor=request.user,
                                   reason=data.validated_data["reason"]))

    @extend_schema(summary="Make a returned plan a draft again", request=None)
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        plan = selectors.get_service_plan_for_user(request.user, pk, write=True)
        return self._respond(_call(services.plan_reopen, plan=plan, actor=request.user))

    @extend_schema(summary="Start next year's draft plan from this approved one", request=None)
    @action(detail=True, methods=["post"], url_path="copy-forward")
    def copy_forward(self, request, pk=None):
        plan = selectors.get_service_plan_for_user(request.user, pk, write=True)
        new_plan = _call(services.plan_copy_forward, plan=plan, actor=request.user)
        return Response(self.get_serializer(self.get_queryset().get(pk=new_plan.pk)).data,
                        status=status.HTTP_201_CREATED)


class PlanContentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                         mixins.UpdateModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet):
    """Objectives, milestones and risks: read as entitled; changed by those who manage the plan's service."""

    permission_classes = [ReadOrPlanEditor]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def _plan_for_create(self, plan):
        # The same helper as the pages: 404 if invisible, 403 if not the person's service.
        return selectors.get_service_plan_for_user(self.request.user, plan.pk, write=True)


@extend_schema_view(
    list=extend_schema(summary="Service plan objectives", description="Filter by plan, service, year, priority, "
                                                                      "owner."),
    retrieve=extend_schema(summary="An objective, with its rolled-up RAG and progress"),
    create=extend_schema(summary="Add an objective to a draft plan"),
    partial_update=extend_schema(summary="Change an objective of a draft plan"),
    destroy=extend_schema(summary="Remove an objective (and its milestones) from a draft plan"),
)
class ObjectiveViewSet(PlanContentViewSet):
    serializer_class = s.ObjectiveSerializer
    filterset_class = filters.ObjectiveFilter
    ordering_fields = ["number"]

    def get_queryset(self):
        return (Objective.objects.visible_to(self.request.user)
                .select_related("owner", "plan")
                .prefetch_related("priorities", "indicators", Prefetch("milestones", queryset=Milestone.objects.visible_to(
                    self.request.user)))
                .order_by("plan", "number"))

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        plan = self._plan_for_create(data.pop("plan"))
        serializer.instance = _call(services.objective_create, plan=plan, **data)

    def perform_update(self, serializer):
        objective = selectors.get_objective_for_user(self.request.user, serializer.instance.pk, write=True)
        data = dict(serializer.validated_data)
        data.setdefault("priorities", list(objective.priorities.all()))
        data.setdefault("no_priority_reason", objective.no_priority_reason)
        serializer.instance = _call(services.objective_update, objective=objective, **data)

    def perform_destroy(self, instance):
        _call(services.objective_delete, objective=instance)


@extend_schema_view(
    list=extend_schema(summary="Milestones", description="Filter by plan, service, priority, status, owner and "
                                                         "due date (due_after, due_before, overdue)."),
    retrieve=extend_schema(summary="A milestone with its RAG rating"),
    create=extend_schema(summary="Add a milestone to an objective of a draft plan"),
    partial_update=extend_schema(summary="Change a milestone of a draft plan"),
    destroy=extend_schema(summary="Remove a milestone from a draft plan"),
)
class MilestoneViewSet(PlanContentViewSet):
    serializer_class = s.MilestoneSerializer
    filterset_class = filters.MilestoneFilter
    ordering_fields = ["due_on", "percent_complete"]

    def get_queryset(self):
        return (Milestone.objects.visible_to(self.request.user)
                .select_related("owner", "objective__plan").order_by("due_on", "pk"))

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        objective = selectors.get_objective_for_user(self.request.user, data.pop("objective").pk, write=True)
        serializer.instance = _call(services.milestone_create, objective=objective, **data)

    def perform_update(self, serializer):
        milestone = selectors.get_milestone_for_user(self.request.user, serializer.instance.pk, write=True)
        serializer.instance = _call(services.milestone_update, milestone=milestone, **serializer.validated_data)

    def perform_destroy(self, instance):
        _call(services.milestone_delete, milestone=instance)

    @extend_schema(summary="Record progress: status, percent complete and a dated note (owner or plan editor)",
                   request=s.ProgressSerializer, responses=s.MilestoneSerializer)
    @action(detail=True, methods=["post"])
    def progress(self, request, pk=None):
        milestone = selectors.get_milestone_for_user(request.user, pk, progress=True)
        data = s.ProgressSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        _call(services.milestone_record_progress, milestone=milestone, actor=request.user, **data.validated_data)
        milestone.refresh_from_db()
        return Response(s.MilestoneSerializer(milestone, context=self.get_serializer_context()).data)


@extend_schema_view(
    list=extend_schema(summary="Risks on the 5x5 matrix, with scores and bands"),
    retrieve=extend_schema(summary="A risk"),
    create=extend_schema(summary="Add a risk to a draft or approved plan"),
    partial_update=extend_schema(summary="Change a risk (reviews continue after approval)"),
    destroy=extend_schema(summary="Remove a risk"),
)
class RiskViewSet(PlanContentViewSet):
    serializer_class = s.RiskSerializer
    filterset_class = filters.RiskFilter
    ordering_fields = ["number", "review_on"]

    def get_queryset(self):
        return Risk.objects.visible_to(self.request.user).select_related("owner", "plan").order_by("plan", "number")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        plan = self._plan_for_create(data.pop("plan"))
        serializer.instance = _call(services.risk_create, plan=plan, **data)

    def perform_update(self, serializer):
        risk = selectors.get_risk_for_user(self.request.user, serializer.instance.pk, write=True)
        serializer.instance = _call(services.risk_update, risk=risk, **serializer.validated_data)

    def perform_destroy(self, instance):
        _call(services.risk_delete, risk=instance)


def register(router):
    router.register("strategic-plans", StrategicPlanViewSet, basename="api-strategic-plan")
    router.register("priorities", PriorityViewSet, basename="api-priority")
    router.register("non-priorities", NonPriorityViewSet, basename="api-non-priority")
    router.register("engagement-exercises", EngagementExerciseViewSet, basename="api-engagement-exercise")
    router.register("service-plans", ServicePlanViewSet, basename="api-service-plan")
    router.register("objectives", ObjectiveViewSet, basename="api-objective")
    router.register("milestones", MilestoneViewSet, basename="api-milestone")
    router.register("risks", RiskViewSet, basename="api-risk")
