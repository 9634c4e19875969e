"""Measure the portal at council scale: `make bench` runs this.

For each scale it builds (or reuses) that scale's PostgreSQL database, then
measures every entry of bench.items in a fresh process configured as in
production (DEBUG off), prints a table and writes bench/results.json.
"""

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from bench import datasets as datasets_module
from bench import report

RESULTS = Path(settings.BASE_DIR) / "bench" / "results.json"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/perfportal_bench"


class Command(BaseCommand):
    help = "Build or reuse the scale databases, time the pages and jobs in bench/items.py, report."

    def add_arguments(self, parser):
        parser.add_argument("--scales", default="1,10", help="Comma-separated scales (default 1,10)")
        parser.add_argument("--seed", type=int, default=42)
        parser.add_argument("--runs", type=int, default=7, help="Timed requests per page (the median is kept)")
        parser.add_argument("--warmups", type=int, default=2, help="Untimed requests per page first")
        parser.add_argument("--passes", type=int, default=2,
                            help="Measure the scales in turn this many times and keep each item's best pass: "
                                 "on a shared machine, a burst of someone else's work then spoils one pass, "
                                 "not the comparison between scales")
        parser.add_argument("--only", default="", help="Comma-separated item keys to measure")
        parser.add_argument("--rebuild", action="store_true", help="Build the databases again even if they match")
        parser.add_argument("--out", default=str(RESULTS))
        # Internal: measure one scale in this process (DATABASE_URL already points at it).
        parser.add_argument("--measure", type=int, default=None, help="(internal) measure this scale here")

    def handle(self, *args, **options):
        if options["measure"] is not None:
            from bench.measure import measure_scale

            result = measure_scale(options["measure"], runs=options["runs"], warmups=options["warmups"],
                                   only=_keys(options["only"]))
            Path(options["out"]).write_text(json.dumps(result, indent=2, default=str))
            return
        base = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)
        scales = sorted({int(s) for s in options["scales"].split(",") if s.strip()})
        if not scales or min(scales) < 1:
            raise CommandError("--scales takes whole numbers of 1 or more, e.g. 1,10")
        datasets = {}
        for scale in scales:
            url = datasets_module.url_for(base, scale)
            self.stdout.write(f"Scale {scale}: {datasets_module.name_of(url)}")
            datasets[scale] = (url, datasets_module.ensure(url, scale=scale, seed=options["seed"],
                                                           rebuild=options["rebuild"], log=self.stdout.write))
        passes = {scale: [] for scale in scales}
        for number in range(max(1, options["passes"])):
            for scale in scales:
                url, _ = datasets[scale]
                self.stdout.write(f"Pass {number + 1}, scale {scale}")
                passes[scale].append(self._measure(url, scale, options))
        measured = {}
        for scale in scales:
            measured[scale] = report.best_of(passes[scale])
            measured[scale]["dataset"] = datasets[scale][1]
        results = report.combine(measured)
        Path(options["out"]).write_text(json.dumps(results, indent=2, default=str) + "\n")
        self.stdout.write(report.table(results))
        self.stdout.write(f"Written to {options['out']}")

    def _measure(self, url, scale, options):
        with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
            out = handle.name
        started = time.perf_counter()
        command = [sys.executable, "manage.py", "bench", "--measure", str(scale), "--out", out,
                   "--runs", str(options["runs"]), "--warmups", str(options["warmups"]), "--only", options["only"]]
        completed = subprocess.run(command, cwd=settings.BASE_DIR, env=datasets_module.production_env(url),  # noqa: S603
                                   check=False)
        if completed.returncode:
            raise CommandError(f"Measuring scale {scale} failed (exit {completed.returncode}).")
        result = json.loads(Path(out).read_text())
        Path(out).unlink()
        result["measure_seconds"] = round(time.perf_counter() - started, 1)
        return result


def _keys(text):
    return {k.strip() for k in text.split(",") if k.strip()} or None
