"""The API fuzzed from its own OpenAPI schema: whatever is sent, no 5xx and no answer that breaks the schema.

Each operation gets a bounded, reproducible set of generated requests (Hypothesis, derandomised),
made as the performance team (who may call every operation) through the real WSGI application.
"""

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from perfportal.wsgi import application

EXAMPLES_PER_OPERATION = 4


# Loading the schema touches no database: it is generated from the URLconf and serializers.
schema = schemathesis.openapi.from_wsgi("/api/schema/", application)


@pytest.fixture(autouse=True)
def _requests_inside_the_test_transaction():
    """As Django's test client does: the requests run inside the test's transaction, which the
    start-of-request connection check would otherwise close."""
    signals.request_started.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)


@pytest.fixture
def token(world):
    return Token.objects.create(user=world.performance_officer).key


@schema.parametrize()
@settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
def test_no_request_breaks_the_api(case, token):
    case.call_and_validate(
        headers={"Authorization": f"Token {token}"},
        checks=[not_a_server_error, response_schema_conformance, content_type_conformance],
    )
