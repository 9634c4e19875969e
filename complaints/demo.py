"""The demo council's year of complaints, informal complaints and compliments.

Run after organisation.demo. Dates are worked out from today, so there is always
a mix of cases answered in time, answered late, open and overdue, and due soon,
and one children's complaint at a stage 3 review panel awaiting the council's
response. Everything is made in bulk (a few dozen queries). Idempotent: once the
demo has complaints, running it again changes nothing. Complainants are invented.
"""

import datetime
import random

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from complaints import deadlines
from complaints.models import (
    Category,
    Complaint,
    ComplaintPoint,
    ComplaintStage,
    LearningAction,
    OmbudsmanReferral,
    PanelMembership,
    PanelRecommendation,
    PointOutcome,
    Regime,
    ReviewPanel,
)
from complaints.regimes import ensure_regimes
from core.working_days import add_working_days, non_working_days, working_days_between
from organisation.demo import DOMAIN
from organisation.models import Delegation, Role, RoleAssignment, Service, User
from priorities.periods import fiscal_year_of

SERVICES = {
    "adults": ["Assessment and Care Management", "Reablement and Home Care", "Learning Disability and Mental Health",
               "Safeguarding Adults", "Carers and Prevention"],
    "childrens": ["Children in Care", "Child Protection", "Fostering and Adoption", "Early Help"],
    "corporate": ["Customer Relations and Complaints", "Digital and ICT", "Assessment and Care Management",
                  "Reablement and Home Care"],
}
COMPLAINANT_TYPES = {
    "adults": ["user", "user", "representative", "representative", "advocate"],
    "childrens": ["child", "representative", "representative", "advocate"],
    "corporate": ["user", "user", "representative"],
}
# Category: the points people make about it.
POINTS = {
    "Delay": ["The assessment took months to arrange", "Nobody replied to my calls for three weeks",
              "The care package started weeks after it was agreed", "The review was cancelled twice"],
    "Communication": ["I was not told the visit had been cancelled", "Letters went to the wrong address",
                      "The social worker changed without anyone telling us", "My emails were not answered"],
    "Staff conduct": ["The carer was rude to my mother", "Staff arrived late and left early",
                      "The worker did not respect our home"],
    "Assessment decision": ["The assessment ignored my night-time needs", "The decision did not consider my views",
                            "The eligibility decision was wrong"],
    "Charging": ["I was charged for visits that did not happen", "The financial assessment was wrong",
                 "The invoice arrived with no explanation"],
    "Quality of care": ["Medication was missed on several days", "The respite placement was not clean",
                        "Personal care was rushed"],
}
CATEGORY_WEIGHTS = {"Delay": 5, "Communication": 6, "Staff conduct": 2, "Assessment decision": 3, "Charging": 2,
                    "Quality of care": 3}
COMPLIMENTS = ["Thank you to the reablement team for getting Dad back on his feet",
               "The social worker went above and beyond for our family",
               "Quick, kind help when we needed it most", "The carers' group has been a lifeline",
               "Everyone at the hospital discharge team was brilliant"]
FIRST = ["Alan", "Beth", "Carl", "Dina", "Eric", "Faye", "Gary", "Hina", "Ivan", "Joan", "Kofi", "Lena", "Mick",
         "Nina", "Omar", "Pam", "Raj", "Sara", "Tony", "Vera"]
LAST = ["Ashby", "Birch", "Crane", "Dale", "Egan", "Frost", "Grey", "Hale", "Irwin", "Joyce", "Kerr", "Lamb",
        "Marsh", "Nash", "Orme", "Pike", "Rowe", "Short", "Tate", "Vane"]
OUTCOMES = ["upheld", "upheld", "partly_upheld", "partly_upheld", "not_upheld", "not_upheld", "not_upheld",
            "not_upheld", "partly_upheld", "withdrawn"]
INDEPENDENT_PEOPLE = [("Tessa", "Morgan"), ("Alan", "Fairweather")]


def _working_day_on_or_before(day, holidays):
    while day.weekday() >= 5 or day in holidays:
        day -= datetime.timedelta(days=1)
    return day


def _working_days_before(day, days, holidays):
    """The working day `days` working days before `day` (the demo counts back from today)."""
    start = day
    while working_days_between(start, day, holidays) < days:
        start -= datetime.timedelta(days=1)
    return _working_day_on_or_before(start, holidays)


class Builder:
    def __init__(self):
        self.rng = random.Random(2026)
        self.today = timezone.localdate()
        self.holidays = non_working_days()
        self.complaints = []  # (Complaint, [point texts], [category], [stage specs])
        self.sequence = {}

    def wd(self, day, days):
        return add_working_days(day, days, self.holidays)

    def reference(self, regime, received_on):
        key = (regime.reference_prefix, received_on.year)
        self.sequence[key] = self.sequence.get(key, 0) + 1
        return f"{regime.reference_prefix}-{received_on.year}-{self.sequence[key]:04d}"

    def people(self):
        officers = {u.email: u for u in User.objects.filter(email__endswith=f"@{DOMAIN}")}
        self.officer = officers[f"complaints@{DOMAIN}"]
        self.officer_two = officers[f"gareth.jones@{DOMAIN}"]
        self.panel_member = officers[f"panel@{DOMAIN}"]
        unusable = make_password(None)
        self.independents = [self.panel_member]
        for first, last in INDEPENDENT_PEOPLE:
            person, _ = User.objects.get_or_create(email=f"{first}.{last}@{DOMAIN}".lower(), defaults={
                "first_name": first, "last_name": last, "kind": User.Kind.INDEPENDENT, "password": unusable,
                "job_title": "Independent Panel Member"})
            RoleAssignment.objects.get_or_create(user=person, role=Role.PANEL_MEMBER,
                                                 defaults={"starts_on": datetime.date(2024, 4, 1)})
            self.independents.append(person)
        self.services = {s.name: s for s in Service.objects.prefetch_related("teams")}
        self.accountable = dict(Delegation.objects.values_list("service__name", "accountable_officer"))
        self.people_by_pk = {u.pk: u for u in User.objects.filter(pk__in=self.accountable.values())}

    def investigator(self, service):
        return self.people_by_pk.get(self.accountable.get(service.name))

    def complainant(self):
        return f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}"

    def pick_categories(self):
        names = list(CATEGORY_WEIGHTS)
        first = self.rng.choices(names, weights=list(CATEGORY_WEIGHTS.values()))[0]
        chosen = {first}
        if self.rng.random() < 0.35:
            chosen.add(self.rng.choice(names))
        return sorted(chosen)

    def received(self, max_days_ago=364):
        return _working_day_on_or_before(self.today - datetime.timedelta(days=self.rng.randint(0, max_days_ago)),
                                         self.holidays)

    # One formal complaint, played forward from its receipt to today --------------------------------

    def formal(self, regime, *, received_on=None):
        rng = self.rng
        received_on = received_on or self.received()
        service = self.services[rng.choice(SERVICES[regime.code])]
        teams = list(service.teams.all())
        categories = self.pick_categories()
        points = rng.sample([p for c in categories for p in POINTS[c]], k=min(rng.randint(1, 3), 3))
        acknowledged_on = None
        if regime.acknowledge_days:
            due = self.wd(received_on, regime.acknowledge_days)
            late = rng.random() < 0.12
            acknowledged_on = self.wd(received_on, rng.randint(1, regime.acknowledge_days)) if not late else \
                self.wd(due, rng.randint(1, 3))
            if acknowledged_on > self.today:
                acknowledged_on = None
        complaint = Complaint(
            kind=Complaint.Kind.FORMAL, regime=regime, reference=self.reference(regime, received_on),
            complainant_name=self.complainant(), complainant_type=rng.choice(COMPLAINANT_TYPES[regime.code]),
            service=service, team=rng.choice(teams) if teams else None,
            summary=f"{points[0]}.", received_on=received_on, acknowledged_on=acknowledged_on,
            acknowledge_days=regime.acknowledge_days, delay_letter_months=regime.delay_letter_months,
            owner=self.officer_two if regime.code == "childrens" else self.officer, created_by=self.officer,
        )
        stages = []
        rules = list(regime.stages.all())
        requested_on = received_on
        for rule in rules:
            if rule.is_panel:
                break  # the demo's one panel is made by panel_case()
            stage = {"rule": rule, "requested_on": requested_on, "investigator": self.investigator(service),
                     "extended_to": None, "responded_on": None, "outcomes": []}
            stages.append(stage)
            due = self.wd(requested_on, rule.response_days)
            if rule.max_response_days and rng.random() < 0.15:
                stage["extended_to"] = self.wd(requested_on, rng.randint(rule.response_days + 1, rule.max_response_days))
                due = stage["extended_to"]
            in_time = rng.random() < 0.8
            responded_on = self.wd(requested_on, rng.randint(max(1, rule.response_days // 2), rule.response_days)) \
                if in_time else self.wd(due, rng.randint(1, 12))
            recently_due = due < self.today and (self.today - due).days < 45
            if responded_on > self.today or (recently_due and rng.random() < 0.2):
                break  # still open: not due yet, or (a few) overdue and unanswered
            stage["responded_on"] = responded_on
            stage["outcomes"] = [rng.choice(OUTCOMES) for _ in points]
            following = next((r for r in rules if r.number == rule.number + 1 and not r.is_panel), None)
            if following is None or rng.random() > 0.18:
                break
            requested_on = self.wd(responded_on, rng.randint(2, following.request_within_days or 10))
            if requested_on > self.today:
                break
        last = stages[-1]
        if last["responded_on"]:
            closed_on = self.wd(last["responded_on"], rng.randint(0, 3))
            complaint.closed_on = closed_on if closed_on <= self.today else None
        self.complaints.append((complaint, points, categories, stages))
        return complaint

    def informal(self, regime):
        rng = self.rng
        received_on = self.received()
        service = self.services[rng.choice(SERVICES[regime.code])]
        category = self.pick_categories()[:1]
        closed_on = self.wd(received_on, rng.randint(0, 3))
        complaint = Complaint(
            kind=Complaint.Kind.INFORMAL, regime=regime, reference=self.reference(regime, received_on),
            complainant_name=self.complainant(), complainant_type=rng.choice(COMPLAINANT_TYPES[regime.code]),
            service=service, summary=f"{rng.choice(POINTS[category[0]])}. Put right on the day.",
            received_on=received_on, closed_on=closed_on if closed_on <= self.today else None,
            owner=self.officer, created_by=self.officer)
        self.complaints.append((complaint, [], category, []))

    def compliment(self, regime):
        rng = self.rng
        received_on = self.received()
        complaint = Complaint(
            kind=Complaint.Kind.COMPLIMENT, regime=regime, reference=self.reference(regime, received_on),
            complainant_name=self.complainant(), complainant_type=rng.choice(["user", "representative"]),
            service=self.services[rng.choice(SERVICES[regime.code])], summary=rng.choice(COMPLIMENTS),
            received_on=received_on, owner=self.officer, created_by=self.officer)
        self.complaints.append((complaint, [], [], []))

    # The review panel ----------------------------------------------------------------------------

    def panel_case(self, regime):
        """A children's complaint heard by a review panel that has reported; the council's response is due soon."""
        report_on = _working_days_before(self.today, 11, self.holidays)
        meeting_on = _working_days_before(report_on, 3, self.holidays)
        panel_requested = _working_days_before(meeting_on, 24, self.holidays)
        stage2_replied = _working_days_before(panel_requested, 12, self.holidays)
        stage2_requested = _working_days_before(stage2_replied, 40, self.holidays)
        stage1_replied = _working_days_before(stage2_requested, 9, self.holidays)
        received_on = _working_days_before(stage1_replied, 14, self.holidays)
        service = self.services["Children in Care"]
        rules = {r.number: r for r in regime.stages.all()}
        points = ["My son's placement was ended without the planning meeting the care plan promised",
                  "His views were not asked before the decision",
                  "Contact with his sister stopped for two months"]
        complaint = Complaint(
            kind=Complaint.Kind.FORMAL, regime=regime, reference=self.reference(regime, received_on),
            complainant_name="Dina Marsh", complainant_type="representative", service=service,
            team=service.teams.first(), summary="A placement was ended without the planning the care plan set out, "
                                                "and contact between siblings stopped.",
            received_on=received_on, acknowledged_on=self.wd(received_on, 2), owner=self.officer_two,
            created_by=self.officer_two)
        independent = self.independents[1]
        stages = [
            {"rule": rules[1], "requested_on": received_on, "investigator": self.investigator(service),
             "responded_on": stage1_replied, "extended_to": self.wd(received_on, 15),
             "outcomes": ["not_upheld", "not_upheld", "partly_upheld"]},
            {"rule": rules[2], "requested_on": stage2_requested, "investigator": self.investigator(
                self.services["Early Help"]), "independent_person": independent, "responded_on": stage2_replied,
             "extended_to": self.wd(stage2_requested, 45), "outcomes": ["partly_upheld", "upheld", "upheld"]},
            {"rule": rules[3], "requested_on": panel_requested, "responded_on": None, "outcomes": [],
             "panel": {"meeting_on": meeting_on, "report_on": report_on,
                       "report": "The panel found that the placement ended without the planning meeting the care "
                                 "plan required, and that the young person's views were not sought.",
                       "recommendations": [
                           "Apologise in writing to the young person and his mother",
                           "Hold a planning meeting before any planned placement move, as the care plan says",
                           "Restore weekly contact between the siblings and review it in three months"]}},
        ]
        self.complaints.append((complaint, points, ["Communication", "Assessment decision"], stages))
        return complaint

    # Writing it all, in bulk -------------------------------------------------------------------------

    def save(self):
        categories = {c.name: c for c in Category.objects.all()}
        Complaint.objects.bulk_create([c for c, *_ in self.complaints])
        point_rows, category_rows, stage_rows = [], [], []
        through = Complaint.categories.through
        for complaint, points, names, stages in self.complaints:
            point_rows.extend(ComplaintPoint(complaint=complaint, number=n, text=t) for n, t in enumerate(points, 1))
            category_rows.extend(through(complaint_id=complaint.pk, category_id=categories[n].pk) for n in names)
            for spec in stages:
                rule = spec["rule"]
                stage_rows.append(ComplaintStage(
                    complaint=complaint, stage=rule, requested_on=spec["requested_on"],
                    investigator=spec.get("investigator"), independent_person=spec.get("independent_person"),
                    response_days=rule.response_days, max_response_days=rule.max_response_days,
                    extended_to=spec.get("extended_to"),
                    extension_reason="Agreed with the complainant: more time to speak to staff"
                    if spec.get("extended_to") else "",
                    responded_on=spec["responded_on"],
                    findings="Looked into each point with the team and the records." if spec["responded_on"] else "",
                ))
        ComplaintPoint.objects.bulk_create(point_rows)
        through.objects.bulk_create(category_rows)
        ComplaintStage.objects.bulk_create(stage_rows)

        points_of = {}
        for point in point_rows:
            points_of.setdefault(point.complaint_id, []).append(point)
        outcome_rows, stage_iter = [], iter(stage_rows)
        panels = []
        for complaint, _, _, stages in self.complaints:
            for spec in stages:
                stage = next(stage_iter)
                outcome_rows.extend(PointOutcome(stage=stage, point=p, outcome=o)
                                    for p, o in zip(points_of.get(complaint.pk, []), spec["outcomes"], strict=False))
                if "panel" in spec:
                    panels.append((stage, spec["panel"]))
        PointOutcome.objects.bulk_create(outcome_rows)
        for stage, spec in panels:
            rule = stage.stage
            panel = ReviewPanel.objects.create(
                stage=stage, size=rule.panel_size, all_independent=rule.panel_all_independent,
                meets_within_days=rule.panel_meets_within_days, report_within_days=rule.panel_report_within_days,
                response_within_days=rule.council_response_within_days, meeting_on=spec["meeting_on"],
                report_on=spec["report_on"], report=spec["report"])
            PanelMembership.objects.bulk_create(
                PanelMembership(panel=panel, member=person, is_chair=person == self.panel_member)
                for person in self.independents)
            PanelRecommendation.objects.bulk_create(
                PanelRecommendation(panel=panel, number=n, text=t) for n, t in enumerate(spec["recommendations"], 1))
        deadlines.refresh()  # the bulk loads sent no signals
        self.after(outcome_rows)

    def after(self, outcome_rows):
        """Learning actions on upheld complaints, and a few Ombudsman referrals."""
        rng = self.rng
        upheld = {o.stage.complaint_id for o in outcome_rows if o.outcome in ("upheld", "partly_upheld")}
        closed = [c for c, *_ in self.complaints if c.closed_on and c.pk in upheld]
        from priorities.models import Objective

        objectives = {}  # service -> this year's plan objectives, if the priorities demo made plans
        for objective in Objective.objects.filter(plan__year=fiscal_year_of(self.today)).select_related("plan"):
            objectives.setdefault(objective.plan.service_id, []).append(objective)
        actions = []
        for complaint in rng.sample(closed, k=min(24, len(closed))):
            due_on = complaint.closed_on + datetime.timedelta(days=rng.randint(30, 90))
            status = ("done" if rng.random() < 0.8 else "in_progress") if due_on < self.today else \
                rng.choice(["planned", "in_progress"])
            choices = objectives.get(complaint.service_id)
            actions.append(LearningAction(
                complaint=complaint, objective=rng.choice(choices) if choices and rng.random() < 0.6 else None,
                owner=self.investigator(complaint.service) or self.officer, due_on=due_on,
                status=status, description=rng.choice([
                    "Remind staff to confirm cancelled visits by phone the same day",
                    "Add a check of the care plan to the placement-move checklist",
                    "Send invoices with a plain-English explanation of each charge",
                    "Brief the team on recording the person's own views in assessments",
                    "Set a five-working-day standard for returning calls"])))
        LearningAction.objects.bulk_create(actions)
        referred = rng.sample([c for c, *_ in self.complaints if c.closed_on and c.kind == "formal"
                               and c.closed_on < self.today - datetime.timedelta(days=60)], k=5)
        decisions = [("upheld", "An apology and £250 for the distress caused"), ("not_upheld", ""),
                     ("closed", ""), ("", ""), ("", "")]
        OmbudsmanReferral.objects.bulk_create(
            OmbudsmanReferral(complaint=c, reference=f"25 {rng.randint(100, 999)} {rng.randint(100, 999)}",
                              referred_on=c.closed_on + datetime.timedelta(days=30), decision=decision,
                              decided_on=c.closed_on + datetime.timedelta(days=55) if decision else None,
                              remedy=remedy)
            for c, (decision, remedy) in zip(referred, decisions, strict=True))

    def build(self):
        ensure_regimes()
        if Complaint.objects.exists():
            return
        self.people()
        regimes = {r.code: r for r in Regime.objects.prefetch_related("stages")}
        self.panel_case(regimes["childrens"])
        for code, formal, informal, compliments in (("adults", 70, 30, 40), ("childrens", 40, 12, 15),
                                                    ("corporate", 30, 20, 15)):
            for _ in range(formal):
                self.formal(regimes[code])
            for _ in range(informal):
                self.informal(regimes[code])
            for _ in range(compliments):
                self.compliment(regimes[code])
        # An adult social care complaint open for more than six months: the delay letter is overdue.
        self.formal(regimes["adults"], received_on=_working_day_on_or_before(
            self.today - datetime.timedelta(days=200), self.holidays))
        complaint, points, categories, stages = self.complaints[-1]
        complaint.closed_on = None
        for spec in stages:
            spec["responded_on"], spec["outcomes"] = None, []
        del stages[1:]
        # Complaints closed long ago: privacy.demo anonymises those past the retention period (kept for statistics),
        # and leaves two that are due, for the data protection page's "due tonight".
        for years_ago, days in ((8, 30), (8, 120), (7, 200), (6, 60), (6, 90)):
            self.formal(regimes["adults"], received_on=_working_day_on_or_before(
                self.today.replace(year=self.today.year - years_ago, day=min(self.today.day, 28))
                - datetime.timedelta(days=days), self.holidays))
        self.save()


def seed():
    Builder().build()
