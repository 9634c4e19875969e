from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from organisation import selectors, services
from organisation.forms import (
    DelegationForm,
    ManagementInformationForm,
    PeopleFilterForm,
    PortfolioForm,
    ResetRequestForm,
)
from organisation.models import Portfolio
from organisation.ownership import orphaned_items


@login_required
def organisation(request):
    return render(request, "organisation/organisation.html", {
        "council": selectors.get_council(),
        "directorates": selectors.organisation_tree(),
    })


@login_required
def directorate_detail(request, pk):
    directorate = selectors.get_directorate_for_user(request.user, pk)
    tree = selectors.organisation_tree().filter(pk=directorate.pk)
    return render(request, "organisation/directorate_detail.html", {"directorate": tree[0]})


@login_required
def service_detail(request, pk):
    service = selectors.get_service_for_user(request.user, pk)
    return render(request, "organisation/service_detail.html", {
        "service": service,
        "delegation": getattr(service, "delegation", None),
        "teams": service.teams.select_related("manager"),
        "people": selectors.service_people(service),
        "can_edit_delegation": request.user.access.can_edit_delegation,
    })


@login_required
def people(request):
    form = PeopleFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    people = selectors.people_list(
        request.user,
        query=filters.get("q", ""),
        role=filters.get("role") or None,
        kind=filters.get("kind") or None,
        include_leavers=request.GET.get("leavers") == "1",
    )
    page = Paginator(people, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "organisation/people.html", {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "sees_leavers": request.user.access.sees_leavers,
    })


@login_required
def person_detail(request, pk):
    person = selectors.get_person_for_user(request.user, pk)
    return render(request, "organisation/person_detail.html", {
        "person": person,
        "roles": person.access.role_labels if person.is_current else [],
        "responsibilities": selectors.responsibilities_of(person),
        "sees_details": request.user.access.sees_leavers or request.user == person,
    })


@login_required
def delegation(request):
    return render(request, "organisation/delegation.html", {
        "council": selectors.get_council(),
        "services": selectors.delegation_scheme(),
        "portfolios": Portfolio.objects.select_related("holder", "deputy").prefetch_related("services"),
        "can_edit": request.user.access.can_edit_delegation,
    })


@login_required
@require_http_methods(["GET", "POST"])
def delegation_edit(request, service_pk):
    delegation = selectors.get_delegation_for_user(request.user, service_pk, write=True)
    service = delegation.service
    initial = {
        "accountable_officer": delegation.accountable_officer_id,
        "deputy_accountable_officer": delegation.deputy_accountable_officer_id,
        "data_officer": delegation.data_officer_id,
        "deputy_data_officer": delegation.deputy_data_officer_id,
        "portfolio": service.portfolio_id,
        "decisions": delegation.decisions,
    }
    form = DelegationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.delegation_update(delegation=delegation, actor=request.user, **form.cleaned_data)
        messages.success(request, f"The scheme of delegation for {service} has been updated.")
        return redirect(delegation.get_absolute_url())
    return render(request, "organisation/delegation_edit.html", {"form": form, "service": service, "delegation": delegation})


@login_required
@require_http_methods(["GET", "POST"])
def portfolio_edit(request, pk):
    portfolio = selectors.get_portfolio_for_user(request.user, pk, write=True)
    form = PortfolioForm(request.POST or None, initial={"holder": portfolio.holder_id, "deputy": portfolio.deputy_id})
    if request.method == "POST" and form.is_valid():
        services.portfolio_update(portfolio=portfolio, **form.cleaned_data)
        messages.success(request, f"The {portfolio} portfolio has been updated.")
        return redirect(portfolio.get_absolute_url())
    return render(request, "organisation/portfolio_edit.html", {"form": form, "portfolio": portfolio})


@login_required
@require_http_methods(["GET", "POST"])
def mi_officer_edit(request):
    if not request.user.access.can_edit_delegation:
        raise PermissionDenied
    council = selectors.get_council()
    form = ManagementInformationForm(request.POST or None, initial={"officer": council.mi_officer_id})
    if request.method == "POST" and form.is_valid():
        services.council_set_mi_officer(council=council, officer=form.cleaned_data["officer"])
        messages.success(request, "The senior manager responsible for management information has been updated.")
        return redirect("delegation")
    return render(request, "organisation/mi_officer_edit.html", {"form": form, "council": council})


@login_required
def orphaned(request):
    if not request.user.access.can_see_orphans:
        raise PermissionDenied
    return render(request, "organisation/orphaned.html", {
        "items": orphaned_items(),
        "can_edit": request.user.access.can_edit_delegation,
    })


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset view, with the council's name in the e-mail."""

    form_class = ResetRequestForm

    @property
    def extra_email_context(self):
        return {"council_name": settings.COUNCIL_NAME}
