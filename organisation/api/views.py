from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework import serializers as drf_serializers
from rest_framework.authtoken.models import Token
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.response import Response

from organisation import services, twofactor
from organisation.api import filters, serializers
from organisation.api.authentication import REFUSED
from organisation.api.permissions import CanEditDelegation
from organisation.models import (
    Delegation,
    Directorate,
    Portfolio,
    RoleAssignment,
    Service,
    Team,
    User,
    Ward,
)


@extend_schema_view(list=extend_schema(summary="List directorates"), retrieve=extend_schema(summary="A directorate"))
class DirectorateViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Directorate.objects.select_related("director")
    serializer_class = serializers.DirectorateSerializer
    ordering_fields = ["name"]


@extend_schema_view(list=extend_schema(summary="List services"), retrieve=extend_schema(summary="A service"))
class ServiceViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Service.objects.all()
    serializer_class = serializers.ServiceSerializer
    filterset_class = filters.ServiceFilter
    ordering_fields = ["name"]


@extend_schema_view(list=extend_schema(summary="List teams"), retrieve=extend_schema(summary="A team"))
class TeamViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Team.objects.select_related("manager")
    serializer_class = serializers.TeamSerializer
    filterset_class = filters.TeamFilter
    ordering_fields = ["name"]


@extend_schema_view(list=extend_schema(summary="List portfolios and their holders"),
                    retrieve=extend_schema(summary="A portfolio"))
class PortfolioViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Portfolio.objects.select_related("holder", "deputy")
    serializer_class = serializers.PortfolioSerializer


@extend_schema_view(list=extend_schema(summary="List wards"), retrieve=extend_schema(summary="A ward"))
class WardViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Ward.objects.all()
    serializer_class = serializers.WardSerializer


@extend_schema_view(
    list=extend_schema(summary="List people and their roles",
                       description="Leavers and personal details only for the performance team, HR and administrators."),
    retrieve=extend_schema(summary="A person"),
)
class PersonViewSet(viewsets.ReadOnlyModelViewSet):
    filterset_class = filters.PersonFilter
    ordering_fields = ["last_name", "first_name"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # drf-spectacular building the schema
            return User.objects.none()
        return User.objects.visible_to(self.request.user).prefetch_related(
            Prefetch("role_assignments", queryset=RoleAssignment.objects.current())
        ).order_by("last_name", "first_name", "pk")

    def get_serializer_class(self):
        if getattr(self, "swagger_fake_view", False):  # document every field a person may carry
            return serializers.PersonDetailSerializer
        if self.request.user.access.sees_leavers:
            return serializers.PersonDetailSerializer
        return serializers.PersonSerializer


@extend_schema_view(
    list=extend_schema(summary="The scheme of delegation"),
    retrieve=extend_schema(summary="One service's line in the scheme of delegation"),
    update=extend_schema(summary="Change a service's delegation (performance team)"),
    partial_update=extend_schema(summary="Change part of a service's delegation (performance team)"),
)
class DelegationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.UpdateModelMixin,
                        viewsets.GenericViewSet):
    serializer_class = serializers.DelegationSerializer
    permission_classes = [CanEditDelegation]
    filterset_class = filters.DelegationFilter
    lookup_field = "service"
    ordering_fields = ["service__name"]

    def get_queryset(self):
        return Delegation.objects.select_related(
            "service__portfolio__holder", "service__portfolio__deputy",
            "accountable_officer", "deputy_accountable_officer", "data_officer", "deputy_data_officer",
        ).order_by("service__name")

    def perform_update(self, serializer):
        delegation = serializer.instance
        services.delegation_update(
            delegation=delegation, actor=self.request.user, portfolio=delegation.service.portfolio,
            **serializer.validated_data,
        )


def register(router):
    router.register("directorates", DirectorateViewSet, basename="api-directorate")
    router.register("services", ServiceViewSet, basename="api-service")
    router.register("teams", TeamViewSet, basename="api-team")
    router.register("portfolios", PortfolioViewSet, basename="api-portfolio")
    router.register("wards", WardViewSet, basename="api-ward")
    router.register("people", PersonViewSet, basename="api-person")
    router.register("delegations", DelegationViewSet, basename="api-delegation")


class ObtainTokenView(ObtainAuthToken):
    """POST /api/token/ (username = e-mail, password): refused for accounts that must use a second factor."""

    def post(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = serializer.validated_data["user"]
        if twofactor.is_required(user):
            raise drf_serializers.ValidationError({"non_field_errors": [REFUSED]})
        token, _ = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})
