"""Faults: Redis gone, the database connection dropped. Pages keep serving; nothing is lost."""

from wsgiref.util import setup_testing_defaults

import psycopg
import pytest
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
from django.test import TestCase

from indicators import services
from indicators.models import DataImport
from perfportal.celery import app
from tests.indicators.test_import import COLUMNS, library, upload  # noqa: F401 (library is a fixture)

NOTHING_LISTENS = "redis://127.0.0.1:6399/0"  # a closed port: exactly what a stopped Redis looks like


@pytest.fixture
def redis_stopped(settings, monkeypatch):
    settings.CACHES = {"default": {"BACKEND": "core.cache.ResilientRedisCache", "LOCATION": NOTHING_LISTENS,
                                   "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}}}
    app.conf.task_always_eager = False
    monkeypatch.setattr(app.conf, "broker_url", NOTHING_LISTENS)
    monkeypatch.setattr(app, "_pool", None)
    monkeypatch.setattr(app.amqp, "_producer_pool", None)


@pytest.mark.django_db
def test_the_cache_answers_misses_while_redis_is_down(redis_stopped):
    cache.set("key", "value")
    assert cache.get("key") is None
    assert cache.get("key", "fallback") == "fallback"
    assert cache.get_or_set("other", lambda: 42) == 42
    assert cache.add("key", 1) is False
    cache.delete("key")


@pytest.mark.django_db
@pytest.mark.parametrize(("persona", "path"), [
    (None, "/"), (None, "/sign-in/"), ("performance_officer", "/home/"), ("performance_officer", "/indicators/"),
    ("scrutiny_member", "/scrutiny/"), ("complaints_officer", "/complaints/"), ("staff", "/appraisals/my-objectives/"),
])
def test_pages_still_serve_while_redis_is_down(world, as_user, redis_stopped, persona, path):
    user = getattr(world, persona) if persona else None
    response = as_user(user).get(path)
    assert response.status_code == 200, path


@pytest.mark.django_db
def test_a_large_import_says_it_did_not_start_when_the_queue_is_down(world, library, as_user, redis_stopped,  # noqa: F811
                                                                    monkeypatch):
    monkeypatch.setattr(services, "BACKGROUND_ROWS", 100)
    data_import = upload(world.performance_officer, "care_homes_rating.csv")
    services.import_map(data_import=data_import, column_map=COLUMNS,
                        indicator_map={data_import.rows[0][3]: str(library["care_homes"].pk)})
    with TestCase.captureOnCommitCallbacks(execute=True):
        queued = services.import_start(data_import=data_import, actor=world.performance_officer)
    assert queued is True
    data_import.refresh_from_db()
    assert data_import.status == DataImport.Status.MAPPED
    assert "did not answer" in data_import.message
    page = as_user(world.performance_officer).get(data_import.get_absolute_url())
    assert page.status_code == 200
    assert "Start it again" in page.text
    assert "Check the file and import it" in page.text


def through_wsgi(path, **headers):
    """A request through the production WSGI handler, which (unlike the test client) checks the
    kept database connection at the start of each request, as gunicorn's workers do."""
    environ = {"PATH_INFO": path, "REQUEST_METHOD": "GET", "HTTP_HOST": "testserver", **headers}
    setup_testing_defaults(environ)
    statuses = []
    body = b"".join(WSGIHandler()(environ, lambda status, headers, exc_info=None: statuses.append(status)))
    return int(statuses[0].split()[0]), body


@pytest.mark.django_db(transaction=True)
def test_the_next_request_recovers_after_the_database_drops_the_connection(world):
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=world.performance_officer).key  # so each request reads the database
    path, auth = "/api/services/", {"HTTP_AUTHORIZATION": f"Token {token}"}
    assert through_wsgi(path, **auth)[0] == 200
    settings = connection.settings_dict
    pid = connection.connection.info.backend_pid  # the connection kept between requests
    with psycopg.connect(dbname="postgres", host=settings["HOST"], port=settings["PORT"] or 5432,
                         user=settings["USER"], password=settings["PASSWORD"] or None, autocommit=True) as admin:
        assert admin.execute("SELECT pg_terminate_backend(%s)", [pid]).fetchone()[0] is True
    status, _ = through_wsgi(path, **auth)
    assert status == 200
    assert connection.connection.info.backend_pid != pid
