"""The demo council's indicators: the library, several years of figures, targets and benchmarks.

Ashford Vale Council is fictional, so its own figures are generated here,
deterministically. Its comparators are real: Trafford and its 15 NHS England
near neighbours, and England, with the figures they published (from
demo_data/, see SOURCE.md there). Real councils are always labelled as
themselves; their figures are never shown as Ashford Vale's.

Fast (bulk writes only) and idempotent: a council that already has indicators
is left as it is, so the demo survives `make run` restarts.
"""

import datetime
import random
import statistics
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from django.utils import timezone

from indicators import importing
from indicators import periods as P
from indicators import rag as R
from indicators.models import (
    BenchmarkValue,
    ComparatorArea,
    ComparatorGroup,
    ExceptionRule,
    Indicator,
    IndicatorValue,
    IndicatorVersion,
    ValueRevision,
    ValueStatus,
)
from indicators.services import _definition_of, periods_ensure, rag_refresh
from organisation.models import Delegation, Service, User

DATA = Path(__file__).resolve().parent / "demo_data"
ENGLAND = "E92000001"
TRAFFORD = "E08000009"

H, L, G = R.HIGHER, R.LOWER, R.RANGE
ACM, RHC, LDMH, SA, CAP = ("Assessment and Care Management", "Reablement and Home Care",
                           "Learning Disability and Mental Health", "Safeguarding Adults", "Carers and Prevention")
CIC, CPR, FA, EH = "Children in Care", "Child Protection", "Fostering and Adoption", "Early Help"
CRC, HR = "Customer Relations and Complaints", "Human Resources"

ILLUSTRATIVE = "Band boundaries here are illustrative, not the published PAF bandings."

# code, name, framework, domain, unit, polarity, frequency, service, base, trend per period (in the
# better direction), noise, scenario, extra fields. Scenarios: steady (mostly green), red (off target
# lately), worse (deteriorating for the last periods), improving.
LIBRARY = [
    ("PAF A1", "Looked-after children with three or more placements in the year", "paf",
     "A: national priorities and strategic objectives", "percent", L, "year", CIC, 14, 0.6, 0.8, "steady",
     {"numerator_label": "looked-after children with three or more placements in the year",
      "denominator_label": "children looked after at 31 March", "multiplier": 100,
      "band_thresholds": [10, 13, 16, 22], "band_key_thresholds": [[20, 1]],
      "definition": "Key threshold: more than 20% caps the rating at band 1. " + ILLUSTRATIVE}),
    ("PAF B11", "Intensive home care as a percentage of intensive home care and residential care", "paf",
     "B: cost and efficiency", "percent", H, "year", RHC, 24, 1.2, 0.7, "steady",
     {"band_thresholds": [10, 20, 25, 30], "definition": ILLUSTRATIVE}),
    ("PAF B17", "Unit cost of home care", "paf", "B: cost and efficiency", "gbp", L, "year", RHC, 14.2, -0.4,
     0.2, "worse", {"decimal_places": 2, "band_thresholds": [13, 14.5, 16, 18], "definition":
                    "Gross cost per hour of home care for adults and older people. " + ILLUSTRATIVE}),
    ("PAF C28", "Intensive home care per 1,000 population aged 65 or over", "paf",
     "C: effectiveness of service delivery and outcomes", "per_1000", H, "year", RHC, 9, 0.4, 0.3, "steady",
     {"band_thresholds": [6, 8, 10, 12], "definition": ILLUSTRATIVE}),
    ("PAF C32", "Older people helped to live at home per 1,000 population aged 65 or over", "paf",
     "C: effectiveness of service delivery and outcomes", "per_1000", H, "year", ACM, 76, 1.5, 1.2, "improving",
     {"band_thresholds": [40, 55, 70, 85], "decimal_places": 0, "definition": ILLUSTRATIVE}),
    ("PAF C72", "Older people aged 65 or over admitted permanently to residential or nursing care", "paf",
     "C: effectiveness of service delivery and outcomes", "per_10000", L, "year", ACM, 88, 1.5, 2, "steady",
     {"band_thresholds": [60, 70, 85, 100], "decimal_places": 0,
      "definition": "Rate per 10,000 population aged 65 or over (the unit is uncertain in the sources). "
                    + ILLUSTRATIVE}),
    ("PAF D35", "Long-term stability of children looked after (four years or more, same placement two years)",
     "paf", "D: quality of services for users and carers", "percent", H, "year", CIC, 45, 1.5, 1.5, "steady",
     {"band_thresholds": [40, 50, 60, 70], "definition": ILLUSTRATIVE}),
    ("PAF D40", "Clients receiving a review", "paf", "D: quality of services for users and carers", "percent", H,
     "year", ACM, 68, 2.5, 1.5, "improving",
     {"band_thresholds": [50, 60, 70, 80], "band_cap": 4,
      "definition": "Capped at band 4. " + ILLUSTRATIVE}),
    ("PAF D42", "Carer assessments", "paf", "D: quality of services for users and carers", "percent", H, "year",
     CAP, 12, 1, 0.8, "steady", {"band_thresholds": [5, 10, 15, 20], "definition": ILLUSTRATIVE}),
    ("PAF D55", "Acceptable waiting times for assessments", "paf", "D: quality of services for users and carers",
     "percent", H, "year", ACM, 74, 1.5, 1.2, "steady",
     {"band_thresholds": [60, 70, 80, 90], "definition": ILLUSTRATIVE}),
    ("PAF D56", "Acceptable waiting times for care packages", "paf", "D: quality of services for users and carers",
     "percent", H, "year", ACM, 86, 0.8, 1, "steady",
     {"band_thresholds": [60, 70, 80, 90], "definition": ILLUSTRATIVE}),
    ("ASCOF 1A", "Social care-related quality of life", "ascof", "1: enhancing quality of life", "score", H, "year",
     ACM, 19.0, 0.02, 0.1, "steady", {"value_maximum": 24, "data_source": "Adult Social Care Survey"}),
    ("ASCOF 1D", "Carer-reported quality of life", "ascof", "1: enhancing quality of life", "score", H, "year",
     CAP, 7.9, -0.05, 0.1, "steady", {"value_maximum": 12, "data_source": "Survey of Adult Carers in England"}),
    ("ASCOF 1E", "Adults with a learning disability in paid employment", "ascof", "1: enhancing quality of life",
     "percent", H, "year", LDMH, 6.4, -0.1, 0.3, "red",
     {"numerator_label": "adults with a learning disability in paid employment",
      "denominator_label": "adults with a learning disability receiving long-term support", "multiplier": 100}),
    ("ASCOF 2A(2)", "Permanent admissions to residential and nursing care homes, aged 65 or over", "ascof",
     "2: delaying and reducing the need for care and support", "per_100000", L, "year", ACM, 0, 0, 0, "benchmark",
     {"decimal_places": 1, "data_source": "Short and Long Term Support (SALT) return",
      "numerator_label": "permanent admissions of people aged 65 or over",
      "denominator_label": "population aged 65 or over", "multiplier": 100000}),
    ("ASCOF 2B(1)", "Older people still at home 91 days after discharge from hospital into reablement", "ascof",
     "2: delaying and reducing the need for care and support", "percent", H, "year", RHC, 83, 0.3, 0.8, "steady",
     {"numerator_label": "people at home 91 days after discharge",
      "denominator_label": "people discharged from hospital into reablement", "multiplier": 100}),
    ("ASCOF 3A", "Service users who are satisfied with their care and support", "ascof",
     "3: ensuring a positive experience of care and support", "percent", H, "year", ACM, 0, 0, 0, "benchmark",
     {"data_source": "Adult Social Care Survey"}),
    ("ASCOF 4A", "Service users who feel safe", "ascof", "4: safeguarding adults", "percent", H, "year", SA, 70,
     0.2, 0.8, "steady", {"data_source": "Adult Social Care Survey"}),
    ("CQC 1", "Care homes rated good or outstanding by the CQC", "other", "Quality of care providers", "percent",
     H, "month", ACM, 0, 0, 0, "benchmark", {"data_source": "Care Quality Commission care directory"}),
    # Local indicators.
    ("AV ACM 01", "Assessments completed within 28 days", "local", "Timeliness", "percent", H, "quarter", ACM, 78,
     0.8, 1.5, "steady", {"numerator_label": "assessments completed within 28 days of referral",
                          "denominator_label": "assessments completed", "multiplier": 100}),
    ("AV ACM 02", "People waiting for a Care Act assessment at the end of the quarter", "local", "Timeliness",
     "count", L, "quarter", ACM, 240, -8, 12, "worse", {"decimal_places": 0, "tolerance_kind": "absolute",
                                                         "tolerance": 20}),
    ("AV ACM 03", "Hospital discharges with care in place within 48 hours", "local", "Hospital discharge",
     "percent", H, "month", ACM, 81, 0.2, 2.5, "steady", {}),
    ("AV RHC 01", "Reablement episodes ending with no ongoing care", "local", "Reablement", "percent", H, "quarter",
     RHC, 64, 0.6, 1.5, "steady", {"numerator_label": "reablement episodes ending with no ongoing care",
                                    "denominator_label": "reablement episodes completed", "multiplier": 100}),
    ("AV RHC 02", "Home care hours delivered each week", "local", "Home care", "count", G, "quarter", RHC, 9800,
     40, 150, "steady", {"decimal_places": 0, "tolerance_kind": "absolute", "tolerance": 250}),
    ("AV RHC 03", "Home care hours awaiting a provider", "local", "Home care", "count", L, "month", RHC, 420, -6,
     25, "worse", {"decimal_places": 0, "tolerance_kind": "absolute", "tolerance": 40}),
    ("AV LD 01", "Adults with a learning disability living in settled accommodation", "local", "Independence",
     "percent", H, "quarter", LDMH, 77, 0.3, 1, "steady", {}),
    ("AV MH 01", "Mental Health Act assessments started within four hours", "local", "Mental health", "percent",
     H, "quarter", LDMH, 71, -0.4, 2, "red", {"rag_scheme": "improving", "tolerance": 10}),
    ("AV SA 01", "Safeguarding enquiries completed within 28 days", "local", "Safeguarding", "percent", H,
     "quarter", SA, 69, 0.5, 2.5, "steady",
     {"rag_scheme": "improving", "tolerance": 10,
      "definition": "Judged by the Havering rule: green within 10% of target; beyond that amber if improving, "
                    "red if not, with a corrective-action note."}),
    ("AV SA 02", "Safeguarding outcomes fully or partly achieved (Making Safeguarding Personal)", "local",
     "Safeguarding", "percent", H, "quarter", SA, 91, 0.1, 1, "steady", {}),
    ("AV CAR 01", "Carers' assessments completed", "local", "Carers", "count", H, "quarter", CAP, 310, 4, 20,
     "steady", {"decimal_places": 0}),
    ("AV CAR 02", "Carers receiving support through a direct payment", "local", "Carers", "percent", H,
     "quarter", CAP, 38, 0.4, 1.2, "improving", {}),
    ("AV CIC 01", "Children in care per 10,000 children", "local", "Children in care", "per_10000", G, "quarter",
     CIC, 63, -0.2, 0.8, "steady", {"tolerance_kind": "absolute", "tolerance": 3}),
    ("AV CIC 02", "Care leavers aged 19 to 21 in education, employment or training", "local", "Care leavers",
     "percent", H, "quarter", CIC, 55, 0.6, 2, "steady", {}),
    ("AV CIC 03", "Reviews of children in care held on time", "local", "Children in care", "percent", H,
     "quarter", CIC, 92, 0.1, 1.5, "steady",
     {"rag_scheme": "four_level", "tolerance": 5, "tolerance_outer": 10,
      "definition": "Judged by Barnet's four levels: green on target, green-amber within 5%, red-amber within "
                    "10%, red beyond."}),
    ("AV CP 01", "Child protection plans lasting two years or more", "local", "Child protection", "percent", L,
     "quarter", CPR, 3.2, 0.02, 0.15, "steady", {}),
    ("AV CP 02", "Re-referrals to children's social care within 12 months", "local", "Child protection",
     "percent", L, "quarter", CPR, 19, -0.3, 1, "red", {}),
    ("AV CP 03", "Child protection visits within timescale", "local", "Child protection", "percent", H, "month",
     CPR, 88, 0.1, 2, "steady", {}),
    ("AV FA 01", "Foster carers approved", "local", "Fostering", "count", H, "quarter", FA, 7, 0.1, 1.5, "steady",
     {"decimal_places": 0, "tolerance_kind": "absolute", "tolerance": 2}),
    ("AV FA 02", "Average days between entering care and moving in with an adoptive family", "local", "Adoption",
     "days", L, "year", FA, 470, 6, 15, "steady", {"decimal_places": 0}),
    ("AV EH 01", "Early help assessments closed with needs met", "local", "Early help", "percent", H, "quarter",
     EH, 74, 0.5, 2, "steady", {}),
    ("AV CR 01", "Social care complaints answered within timescale", "local", "Complaints", "percent", H,
     "quarter", CRC, 79, 0.8, 2.5, "worse", {}),
    ("AV HR 01", "Working days lost to sickness per full-time employee (social care)", "local", "Workforce",
     "days", L, "quarter", HR, 3.1, 0.02, 0.2, "steady", {"decimal_places": 2}),
]

REASONS = {
    "red": [
        "Below target because of vacancies in the team. A recruitment campaign is under way and agency staff "
        "cover the gap until the new staff start.",
        "Demand rose sharply this period. Weekly review meetings now track every case and extra capacity has been "
        "commissioned.",
        "Off target. A recovery plan has been agreed with the head of service and is reported monthly.",
    ],
    "amber": [
        "Slightly off target; the service expects to recover next period.",
        "Close to target. The team is monitoring the trend closely.",
    ],
}

AREA_PEERS = "NHS England near neighbours of Trafford (Trafford and 15 peers)"


def _q(value, places):
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _clip(value, unit, extra):
    high = extra.get("value_maximum", 100 if unit == "percent" else None)
    value = max(value, 0)
    return min(value, high) if high is not None else value


def _periods_for(frequency, code, today):
    """The periods an indicator has figures for, oldest first."""
    if code.startswith("PAF"):
        return [P.year(y) for y in range(2002, 2008)]
    if frequency == P.YEAR:
        last = P.previous(P.containing(P.YEAR, today))
        first = 2014 if code.startswith("ASCOF") else last.fiscal_year - 5
        return [P.year(y) for y in range(first, last.fiscal_year + 1)]
    if frequency == P.QUARTER:
        return P.series(P.QUARTER, datetime.date(2023, 4, 1), P.previous(P.containing(P.QUARTER, today)).start)
    return P.series(P.MONTH, datetime.date(2024, 4, 1), P.previous(P.containing(P.MONTH, today)).start)


def _read_file(name):
    header, rows = importing.read_table(name, (DATA / name).read_bytes())
    return header, rows


def _benchmark_medians(rows, code_col=0, period_col=2, value_col=6):
    """The near-neighbour median per period, from the real file (England left out)."""
    by_period = defaultdict(list)
    for row in rows:
        if row[code_col] == ENGLAND:
            continue
        try:
            value = importing.parse_number(row[value_col])
        except ValueError:
            continue
        if value is not None:
            by_period[row[period_col]].append(value)
    return {period: statistics.median(values) for period, values in by_period.items()}


class Seeder:
    def __init__(self, today):
        self.today = today
        self.now = timezone.now()
        self.people = {}

    def officers(self):
        by_service = {}
        for d in Delegation.objects.select_related("service", "accountable_officer", "data_officer"):
            by_service[d.service.name] = (d.accountable_officer, d.data_officer)
        performance = User.objects.filter(email__startswith="performance@").first()
        return by_service, performance

    def run(self):
        services = {s.name: s for s in Service.objects.all()}
        by_service, performance = self.officers()
        rng_root = random.Random("ashford-vale-indicators")
        header, admissions = _read_file("admissions_care_homes_65p.csv")
        _, satisfaction = _read_file("social_care_satisfaction.csv")
        _, care_homes = _read_file("care_homes_rating.csv")
        medians = {
            "ASCOF 2A(2)": _benchmark_medians(admissions),
            "ASCOF 3A": _benchmark_medians(satisfaction),
            "CQC 1": _benchmark_medians(care_homes),
        }

        indicators = []
        plans = []
        for (code, name, framework, domain, unit, polarity, frequency, service_name, base, trend, noise, scenario,
             extra) in LIBRARY:
            accountable, data_officer = by_service.get(service_name, (None, None))
            fields = {k: v for k, v in extra.items()}
            indicator = Indicator(
                code=code, name=name, framework=framework, domain=domain, unit=unit, polarity=polarity,
                frequency=frequency, service=services[service_name], accountable_officer=accountable,
                data_officer=data_officer, multiplier=Decimal(str(fields.pop("multiplier", 1))),
                decimal_places=fields.pop("decimal_places", 1),
                value_maximum=fields.pop("value_maximum", None),
                rag_scheme=fields.pop("rag_scheme", R.STANDARD), tolerance_kind=fields.pop("tolerance_kind",
                                                                                          R.PERCENTAGE),
                tolerance=Decimal(str(fields.pop("tolerance", 5))),
                tolerance_outer=Decimal(str(fields["tolerance_outer"])) if "tolerance_outer" in fields else None,
                **{k: v for k, v in fields.items() if k != "tolerance_outer"},
            )
            if framework == "paf":
                indicator.is_active = False  # PAF ended in 2008: kept for its history
            if not indicator.data_source:
                indicator.data_source = "Local case management system" if framework == "local" else \
                    "Statutory return"
            indicators.append(indicator)
            plans.append((indicator, base, trend, noise, scenario, extra))
        Indicator.objects.bulk_create(indicators)
        indicators = {i.code: i for i in Indicator.objects.filter(code__in=[i.code for i in indicators])
                      .select_related("service", "data_officer", "accountable_officer")}
        IndicatorVersion.objects.bulk_create([
            IndicatorVersion(indicator=i, number=1, definition=_definition_of(i), change_note="First version",
                             created_by=performance, created_at=self.now) for i in indicators.values()
        ])

        # Generate figures and targets for each indicator.
        specs_needed = set()
        generated = []
        for indicator, base, trend, noise, scenario, extra in plans:
            indicator = indicators[indicator.code]
            period_specs = _periods_for(indicator.frequency, indicator.code, self.today)
            rng = random.Random(f"{indicator.code}-{rng_root.random()}")
            figures = self.figures(indicator, period_specs, base, trend, noise, scenario, extra, rng, medians)
            targets = self.targets(indicator, figures, scenario)
            generated.append((indicator, figures, targets, scenario))
            specs_needed |= {spec for spec, _ in figures} | {spec for spec, _ in targets}
        found = periods_ensure(specs_needed)

        from indicators.models import Target

        target_rows = []
        for indicator, _, targets, _ in generated:
            for spec, value in targets:
                upper = None
                if indicator.polarity == R.RANGE:
                    width = {"AV RHC 02": 1500, "AV CIC 01": 10}.get(indicator.code, value / 10)
                    value, upper = value - Decimal(width) / 2, value + Decimal(width) / 2
                target_rows.append(Target(indicator=indicator, period=found[spec], value=value, value_upper=upper,
                                          set_by=indicator.accountable_officer, set_at=self.now))
        Target.objects.bulk_create(target_rows)

        value_rows = []
        for indicator, figures, _, _ in generated:
            for n, (spec, actual) in enumerate(figures):
                status = self.status_for(indicator, spec, n, len(figures))
                if status is None:
                    continue
                value_rows.append((indicator, spec, actual, status))
        values = []
        for indicator, spec, actual, status in value_rows:
            value = IndicatorValue(
                indicator=indicator, period=found[spec], actual=actual, status=status,
                is_provisional=status in (ValueStatus.DRAFT, ValueStatus.SUBMITTED) and indicator.frequency == "year",
                entered_by=indicator.data_officer, entered_at=self.stamp(spec, 10),
            )
            if indicator.is_calculated and indicator.denominator_label:
                denominator = self.denominator_for(indicator, spec)
                if denominator:
                    value.denominator = denominator
                    value.numerator = (actual * denominator / indicator.multiplier).quantize(Decimal("0.0001"))
            if status != ValueStatus.DRAFT:
                value.submitted_by, value.submitted_at = indicator.data_officer, self.stamp(spec, 12)
            if status in (ValueStatus.VERIFIED, ValueStatus.PUBLISHED):
                value.verified_by, value.verified_at = indicator.accountable_officer, self.stamp(spec, 18)
            if status == ValueStatus.PUBLISHED:
                value.published_by = value.verified_by if performance is None else performance
                value.published_at = value.first_published_at = self.stamp(spec, 25)
            values.append(value)
        IndicatorValue.objects.bulk_create(values)
        rag_refresh(indicator_ids=[i.pk for i in indicators.values()])
        self.commentary_and_revisions(indicators, performance)
        self.benchmarks(indicators, admissions, satisfaction, care_homes)
        self.rules()
        self.version_break(indicators, performance)

    def stamp(self, spec, days_after):
        moment = datetime.datetime.combine(spec.end + datetime.timedelta(days=days_after), datetime.time(10, 30))
        moment = timezone.make_aware(moment)
        return min(moment, self.now)

    def denominator_for(self, indicator, spec):
        sizes = {"PAF A1": 240, "ASCOF 1E": 820, "ASCOF 2A(2)": 52000, "ASCOF 2B(1)": 260, "AV ACM 01": 610,
                 "AV RHC 01": 350}
        size = sizes.get(indicator.code)
        if size is None:
            return None
        rng = random.Random(f"{indicator.code}-{spec.start}")
        return Decimal(int(size * (0.9 + rng.random() * 0.2)))

    def figures(self, indicator, specs, base, trend, noise, scenario, extra, rng, medians):
        """Deterministic figures for the demo council's own indicator."""
        places = indicator.decimal_places
        better = -1 if indicator.polarity == R.LOWER else 1
        out = []
        if scenario == "benchmark":
            series = medians[indicator.code]
            for n, spec in enumerate(specs):
                label = spec.label
                if indicator.code == "ASCOF 3A" and label == "2020/21":
                    continue  # the survey did not run in 2020/21: hardly anyone has a figure
                median = series.get(label)
                if median is None:
                    median = list(series.values())[-1] if series else Decimal(50)
                median = float(median)
                if indicator.code == "ASCOF 2A(2)":
                    # Better than most neighbours at first, then worse each year: deteriorating, bottom quartile.
                    factor = 0.85 + max(0, n - 5) * 0.12
                    value = median * factor
                elif indicator.code == "ASCOF 3A":
                    value = median + 1.5 + rng.gauss(0, 0.8)
                else:
                    value = median - 2.5 + n * 0.15 + rng.gauss(0, 0.6)
                out.append((spec, _q(_clip(value, indicator.unit, extra), places)))
            return out
        value = float(base)
        for n, spec in enumerate(specs):
            if n:
                step = trend
                if scenario == "worse" and n >= len(specs) - 4:
                    step = -abs(trend) * 1.5 - noise
                    value = value + better * step
                    out.append((spec, _q(_clip(value, indicator.unit, extra), places)))
                    continue
                if scenario == "red" and n >= len(specs) - 3:
                    step = -abs(trend) - noise
                value = value + better * step + rng.gauss(0, noise)
            if indicator.code == "ASCOF 1D" and spec.fiscal_year not in (2014, 2016, 2018, 2021, 2023):
                continue  # the carers' survey runs every other year
            if indicator.code in ("ASCOF 1A", "ASCOF 4A") and spec.fiscal_year == 2020:
                continue  # no adult social care survey in 2020/21
            out.append((spec, _q(_clip(value, indicator.unit, extra), places)))
        return out

    def targets(self, indicator, figures, scenario):
        """A target per financial year, set so the scenario shows: green, red or deteriorating."""
        better = -1 if indicator.polarity == R.LOWER else 1
        by_year = defaultdict(list)
        for spec, value in figures:
            by_year[spec.fiscal_year].append(value)
        if not by_year:
            return []
        years = sorted(by_year)
        places = indicator.decimal_places
        first_mean = sum(by_year[years[0]]) / len(by_year[years[0]])
        spread = abs(first_mean) * Decimal("0.03") or Decimal(1)
        out = []
        # Next year's target too, except for the retired PAF indicators.
        for year in years + ([] if indicator.framework == "paf" else [years[-1] + 1]):
            values = by_year.get(year) or by_year[years[-1]]
            mean = sum(values) / len(values)
            if scenario == "worse" or (scenario == "benchmark" and indicator.code == "ASCOF 2A(2)"):
                target = first_mean - better * spread
            elif scenario == "red" and year >= years[-1] - (0 if indicator.frequency != "year" else 1):
                target = mean + better * spread * 6
            elif scenario == "improving":
                target = mean - better * spread * Decimal("0.2")
            else:
                target = mean - better * spread * Decimal("0.5")
            out.append((P.year(year), _q(target, places)))
        return out

    def status_for(self, indicator, spec, n, count):
        """Older figures published; the latest verified or awaiting verification; some not yet entered."""
        latest = n == count - 1
        service = indicator.service.name
        if indicator.framework == "paf":
            return ValueStatus.PUBLISHED  # PAF ended in 2008: its figures are history
        if indicator.frequency == P.QUARTER and latest and service in (RHC, ACM):
            return None  # due and not yet entered: the data officer's next job, and overdue
        if latest:
            if indicator.frequency == P.MONTH:
                return ValueStatus.SUBMITTED
            return ValueStatus.SUBMITTED if n % 2 or indicator.frequency == P.QUARTER else ValueStatus.VERIFIED
        if n == count - 2 and indicator.frequency != P.YEAR:
            return ValueStatus.VERIFIED
        return ValueStatus.PUBLISHED

    def commentary_and_revisions(self, indicators, performance):
        values = list(IndicatorValue.objects.filter(indicator__in=indicators.values()).select_related(
            "indicator", "period"))
        revisions = []
        changed = []
        for value in values:
            rng = random.Random(f"{value.indicator.code}-{value.period.start}-c")
            if value.rag in (R.RED, R.RED_AMBER):
                value.commentary = rng.choice(REASONS["red"])
                changed.append(value)
            elif value.rag in (R.AMBER, R.GREEN_AMBER) and rng.random() < 0.6:
                value.commentary = rng.choice(REASONS["amber"])
                changed.append(value)
            spec = value.period.spec
            entered = ValueRevision(value=value, action=ValueRevision.Action.ENTERED, actor_id=value.entered_by_id,
                                    at=value.entered_at or self.now, new_actual=value.actual,
                                    new_status=ValueStatus.DRAFT)
            revisions.append(entered)
            if value.status != ValueStatus.DRAFT:
                revisions.append(ValueRevision(value=value, action=ValueRevision.Action.SUBMITTED,
                                               actor_id=value.submitted_by_id, at=self.stamp(spec, 12),
                                               old_actual=value.actual, new_actual=value.actual,
                                               old_status=ValueStatus.DRAFT, new_status=ValueStatus.SUBMITTED))
            if value.status in (ValueStatus.VERIFIED, ValueStatus.PUBLISHED):
                revisions.append(ValueRevision(value=value, action=ValueRevision.Action.VERIFIED,
                                               actor_id=value.verified_by_id, at=self.stamp(spec, 18),
                                               old_actual=value.actual, new_actual=value.actual,
                                               old_status=ValueStatus.SUBMITTED, new_status=ValueStatus.VERIFIED))
            if value.status == ValueStatus.PUBLISHED:
                revisions.append(ValueRevision(value=value, action=ValueRevision.Action.PUBLISHED,
                                               actor_id=value.published_by_id, at=self.stamp(spec, 25),
                                               old_actual=value.actual, new_actual=value.actual,
                                               old_status=ValueStatus.VERIFIED, new_status=ValueStatus.PUBLISHED))
        IndicatorValue.objects.bulk_update(changed, ["commentary"], batch_size=500)
        ValueRevision.objects.bulk_create(revisions, batch_size=1000)

        # One published figure corrected after publication, with its reason, and re-verified.
        value = next((v for v in values if v.indicator.code == "AV SA 02" and v.status == ValueStatus.PUBLISHED),
                     None)
        if value is not None:
            old = value.actual
            new = old - Decimal("1.2")
            corrected = self.stamp(value.period.spec, 40)
            value.actual = new
            value.save(update_fields=["actual"])
            ValueRevision.objects.bulk_create([
                ValueRevision(value=value, action=ValueRevision.Action.CHANGED, actor_id=value.entered_by_id,
                              at=corrected,
                              old_actual=old, new_actual=new, old_status=ValueStatus.PUBLISHED,
                              new_status=ValueStatus.SUBMITTED,
                              reason="Six enquiries closed after the quarter ended were wrongly counted; corrected "
                                     "after the data-quality check."),
                ValueRevision(value=value, action=ValueRevision.Action.VERIFIED, actor_id=value.verified_by_id,
                              at=corrected + datetime.timedelta(days=1), old_actual=new, new_actual=new,
                              old_status=ValueStatus.SUBMITTED, new_status=ValueStatus.VERIFIED),
                ValueRevision(value=value, action=ValueRevision.Action.PUBLISHED, actor_id=value.verified_by_id,
                              at=corrected + datetime.timedelta(days=1), old_actual=new, new_actual=new,
                              old_status=ValueStatus.VERIFIED, new_status=ValueStatus.PUBLISHED,
                              reason="Republished after re-verification"),
            ])

    def benchmarks(self, indicators, admissions, satisfaction, care_homes):
        """The real files, labelled as the areas that published them."""
        group, _ = ComparatorGroup.objects.get_or_create(name=AREA_PEERS, defaults={
            "kind": ComparatorGroup.Kind.NHS_NEAR, "minimum_sample": 8, "is_default": True,
            "description": "Trafford and the 15 councils NHS England lists as its near neighbours, with their "
                           "published figures (Trafford Data Lab, MIT licence). Ashford Vale is a fictional "
                           "council: it borrows this real group for demonstration, and its own figures are "
                           "never mixed with theirs."})
        england, _ = ComparatorGroup.objects.get_or_create(name="England", defaults={
            "kind": ComparatorGroup.Kind.ENGLAND, "minimum_sample": 1,
            "description": "England as a whole, as published."})
        by_code = {"ASCOF 2A(2)": admissions, "ASCOF 3A": satisfaction, "CQC 1": care_homes}
        areas = {}
        for rows in by_code.values():
            for row in rows:
                areas.setdefault(row[0], row[1])
        ComparatorArea.objects.bulk_create([
            ComparatorArea(ons_code=code, name=name, kind=ComparatorArea.Kind.COUNTRY if code == ENGLAND
                           else ComparatorArea.Kind.COUNCIL) for code, name in areas.items()
        ], ignore_conflicts=True)
        area_rows = {a.ons_code: a for a in ComparatorArea.objects.filter(ons_code__in=areas)}
        group.areas.add(*[a for code, a in area_rows.items() if code != ENGLAND])
        england.areas.add(area_rows[ENGLAND])
        column_map = {"area_code": 0, "area_name": 1, "period": 2, "value": 6}
        results = []
        for code, rows in by_code.items():
            indicator = indicators[code]
            from indicators.services import indicator_info

            results += importing.check_benchmark_rows(rows, column_map, single=indicator_info(indicator))
        valid = [r for r in results if r.is_valid]
        found = periods_ensure({r.period for r in valid})
        BenchmarkValue.objects.bulk_create([
            BenchmarkValue(area=area_rows[r.area_code], indicator_id=r.indicator_id, period=found[r.period],
                           value=r.value) for r in valid
        ], ignore_conflicts=True)
        # England figures quoted in DOMAIN.md for the older indicators.
        quoted = [("PAF B11", 2002, "29.0"), ("PAF C32", 2006, "80"), ("PAF C32", 2007, "81"),
                  ("PAF D55", 2006, "79"), ("PAF D56", 2006, "89"), ("ASCOF 1A", 2014, "19.1"),
                  ("ASCOF 1E", 2014, "6.0"), ("ASCOF 1E", 2019, "5.6"), ("ASCOF 2B(1)", 2014, "82")]
        found = periods_ensure({P.year(y) for _, y, _ in quoted})
        BenchmarkValue.objects.bulk_create([
            BenchmarkValue(area=area_rows[ENGLAND], indicator=indicators[code], period=found[P.year(y)],
                           value=Decimal(v)) for code, y, v in quoted
        ], ignore_conflicts=True)

    def rules(self):
        if ExceptionRule.objects.exists():
            return
        ExceptionRule.objects.bulk_create([
            ExceptionRule(name="Red for two periods running", kind=ExceptionRule.Kind.RED_RUN, periods=2),
            ExceptionRule(name="Worse for three periods running", kind=ExceptionRule.Kind.DETERIORATING, periods=3),
            ExceptionRule(name="Bottom quartile of our near neighbours", kind=ExceptionRule.Kind.BOTTOM_QUARTILE),
        ])

    def version_break(self, indicators, performance):
        """AV ACM 01's definition changed from Q1 2025/26: the chart marks the break."""
        indicator = indicators["AV ACM 01"]
        indicator.definition = ("From Q1 2025/26 the 28 days run from first contact with the council, not from "
                                "the referral being accepted.")
        indicator.version = 2
        indicator.save(update_fields=["definition", "version"])
        IndicatorVersion.objects.create(
            indicator=indicator, number=2, definition=_definition_of(indicator), effective_from=P.quarter(2025, 1).start,
            change_note="The clock now starts at first contact, as the regional benchmarking club agreed.",
            created_by=performance)


def seed(today=None):
    """Load the demo council's indicators once; return how many there are."""
    if Indicator.objects.exists():
        return Indicator.objects.count()
    Seeder(today or timezone.localdate()).run()
    return Indicator.objects.count()
