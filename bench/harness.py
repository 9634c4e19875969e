"""Timing pages and jobs: median server time, SQL time and query count.

A page is requested through django.test.Client (the whole middleware stack,
templates and all, with no network), signed in as its persona. Every SQL
statement passes through a connection.execute_wrapper that counts and times
it. After warm-up requests, the median of several runs is kept.
"""

import resource
import statistics
import time
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.test import Client


@dataclass
class SqlMeter:
    queries: int = 0
    seconds: float = 0.0
    statements: list = field(default_factory=list)
    keep: bool = False

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started
            self.queries += 1
            if self.keep:
                self.statements.append(sql)


@dataclass
class Run:
    ms: float
    sql_ms: float
    queries: int
    cpu_ms: float  # this process's CPU time: what the page costs whatever else the machine is doing


def _summary(runs):
    return {
        "median_ms": round(statistics.median(r.ms for r in runs), 1),
        "sql_ms": round(statistics.median(r.sql_ms for r in runs), 1),
        "cpu_ms": round(statistics.median(r.cpu_ms for r in runs), 1),
        "queries": max(r.queries for r in runs),
        "queries_min": min(r.queries for r in runs),
        "runs": len(runs),
    }


def sign_in(client, person):
    """Sign the client in as the person, past the second factor where their role needs one.

    As the code page does once the right code is entered, the session remembers a verified device,
    so the measured pages pay what they pay in the portal (the middleware's device lookup included).
    """
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from organisation import twofactor
    from organisation.models import User

    client.force_login(person)
    if twofactor.is_required(User.objects.get(pk=person.pk)):
        device = (TOTPDevice.objects.filter(user=person, confirmed=True).first()
                  or TOTPDevice.objects.create(user=person, name="Benchmark authenticator", confirmed=True))
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()


class PageTimer:
    def __init__(self, context):
        self.context = context
        self.clients = {}

    def client(self, persona):
        if persona not in self.clients:
            client = Client()
            if persona is not None:
                sign_in(client, self.context.people[persona])
            self.clients[persona] = client
        return self.clients[persona]

    def once(self, page, path):
        client = self.client(page.persona)
        meter = SqlMeter()
        with connection.execute_wrapper(meter):
            started, cpu = time.perf_counter(), time.process_time()
            response = client.get(path)
            if getattr(response, "streaming", False):
                b"".join(response.streaming_content)
            elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        if response.status_code != 200:
            raise AssertionError(f"{page.key}: GET {path} answered {response.status_code}")
        return Run(elapsed * 1000, meter.seconds * 1000, meter.queries, cpu * 1000)

    def measure(self, page, *, runs, warmups):
        """Warm: after the warm-up requests, as most requests are served. A page served from a versioned
        cache (`page.cached`) is also measured cold, its version replaced before each request:

        - "cold": just after a published figure is saved: what that retires (figure_saved), so the page is
          built afresh from every other indicator's kept row (indicators.row_cache);
        - "cold_all": as when nothing is kept (the first request of the day, or after a change to the
          exception rules or comparator groups), so every indicator is rated afresh too, and what is kept
          of the plans alone (core.summaries.PLANS) is made again.
        """
        path = page.url(self.context)
        for _ in range(warmups):
            self.once(page, path)
        measured = {"path": path, **_summary([self.once(page, path) for _ in range(runs)])}
        if page.cached:
            from core import summaries
            from indicators import row_cache

            version = _version(page.cached)
            cold, cold_all = [], []
            for _ in range(runs):
                figure_saved(self.context.monthly_indicator)
                cold.append(self.once(page, path))
            for _ in range(runs):
                version.replace()
                row_cache.VERSION.replace()
                summaries.PLANS.replace()
                cold_all.append(self.once(page, path))
            measured["cache"] = "warm"
            measured["cold"] = _summary(cold)
            measured["cold_all"] = _summary(cold_all)
        return measured


def figure_saved(indicator_id):
    """Retire what saving one published figure of this indicator retires, through the signals a write of
    figures sends (indicators.services._figures_written): the dashboards' summaries, the public pages, and
    that indicator's kept rows. Nothing is written."""
    from indicators.models import IndicatorValue
    from indicators.signals import figures_written, published_figures_written

    figures_written.send(sender=IndicatorValue, indicator_ids={indicator_id})
    published_figures_written.send(sender=IndicatorValue)


def _version(name):
    if name == "summaries":
        from core.summaries import VERSION
    else:
        from public.caching import VERSION
    return VERSION


def time_job(job, context, *, runs=None, warmups=None):
    if job.prepare:
        job.prepare(context)
    results = []
    for n in range((warmups if warmups is not None else job.warmups) + (runs or job.runs)):
        meter = SqlMeter()
        with transaction.atomic(), connection.execute_wrapper(meter):
            started, cpu = time.perf_counter(), time.process_time()
            job.run(context)
            elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
            transaction.set_rollback(True)  # measure again on the same data
        if n >= (warmups if warmups is not None else job.warmups):
            results.append(Run(elapsed * 1000, meter.seconds * 1000, meter.queries, cpu * 1000))
    return _summary(results)


def machine_speed(*, requests=50, loops=3):
    """How fast this machine ran while it measured, to compare tables made on different days: a trivial view's
    median time (/healthz, through every middleware) and the best of a few runs of a fixed pure-Python loop.
    A 2-core machine here has run the same code twice as slow on some days as on others."""
    client = Client()
    times = []
    for n in range(requests + 5):
        started = time.perf_counter()
        client.get("/healthz")
        if n >= 5:
            times.append(time.perf_counter() - started)
    best = None
    for _ in range(loops):
        started, total = time.perf_counter(), 0
        for i in range(1_000_000):
            total += i
        elapsed = time.perf_counter() - started
        best = elapsed if best is None else min(best, elapsed)
    return {"trivial_view_ms": round(statistics.median(times) * 1000, 2), "python_loop_ms": round(best * 1000, 1)}


def peak_rss_mb():
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def count_queries(client, path):
    """Queries one GET costs (for the guard-rail tests), and the statements, to say which repeat."""
    meter = SqlMeter(keep=True)
    with connection.execute_wrapper(meter):
        response = client.get(path)
    return response.status_code, meter.queries, meter.statements
