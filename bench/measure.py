"""Measure one scale in this process: every item of bench.items, then the process's peak memory."""

import os

from django.db import connection

from bench.harness import PageTimer, machine_speed, peak_rss_mb, time_job
from bench.items import ITEMS, Context, Job, Throughput
from core import collector

# Rows that grow with history, for the record of what was measured.
COUNTED = ["indicators_indicatorvalue", "indicators_benchmarkvalue", "priorities_milestone",
           "appraisals_appraisalobjective", "complaints_complaint"]


def measure_scale(scale, *, runs, warmups, only=None):
    collector.freeze()  # as perfportal/wsgi.py does once the application is loaded
    context = Context()
    timer = PageTimer(context)
    load_before = os.getloadavg()
    speed = machine_speed()
    items = {}
    rss = {}
    # Pages first: their peak memory is a web worker's; the import and the report run in the Celery worker.
    # Throughput last: it runs gunicorn beside this process, which then waits.
    ordered = sorted(ITEMS, key=lambda item: (isinstance(item, Job), isinstance(item, Throughput)))
    for item in ordered:
        if only and item.key not in only:
            continue
        if getattr(item, "pending", ""):
            items[item.key] = {"status": "not yet measured", "pending": item.pending}
            continue
        if isinstance(item, Throughput):
            items[item.key] = measure_throughput(item)
            print(f"  scale {scale} {item.key:<24} {items[item.key].get('ratio', '-'):>9} of a trivial view",
                  flush=True)
            continue
        if isinstance(item, Job):
            if "pages" not in rss:
                rss["pages"] = peak_rss_mb()
            items[item.key] = {"status": "measured", **time_job(item, context)}
        else:
            items[item.key] = {"status": "measured", **timer.measure(item, runs=runs, warmups=warmups)}
        print(f"  scale {scale} {item.key:<24} {items[item.key].get('median_ms', ''):>9} ms", flush=True)
    rss.setdefault("pages", peak_rss_mb())
    rss["with_jobs"] = peak_rss_mb()
    with connection.cursor() as cursor:
        rows = {}
        for table in COUNTED:
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608
            rows[table] = cursor.fetchone()[0]
    return {"scale": scale, "items": items, "peak_rss_mb": rss, "rows": rows,
            "speed": speed, "load_before": [round(x, 2) for x in load_before], "load_after": [round(x, 2) for x in os.getloadavg()],
            "runs": runs, "warmups": warmups}


def measure_throughput(item):
    """The page's requests a second under gunicorn on this scale's database, against a trivial view.

    The page cache is Redis when BENCH_REDIS_URL is set (as in production), else each worker's memory.
    """
    from bench import public_throughput

    try:
        found = public_throughput.measure(database_url=os.environ["DATABASE_URL"],
                                          redis_url=os.environ.get("BENCH_REDIS_URL", ""), path=item.path,
                                          duration=item.duration, rounds=item.rounds)
    except FileNotFoundError as error:
        return {"status": "not yet measured", "pending": str(error)}
    return {"status": "measured", **found}
