"""The load test (`make load`) still fits the portal: its start pages exist, the links it follows
match the portal's URLs, its accounts are demo accounts that sign in with a password alone, and the
locustfile loads. The load itself is not run here (see README.md, "Load test")."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import Resolver404, resolve, reverse

from bench import load_plan as plan
from organisation.demo import DEMO_ACCOUNTS, DOMAIN, OTHER_OFFICERS, email_for
from organisation.models import Role

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("path", [plan.SIGN_IN, *plan.PUBLIC_PAGES, *plan.DASHBOARDS, plan.ENTRY])
def test_each_start_page_is_a_page_of_the_portal(path):
    try:
        resolve(path)
    except Resolver404:
        pytest.fail(f"{path} is not a URL of the portal any more: update bench/load_plan.py")


@pytest.mark.parametrize(("pattern", "url"), [
    (plan.PUBLIC_LINK, reverse("public-priority", args=[7])),
    (plan.PUBLIC_LINK, reverse("public-indicator", args=[7])),
    (plan.PUBLIC_LINK, reverse("public-service", args=[7])),
    (plan.INDICATOR_LINK, reverse("indicators:detail", args=[7])),
    (plan.PORTFOLIO_LINK, reverse("scrutiny:portfolio-dashboard", args=[7])),
    (plan.GRID_LINK, reverse("indicators:entry-grid", args=[7, 8])),
])
def test_the_links_it_follows_are_the_portals(pattern, url):
    assert re.findall(pattern, f'<a href="{url}">') == [url]


def test_its_accounts_are_demo_accounts_without_a_second_factor():
    roles = {f"{key}@{DOMAIN}": [role for role, _ in granted] for key, *_, granted in DEMO_ACCOUNTS}
    roles |= {email_for(first, last): [role for role, _ in granted] for first, last, _, _, granted in OTHER_OFFICERS}
    for key in plan.COUNCILLORS + plan.OFFICERS + plan.DATA_OFFICERS:
        assert plan.email(key) in roles, key
        assert not {Role.COMPLAINTS_OFFICER, Role.HR_OFFICER, Role.PANEL_MEMBER,
                    Role.SYSTEM_ADMIN} & set(roles[plan.email(key)]), key
    for key in plan.DATA_OFFICERS:
        assert Role.DATA_OFFICER in roles[plan.email(key)], key


def test_the_locustfile_loads_with_its_four_kinds_of_user():
    # In a process of its own: importing Locust patches the standard library (gevent).
    listed = subprocess.run([Path(sys.executable).parent / "locust", "-f", "bench/locustfile.py", "--list"],
                            cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert listed.returncode == 0, listed.stderr
    assert set(listed.stdout.split()) >= {"PublicVisitor", "Councillor", "Officer", "DataEntry"}
