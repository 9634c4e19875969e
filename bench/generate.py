"""A large council, made up: deterministic from a seed, written in bulk.

Scale 1 is the issue's "large council": 40 services, about 6,000 staff,
600 indicators with ten financial years of monthly, quarterly and annual
figures (about 50,000 values) and targets, service plans with objectives,
milestones and risks, appraisals with about 30,000 staff objectives, 15,000
complaints and 150 comparator councils' figures.

Scale N keeps the organisation the same (the same services, staff,
indicators and comparator councils, so every page shows as much as before)
and multiplies its history by N: N times the financial years of figures,
targets, benchmarks, service plans, milestones, risks, appraisal cycles and
complaints. That is what "cost must not grow with history" means: a page
about this year, or a page of a list, should cost the same whether the
council has kept ten years of records or a hundred.

Everything is made relative to `today`, so the current year always has
figures due, open complaints and milestones in progress.
"""

import datetime
import random
from dataclasses import dataclass, replace
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db import connection

from bench.loader import Loader
from indicators import periods as P
from indicators import rag as R

DOMAIN = "bench.example"
PASSWORD = "bench-portal-2026"


@dataclass(frozen=True)
class Shape:
    """How big the council is, and how much history it keeps."""

    years: int = 10  # financial years of history, this one included
    directorates: int = 4
    services_per_directorate: int = 10
    teams_per_service: int = 10
    staff_per_team: int = 14  # besides the team manager
    monthly: int = 350  # indicators by frequency: about 50,000 values over ten years
    quarterly: int = 170
    annual: int = 80  # the annual ones are benchmarked against the comparator councils
    inactive: int = 12  # discontinued indicators whose series stopped three years ago
    councils: int = 150  # comparator councils
    neighbours: int = 15  # the default comparator group (CIPFA nearest neighbours)
    priorities_per_plan: int = 8
    strategic_plan_years: int = 4
    objectives_per_plan: int = 5
    milestones_per_plan: int = 5
    risks_per_plan: int = 3
    appraisal_years: int = 2  # appraisal cycles kept
    complaints_per_year: int = 1500
    councillors: int = 50
    committee_meetings_per_year: int = 6
    topics_per_year: int = 8

    @classmethod
    def at_scale(cls, scale):
        """The large council with `scale` times its history."""
        base = cls()
        return replace(base, years=base.years * scale, appraisal_years=base.appraisal_years * scale)

    @property
    def services(self):
        return self.directorates * self.services_per_directorate

    @property
    def indicators(self):
        return self.monthly + self.quarterly + self.annual


# A small council for tests: the same code paths, in a second or two.
TINY = Shape(years=3, directorates=2, services_per_directorate=2, teams_per_service=2, staff_per_team=3,
             monthly=4, quarterly=4, annual=4, inactive=1, councils=12, neighbours=6, priorities_per_plan=3,
             strategic_plan_years=2, objectives_per_plan=2, milestones_per_plan=3, risks_per_plan=2,
             appraisal_years=2, complaints_per_year=40, councillors=8, committee_meetings_per_year=2,
             topics_per_year=2)

DIRECTORATES = ["Adult Social Care", "Children's Services", "Public Health and Wellbeing",
                "Housing and Communities", "Corporate Resources", "Education and Skills"]
SERVICE_WORDS = ["Assessment", "Reablement", "Home Care", "Safeguarding", "Carers", "Day Opportunities",
                 "Learning Disability", "Mental Health", "Occupational Therapy", "Hospital Discharge",
                 "Fostering", "Adoption", "Early Help", "Youth Offending", "Children in Care", "Leaving Care",
                 "Child Protection", "Short Breaks", "Family Support", "Residential Care"]
FIRST = ["Aisha", "Ben", "Chloe", "Dev", "Ella", "Farid", "Grace", "Hamza", "Isla", "Jack", "Kiran", "Leah",
         "Mo", "Nadia", "Owen", "Priya", "Quentin", "Rosa", "Sam", "Tariq", "Uma", "Vic", "Wendy", "Yusuf"]
LAST = ["Adams", "Baker", "Clarke", "Davies", "Evans", "Fisher", "Green", "Hughes", "Iqbal", "Jones", "Khan",
        "Lewis", "Morgan", "Nolan", "Owusu", "Patel", "Quinn", "Roberts", "Shah", "Turner", "Walsh", "Young"]
MEASURES = ["people helped to live at home", "assessments completed within 28 days", "reviews held on time",
            "carers supported", "placements stable for two years", "repeat referrals", "days to start a care package",
            "people satisfied with their care", "delayed transfers of care", "re-admissions within 91 days",
            "unit cost of home care", "visits on time", "plans reviewed", "contacts resolved at first point"]


# The people the benchmark signs in as: one per role the measured pages need.
PERSONAS = {
    "performance": "performance@" + DOMAIN,
    "scrutiny": "scrutiny@" + DOMAIN,
    "leader": "leader@" + DOMAIN,
    "portfolio": "portfolio@" + DOMAIN,
    "head": "head@" + DOMAIN,
    "data": "data@" + DOMAIN,
    "staff": "staff@" + DOMAIN,
    "complaints": "complaints@" + DOMAIN,
    "hr": "hr@" + DOMAIN,
}


def _d(number, places=1):
    return Decimal(f"{number:.{places}f}")


def _at(day, hour=10):
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=datetime.UTC)


class Generator:
    def __init__(self, shape, *, seed=42, today=None):
        from django.utils import timezone

        self.shape = shape
        self.seed = seed
        self.today = today or timezone.localdate()
        self.year = P.fiscal_year_of(self.today)
        self.first_year = self.year - shape.years + 1
        self.load = Loader()

    def rng(self, section):
        return random.Random(f"{self.seed}:{section}")

    def run(self):
        """Write the whole council; returns the row counts by model."""
        self.organisation()
        self.indicators()
        self.plans()
        self.appraisals()
        self.complaints()
        self.scrutiny()
        self.load.reset_sequences()
        return dict(self.load.written)

    # Organisation ------------------------------------------------------------------------

    def organisation(self):
        from organisation.models import (
            Council,
            Delegation,
            Directorate,
            Portfolio,
            Role,
            RoleAssignment,
            Service,
            Team,
            User,
            Ward,
        )

        s, load = self.shape, self.load
        password = make_password(PASSWORD)
        unusable = make_password(None)
        people = []  # (id, email, first, last, kind, title, team_id, line_manager_id, password)
        roles = []  # (user_id, role, directorate_id, service_id, team_id, ward_id)
        next_user = [load.ids(User, 1)[0]]

        def person(first, last, kind="officer", title="", team=None, manager=None, email=None, secret=None):
            pk = next_user[0]
            next_user[0] += 1
            people.append((pk, email or f"{first}.{last}.{pk}@{DOMAIN}".lower(), first, last, kind, title, team,
                           manager, secret or unusable))
            return pk

        def name(n):
            return FIRST[n % len(FIRST)], LAST[(n // len(FIRST) + n) % len(LAST)]

        self.council = load.ids(Council, 1)[0]
        directorates = list(load.ids(Directorate, s.directorates))
        self.directorates = directorates
        portfolios = list(load.ids(Portfolio, s.directorates))
        services = list(load.ids(Service, s.services))
        teams = list(load.ids(Team, s.services * s.teams_per_service))
        wards = list(load.ids(Ward, max(1, s.councillors // 2)))
        self.services = services
        self.directorate_of = {svc: directorates[i // s.services_per_directorate] for i, svc in enumerate(services)}
        self.teams_of = {svc: teams[i * s.teams_per_service:(i + 1) * s.teams_per_service]
                         for i, svc in enumerate(services)}

        # The people the benchmark signs in as, first, so their ids are the same at every scale.
        p = self.personas = {}
        p["performance"] = person("Paula", "Performance", title="Corporate Performance Officer",
                                  email=PERSONAS["performance"], secret=password)
        roles.append((p["performance"], Role.PERFORMANCE_OFFICER, None, None, None, None))
        p["hr"] = person("Harriet", "Resources", title="HR Officer", email=PERSONAS["hr"], secret=password)
        roles.append((p["hr"], Role.HR_OFFICER, None, None, None, None))
        p["complaints"] = person("Colin", "Complaints", title="Complaints Manager", email=PERSONAS["complaints"],
                                 secret=password)
        self.complaints_officers = [p["complaints"]] + [person(*name(900 + i), title="Complaints Officer")
                                                        for i in range(2)]
        for officer in self.complaints_officers:
            roles.append((officer, Role.COMPLAINTS_OFFICER, None, None, None, None))
        p["leader"] = person("Lena", "Leader", "councillor", "Leader of the Council", email=PERSONAS["leader"],
                             secret=password)
        p["portfolio"] = person("Pete", "Portfolio", "councillor", "Cabinet Member", email=PERSONAS["portfolio"],
                                secret=password)
        p["scrutiny"] = person("Sue", "Scrutiny", "councillor", "Scrutiny Chair", email=PERSONAS["scrutiny"],
                               secret=password)
        roles += [(p["leader"], Role.EXECUTIVE_MEMBER, None, None, None, None),
                  (p["portfolio"], Role.EXECUTIVE_MEMBER, None, None, None, None),
                  (p["scrutiny"], Role.SCRUTINY_MEMBER, None, None, None, None)]
        holders = [p["portfolio"]] + [person(*name(700 + i), "councillor", "Cabinet Member")
                                      for i in range(s.directorates - 1)]
        for holder in holders[1:]:
            roles.append((holder, Role.EXECUTIVE_MEMBER, None, None, None, None))
        self.scrutiny_members = [p["scrutiny"]]
        for i in range(s.councillors - len(holders) - 2):
            councillor = person(*name(800 + i), "councillor", "Councillor")
            if i % 3 == 0:
                roles.append((councillor, Role.SCRUTINY_MEMBER, None, None, None, None))
                self.scrutiny_members.append(councillor)
            roles.append((councillor, Role.WARD_COUNCILLOR, None, None, None, wards[i % len(wards)]))

        directors = [person(*name(600 + i), title="Director") for i in range(s.directorates)]
        for directorate, director in zip(directorates, directors, strict=True):
            roles.append((director, Role.SENIOR_MANAGER, directorate, None, None, None))
        self.heads, self.data_officers, self.team_managers, self.staff_of = {}, {}, {}, {}
        team_manager_of = {}
        n = 0
        for i, svc in enumerate(services):
            director = directors[i // s.services_per_directorate]
            first_team = self.teams_of[svc][0]
            head = (person("Hugh", "Head", title="Head of Service", team=first_team, manager=director,
                           email=PERSONAS["head"], secret=password) if i == 0
                    else person(*name(n), title="Head of Service", team=first_team, manager=director))
            n += 1
            self.heads[svc] = head
            roles.append((head, Role.HEAD_OF_SERVICE, None, svc, None, None))
            data = (person("Dana", "Data", title="Data Officer", team=first_team, manager=head,
                           email=PERSONAS["data"], secret=password) if i == 0
                    else person(*name(n), title="Data Officer", team=first_team, manager=head))
            n += 1
            self.data_officers[svc] = data
            roles.append((data, Role.DATA_OFFICER, None, svc, None, None))
            self.staff_of[svc] = [data]
            for t, team in enumerate(self.teams_of[svc]):
                manager = person(*name(n), title="Team Manager", team=team, manager=head)
                n += 1
                team_manager_of[team] = manager
                roles.append((manager, Role.TEAM_MANAGER, None, None, team, None))
                self.staff_of[svc].append(manager)
                for k in range(s.staff_per_team):
                    if i == 0 and t == 0 and k == 0:
                        member = person("Stella", "Staff", title="Social Worker", team=team, manager=manager,
                                        email=PERSONAS["staff"], secret=password)
                    else:
                        member = person(*name(n), title="Social Worker", team=team, manager=manager)
                    n += 1
                    roles.append((member, Role.STAFF, None, None, None, None))
                    self.staff_of[svc].append(member)
        self.people_count = len(people)

        load.copy(User, ["id", "email", "first_name", "last_name", "kind", "job_title", "team_id",
                         "line_manager_id", "password"], people)
        load.next_id[User] = next_user[0]
        load.copy(Council, ["id", "name", "ons_code", "mi_officer_id"],
                  [(self.council, "Largeshire County Council", "E10000099", directors[0])])
        load.copy(Directorate, ["id", "council_id", "name", "director_id"],
                  [(d, self.council, DIRECTORATES[i % len(DIRECTORATES)] + (f" {i // len(DIRECTORATES) + 1}"
                                                                           if i >= len(DIRECTORATES) else ""),
                    directors[i]) for i, d in enumerate(directorates)])
        load.copy(Portfolio, ["id", "name", "holder_id"],
                  [(pf, f"{DIRECTORATES[i % len(DIRECTORATES)]} portfolio {i + 1}", holders[i])
                   for i, pf in enumerate(portfolios)])
        self.portfolio_of = {svc: portfolios[i // s.services_per_directorate] for i, svc in enumerate(services)}
        self.portfolios = portfolios
        load.copy(Service, ["id", "directorate_id", "name", "portfolio_id"],
                  [(svc, self.directorate_of[svc], f"{SERVICE_WORDS[i % len(SERVICE_WORDS)]} {i + 1}",
                    self.portfolio_of[svc]) for i, svc in enumerate(services)])
        load.copy(Team, ["id", "service_id", "name", "manager_id"],
                  [(team, svc, f"Team {t + 1}", team_manager_of[team])
                   for svc in services for t, team in enumerate(self.teams_of[svc])])
        load.copy(Ward, ["id", "name"], [(w, f"Ward {i + 1}") for i, w in enumerate(wards)])
        starts = datetime.date(self.first_year, 4, 1)
        load.copy(RoleAssignment, ["user_id", "role", "directorate_id", "service_id", "team_id", "ward_id",
                                   "starts_on"], [(*r, starts) for r in roles])
        load.copy(Delegation, ["service_id", "accountable_officer_id", "data_officer_id",
                               "deputy_accountable_officer_id", "decisions"],
                  [(svc, self.heads[svc], self.data_officers[svc], self.directorate_director(svc, directors),
                    "Set service targets within the approved plan") for svc in services])

    def directorate_director(self, service, directors):
        return directors[self.services.index(service) // self.shape.services_per_directorate]

    # Indicators, figures, targets and benchmarks ---------------------------------------------

    def period_rows(self):
        """Every year, quarter and month of the history, and next year (targets are set ahead)."""
        from indicators.models import Period

        first = datetime.date(self.first_year, 4, 1)
        last = datetime.date(self.year + 1, 4, 1) + datetime.timedelta(days=364)
        specs = [spec for kind in P.KINDS for spec in P.series(kind, first, last)]
        existing = {(p.kind, p.start): p.pk for p in Period.objects.all()}
        new = [spec for spec in specs if (spec.kind, spec.start) not in existing]
        ids = self.load.ids(Period, len(new))
        self.load.copy(Period, ["id", "kind", "start", "end", "fiscal_year", "label"],
                       [(pk, s.kind, s.start, s.end, s.fiscal_year, s.label) for pk, s in zip(ids, new, strict=True)])
        existing.update({(s.kind, s.start): pk for pk, s in zip(ids, new, strict=True)})
        return existing

    def indicators(self):
        from indicators.models import (
            BenchmarkValue,
            ComparatorArea,
            ComparatorGroup,
            ExceptionRule,
            Indicator,
            IndicatorValue,
            IndicatorVersion,
            Target,
        )

        s, load, rng = self.shape, self.load, self.rng("indicators")
        period_id = self.period_rows()
        self.period_id = period_id
        frequencies = [P.MONTH] * s.monthly + [P.QUARTER] * s.quarterly + [P.YEAR] * s.annual
        ids = list(load.ids(Indicator, len(frequencies)))
        inactive = set(rng.sample(ids[:s.monthly + s.quarterly], s.inactive))
        self.indicator_ids = ids
        self.indicators_of = {svc: [] for svc in self.services}
        self.indicator_frequency = {}
        rows, versions = [], []
        specs = {}  # indicator id -> (polarity, level, target, unit, rule)
        counters = {P.MONTH: 0, P.QUARTER: 0, P.YEAR: 0}
        for n, (pk, frequency) in enumerate(zip(ids, frequencies, strict=True)):
            svc = self.services[n % len(self.services)]
            counters[frequency] += 1
            number = counters[frequency]
            polarity = R.LOWER if n % 4 == 1 else R.HIGHER
            unit = ["percent", "per_1000", "count", "days"][n % 4] if frequency != P.YEAR else "percent"
            framework = "ascof" if frequency == P.YEAR else ("paf" if n % 5 == 0 else "local")
            level = rng.uniform(40, 80) if unit == "percent" else rng.uniform(20, 400)
            # Targets a little better than the usual level: most figures green or amber, some red.
            target = level * (1.01 if polarity == R.HIGHER else 0.99)
            scheme = [R.STANDARD, R.STANDARD, R.STANDARD, R.IMPROVING, R.FOUR_LEVEL][n % 5]
            code = {"ascof": "ASCOF", "paf": "PAF", "local": "LOC"}[framework]
            code = f"{code} {frequency[0].upper()}{number:03d}"
            rows.append((pk, code, f"{MEASURES[n % len(MEASURES)].capitalize()} ({number})", framework, unit,
                         polarity, frequency, svc, self.heads[svc], self.data_officers[svc], scheme,
                         pk not in inactive, Decimal(100) if unit == "percent" else Decimal(1)))
            versions.append((pk, 1, {"name": code}, ""))
            specs[pk] = (polarity, level, target, unit, R.ToleranceRule(scheme, R.PERCENTAGE, Decimal(5), None))
            if pk not in inactive:  # a discontinued indicator measures no objective
                self.indicators_of[svc].append(pk)
            self.indicator_frequency[pk] = frequency
        load.copy(Indicator, ["id", "code", "name", "framework", "unit", "polarity", "frequency", "service_id",
                              "accountable_officer_id", "data_officer_id", "rag_scheme", "is_active", "multiplier"],
                  rows)
        load.copy(IndicatorVersion, ["indicator_id", "number", "definition", "change_note"], versions)

        # Annual targets for every year, this one and the next; quarters and months take their year's.
        targets = {}
        for pk, (polarity, _level, target, unit, _rule) in specs.items():
            for year in range(self.first_year, self.year + 2):
                drift = 1 + 0.01 * (year - self.year) * (1 if polarity == R.HIGHER else -1)
                targets[(pk, year)] = _d(max(0.1, min(target * drift, 99.0) if unit == "percent" else target * drift))
        load.copy(Target, ["indicator_id", "period_id", "value", "set_by_id"],
                  ((pk, period_id[(P.YEAR, datetime.date(year, 4, 1))], value, self.personas["performance"])
                   for (pk, year), value in targets.items()))

        # Figures: a wandering series per indicator, up to the last period that has ended.
        status_cut = {"published": self.today - datetime.timedelta(days=100),
                      "verified": self.today - datetime.timedelta(days=50)}
        stop_inactive = datetime.date(self.year - 3, 4, 1)
        self.latest_month = P.previous(P.containing(P.MONTH, self.today))

        value_ids = iter(load.ids(IndicatorValue, self._value_count(ids, inactive, stop_inactive)))

        def values():
            for pk in ids:
                polarity, level, target, unit, rule = specs[pk]
                frequency = self.indicator_frequency[pk]
                drift = 0.0
                previous = None
                for spec in self._series(frequency, stop_inactive if pk in inactive else None):
                    # Wandering about the usual level, pulled back towards it: runs of good and bad periods.
                    drift = 0.7 * drift + rng.gauss(0, 0.03)
                    walk = level * (1 + drift)
                    actual = _d(min(walk, 100.0) if unit == "percent" else walk)
                    goal = targets[(pk, spec.fiscal_year)]
                    status_ = R.rag_status(actual, goal, polarity, rule, previous=previous) or ""
                    previous = actual
                    if spec.end < status_cut["published"]:
                        status = "published"
                    elif spec.end < status_cut["verified"]:
                        status = "verified"
                    else:
                        status = "submitted" if rng.random() < 0.6 else "draft"
                    entered = _at(spec.end + datetime.timedelta(days=10))
                    yield (next(value_ids), pk, period_id[(spec.kind, spec.start)], actual, status, status_,
                           "Below target: recovery plan agreed." if status_ == R.RED else "",
                           self.entered_by[pk], entered,
                           entered if status != "draft" else None,
                           self.verified_by[pk] if status in ("verified", "published") else None,
                           entered + datetime.timedelta(days=5) if status in ("verified", "published") else None,
                           self.personas["performance"] if status == "published" else None,
                           entered + datetime.timedelta(days=9) if status == "published" else None,
                           entered + datetime.timedelta(days=9) if status == "published" else None)

        service_of = {r[0]: r[7] for r in rows}
        self.entered_by = {pk: self.data_officers[service_of[pk]] for pk in ids}
        self.verified_by = {pk: self.heads[service_of[pk]] for pk in ids}
        load.copy(IndicatorValue, ["id", "indicator_id", "period_id", "actual", "status", "rag", "commentary",
                                   "entered_by_id", "entered_at", "submitted_at", "verified_by_id", "verified_at",
                                   "published_by_id", "published_at", "first_published_at"], values())

        # Comparator councils, England, and their figures for the annual (ASCOF) indicators.
        areas = list(load.ids(ComparatorArea, s.councils + 1))
        england = areas[-1]
        load.copy(ComparatorArea, ["id", "ons_code", "name", "kind"],
                  [(a, f"E06{i:06d}", f"Comparator Council {i + 1}", "council") for i, a in enumerate(areas[:-1])]
                  + [(england, "E92000001", "England", "country")])
        groups = list(load.ids(ComparatorGroup, 2))
        load.copy(ComparatorGroup, ["id", "name", "kind", "is_default", "minimum_sample"],
                  [(groups[0], "CIPFA nearest neighbours", "cipfa", True, 5),
                   (groups[1], "All comparator councils", "other", False, 5)])
        load.copy(ComparatorGroup.areas.through, ["comparatorgroup_id", "comparatorarea_id"],
                  [(groups[0], a) for a in areas[:s.neighbours]] + [(groups[1], a) for a in areas[:-1]])
        annual = [pk for pk in ids if self.indicator_frequency[pk] == P.YEAR]

        def benchmarks():
            for pk in annual:
                level = specs[pk][1]
                for year in range(self.first_year, self.year):
                    period = period_id[(P.YEAR, datetime.date(year, 4, 1))]
                    for area in areas:
                        yield area, pk, period, _d(min(99.9, max(0.1, rng.gauss(level, level * 0.12))))

        load.copy(BenchmarkValue, ["area_id", "indicator_id", "period_id", "value"], benchmarks())
        if not ExceptionRule.objects.exists():
            load.copy(ExceptionRule, ["name", "kind", "periods"],
                      [("Red for two periods running", "red_run", 2),
                       ("Worse for three periods running", "deteriorating", 3),
                       ("Bottom quartile of our near neighbours", "bottom_quartile", 2)])

    def _series(self, frequency, stop=None):
        """The periods of a frequency from the start of the history to the last one that has ended."""
        first = datetime.date(self.first_year, 4, 1)
        last = P.previous(P.containing(frequency, self.today)).start
        if stop is not None:
            last = min(last, stop)
        return P.series(frequency, first, last)

    def _value_count(self, ids, inactive, stop):
        lengths = {f: len(self._series(f)) for f in P.KINDS}
        stopped = {f: len(self._series(f, stop)) for f in P.KINDS}
        return sum((stopped if pk in inactive else lengths)[self.indicator_frequency[pk]] for pk in ids)

    # Priorities and service plans -----------------------------------------------------------------

    def plans(self):
        from priorities.models import (
            Milestone,
            Objective,
            PlanTransition,
            Priority,
            Risk,
            ServicePlan,
            StrategicPlan,
        )

        s, load, rng = self.shape, self.load, self.rng("plans")
        # Strategic plans of `strategic_plan_years` each, the last one covering this year.
        spans = []
        last = self.year + s.strategic_plan_years - 2
        while last >= self.first_year:
            spans.append((last - s.strategic_plan_years + 1, last))
            last -= s.strategic_plan_years
        spans.reverse()
        strategic = list(load.ids(StrategicPlan, len(spans)))
        load.copy(StrategicPlan, ["id", "title", "first_year", "last_year", "vision", "adopted_on"],
                  [(pk, f"Council Plan {first}", first, last, "A fairer, healthier county.",
                    datetime.date(first, 3, 1)) for pk, (first, last) in zip(strategic, spans, strict=True)])
        self.strategic_plan_of = {}
        priorities_of = {}
        priority_rows = []
        for pk, (first, last) in zip(strategic, spans, strict=True):
            for year in range(first, last + 1):
                self.strategic_plan_of[year] = pk
            priority_ids = list(load.ids(Priority, s.priorities_per_plan))
            priorities_of[pk] = priority_ids
            for n, priority in enumerate(priority_ids, start=1):
                priority_rows.append((priority, pk, n, f"Priority {n} of the {first} plan", "What it means.",
                                      "social_services" if n % 2 else "corporate", "local", "Because it matters.",
                                      self.heads[self.services[n % len(self.services)]], "agreed", n % 2 == 1))
        load.copy(Priority, ["id", "strategic_plan_id", "number", "title", "description", "area", "origin",
                             "rationale", "owner_id", "status", "is_published"], priority_rows)
        self.current_strategic_plan = self.strategic_plan_of[self.year]

        plans, objectives, objective_priorities, objective_indicators = [], [], [], []
        milestones, risks, transitions = [], [], []
        self.objectives_of = {}  # (service, year) -> [objective ids]
        years = [y for y in range(self.first_year, self.year + 1) if y in self.strategic_plan_of]
        plan_ids = iter(load.ids(ServicePlan, len(years) * len(self.services)))
        objective_ids = iter(load.ids(Objective, len(years) * len(self.services) * s.objectives_per_plan))
        milestone_ids = iter(load.ids(Milestone, len(years) * len(self.services) * s.milestones_per_plan))
        for year in years:
            start, end = datetime.date(year, 4, 1), datetime.date(year + 1, 3, 31)
            strategic_plan = self.strategic_plan_of[year]
            for svc in self.services:
                plan = next(plan_ids)
                head = self.heads[svc]
                plans.append((plan, svc, year, strategic_plan, "approved", "Deliver the service well."))
                submitted = _at(start - datetime.timedelta(days=40))
                transitions += [(plan, "draft", "submitted", head, submitted),
                                (plan, "submitted", "approved", self.personas["performance"],
                                 submitted + datetime.timedelta(days=10))]
                mine = [next(objective_ids) for _ in range(s.objectives_per_plan)]
                self.objectives_of[(svc, year)] = mine
                indicators = self.indicators_of[svc]
                for n, objective in enumerate(mine, start=1):
                    objectives.append((objective, plan, n, f"Objective {n} for {year}", head, n % 2 == 1))
                    objective_priorities.append((objective, priorities_of[strategic_plan][
                        (n + self.services.index(svc)) % s.priorities_per_plan]))
                    for k in range(2):
                        objective_indicators.append((objective, indicators[(2 * n + k) % len(indicators)]))
                for k in range(s.milestones_per_plan):
                    due = start + datetime.timedelta(days=int(365 * (k + 1) / (s.milestones_per_plan + 1)))
                    if due < self.today - datetime.timedelta(days=20) or year < self.year:
                        done = rng.random() < 0.85 or year < self.year
                        status, percent = ("complete", 100) if done else ("in_progress", rng.randint(40, 90))
                    elif due < self.today + datetime.timedelta(days=60):
                        status, percent = "in_progress", rng.randint(10, 90)
                    else:
                        status, percent = "not_started", 0
                    owner = self.staff_of[svc][(k + 1) % len(self.staff_of[svc])] if k else head
                    milestones.append((next(milestone_ids), mine[k % len(mine)], f"Milestone {k + 1}", due, owner,
                                       status, percent, due if status == "complete" else None, k % 2 == 0))
                for k in range(s.risks_per_plan):
                    likelihood, impact = rng.randint(2, 5), rng.randint(2, 5)
                    risks.append((plan, k + 1, f"Risk {k + 1}", likelihood, impact, "Mitigations in place.",
                                  max(1, likelihood - 1), max(1, impact - 1), head,
                                  min(end, self.today + datetime.timedelta(days=30 + 10 * k))))
        load.copy(ServicePlan, ["id", "service_id", "year", "strategic_plan_id", "status", "purpose"], plans)
        load.copy(PlanTransition, ["plan_id", "from_status", "to_status", "actor_id", "at"], transitions)
        load.copy(Objective, ["id", "plan_id", "number", "title", "owner_id", "is_published"], objectives)
        load.copy(Objective.priorities.through, ["objective_id", "priority_id"], objective_priorities)
        load.copy(Objective.indicators.through, ["objective_id", "indicator_id"], objective_indicators)
        load.copy(Milestone, ["id", "objective_id", "title", "due_on", "owner_id", "status", "percent_complete",
                              "completed_on", "is_published"], milestones)
        load.copy(Risk, ["plan_id", "number", "title", "likelihood", "impact", "mitigations",
                         "residual_likelihood", "residual_impact", "owner_id", "review_on"], risks)
        self.milestones = [(m[0], m[1]) for m in milestones]

    # Appraisals -------------------------------------------------------------------------------

    def appraisals(self):
        from appraisals.models import (
            DEFAULT_SCALE,
            Appraisal,
            AppraisalCycle,
            AppraisalObjective,
            ProgressNote,
            RatingLevel,
            Review,
        )

        s, load, rng = self.shape, self.load, self.rng("appraisals")
        years = list(range(self.year - s.appraisal_years + 1, self.year + 1))
        cycles = dict(zip(years, load.ids(AppraisalCycle, len(years)), strict=True))
        load.copy(AppraisalCycle, ["id", "year", "objective_setting_starts", "objective_setting_ends",
                                   "mid_year_starts", "mid_year_ends", "year_end_starts", "year_end_ends",
                                   "opened_by_id"],
                  [(pk, y, datetime.date(y, 4, 1), datetime.date(y, 5, 31), datetime.date(y, 10, 1),
                    datetime.date(y, 12, 18), datetime.date(y + 1, 3, 1), datetime.date(y + 1, 4, 30),
                    self.personas["hr"]) for y, pk in cycles.items()])
        load.copy(RatingLevel, ["cycle_id", "value", "label"],
                  [(pk, v, label) for pk in cycles.values() for v, label in DEFAULT_SCALE])

        people = [(svc, person) for svc in self.services for person in self.staff_of[svc]]
        appraisals, objectives, notes, reviews = [], [], [], []
        appraisal_ids = iter(load.ids(Appraisal, len(years) * len(people)))
        # About two and a half objectives each: the 30,000 for 6,000 staff over two cycles.
        counts = [2 + (i % 2) for i in range(len(years) * len(people))]
        objective_ids = iter(load.ids(AppraisalObjective, sum(counts)))
        count_iter = iter(counts)
        for year in years:
            cycle = cycles[year]
            past = year < self.year
            mid_done = past or self.today > datetime.date(year, 12, 18)
            for svc, person in people:
                appraisal = next(appraisal_ids)
                appraisals.append((appraisal, cycle, person, "Respect, openness, working together."))
                plan_objectives = self.objectives_of.get((svc, year), [])
                agreed = _at(datetime.date(year, 5, 20)) if past or self.today > datetime.date(year, 5, 20) else None
                for n in range(1, next(count_iter) + 1):
                    objective = next(objective_ids)
                    personal = n == 3 or not plan_objectives
                    linked = None if personal else plan_objectives[(person + n) % len(plan_objectives)]
                    objectives.append((objective, appraisal, n, f"Staff objective {n}", "Measured by outcomes.",
                                       datetime.date(year + 1, 3, 1), linked, personal, agreed,
                                       self.heads[svc] if agreed else None))
                    notes.append((objective, "on_track" if rng.random() < 0.8 else "at_risk", "Progressing.",
                                  person, _at(datetime.date(year, 9, 1))))
                if mid_done:
                    reviews.append((appraisal, "mid_year", 3, _at(datetime.date(year, 11, 1)),
                                    _at(datetime.date(year, 11, 2)), self.heads[svc]))
                if past:
                    reviews.append((appraisal, "year_end", 3, _at(datetime.date(year + 1, 4, 1)),
                                    _at(datetime.date(year + 1, 4, 2)), self.heads[svc]))
        load.copy(Appraisal, ["id", "cycle_id", "person_id", "behaviours"], appraisals)
        load.copy(AppraisalObjective, ["id", "appraisal_id", "number", "title", "measure", "target_date",
                                       "service_objective_id", "is_personal_development", "agreed_at",
                                       "agreed_by_id"], objectives)
        load.copy(ProgressNote, ["objective_id", "status", "note", "recorded_by_id", "recorded_at"], notes)
        load.copy(Review, ["appraisal_id", "kind", "overall_rating", "staff_signed_at", "manager_signed_at",
                           "manager_signed_by_id"], reviews)

    # Complaints -------------------------------------------------------------------------------

    def complaints(self):
        from complaints import deadlines
        from complaints.models import (
            Category,
            Complaint,
            ComplaintPoint,
            ComplaintStage,
            LearningAction,
            PointOutcome,
            Regime,
        )
        from complaints.regimes import ensure_regimes

        s, load, rng = self.shape, self.load, self.rng("complaints")
        ensure_regimes()
        regimes = list(Regime.objects.prefetch_related("stages").order_by("order"))
        categories = list(Category.objects.values_list("pk", flat=True))
        weights = [5, 3, 2][:len(regimes)] + [1] * max(0, len(regimes) - 3)
        outcomes = ["upheld", "partly_upheld", "not_upheld", "not_upheld"]
        rows, stages, points, point_outcomes, links, learning = [], [], [], [], [], []
        sequence = {}
        total = s.complaints_per_year * s.years
        complaint_ids = iter(load.ids(Complaint, total))
        stage_ids = iter(load.ids(ComplaintStage, 2 * total))
        point_ids = iter(load.ids(ComplaintPoint, 2 * total))
        start = datetime.date(self.first_year, 4, 1)
        span = (self.today - start).days
        for k in range(total):
            received = start + datetime.timedelta(days=int(span * (k + rng.random()) / total))
            regime = rng.choices(regimes, weights=weights)[0]
            kind = rng.choices(["formal", "informal", "compliment"], weights=[6, 2, 2])[0]
            svc = rng.choice(self.services)
            key = (regime.reference_prefix, received.year)
            sequence[key] = sequence.get(key, 0) + 1
            reference = f"{regime.reference_prefix}-{received.year}-{sequence[key]:05d}"
            age = (self.today - received).days
            open_ = kind != "compliment" and age < 45
            closed = None if open_ or kind == "compliment" else received + datetime.timedelta(days=rng.randint(5, 40))
            owner = self.complaints_officers[k % len(self.complaints_officers)]
            pk = next(complaint_ids)
            formal = kind == "formal"
            rows.append((pk, reference, kind, regime.pk, f"Complainant {k}", "user", svc, received,
                         received + datetime.timedelta(days=2) if formal and age > 3 else None,
                         regime.acknowledge_days if formal else None, regime.delay_letter_months if formal else None,
                         owner, closed, owner, f"Summary of complaint {k}."))
            links.append((pk, categories[k % len(categories)]))
            if kind == "compliment":
                continue
            my_points = [next(point_ids) for _ in range(1 + k % 2)]
            points += [(p, pk, n, "What went wrong.") for n, p in enumerate(my_points, start=1)]
            if not formal:
                continue
            rules = list(regime.stages.all())
            first = rules[0]
            responded = None if open_ and rng.random() < 0.7 else received + datetime.timedelta(
                days=rng.randint(10, 30))
            if responded and responded > self.today:
                responded = None
            stage = next(stage_ids)
            stages.append((stage, pk, first.pk, received, self.heads[svc], first.response_days,
                           first.max_response_days, responded, "Findings." if responded else ""))
            if responded:
                point_outcomes += [(stage, p, rng.choice(outcomes)) for p in my_points]
            if responded and not open_ and len(rules) > 1 and not rules[1].is_panel and rng.random() < 0.15:
                second = rules[1]
                asked = responded + datetime.timedelta(days=10)
                answered = asked + datetime.timedelta(days=rng.randint(15, 50))
                if answered < self.today:
                    stage = next(stage_ids)
                    stages.append((stage, pk, second.pk, asked, self.heads[svc], second.response_days,
                                   second.max_response_days, answered, "Findings at stage 2."))
                    point_outcomes += [(stage, p, rng.choice(outcomes)) for p in my_points]
            if k % 40 == 0:
                year = P.fiscal_year_of(received)
                objective = (self.objectives_of.get((svc, year)) or [None])[0]
                learning.append((pk, "Change the letter templates.", self.heads[svc],
                                 received + datetime.timedelta(days=90),
                                 "done" if received.year < self.today.year else "planned", objective))
        load.copy(Complaint, ["id", "reference", "kind", "regime_id", "complainant_name", "complainant_type",
                              "service_id", "received_on", "acknowledged_on", "acknowledge_days",
                              "delay_letter_months", "owner_id", "closed_on", "created_by_id", "summary"], rows)
        load.copy(Complaint.categories.through, ["complaint_id", "category_id"], links)
        load.copy(ComplaintPoint, ["id", "complaint_id", "number", "text"], points)
        load.copy(ComplaintStage, ["id", "complaint_id", "stage_id", "requested_on", "investigator_id",
                                   "response_days", "max_response_days", "responded_on", "findings"], stages)
        load.copy(PointOutcome, ["stage_id", "point_id", "outcome"], point_outcomes)
        load.copy(LearningAction, ["complaint_id", "description", "owner_id", "due_on", "status", "objective_id"],
                  learning)
        deadlines.refresh()  # the open cases' next deadlines, which COPY did not work out

    # Scrutiny ---------------------------------------------------------------------------------

    def scrutiny(self):
        from scrutiny.models import (
            Committee,
            CommitteeMember,
            Meeting,
            Recommendation,
            ScrutinyReview,
            Topic,
        )

        s, load, rng = self.shape, self.load, self.rng("scrutiny")
        committees = list(load.ids(Committee, 3))
        executive, adults, children = committees
        load.copy(Committee, ["id", "name", "kind", "has_health_scrutiny_powers"],
                  [(executive, "Cabinet", "executive", False),
                   (adults, "Adults and Health Scrutiny Committee", "scrutiny", True),
                   (children, "Children and Young People Scrutiny Committee", "scrutiny", False)])
        members = [(executive, self.personas["leader"], "chair"), (executive, self.personas["portfolio"], "member")]
        for i, person in enumerate(self.scrutiny_members):
            members.append((adults if i % 2 == 0 else children, person, "chair" if i < 2 else "member"))
        load.copy(CommitteeMember, ["committee_id", "person_id", "role"], members)
        # Each scrutiny committee's performance reports cover its directorates: adult social care and public
        # health; children's services.
        remit = [(adults, self.directorates[0]), (children, self.directorates[1 % len(self.directorates)])]
        if len(self.directorates) > 2:
            remit.append((adults, self.directorates[2]))
        load.copy(Committee.directorates.through, ["committee_id", "directorate_id"], remit)
        meetings, topics, reviews, recommendations = [], [], [], []
        meeting_ids = iter(load.ids(Meeting, 2 * s.committee_meetings_per_year * s.years))
        topic_ids = iter(load.ids(Topic, 2 * s.topics_per_year * s.years))
        review_ids = iter(load.ids(ScrutinyReview, 2 * s.years))
        for year in range(self.first_year, self.year + 1):
            for committee in (adults, children):
                for m in range(s.committee_meetings_per_year):
                    held = datetime.date(year, 5, 15) + datetime.timedelta(days=int(300 * m / s.committee_meetings_per_year))
                    meetings.append((next(meeting_ids), committee, held, "Council Chamber"))
                for t in range(s.topics_per_year):
                    topics.append((next(topic_ids), committee, f"Topic {t + 1} of {year}", "councillor", year,
                                   "done" if year < self.year else "scheduled",
                                   rng.choice(self.indicator_ids)))
                reported = datetime.date(year, 11, 1)
                review = next(review_ids)
                reviews.append((review, committee, f"Review of {year}", "Scope.", datetime.date(year, 6, 1),
                                "complete" if year < self.year else "awaiting_response",
                                reported if reported < self.today else None))
                for n in range(1, 6):
                    answered = year < self.year
                    recommendations.append((review, n, f"Recommendation {n}.", self.portfolios[n % len(self.portfolios)],
                                            "accepted" if answered else "",
                                            reported + datetime.timedelta(days=40) if answered else None,
                                            self.personas["leader"] if answered else None,
                                            "implemented" if answered else "not_started"))
        load.copy(Meeting, ["id", "committee_id", "held_on", "venue"], meetings)
        load.copy(Topic, ["id", "committee_id", "title", "source", "year", "status", "indicator_id"], topics)
        load.copy(ScrutinyReview, ["id", "committee_id", "title", "scope", "started_on", "status", "reported_on"],
                  reviews)
        load.copy(Recommendation, ["review_id", "number", "text", "addressed_to_id", "response", "responded_on",
                                   "responded_by_id", "implementation"], recommendations)


def generate(shape, *, seed=42, today=None):
    """Build the council described by `shape` into the (empty, migrated) database. Returns the generator."""
    generator = Generator(shape, seed=seed, today=today)
    generator.run()
    return generator


def analyse():
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
