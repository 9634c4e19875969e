"""Reads of the organisation, and the one access helper per object type."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q
from django.http import Http404

from organisation.models import (
    Council,
    Delegation,
    Directorate,
    Portfolio,
    RoleAssignment,
    Service,
    Team,
    User,
)


def _require_signed_in(user):
    if not user.is_authenticated:
        raise PermissionDenied


def get_council():
    council = Council.objects.select_related("mi_officer").first()
    if council is None:
        raise Http404("No council has been set up yet.")
    return council


def get_directorate_for_user(user, pk):
    _require_signed_in(user)
    try:
        return Directorate.objects.select_related("director").get(pk=pk)
    except Directorate.DoesNotExist:
        raise Http404 from None


def get_service_for_user(user, pk):
    """Structure is open to everyone signed in."""
    _require_signed_in(user)
    try:
        return Service.objects.select_related(
            "directorate", "portfolio__holder", "portfolio__deputy",
            "delegation__accountable_officer", "delegation__deputy_accountable_officer",
            "delegation__data_officer", "delegation__deputy_data_officer",
        ).get(pk=pk)
    except Service.DoesNotExist:
        raise Http404 from None


def get_person_for_user(user, pk):
    _require_signed_in(user)
    try:
        return User.objects.visible_to(user).select_related("team__service", "line_manager").get(pk=pk)
    except User.DoesNotExist:
        raise Http404 from None


def get_delegation_for_user(user, service_pk, *, write=False):
    _require_signed_in(user)
    try:
        delegation = Delegation.objects.select_related("service").get(service_id=service_pk)
    except Delegation.DoesNotExist:
        raise Http404 from None
    if write and not user.access.can_edit_delegation:
        raise PermissionDenied
    return delegation


def get_portfolio_for_user(user, pk, *, write=False):
    _require_signed_in(user)
    try:
        portfolio = Portfolio.objects.get(pk=pk)
    except Portfolio.DoesNotExist:
        raise Http404 from None
    if write and not user.access.can_edit_delegation:
        raise PermissionDenied
    return portfolio


def organisation_tree():
    """Directorates with their services and teams, and head counts: four queries in all."""
    teams = Team.objects.select_related("manager").annotate(
        head_count=Count("members", filter=Q(members__in=User.objects.current()))
    )
    services = Service.objects.annotate(
        head_count=Count("teams__members", filter=Q(teams__members__in=User.objects.current()))
    ).prefetch_related(Prefetch("teams", queryset=teams)).order_by("name")
    return Directorate.objects.select_related("director").prefetch_related(Prefetch("services", queryset=services))


def service_people(service):
    """Current people in a service's teams, with their roles."""
    return (
        User.objects.current()
        .filter(team__service=service)
        .select_related("team")
        .prefetch_related(Prefetch("role_assignments", queryset=RoleAssignment.objects.current()))
    )


def people_list(user, *, query="", team=None, service=None, role=None, kind=None, include_leavers=False):
    people = User.objects.visible_to(user)
    if not (include_leavers and user.access.sees_leavers):
        people = people.current()
    if query:
        people = people.filter(
            Q(first_name__icontains=query) | Q(last_name__icontains=query)
            | Q(job_title__icontains=query) | Q(email__icontains=query)
        )
    if team:
        people = people.filter(team=team)
    if service:
        people = people.filter(team__service=service)
    if role:
        people = people.filter(role_assignments__in=RoleAssignment.objects.current().filter(role=role)).distinct()
    if kind:
        people = people.filter(kind=kind)
    return people.select_related("team__service").prefetch_related(
        Prefetch("role_assignments", queryset=RoleAssignment.objects.current()
                 .select_related("directorate", "service", "team", "ward"))
    )


def delegation_scheme():
    """Every service's line in the scheme of delegation, with the people it names."""
    return Service.objects.select_related(
        "directorate",
        "portfolio__holder",
        "portfolio__deputy",
        "delegation__accountable_officer",
        "delegation__deputy_accountable_officer",
        "delegation__data_officer",
        "delegation__deputy_data_officer",
    ).order_by("directorate__name", "name")


def responsibilities_of(person):
    """What a person answers for: delegation lines, portfolios, teams and directorates."""
    return {
        "accountable": Service.objects.filter(
            Q(delegation__accountable_officer=person) | Q(delegation__deputy_accountable_officer=person)
        ),
        "data": Service.objects.filter(
            Q(delegation__data_officer=person) | Q(delegation__deputy_data_officer=person)
        ),
        # One filter, not a union: SQLite (the embedded default) refuses a union of ordered querysets.
        "portfolios": Portfolio.objects.filter(Q(holder=person) | Q(deputy=person)),
        "teams": person.teams_managed.select_related("service"),
        "directorates": person.directorates_led.all(),
    }
