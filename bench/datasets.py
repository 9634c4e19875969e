"""One PostgreSQL database per scale, built once and reused while it still matches.

The database records what it holds in its comment (scale, seed, the day the
data was made relative to, the generator's version), so `make bench` can tell
whether to reuse it or build it again. Creating and dropping databases uses
psycopg directly: the measuring runs in its own process, configured for the
database it measures.
"""

import datetime
import json
import os
import subprocess
import sys
import time
from urllib.parse import urlsplit, urlunsplit

import psycopg
from django.conf import settings
from django.db import connection

# Bump when the generator changes what it writes: every scale's database is rebuilt.
GENERATOR_VERSION = 4


def is_empty():
    from organisation.models import User

    return not User.objects.exists()


def mark(*, scale, seed, as_of):
    marker = json.dumps({"scale": scale, "seed": seed, "as_of": as_of.isoformat(), "version": GENERATOR_VERSION})
    with connection.cursor() as cursor:
        cursor.execute(f"COMMENT ON DATABASE \"{connection.settings_dict['NAME']}\" IS %s", [marker])  # noqa: S608


def marker():
    with connection.cursor() as cursor:
        cursor.execute("SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = current_database()")
        text = cursor.fetchone()[0]
    try:
        return json.loads(text) if text else None
    except ValueError:
        return None

def url_for(base, scale):
    """Scale 1 uses the database named in `base`; scale N the same name followed by N."""
    parts = urlsplit(base)
    name = parts.path.lstrip("/")
    return urlunsplit(parts._replace(path=f"/{name}{'' if scale == 1 else scale}"))


def name_of(url):
    return urlsplit(url).path.lstrip("/")


def _admin(url):
    """A connection to the server's maintenance database, for CREATE and DROP DATABASE."""
    return psycopg.connect(urlunsplit(urlsplit(url)._replace(path="/postgres")), autocommit=True)


def _exists(url):
    with _admin(url) as conn:
        return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name_of(url)]).fetchone() is not None


def _marker(url):
    with psycopg.connect(url) as conn:
        text = conn.execute("SELECT shobj_description(oid, 'pg_database') FROM pg_database "
                            "WHERE datname = current_database()").fetchone()[0]
    try:
        return json.loads(text) if text else None
    except ValueError:
        return None


def _manage(url, *args, quiet=True):
    env = {**os.environ, "DATABASE_URL": url}
    subprocess.run([sys.executable, "manage.py", *args], cwd=settings.BASE_DIR, env=env, check=True,  # noqa: S603
                   stdout=subprocess.DEVNULL if quiet else None)


def ensure(url, *, scale, seed, rebuild=False, log=print):
    """Reuse the scale's database when it holds this scale, seed and generator version, made this month;
    otherwise build it again. Migrations run either way (new indexes apply to the data already there)."""
    today = datetime.date.today()
    marker = _marker(url) if _exists(url) else None
    fresh = (marker is not None and marker.get("scale") == scale and marker.get("seed") == seed
             and marker.get("version") == GENERATOR_VERSION and marker.get("as_of", "")[:7] == today.isoformat()[:7])
    if fresh and not rebuild:
        _manage(url, "migrate", "--no-input")
        log(f"  reusing the data made on {marker['as_of']}")
        return {"database": name_of(url), "built": False, **marker}
    name = name_of(url)
    with _admin(url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    log("  migrating")
    _manage(url, "migrate", "--no-input")
    log(f"  generating scale {scale} (seed {seed})")
    started = time.perf_counter()
    _manage(url, "generate_scale", "--scale", str(scale), "--seed", str(seed), quiet=False)
    seconds = round(time.perf_counter() - started, 1)
    return {"database": name, "built": True, "build_seconds": seconds, **(_marker(url) or {})}


def production_env(url):
    """Measure as production runs: DEBUG off, no debug toolbar of any kind, tasks in-process."""
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL",)}
    env.update({
        "DATABASE_URL": url,
        "DEBUG": "false",
        "SECRET_KEY": "benchmark-only-not-a-secret-" + "x" * 40,
        "ALLOWED_HOSTS": "testserver",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "SECURE_HSTS_SECONDS": "0",
        # The hashed-name manifest needs collectstatic; plain storage costs the same per URL.
        "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
        "LOG_LEVEL": "ERROR",
        # WhiteNoise warns that there is no collected static folder: the pages measured do not serve files.
        "PYTHONWARNINGS": "ignore::UserWarning",
    })
    return env
