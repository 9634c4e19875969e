import django_filters
from django.db.models import Q
from django.utils import timezone

from organisation.models import Delegation, Role, RoleAssignment, Service, Team, User


class ServiceFilter(django_filters.FilterSet):
    class Meta:
        model = Service
        fields = ["directorate", "portfolio"]


class TeamFilter(django_filters.FilterSet):
    directorate = django_filters.NumberFilter(field_name="service__directorate")

    class Meta:
        model = Team
        fields = ["service", "directorate"]


class PersonFilter(django_filters.FilterSet):
    service = django_filters.NumberFilter(field_name="team__service")
    role = django_filters.ChoiceFilter(choices=Role.choices, method="filter_role")
    q = django_filters.CharFilter(
        method="filter_q", label="Every word is in the name, job title or email address (\"jane smi\" finds Jane Smith)")
    current = django_filters.BooleanFilter(method="filter_current", label="Only people who have not left (true)")

    class Meta:
        model = User
        fields = ["team", "service", "kind", "role", "current"]

    def filter_role(self, queryset, name, value):
        holders = RoleAssignment.objects.current().filter(role=value).values("user")
        return queryset.filter(pk__in=holders)

    def filter_q(self, queryset, name, value):
        for word in value.split()[:5]:
            queryset = queryset.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word)
                                       | Q(job_title__icontains=word) | Q(email__icontains=word))
        return queryset

    def filter_current(self, queryset, name, value):
        return queryset.current() if value else queryset.exclude(pk__in=User.objects.current().values("pk"))


class DelegationFilter(django_filters.FilterSet):
    directorate = django_filters.NumberFilter(field_name="service__directorate")
    orphaned = django_filters.BooleanFilter(method="filter_orphaned", label="Accountable or data officer missing or gone")

    class Meta:
        model = Delegation
        fields = ["directorate", "accountable_officer", "data_officer", "orphaned"]

    def filter_orphaned(self, queryset, name, value):
        today = timezone.localdate()
        lost = Q()
        for field in ("accountable_officer", "data_officer"):
            lost |= Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__is_active": False}) | Q(
                **{f"{field}__left_on__lte": today}
            )
        return queryset.filter(lost) if value else queryset.exclude(lost)
