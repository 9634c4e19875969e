"""Backing up and restoring the portal's database, and telling whether two copies match.

PostgreSQL is dumped with pg_dump's custom format and restored with pg_restore, so a backup
is one file that restores into an empty database of the same major version. The embedded
SQLite default is copied with SQLite's own online backup.
"""

import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess

from django.apps import apps
from django.db import connections

# The tables whose contents say "this is the same portal": their rows are counted and hashed.
KEY_MODELS = (
    "organisation.User", "organisation.Service", "organisation.Delegation", "organisation.RoleAssignment",
    "indicators.Indicator", "indicators.IndicatorValue", "indicators.Target",
    "priorities.ServicePlan", "priorities.Objective", "priorities.Milestone",
    "complaints.Complaint", "complaints.ComplaintStage",
    "appraisals.Appraisal", "appraisals.AppraisalObjective",
    "scrutiny.Recommendation",
    "auditlog.LogEntry",
)


class BackupError(Exception):
    pass


def backup(path, alias="default"):
    settings = connections[alias].settings_dict
    if connections[alias].vendor == "postgresql":
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={path}", settings["NAME"]],
             settings)
    elif connections[alias].vendor == "sqlite":
        with sqlite3.connect(settings["NAME"]) as source, sqlite3.connect(path) as target:
            source.backup(target)
    else:
        raise BackupError(f"Backups of {connections[alias].vendor} databases are not supported")


def restore(path, alias="default", settings=None):
    """Replace the database's contents with the backup's. The database should be empty or disposable.

    `settings` (a DATABASES entry) restores into another database of the same kind instead.
    """
    if not os.path.exists(path):
        raise BackupError(f"No backup file at {path}")
    settings = settings or connections[alias].settings_dict
    connections[alias].close()
    if connections[alias].vendor == "postgresql":
        _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges", "--exit-on-error",
              f"--dbname={settings['NAME']}", path], settings)
    elif connections[alias].vendor == "sqlite":
        with sqlite3.connect(path) as source, sqlite3.connect(settings["NAME"]) as target:
            source.backup(target)
    else:
        raise BackupError(f"Restores into {connections[alias].vendor} databases are not supported")


def fingerprint(alias="default", cursor=None):
    """{table: (row count, sha256 of its rows in key order)} for the key tables.

    `cursor` reads another database (any DB-API cursor on the same kind of database).
    """
    quote = connections[alias].ops.quote_name
    if cursor is None:
        with connections[alias].cursor() as own:
            return fingerprint(alias, own)
    result = {}
    for label in KEY_MODELS:
        model = apps.get_model(label)
        fields = model._meta.concrete_fields
        columns = ", ".join(quote(f.column) for f in fields)
        cursor.execute(f"SELECT {columns} FROM {quote(model._meta.db_table)} ORDER BY {quote(model._meta.pk.column)}")  # noqa: S608 (names from the models)
        digest = hashlib.sha256()
        count = 0
        for row in cursor.fetchall():
            digest.update(json.dumps([_canonical(field, value) for field, value in zip(fields, row, strict=True)]).encode())
            count += 1
        result[model._meta.db_table] = (count, digest.hexdigest())
    return result


def _canonical(field, value):
    """A value as the same text whichever driver or session time zone read it."""
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        return value.astimezone(datetime.UTC).isoformat()
    if field.get_internal_type() == "JSONField":
        return json.loads(value) if isinstance(value, str) else value
    return value if isinstance(value, (int, float, bool, type(None))) else str(value)


def _run(command, settings):
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} is not installed (Debian: apt-get install postgresql-client)")
    env = dict(os.environ)
    for key, variable in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if settings.get(key):
            env[variable] = str(settings[key])
    completed = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if completed.returncode != 0:
        raise BackupError(f"{command[0]} failed: {completed.stderr.strip()}")

