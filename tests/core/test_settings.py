"""Start-up refuses bad configuration and names the variable at fault."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def start(**env):
    clean = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "SECRET_KEY", "DATABASE_URL", "REDIS_URL")}
    return subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env={**clean, **env},
        capture_output=True, text=True, timeout=60,
    )


@pytest.mark.parametrize(("env", "named"), [
    ({"DEBUG": "perhaps"}, "DEBUG"),
    ({"COUNCIL_COLOUR": "green"}, "COUNCIL_COLOUR"),
    ({"SESSION_COOKIE_AGE": "eight hours"}, "SESSION_COOKIE_AGE"),
    ({"REDIS_URL": "localhost:6379"}, "REDIS_URL"),
    ({"DEBUG": "false"}, "SECRET_KEY"),
])
def test_it_stops_start_up_naming_the_bad_variable(env, named):
    result = start(**env)
    assert result.returncode != 0
    assert named in result.stderr
    assert "ImproperlyConfigured" in result.stderr


def test_it_starts_on_the_embedded_default_with_no_variables():
    result = start()
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout
