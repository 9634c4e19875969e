"""The load test's users (Locust): `make load` runs them; see bench/load.py and README.md.

Also runs on its own against any portal with the demo council loaded:
    .venv/bin/locust -f bench/locustfile.py --headless -u 50 -r 10 -t 60s --host http://127.0.0.1:8000

Each request's name starts with its group (public, dashboards, entry, sign-in), with ids shown as
[id], so the figures can be read per group and per page.

Data entry: each data-entry user signs in as one of the demo data officers, takes an entry grid no
other load user has (the n-th grid with figures still to enter among its officer's), and keeps
opening it, typing figures and saving them as drafts, as a person revising a return does. The save
carries the grid's concurrency tokens as they were shown. A save refused because someone else changed
a figure in between is the portal doing its job (the person is shown the other change and saves
again), not an error: it is counted apart (outcomes["refused_concurrent_edit"]). With a grid
per user there should be none; any other page that comes back instead of the redirect is an error.
"""

import itertools
import random
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

from locust import HttpUser, between, events, task
from locust.exception import StopUser

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench import load_plan as plan  # noqa: E402 (after the path is set, for `locust -f`)

STALE = "while you were editing"  # core/concurrency.changed_by_message
outcomes = {"saved": 0, "refused_concurrent_edit": 0}
started = {"users": 0}  # users past on_start (signed in, links found), whether it went well or not
_numbers = {kind: itertools.count() for kind in plan.USERS}


def label(group, path):
    return f"{group} {re.sub(r'/\d+', '/[id]', path)}"


def links(pattern, text):
    return list(dict.fromkeys(re.findall(pattern, text)))  # in page order, once each


def near(row):
    """A plausible figure for a grid row: a little below its target, or else the period before's (the
    indicator's own range, a score out of 12 say, is not on the page, and these stay inside it)."""
    for label_ in ("Target:", "Period before:"):
        if found := re.search(label_ + r"\s*(?:<strong>)?\s*[^\d<]*([\d,]+(?:\.\d+)?)", row):
            return float(found[1].replace(",", "")) * random.uniform(0.9, 1.0)
    return 1.0


class Forms(HTMLParser):
    """The fields of each form on a page, as a browser would send them (checked boxes only)."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.forms, self._textarea = [], None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append({})
        elif self.forms and tag == "input" and a.get("name"):
            if a.get("type") not in ("checkbox", "radio") or "checked" in a:
                self.forms[-1][a["name"]] = a.get("value") or ""
        elif self.forms and tag == "textarea" and a.get("name"):
            self._textarea = a["name"]
            self.forms[-1][self._textarea] = ""

    def handle_data(self, data):
        if self._textarea:
            self.forms[-1][self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None


def form_with(text, field_prefix):
    return next((f for f in Forms(text).forms if any(k.startswith(field_prefix) for k in f)), None)


class PortalUser(HttpUser):
    abstract = True
    wait_time = between(*plan.WAIT)

    def on_start(self):
        try:
            self.begin()
        finally:
            started["users"] += 1

    def begin(self):
        pass

    def page(self, group, path, *, name=None):
        """GET a page that must answer 200 itself (a redirect to sign in, for one, is an error)."""
        with self.client.get(path, name=name or label(group, path), allow_redirects=False,
                             catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code} {response.headers.get('Location', '')}")
            return response

    def sign_in(self, key):
        page = self.page("sign-in", plan.SIGN_IN)
        token = (form_with(page.text, "username") or {}).get("csrfmiddlewaretoken")
        with self.client.post(plan.SIGN_IN, data={"csrfmiddlewaretoken": token, "username": plan.email(key),
                                                  "password": plan.PASSWORD},
                              name="sign-in POST /sign-in/", allow_redirects=False, catch_response=True) as response:
            if response.status_code != 302 or plan.SIGN_IN in response.headers.get("Location", plan.SIGN_IN):
                response.failure(f"{key} was not signed in ({response.status_code})")
                raise StopUser


class PublicVisitor(PortalUser):
    """Anyone: the home page, the published lists, and the priorities, services and figures on them."""

    fixed_count = plan.USERS["public"]

    def begin(self):
        self.details = []
        for path in plan.PUBLIC_PAGES[1:4]:
            self.details += links(plan.PUBLIC_LINK, self.page("public", path).text)

    @task(4)
    def home(self):
        self.page("public", "/")

    @task(4)
    def a_list(self):
        self.page("public", random.choice(plan.PUBLIC_PAGES[1:]))

    @task(4)
    def a_detail(self):
        if self.details:
            self.page("public", random.choice(self.details))


class Dashboards(PortalUser):
    abstract = True
    accounts = ()

    def begin(self):
        kind = "councillor" if self.accounts is plan.COUNCILLORS else "officer"
        self.sign_in(self.accounts[next(_numbers[kind]) % len(self.accounts)])
        dashboard = self.page("dashboards", "/scrutiny/").text
        self.portfolios = links(plan.PORTFOLIO_LINK, dashboard)
        self.indicators = links(plan.INDICATOR_LINK, dashboard + self.page("dashboards", "/indicators/").text)

    @task(2)
    def home(self):
        self.page("dashboards", "/home/")

    @task(3)
    def council_dashboard(self):
        self.page("dashboards", "/scrutiny/")

    @task(2)
    def portfolio_dashboard(self):
        if self.portfolios:
            self.page("dashboards", random.choice(self.portfolios))

    @task(3)
    def indicator(self):
        if self.indicators:
            self.page("dashboards", random.choice(self.indicators))

    @task(1)
    def lists(self):
        self.page("dashboards", random.choice(plan.DASHBOARDS[2:]))


class Councillor(Dashboards):
    """Executive members, a portfolio holder, the scrutiny chair and a ward councillor."""

    fixed_count = plan.USERS["councillor"]
    accounts = plan.COUNCILLORS


class Officer(Dashboards):
    """The performance officer, a director and a head of service."""

    fixed_count = plan.USERS["officer"]
    accounts = plan.OFFICERS


class DataEntry(PortalUser):
    """A data officer keeping one period's figures for one service up to date."""

    fixed_count = plan.USERS["data_entry"]

    def begin(self):
        n = next(_numbers["data_entry"])
        self.sign_in(plan.DATA_OFFICERS[n % len(plan.DATA_OFFICERS)])
        wanted = n // len(plan.DATA_OFFICERS)  # the officer's first, second... grid with figures to enter
        for grid in links(plan.GRID_LINK, self.page("entry", plan.ENTRY).text):
            text = self.page("entry", grid, name="entry GET grid (finding one to work on)").text
            if re.search(r'name="(actual|numerator)-\d+"', text):
                if wanted == 0:
                    self.grid = grid
                    return
                wanted -= 1
        events.request.fire(request_type="GET", name="entry no grid left to work on", response_time=0,
                            response_length=0, exception=RuntimeError("no grid"), context={})
        raise StopUser

    @task
    def enter_figures(self):
        shown = self.page("entry", self.grid)
        form = form_with(shown.text, "seen-")
        if form is None:
            return
        data = {**form, "save": "1"}
        rows = shown.text.split('data-indicator="')[1:]
        for i in re.findall(r"seen-(\d+)", " ".join(form)):
            row = next((r for r in rows if f'name="seen-{i}"' in r), "")
            data[f"commentary-{i}"] = "Checked with the team leader."
            if f"numerator-{i}" in data:
                data.update({f"numerator-{i}": str(random.randint(30, 60)), f"denominator-{i}": "60",
                             f"actual-{i}": ""})
            elif f"actual-{i}" in data:
                data[f"actual-{i}"] = f"{near(row):.1f}"
        with self.client.post(self.grid, data=data, name=label("entry", self.grid) + " POST",
                              allow_redirects=False, catch_response=True) as response:
            if response.status_code == 302 and response.headers.get("Location", "").endswith(self.grid):
                outcomes["saved"] += 1
            elif response.status_code == 200 and STALE in response.text:
                outcomes["refused_concurrent_edit"] += 1  # a success for Locust; reported apart
            else:
                summary = re.findall(r'<a href="#id_[^"]+">([^<]+)</a>', response.text)
                response.failure(f"{response.status_code} not saved: {'; '.join(summary)[:300]}")
