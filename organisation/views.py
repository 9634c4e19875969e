from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods

from organisation import selectors, services, twofactor
from organisation.forms import (
    DelegationForm,
    ManagementInformationForm,
    PeopleFilterForm,
    PortfolioForm,
    ResetRequestForm,
    TwoFactorCodeForm,
    TwoFactorSetupForm,
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
        "can_reset_two_factor": twofactor.can_reset(request.user, person),
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
        "sees_leavers": request.user.access.sees_leavers,  # else a leaver's page answers 404: no link
    })


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset view, with the council's name in the e-mail."""

    form_class = ResetRequestForm

    @property
    def extra_email_context(self):
        return {"council_name": settings.COUNCIL_NAME}


# Two-factor authentication ------------------------------------------------------------------


def _next_url(request, default="home"):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse(default)


def _wait_message(wait):
    return f"You have entered too many wrong codes. Wait {wait} seconds, then enter the latest code" if wait else None


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_verify(request):
    """After the password: the code from the person's authenticator app, or a backup code."""
    user = request.user
    if user.is_verified():
        return redirect(_next_url(request))
    if not twofactor.has_second_factor(user):
        if twofactor.is_required(user):
            return redirect(f"{reverse('two-factor-setup')}?{urlencode({'next': _next_url(request)})}")
        request.session.pop(twofactor.NEEDED_SESSION_KEY, None)  # turned off, or reset, since signing in
        return redirect(_next_url(request))
    form = TwoFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device, wait = twofactor.verify_code(user, form.cleaned_data["code"])
        if device is not None:
            twofactor.mark_verified(request, device)
            return redirect(_next_url(request))
        form.add_error("code", _wait_message(wait) or form.wrong_code)
    return render(request, "organisation/two_factor_verify.html", {"form": form, "next": _next_url(request)})


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_setup(request):
    """Scan the QR code (or type the key), confirm with a code, then see the backup codes once."""
    user = request.user
    # With a second factor already, only a session that has given it may set up another.
    if twofactor.has_second_factor(user) and not user.is_verified():
        return redirect(f"{reverse('two-factor-verify')}?{urlencode({'next': _next_url(request)})}")
    device = twofactor.pending_app_device(user)
    form = TwoFactorSetupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        refused = _wait_message(twofactor.seconds_until_allowed([device]))
        codes = None if refused else twofactor.app_device_confirm(user=user, device=device,
                                                                  code=form.cleaned_data["code"])
        if codes is not None:
            device.refresh_from_db()
            twofactor.mark_verified(request, device)
            request.session[twofactor.NEEDED_SESSION_KEY] = True
            request.session[twofactor.NEW_BACKUP_CODES_SESSION_KEY] = codes
            return redirect(f"{reverse('two-factor-backup-codes')}?{urlencode({'next': _next_url(request)})}")
        form.add_error("code", refused or form.wrong_code)
    return render(request, "organisation/two_factor_setup.html", {
        "form": form, "next": _next_url(request), "required": twofactor.is_required(user),
        "key": twofactor.key_for_display(device), "qr_code": mark_safe(twofactor.qr_code_svg(device)),  # noqa: S308 - our own SVG
    })


@login_required
def two_factor_backup_codes(request):
    """New backup codes, shown once: they are not kept in the session after this page."""
    codes = request.session.pop(twofactor.NEW_BACKUP_CODES_SESSION_KEY, None)
    if not codes:
        return redirect("account")
    return render(request, "organisation/two_factor_backup_codes.html", {"codes": codes, "next": _next_url(request)})


@login_required
def account(request):
    user = request.user
    return render(request, "organisation/account.html", {
        "has_second_factor": twofactor.has_second_factor(user),
        "required": twofactor.is_required(user),
        "backup_codes_left": twofactor.backup_codes_left(user),
    })


@login_required
@require_http_methods(["POST"])
def account_backup_codes(request):
    if not request.user.is_verified():
        raise PermissionDenied
    request.session[twofactor.NEW_BACKUP_CODES_SESSION_KEY] = twofactor.backup_codes_create(user=request.user)
    return redirect(f"{reverse('two-factor-backup-codes')}?{urlencode({'next': reverse('account')})}")


@login_required
@require_http_methods(["POST"])
def account_two_factor_off(request):
    """Someone who chose two-factor authentication may turn it off; someone whose role needs it may not."""
    if not request.user.is_verified() or twofactor.is_required(request.user):
        raise PermissionDenied
    twofactor.two_factor_remove(person=request.user)
    request.session.pop(twofactor.NEEDED_SESSION_KEY, None)
    messages.success(request, "Two-factor authentication is off.")
    return redirect("account")


@login_required
@require_http_methods(["GET", "POST"])
def person_two_factor_reset(request, pk):
    """A system administrator or HR resets a lost authenticator: the person sets up a new one at next sign-in."""
    person = selectors.get_person_for_user(request.user, pk)
    if not twofactor.can_reset(request.user, person):
        raise PermissionDenied
    if request.method == "POST":
        twofactor.two_factor_remove(person=person)
        messages.success(request, f"Two-factor authentication reset for {person}. They set it up again when they next sign in.")
        return redirect(person.get_absolute_url())
    return render(request, "organisation/two_factor_reset.html", {
        "person": person, "has_second_factor": twofactor.has_second_factor(person),
    })
