"""Backup and restore: a dump restored into a fresh database holds the same key tables."""

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection

from core import backup
from tests.complaints.conftest import log_case

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def fresh_database():
    settings = dict(connection.settings_dict, NAME=f"{connection.settings_dict['NAME']}_restored")
    admin = _connect(settings, "postgres")
    admin.execute(f'DROP DATABASE IF EXISTS "{settings["NAME"]}"')
    admin.execute(f'CREATE DATABASE "{settings["NAME"]}"')
    yield settings
    admin.execute(f'DROP DATABASE IF EXISTS "{settings["NAME"]}" WITH (FORCE)')
    admin.close()


def _connect(settings, name):
    return psycopg.connect(dbname=name, host=settings["HOST"], port=settings["PORT"] or 5432,
                           user=settings["USER"], password=settings["PASSWORD"] or None, autocommit=True)


def test_a_backup_restores_into_a_fresh_database_with_the_same_contents(world, regimes, tmp_path, fresh_database,
                                                                       capsys):
    log_case(world, regimes["adults"])
    world.children.delegation.data_officer = world.data_officer
    world.children.delegation.save()  # gives the audit trail an entry to carry across
    before = backup.fingerprint()
    assert before["complaints_complaint"][0] == 1
    assert before["auditlog_logentry"][0] >= 1

    path = tmp_path / "portal.dump"
    call_command("backup", str(path))
    assert "complaints_complaint" in capsys.readouterr().out
    backup.restore(str(path), settings=fresh_database)

    with _connect(fresh_database, fresh_database["NAME"]) as restored, restored.cursor() as cursor:
        after = backup.fingerprint(cursor=cursor)
    assert after == before


def test_a_missing_backup_file_is_refused_clearly(tmp_path):
    with pytest.raises(backup.BackupError, match="No backup file"):
        backup.restore(str(tmp_path / "nothing.dump"))
