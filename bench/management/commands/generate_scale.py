"""Fill an empty, migrated PostgreSQL database with a large council (see bench/generate.py)."""

import datetime
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from bench import datasets
from bench.generate import Shape, analyse, generate


class Command(BaseCommand):
    help = "Generate a large council's data at a scale (1: ten years of history; 10: a hundred) into DATABASE_URL."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=1, help="History multiplier: 1, 10, ...")
        parser.add_argument("--seed", type=int, default=42)
        parser.add_argument("--today", type=datetime.date.fromisoformat, default=None,
                            help="Date the data is made relative to (YYYY-MM-DD); today by default")

    def handle(self, *args, scale, seed, today, **options):
        if connection.vendor != "postgresql":
            raise CommandError("generate_scale writes with PostgreSQL COPY: set DATABASE_URL to a PostgreSQL database.")
        if scale < 1:
            raise CommandError("--scale must be 1 or more.")
        if not datasets.is_empty():
            raise CommandError("The database already holds data: generate into an empty, migrated database "
                               "(make bench creates one per scale).")
        started = time.perf_counter()
        with transaction.atomic():
            generator = generate(Shape.at_scale(scale), seed=seed, today=today)
        analyse()
        datasets.mark(scale=scale, seed=seed, as_of=generator.today)
        counts = generator.load.written
        self.stdout.write(f"Scale {scale} (seed {seed}, as of {generator.today}) built in "
                          f"{time.perf_counter() - started:.1f} s:")
        for label in ("organisation.User", "indicators.Indicator", "indicators.IndicatorValue", "indicators.Target",
                      "indicators.BenchmarkValue", "priorities.ServicePlan", "priorities.Objective",
                      "priorities.Milestone", "priorities.Risk", "appraisals.Appraisal",
                      "appraisals.AppraisalObjective", "complaints.Complaint"):
            self.stdout.write(f"  {label:<32} {counts[label]:>10,}")
