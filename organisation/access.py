"""What a person may see and do, worked out once per request from their roles.

Every view and API endpoint asks these questions through `user.access` (or the
`get_*_for_user` helpers in selectors.py) rather than checking roles itself.
"""

from functools import cached_property

from django.db.models import Q

from organisation.models import Delegation, Portfolio, Role, RoleAssignment, Service, User


class Access:
    def __init__(self, user, assignments):
        self.user = user
        self.assignments = assignments
        self.roles = frozenset(a.role for a in assignments)
        if user.is_superuser:
            self.roles |= {Role.SYSTEM_ADMIN}

    @classmethod
    def for_user(cls, user):
        if not user.is_authenticated or not user.is_current:
            return cls(user, [])
        assignments = list(RoleAssignment.objects.current().filter(user=user))
        return cls(user, assignments)

    def has(self, *roles):
        return any(role in self.roles for role in roles)

    def _scope_ids(self, role, field):
        return {getattr(a, f"{field}_id") for a in self.assignments if a.role == role}

    # Broad capabilities -------------------------------------------------

    @property
    def is_performance_officer(self):
        return self.has(Role.PERFORMANCE_OFFICER)

    @property
    def is_system_admin(self):
        return self.has(Role.SYSTEM_ADMIN)

    @property
    def is_councillor(self):
        return self.user.is_authenticated and self.user.kind == User.Kind.COUNCILLOR

    @property
    def sees_leavers(self):
        """Leavers and personal details are for the performance team, HR and administrators."""
        return self.has(Role.PERFORMANCE_OFFICER, Role.HR_OFFICER, Role.SYSTEM_ADMIN)

    @property
    def can_edit_delegation(self):
        return self.has(Role.PERFORMANCE_OFFICER, Role.SYSTEM_ADMIN)

    @property
    def can_see_orphans(self):
        return self.has(Role.PERFORMANCE_OFFICER, Role.SYSTEM_ADMIN, Role.SENIOR_MANAGER)

    # Scope ---------------------------------------------------------------

    @cached_property
    def _delegations(self):
        user = self.user
        if not user.is_authenticated or not self.user.is_current:
            return []
        return list(
            Delegation.objects.filter(
                Q(accountable_officer=user)
                | Q(deputy_accountable_officer=user)
                | Q(data_officer=user)
                | Q(deputy_data_officer=user)
            ).values("service_id", "accountable_officer_id", "deputy_accountable_officer_id",
                     "data_officer_id", "deputy_data_officer_id")
        )

    @cached_property
    def managed_service_ids(self):
        """Services this person manages: as director, head of service, team manager or accountable officer."""
        directorates = self._scope_ids(Role.SENIOR_MANAGER, "directorate")
        teams = self._scope_ids(Role.TEAM_MANAGER, "team")
        ids = self._scope_ids(Role.HEAD_OF_SERVICE, "service")
        ids |= {
            d["service_id"]
            for d in self._delegations
            if self.user.pk in (d["accountable_officer_id"], d["deputy_accountable_officer_id"])
        }
        if directorates or teams:
            ids |= set(
                Service.objects.filter(Q(directorate__in=directorates) | Q(teams__in=teams)).values_list("id", flat=True)
            )
        return frozenset(ids)

    @cached_property
    def data_service_ids(self):
        """Services whose figures this person may enter."""
        ids = set(self.managed_service_ids) | self._scope_ids(Role.DATA_OFFICER, "service")
        ids |= {
            d["service_id"]
            for d in self._delegations
            if self.user.pk in (d["data_officer_id"], d["deputy_data_officer_id"])
        }
        return frozenset(ids)

    @cached_property
    def portfolios(self):
        if not self.is_councillor:
            return []
        return list(Portfolio.objects.filter(Q(holder=self.user) | Q(deputy=self.user)))

    @cached_property
    def portfolio_service_ids(self):
        if not self.portfolios:
            return frozenset()
        return frozenset(Service.objects.filter(portfolio__in=self.portfolios).values_list("id", flat=True))

    def manages_service(self, service):
        service_id = getattr(service, "pk", service)
        return self.is_performance_officer or service_id in self.managed_service_ids

    # Display ---------------------------------------------------------------

    @cached_property
    def role_labels(self):
        """Every role the person holds, with its scope, including those held through delegation."""
        labels = [str(a) for a in self.assignments]
        if self.user.is_superuser and not any(a.role == Role.SYSTEM_ADMIN for a in self.assignments):
            labels.append(Role.SYSTEM_ADMIN.label)
        for portfolio in self.portfolios:
            deputy = portfolio.deputy_id == self.user.pk
            labels.append(f"{'Deputy portfolio holder' if deputy else 'Portfolio holder'}: {portfolio}")
        return labels


class ReaderAccess(Access):
    """The access of a reader the portal makes for itself (`reader`): roles only, no delegations or portfolio."""

    _delegations = ()
    portfolios = ()


def reader(*roles, kind=User.Kind.COUNCILLOR):
    """Someone who is not a person but reads as anyone of that kind with those roles would: for work done by
    the portal itself, such as rating every indicator overnight for each audience (indicators.row_cache)."""
    user = User(kind=kind, is_active=True, email="portal-reader@invalid")
    user.access = ReaderAccess(user, [RoleAssignment(role=role) for role in roles])
    return user
