"""Writes to the organisation: each one whole or not at all."""

from django.db import transaction

from organisation.models import Council, Delegation, Directorate, Portfolio, Service, User


@transaction.atomic
def service_create(*, directorate: Directorate, name: str, description: str = "", portfolio=None) -> Service:
    """Create a service together with its (empty) line in the scheme of delegation."""
    service = Service.objects.create(directorate=directorate, name=name, description=description, portfolio=portfolio)
    Delegation.objects.create(service=service)
    return service


def delegation_ensure(*, service: Service) -> Delegation:
    delegation, _ = Delegation.objects.get_or_create(service=service)
    return delegation


@transaction.atomic
def delegation_update(*, delegation: Delegation, actor: User, portfolio=None, **people) -> Delegation:
    for field, person in people.items():
        setattr(delegation, field, person)
    delegation.updated_by = actor
    delegation.full_clean()
    delegation.save()
    if delegation.service.portfolio != portfolio:
        delegation.service.portfolio = portfolio
        delegation.service.save(update_fields=["portfolio"])
    return delegation


@transaction.atomic
def portfolio_update(*, portfolio: Portfolio, holder: User | None, deputy: User | None) -> Portfolio:
    portfolio.holder = holder
    portfolio.deputy = deputy
    portfolio.full_clean()
    portfolio.save()
    return portfolio


@transaction.atomic
def council_set_mi_officer(*, council: Council, officer: User) -> Council:
    council.mi_officer = officer
    council.full_clean()
    council.save(update_fields=["mi_officer"])
    return council



def orphan_digest_send() -> int:
    """E-mail the performance officers the list of orphaned items; return how many were listed.

    Sends nothing when every item has an owner, so a quiet inbox means all is well.
    """
    from django.conf import settings
    from django.core.mail import send_mail
    from django.urls import reverse

    from organisation.models import Role, RoleAssignment
    from organisation.ownership import orphaned_items

    items = orphaned_items()
    if not items:
        return 0
    officers = User.objects.current().filter(
        pk__in=RoleAssignment.objects.current().filter(role=Role.PERFORMANCE_OFFICER).values("user")
    )
    recipients = sorted(officers.values_list("email", flat=True))
    if not recipients:
        return 0
    lines = [f"- {item.kind} {item.item}: {item.role}, {item.reason.lower()}" for item in items]
    body = (
        f"{len(items)} item(s) in the performance portal have no current accountable person:\n\n"
        + "\n".join(lines)
        + f"\n\nReassign them at {settings.SITE_URL}{reverse('orphaned-items')}\n"
    )
    send_mail(f"{len(items)} orphaned item(s) need a new owner", body, None, recipients)
    return len(items)
