"""Every page and API operation, requested as every persona, against the decisions in tests/security/matrix.py.

Pages come from walking the URLconf, API operations from the OpenAPI schema generated in-process, so a new
URL or operation without a recorded decision fails here, and so does a decision for one that has gone.

All requests run in one transaction on the demo council (see permission_world.py), rolled back at the end;
each persona's requests, and each unsafe request, run in a savepoint of their own that is rolled back too, so
nothing one persona does (or deletes) changes what the next one sees.
"""

import json

import pytest
from django.db import connection, transaction

from tests.conftest import client_for
from tests.security import matrix
from tests.security.permission_world import build, discover_api, discover_pages

PAGES = discover_pages()
API = discover_api()
pytestmark = pytest.mark.django_db

# What a response means, as the matrix writes it.
ALLOWED, DENIED, HIDDEN, SIGN_IN = "A", "D", "H", "L"
NAMES = {ALLOWED: "allowed", DENIED: "denied (403)", HIDDEN: "hidden (404)", SIGN_IN: "sent to sign in"}

# URL kwargs other than the route's main object, filled the same way for every route.
NAMED_KWARGS = {
    "service_pk": "service", "period_pk": "period", "priority_pk": "priority", "exercise_pk": "engagement",
    "objective_pk": "objective", "person_pk": "person", "indicator_pk": "indicator", "topic_pk": "topic",
}
FIXED_KWARGS = {"kind": "mid_year", "uidb64": "MQ", "token": "set-password"}
# Pages that name a second object in the query string: {route: (parameter, object key)}.
QUERY = {"scrutiny:committee-member-remove": ("member", "committee_member")}


def page_kwargs(name, route, objects):
    """The kwargs of one route, filled from the seeded objects: the main object's key is in the matrix."""
    main = matrix.PAGES[name][0]
    kwargs = {}
    for part in route.split("<")[1:]:
        kind, _, kwarg = part.split(">")[0].rpartition(":")
        if kwarg in FIXED_KWARGS:
            kwargs[kwarg] = FIXED_KWARGS[kwarg]
        elif kwarg == "model":
            kwargs[kwarg] = main
        elif kwarg in NAMED_KWARGS and not (kwarg.endswith("_pk") and route.count("<") == 1):
            kwargs[kwarg] = objects[NAMED_KWARGS[kwarg]].pk
        else:
            key = matrix.HISTORY_OBJECT if kwarg == "pk" and "model" in kwargs else main
            kwargs[kwarg] = objects[key].pk
    return kwargs


def page_url(name, route, objects):
    from django.urls import reverse

    url = reverse(name, kwargs=page_kwargs(name, route, objects))
    if name in QUERY:
        parameter, key = QUERY[name]
        url += f"?{parameter}={objects[key].pk}"
    return url


def api_url(path, objects):
    """The path with its {id} (and any other key) filled from the object the collection holds."""
    if "{" not in path:
        return path
    obj = objects[matrix.API_OBJECTS[path.split("{")[0]]]
    for part in path.split("{")[1:]:
        lookup = part.split("}")[0]
        if lookup in FIXED_KWARGS:
            value = FIXED_KWARGS[lookup]
        elif lookup == "id":
            value = obj.pk
        else:
            value = getattr(obj, f"{lookup}_id", None) or getattr(obj, lookup)
        path = path.replace("{" + lookup + "}", str(value))
    return path


def api_body(op, objects):
    """The body sent with a write: empty, or for operations whose scope is in the body, a valid one (see matrix).

    "@key" stands for the seeded object's id, "@key.attribute.attribute" for a value read from it.
    """
    def fill(value):
        if not (isinstance(value, str) and value.startswith("@")):
            return value
        key, *path = value[1:].split(".")
        found = objects[key]
        for attribute in path or ["pk"]:
            found = getattr(found, attribute)
        return found

    return {field: fill(value) for field, value in matrix.API_BODIES.get(op, {}).items()}


def outcome(response):
    status = response.status_code
    if status in (301, 302, 303, 307, 308):
        return SIGN_IN if response["Location"].startswith("/sign-in/") else ALLOWED
    if status == 403 or status == 401:
        return DENIED
    if status == 404:
        return HIDDEN
    if status < 300 or status in (400, 409, 412, 428):
        # A 400 (or a failed precondition) means the request passed the permission check and failed on its body.
        return ALLOWED
    return f"HTTP {status}"


def _collect(people, objects):
    pages, api = {}, {}
    for persona in matrix.PERSONAS:
        with transaction.atomic():
            client = client_for(people[persona])
            for name, route in PAGES.items():
                if name not in matrix.PAGES:
                    continue
                url = page_url(name, route, objects)
                response = client.get(url)
                if response.status_code == 405:
                    # A page that only takes a POST (a button): post an empty form, as a fresh sign-in (signing out
                    # must not end the persona's session), and undo whatever it did.
                    with transaction.atomic():
                        response = client_for(people[persona]).post(url, {})
                        transaction.set_rollback(True)
                pages[name, persona] = outcome(response)
            for op, (method, path) in API.items():
                if op not in matrix.API:
                    continue
                url = api_url(path, objects)
                if method == "GET":
                    response = client.get(url, HTTP_ACCEPT="application/json")
                else:
                    with transaction.atomic():
                        response = getattr(client, method.lower())(url, data=json.dumps(api_body(op, objects)),
                                                                   content_type="application/json",
                                                                   HTTP_ACCEPT="application/json")
                        transaction.set_rollback(True)
                api[op, persona] = outcome(response)
            transaction.set_rollback(True)
    return pages, api


@pytest.fixture(scope="module")
def observed(django_db_setup, django_db_blocker):
    from perfportal.celery import app

    eager = app.conf.task_always_eager
    app.conf.task_always_eager = True
    try:
        with django_db_blocker.unblock(), transaction.atomic():
            if not connection.settings_dict["NAME"].startswith("test_"):
                raise RuntimeError("Refusing to seed the demo council outside a test database")
            people, objects = build()
            found = _collect(people, objects)
            transaction.set_rollback(True)
    finally:
        app.conf.task_always_eager = eager
    return found


def _differences(expected, got):
    lines = []
    for persona, code in zip(matrix.PERSONAS, expected.split(), strict=True):
        if got[persona] != code:
            lines.append(f"  {persona}: expected {NAMES.get(code, code)}, got {NAMES.get(got[persona], got[persona])}")
    return lines


def test_every_page_has_a_decision_and_every_decision_a_page():
    missing = sorted(set(PAGES) - set(matrix.PAGES))
    stale = sorted(set(matrix.PAGES) - set(PAGES))
    assert not missing, "Pages with no decision in tests/security/matrix.py PAGES: " + ", ".join(missing)
    assert not stale, "Decisions in tests/security/matrix.py PAGES for pages that no longer exist: " + ", ".join(stale)


def test_every_api_operation_has_a_decision_and_every_decision_an_operation():
    missing = sorted(set(API) - set(matrix.API))
    stale = sorted(set(matrix.API) - set(API))
    assert not missing, "API operations with no decision in tests/security/matrix.py API: " + ", ".join(missing)
    assert not stale, "Decisions in tests/security/matrix.py API for operations that no longer exist: " + ", ".join(stale)


def test_every_row_names_a_decision_for_every_persona():
    rows = {name: codes for name, (_, codes) in matrix.PAGES.items()} | matrix.API
    for name, codes in rows.items():
        assert len(codes.split()) == len(matrix.PERSONAS), f"{name}: one code per persona"
        assert set(codes.split()) <= set(NAMES), f"{name}: codes are A, D, H or L"


@pytest.mark.parametrize("name", sorted(set(PAGES) & set(matrix.PAGES)))
def test_page(observed, name):
    pages, _ = observed
    got = {persona: pages[name, persona] for persona in matrix.PERSONAS}
    wrong = _differences(matrix.PAGES[name][1], got)
    assert not wrong, f"GET {PAGES[name]} ({name}):\n" + "\n".join(wrong)


@pytest.mark.parametrize("op", sorted(set(API) & set(matrix.API)))
def test_api_operation(observed, op):
    _, api = observed
    got = {persona: api[op, persona] for persona in matrix.PERSONAS}
    wrong = _differences(matrix.API[op], got)
    method, path = API[op]
    assert not wrong, f"{method} {path} ({op}):\n" + "\n".join(wrong)
