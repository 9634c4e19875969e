"""Councillors' cases and forums for the tests, made through the services as a councillor or officer would.

In the `world`, Imran (ward_councillor) represents Abbey; Reablement (`adults`) has
Mark (head_of_service) as its accountable officer, Fostering (`children`) has
Claire (manager_elsewhere).
"""

import datetime

import pytest
from django.utils import timezone

from casework import services
from organisation.models import Role
from tests.factories import CouncillorFactory, WardFactory, grant


def days_ago(n):
    return timezone.localdate() - datetime.timedelta(days=n)


@pytest.fixture
def councillors(world):
    """Another member for Abbey (Imran's ward), and a member for another ward."""
    brookfield = WardFactory(name="Brookfield")
    same_ward = grant(CouncillorFactory(first_name="Nora", email="nora@test.example"), Role.WARD_COUNCILLOR,
                      ward=world.ward)
    other_ward = grant(CouncillorFactory(first_name="Oscar", email="oscar@test.example"), Role.WARD_COUNCILLOR,
                       ward=brookfield)
    return {"same_ward": same_ward, "other_ward": other_ward, "brookfield": brookfield}


def log_concern(world, *, councillor=None, ward=None, service=None, consent=True, raised_on=None, today=None,
                name="Edna Constituent", **extra):
    return services.case_log(
        actor=councillor or world.ward_councillor, ward=ward or world.ward, constituent_name=name,
        constituent_contact="01234 567890", service=service or world.adults,
        summary="Home care visits keep being cut short.", raised_on=raised_on or days_ago(1),
        consent_given=consent, today=today, **extra)
