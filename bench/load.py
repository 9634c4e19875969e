"""A bounded load test on loopback: 50 users for 60 s against gunicorn, PostgreSQL and Redis.

    .venv/bin/python bench/load.py [--users 50] [--duration 60] [--workers N] [--rebuild]
    make load                      # the same, with LOAD_DATABASE_URL and LOAD_REDIS_URL

1. The database: the demo council (migrate, seed_demo) is built once into <name>_seed and kept,
   rebuilt when a migration or demo file changes (or with --rebuild); each run starts from a fresh
   copy of it (CREATE DATABASE <name> TEMPLATE <name>_seed), so runs are alike and the figures the
   data officers save do not pile up. The Redis database (cache, broker) is emptied first: give
   the load test one of its own.
2. gunicorn with production settings (DEBUG off, the cache and Celery's broker in Redis, the
   collected-static storage swapped for the plain one as nothing fetches static files), with 2 sync
   workers per core by default: each request is Python on the CPU with short waits on PostgreSQL, so
   two per core keep the cores busy through those waits; more would only add memory and contend
   with PostgreSQL and the load generator, which share the same cores here.
3. Locust (bench/locustfile.py) with the users of bench/load_plan.py, started 10 a second. The
   warm-up lasts until every user has signed in and found the pages it will use; then --duration
   seconds are measured with all of them reading and saving, each pausing 1 to 5 s between requests.

Prints requests, errors, median, p95 and p99 per group (public, dashboards, entry, sign-in) and per
page, for the warm-up and the measured part apart; the data officers' saves; each gunicorn worker's
peak resident memory (VmHWM) and the CPU they used. Writes bench/load_results.json. Exits 1 if any
request failed, in either part.
"""
# ruff: noqa: E402 (Locust's gevent must patch the standard library before anything imports ssl)

from gevent import monkey

monkey.patch_all()

import argparse
import hashlib
import json
import os
import platform
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import gevent
import psycopg
import redis
from locust.env import Environment
from locust.stats import StatsEntry

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench import load_plan, locustfile
from bench.public_throughput import free_port, wait_for

PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
GROUPS = ["public", "dashboards", "entry", "sign-in"]


def with_name(url, name):
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def fingerprint():
    """What the seeded database depends on: the migrations and the demo data."""
    digest = hashlib.sha256()
    for path in sorted([*ROOT.glob("*/migrations/*.py"), *ROOT.glob("*/demo.py"),
                        *ROOT.glob("core/management/commands/seed_demo.py")]):
        digest.update(path.relative_to(ROOT).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def prepare_database(url, *, rebuild):
    name = urlsplit(url).path.lstrip("/")
    seed = f"{name}_seed"
    admin_url = with_name(url, "postgres")
    with psycopg.connect(admin_url, autocommit=True) as admin:
        row = admin.execute("SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
                            [seed]).fetchone()
        if rebuild or row is None or row[0] != fingerprint():
            print(f"Loading the demo council into {seed} (once; about two minutes)...", flush=True)
            admin.execute(f'DROP DATABASE IF EXISTS "{seed}"')
            admin.execute(f'CREATE DATABASE "{seed}"')
            env = {**os.environ, "DATABASE_URL": with_name(url, seed), "DEBUG": "true", "REDIS_URL": ""}
            for command in (["migrate", "--no-input", "-v0"], ["seed_demo", "--quiet"]):
                subprocess.run([PYTHON, "manage.py", *command], cwd=ROOT, env=env, check=True)  # noqa: S603
            admin.execute(f"COMMENT ON DATABASE \"{seed}\" IS '{fingerprint()}'")
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{seed}"')


def worker_pids(master):
    """gunicorn's workers: the processes whose parent is the master (from /proc/<pid>/stat)."""
    pids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # gone meanwhile
        if int(fields[1]) == master:
            pids.append(int(stat.parent.name))
    return pids


def cpu_seconds(pids):
    """User and system CPU time the processes have used so far."""
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
    return total / os.sysconf("SC_CLK_TCK")


def peak_rss_mb(pid):
    """The most resident memory the process has had (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return None


def summarise(entries):
    """One figure set for several request names (Locust merges their response-time histograms)."""
    first = entries[0]
    total = StatsEntry(first.stats, "", "", use_response_times_cache=False)
    for entry in entries:
        total.extend(entry)
    return figures(total)


def figures(entry):
    return {"requests": entry.num_requests, "errors": entry.num_failures,
            "median_ms": round(entry.median_response_time), "p95_ms": round(entry.get_response_time_percentile(0.95)),
            "p99_ms": round(entry.get_response_time_percentile(0.99)), "max_ms": round(entry.max_response_time or 0)}


def run_locust(base, *, users, spawn_rate, duration):
    """Start the users; once every one has signed in and found its pages, measure for `duration` s.

    Returns the environment (its stats: the measured part) and the warm-up's figures."""
    env = Environment(user_classes=[locustfile.PublicVisitor, locustfile.Councillor, locustfile.Officer,
                                    locustfile.DataEntry], host=base)
    runner = env.create_local_runner()
    began = time.monotonic()
    runner.start(users, spawn_rate=spawn_rate)
    while locustfile.started["users"] < users:
        if time.monotonic() - began > 600:
            raise SystemExit(f"Only {locustfile.started['users']} of {users} users started within 600 s.")
        gevent.sleep(0.2)
    warm_up = {"seconds": round(time.monotonic() - began, 1), **tables(env.stats),
               "data_entry": dict(locustfile.outcomes)}
    env.stats.reset_all()
    locustfile.outcomes.update(dict.fromkeys(locustfile.outcomes, 0))
    gevent.sleep(duration)
    runner.quit()
    return env, warm_up


def tables(stats):
    entries = sorted((e for e in stats.entries.values() if e.num_requests), key=lambda e: e.name)
    return {
        "total": figures(stats.total),
        "groups": {g: summarise([e for e in entries if e.name.split()[0] == g])
                   for g in GROUPS if any(e.name.split()[0] == g for e in entries)},
        "pages": {f"{e.method} {e.name}": figures(e) for e in entries},
        "errors": [{"request": f"{e.method} {e.name}", "error": str(e.error), "count": e.occurrences}
                   for e in stats.errors.values()],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=os.environ.get(
        "LOAD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/perfportal_load"))
    parser.add_argument("--redis-url", default=os.environ.get("LOAD_REDIS_URL", "redis://127.0.0.1:6379/11"))
    parser.add_argument("--users", type=int, default=sum(load_plan.USERS.values()))
    parser.add_argument("--spawn-rate", type=float, default=10, help="users started per second (default 10)")
    parser.add_argument("--duration", type=int, default=60, help="seconds with every user running (default 60)")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1))
    parser.add_argument("--threads", type=int, default=1, help="threads per worker (above 1: gthread workers)")
    parser.add_argument("--rebuild", action="store_true", help="load the demo council again")
    parser.add_argument("--output", default=str(ROOT / "bench" / "load_results.json"))
    options = parser.parse_args()
    if options.users != sum(load_plan.USERS.values()):
        raise SystemExit(f"The user mix in bench/load_plan.py adds up to {sum(load_plan.USERS.values())}.")

    prepare_database(options.database_url, rebuild=options.rebuild)
    redis.Redis.from_url(options.redis_url).flushdb()
    port = free_port()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "perfportal.settings", "DATABASE_URL": options.database_url,
           "REDIS_URL": options.redis_url, "DEBUG": "false", "SECRET_KEY": "load-test-only-" + "x" * 40,
           "ALLOWED_HOSTS": "127.0.0.1", "SITE_URL": f"http://127.0.0.1:{port}", "SECURE_SSL_REDIRECT": "false",
           "SECURE_COOKIES": "false", "SECURE_HSTS_SECONDS": "0", "LOG_LEVEL": "WARNING",
           "PYTHONWARNINGS": "ignore::UserWarning",  # WhiteNoise: collectstatic has not run (nothing static is fetched)
           "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    server = subprocess.Popen(  # noqa: S603 (our own gunicorn, loopback only)
        [GUNICORN, "perfportal.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(options.workers),
         "--threads", str(options.threads), "--log-level", "warning"], cwd=ROOT, env=env, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{base}/healthz", seconds=60)
        load_before = os.getloadavg()[0]
        workers = worker_pids(server.pid)
        cpu_before = cpu_seconds(workers)
        kind = f"gthread workers x {options.threads} threads" if options.threads > 1 else "sync workers"
        print(f"gunicorn: {options.workers} {kind} on {os.cpu_count()} cores at {base}; "
              f"{options.users} users for {options.duration} s (load average before: {load_before:.1f})", flush=True)
        locust_env, warm_up = run_locust(base, users=options.users, spawn_rate=options.spawn_rate,
                                         duration=options.duration)
        rss = {pid: peak_rss_mb(pid) for pid in workers}
        cpu = round(cpu_seconds(workers) - cpu_before, 1)
        load_after = os.getloadavg()[0]
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)

    measured = tables(locust_env.stats)
    results = {
        "users": options.users, "mix": load_plan.USERS, "think_time_s": list(load_plan.WAIT),
        "duration_s": options.duration, "gunicorn_workers": options.workers, "gunicorn_threads": options.threads,
        "cores": os.cpu_count(), "machine": platform.machine(),
        "load_average_1min": {"before": round(load_before, 1), "after": round(load_after, 1)},
        **measured,
        "data_entry": dict(locustfile.outcomes),
        "gunicorn_worker_peak_rss_mb": sorted(rss.values()),
        "gunicorn_cpu_s": cpu,
        "warm_up": warm_up,
    }
    Path(options.output).write_text(json.dumps(results, indent=2) + "\n")

    line = "{:<58} {:>8} {:>7} {:>8} {:>8} {:>8}"

    def table(part):
        print(line.format("", "requests", "errors", "median", "p95", "p99"))
        rows = [*(("group " + g, f) for g, f in part["groups"].items()), ("all", part["total"]), ("", None),
                *part["pages"].items()]
        for title, row in rows:
            print(line.format(title[:58], row["requests"], row["errors"], f"{row['median_ms']} ms",
                              f"{row['p95_ms']} ms", f"{row['p99_ms']} ms") if row else "")

    print(f"\nWarm-up: {options.users} users starting ({options.spawn_rate:g} a second), signing in and "
          f"finding their pages: {warm_up['seconds']} s")
    table(warm_up)
    print(f"\nMeasured: {options.users} users for {options.duration} s")
    table(measured)
    errors = warm_up["errors"] + measured["errors"]
    print(f"\nData entry: {results['data_entry']['saved']} grids saved, "
          f"{results['data_entry']['refused_concurrent_edit']} saves refused as someone else's change came first.")
    print(f"Peak resident memory per gunicorn worker: {', '.join(f'{m} MB' for m in results['gunicorn_worker_peak_rss_mb'])}")
    requests = warm_up["total"]["requests"] + measured["total"]["requests"]
    print(f"CPU used by the gunicorn workers, warm-up and measured: {cpu} s "
          f"({cpu / max(requests, 1) * 1000:.0f} ms a request)")
    print(f"Load average (1 min) before and after: {load_before:.1f}, {load_after:.1f} on {os.cpu_count()} cores")
    for error in errors:
        print(f"ERROR {error['count']} x {error['request']}: {error['error']}")
    print(f"Wrote {Path(options.output).relative_to(ROOT) if Path(options.output).is_relative_to(ROOT) else options.output}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
