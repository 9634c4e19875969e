"""Factories for deep object graphs; personas build on them."""

import datetime

import factory
from django.contrib.auth.hashers import make_password

from organisation.models import (
    Council,
    Delegation,
    Directorate,
    Portfolio,
    Role,
    RoleAssignment,
    Service,
    Team,
    User,
    Ward,
)

PASSWORD = "correct-horse-battery-staple"
_HASH = None


def password_hash():
    # Hashing is slow by design; hash the shared test password once.
    global _HASH
    if _HASH is None:
        _HASH = make_password(PASSWORD)
    return _HASH


class CouncilFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Council
        django_get_or_create = ["name"]

    name = "Testshire Council"


class DirectorateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Directorate

    council = factory.SubFactory(CouncilFactory)
    name = factory.Sequence(lambda n: f"Directorate {n}")


class PortfolioFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Portfolio

    name = factory.Sequence(lambda n: f"Portfolio {n}")


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service
        skip_postgeneration_save = True

    directorate = factory.SubFactory(DirectorateFactory)
    name = factory.Sequence(lambda n: f"Service {n}")
    delegation = factory.RelatedFactory("tests.factories.DelegationFactory", factory_related_name="service")


class DelegationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Delegation
        django_get_or_create = ["service"]


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    service = factory.SubFactory(ServiceFactory)
    name = factory.Sequence(lambda n: f"Team {n}")


class WardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ward

    name = factory.Sequence(lambda n: f"Ward {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    first_name = factory.Sequence(lambda n: f"Person{n}")
    last_name = "Tester"
    email = factory.Sequence(lambda n: f"person{n}@test.example")
    password = factory.LazyFunction(password_hash)
    kind = User.Kind.OFFICER


class CouncillorFactory(UserFactory):
    kind = User.Kind.COUNCILLOR
    first_name = factory.Sequence(lambda n: f"Councillor{n}")


def grant(user, role, **scope):
    # Held since long before any date a test pins as "today" (tests/priorities pins one): a
    # role starting on the real date would not yet have started on the pinned one.
    scope.setdefault("starts_on", datetime.date(2020, 1, 1))
    RoleAssignment.objects.create(user=user, role=role, **scope)
    user.__dict__.pop("access", None)
    return user


__all__ = ["Role", "grant"]
