from rest_framework import serializers

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

# The columns a PersonRefSerializer reads: a list that names people loads only these (.only()).
PERSON_REF_COLUMNS = ("first_name", "last_name", "job_title", "is_active", "left_on")


class PersonRefSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="full_name", read_only=True)
    is_current = serializers.BooleanField(read_only=True)

    class Meta:
        model = User
        fields = ["id", "name", "job_title", "is_current"]


class RoleAssignmentSerializer(serializers.ModelSerializer):
    role_display = serializers.CharField(source="get_role_display", read_only=True)

    class Meta:
        model = RoleAssignment
        fields = ["role", "role_display", "directorate", "service", "team", "ward", "starts_on", "ends_on"]


class PersonSerializer(serializers.ModelSerializer):
    """What anyone signed in may see of a colleague or councillor."""

    name = serializers.CharField(source="full_name", read_only=True)
    roles = RoleAssignmentSerializer(source="role_assignments", many=True, read_only=True)

    class Meta:
        model = User
        fields = ["id", "name", "first_name", "last_name", "email", "kind", "job_title", "team", "roles"]


class PersonDetailSerializer(PersonSerializer):
    """Adds what only the performance team, HR and administrators may see."""

    class Meta(PersonSerializer.Meta):
        fields = [*PersonSerializer.Meta.fields, "line_manager", "is_active", "left_on", "last_login"]


class DirectorateSerializer(serializers.ModelSerializer):
    director = PersonRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Directorate
        fields = ["id", "name", "director"]


class TeamSerializer(serializers.ModelSerializer):
    manager = PersonRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Team
        fields = ["id", "name", "service", "manager"]


class PortfolioSerializer(serializers.ModelSerializer):
    holder = PersonRefSerializer(read_only=True, allow_null=True)
    deputy = PersonRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Portfolio
        fields = ["id", "name", "holder", "deputy"]


class ServiceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Service
        fields = ["id", "name", "description", "directorate", "portfolio"]


class WardSerializer(serializers.ModelSerializer):
    class Meta:
        model = Ward
        fields = ["id", "name", "ons_code"]


class DelegationSerializer(serializers.ModelSerializer):
    """A service's line in the scheme of delegation. Write the people by id."""

    service_name = serializers.CharField(source="service.name", read_only=True)
    portfolio = PortfolioSerializer(source="service.portfolio", read_only=True, allow_null=True)
    accountable_officer_detail = PersonRefSerializer(source="accountable_officer", read_only=True, allow_null=True)
    deputy_accountable_officer_detail = PersonRefSerializer(source="deputy_accountable_officer", read_only=True, allow_null=True)
    data_officer_detail = PersonRefSerializer(source="data_officer", read_only=True, allow_null=True)
    deputy_data_officer_detail = PersonRefSerializer(source="deputy_data_officer", read_only=True, allow_null=True)
    is_orphaned = serializers.SerializerMethodField()

    class Meta:
        model = Delegation
        fields = [
            "service", "service_name", "portfolio",
            "accountable_officer", "accountable_officer_detail",
            "deputy_accountable_officer", "deputy_accountable_officer_detail",
            "data_officer", "data_officer_detail",
            "deputy_data_officer", "deputy_data_officer_detail",
            "decisions", "is_orphaned", "updated_at",
        ]
        read_only_fields = ["service", "updated_at"]
        # Both must be named when writing, but a line can be read with either missing (an
        # orphaned service), so the fields stay nullable in the schema and are checked below.
        extra_kwargs = {"accountable_officer": {"required": True}, "data_officer": {"required": True}}

    def validate_accountable_officer(self, person):
        if person is None:
            raise serializers.ValidationError("Name the accountable officer: every service needs one.")
        return person

    def validate_data_officer(self, person):
        if person is None:
            raise serializers.ValidationError("Name the data officer: every service needs one.")
        return person

    def get_is_orphaned(self, delegation) -> bool:
        return any(
            person is None or not person.is_current
            for person in (delegation.accountable_officer, delegation.data_officer)
        )

    def validate(self, data):
        for field in ("accountable_officer", "deputy_accountable_officer", "data_officer", "deputy_data_officer"):
            person = data.get(field)
            if person is not None and (not person.is_current or person.kind != User.Kind.OFFICER):
                raise serializers.ValidationError({field: f"{person} is not a current officer."})
        for principal, deputy in (("accountable_officer", "deputy_accountable_officer"),
                                  ("data_officer", "deputy_data_officer")):
            current_principal = data.get(principal, getattr(self.instance, principal, None))
            if data.get(deputy) and data.get(deputy) == current_principal:
                raise serializers.ValidationError({deputy: "The deputy must be a different person."})
        return data
