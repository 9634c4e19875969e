"""How many public home pages a second gunicorn serves, against a trivial Django view.

    .venv/bin/python bench/public_throughput.py [--redis-url redis://127.0.0.1:6379/3] [--duration 10]

Loads the demo council into a fresh SQLite file (or uses --database-url), starts
gunicorn with 2 sync workers on loopback with production settings (DEBUG off),
then measures requests per second with wrk, first for /healthz (a view that
touches nothing) and then for / (the public home page, served from the page
cache once rendered), alternating, and prints both and their ratio. The target
is a ratio of at least 0.5. Exits 1 below it, 2 if a response was not a 200.

With --redis-url the page cache is Redis, as in production (every worker shares
one copy); without it each worker keeps its own in-process cache.
"""

import argparse
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
TARGET_RATIO = 0.5


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(args, env):
    subprocess.run(args, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)  # noqa: S603 (our own commands)


def wait_for(url, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (loopback only)
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"gunicorn did not answer {url} within {seconds} s")


def wrk(url, *, duration, connections, threads):
    command = [shutil.which("wrk"), f"-t{threads}", f"-c{connections}", f"-d{duration}s", url]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1])
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    socket_errors = re.search(r"Socket errors:.*", out)
    return rate, int(errors[1]) if errors else 0, socket_errors[0] if socket_errors else ""


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", help="an existing database with the demo loaded (default: a new SQLite)")
    parser.add_argument("--redis-url", default="", help="the page cache; default: each worker's own memory")
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run (default 10)")
    parser.add_argument("--rounds", type=int, default=2, help="alternating runs of each URL (default 2)")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    options = parser.parse_args()
    try:
        result = measure(database_url=options.database_url, redis_url=options.redis_url,
                         duration=options.duration, rounds=options.rounds, connections=options.connections,
                         threads=options.threads, workers=options.workers, log=print)
    except NotServed as error:
        print(error)
        return 2
    except FileNotFoundError as error:
        raise SystemExit(str(error)) from None
    print(result["setup"])
    print(f"trivial view (/healthz): {result['trivial_rps']:8.0f} requests/s  (runs: "
          f"{', '.join(f'{r:.0f}' for r in result['runs']['/healthz'])})")
    print(f"public home page (/):    {result['page_rps']:8.0f} requests/s  (runs: "
          f"{', '.join(f'{r:.0f}' for r in result['runs']['/'])})")
    print(f"ratio home / trivial:    {result['ratio']:8.2f}  (target at least {TARGET_RATIO})")
    return 0 if result["ratio"] >= TARGET_RATIO else 1


class NotServed(Exception):
    """A response under load was not a 200."""


def measure(*, database_url=None, redis_url="", path="/", duration=10, rounds=2, connections=16, threads=2,
            workers=2, log=lambda message: None):
    """Start gunicorn on the database (a new SQLite demo council if none), time `path` against /healthz with wrk.

    Returns the median requests per second of each, their ratio, each run's figure and the set-up in words.
    `make bench` calls this for each scale's database (bench.measure).
    """
    if not shutil.which("wrk"):
        raise FileNotFoundError("wrk is not installed: apt-get install -y wrk")
    workdir = Path(tempfile.mkdtemp(prefix="perfportal-bench-"))
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "perfportal.settings", "REDIS_URL": redis_url,
           "DATABASE_URL": database_url or f"sqlite:///{workdir / 'bench.sqlite3'}"}
    server = None
    try:
        if not database_url:
            log("Loading the demo council into a new SQLite database...")
            run([PYTHON, "manage.py", "migrate", "--no-input", "-v0"], {**env, "DEBUG": "true"})
            run([PYTHON, "manage.py", "seed_demo", "--quiet"], {**env, "DEBUG": "true"})
        port = free_port()
        production = {**env, "DEBUG": "false", "SECRET_KEY": "benchmark-only-" + "x" * 40,
                      "ALLOWED_HOSTS": "127.0.0.1", "SECURE_SSL_REDIRECT": "false", "SECURE_COOKIES": "false",
                      "SECURE_HSTS_SECONDS": "0", "LOG_LEVEL": "WARNING",
                      # WhiteNoise warns that collectstatic has not run: no static file is fetched here.
                      "PYTHONWARNINGS": "ignore::UserWarning",
                      # The pages name their static files; the benchmark does not fetch them.
                      "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
        server = subprocess.Popen(  # noqa: S603 (our own gunicorn, loopback only)
            [GUNICORN, "perfportal.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
             "--log-level", "warning"], cwd=ROOT, env=production, start_new_session=True)
        base = f"http://127.0.0.1:{port}"
        wait_for(f"{base}/healthz")
        wait_for(f"{base}{path}", seconds=120)  # the first request renders the page and fills the cache
        for _ in range(workers * 2):
            urllib.request.urlopen(f"{base}{path}", timeout=30).read()  # noqa: S310 (every worker warm)
        rates = {"/healthz": [], path: []}
        for _ in range(rounds):
            for url in rates:
                rate, errors, socket_errors = wrk(base + url, duration=duration, connections=connections,
                                                  threads=threads)
                if errors or socket_errors:
                    raise NotServed(f"{url}: {errors} responses were not 200. {socket_errors}")
                rates[url].append(rate)
        trivial, page = statistics.median(rates["/healthz"]), statistics.median(rates[path])
        cache = "Redis" if redis_url else "each worker's memory"
        return {"trivial_rps": round(trivial, 1), "page_rps": round(page, 1), "ratio": round(page / trivial, 2),
                "runs": rates, "setup": f"gunicorn, {workers} sync workers, DEBUG off, page cache in {cache}; "
                                        f"wrk -t{threads} -c{connections}, {rounds} x {duration} s per URL"}
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=20)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
