"""The demo council's appraisal cycle for this financial year, in progress.

Run after priorities.demo: objectives link to the services' plans for the year.
Objective setting is over and the mid-year review window is open, so the team
views show every state: not started (overdue), objectives agreed, objectives
awaiting agreement, mid-year in progress and mid-year signed off. Aisha Khan
(staff@) has a full set. Two open support plans, each with actions, a past review
and a comment: Aisha's, run by her line manager Mark Davies (head@), and one for
a member of Grace Mensah's (teammanager@) team. HR (hr@) sees both; nobody outside
each person's line-management chain sees either. Rows are written with
bulk_create; running it again leaves an existing cycle as it is.
"""

import datetime

from django.utils import timezone

from appraisals.models import (
    DEFAULT_SCALE,
    Appraisal,
    AppraisalCycle,
    AppraisalObjective,
    ObjectiveRating,
    ProgressNote,
    RatingLevel,
    Review,
    SupportPlan,
    SupportPlanAction,
    SupportPlanComment,
    SupportPlanReview,
)
from appraisals.services import appraisable_people
from organisation.demo import DOMAIN
from organisation.models import User
from priorities import periods
from priorities.models import Objective

BEHAVIOURS = ("Respect: treats people who use services, carers and colleagues with dignity.\n"
              "Openness: shares information and raises concerns early.\n"
              "Working together: works across teams and with partners.")
AISHA_OBJECTIVES = [
    # (service-plan objective number or None for personal development, title, measure, month, day, status, note)
    (1, "Follow up every person I supported 91 days after their reablement ends",
     "Follow-up calls logged in the case record for 100% of my people; results passed to the data officer monthly.",
     1, 31, "on_track", "Called 18 of the 22 people whose reablement ended in the summer; the other 4 are booked."),
    (1, "Agree a written goal with every person at the start of their reablement",
     "Goals recorded in 95% of my new reablement plans, checked in monthly supervision.",
     3, 31, "at_risk", "Goals in 14 of 17 plans. Weekend starts are the gap: talking to the rota lead."),
    (None, "Complete the Level 3 Diploma in Adult Care",
     "Diploma units signed off by the assessor; certificate received.", 3, 15, "on_track",
     "Units 1 to 4 signed off. Unit 5 portfolio due in January."),
]
TEAM_TITLES = ["Support people to set their own reablement goals",
               "Keep case records up to date within two working days",
               "Share what works with the rest of the team"]


def _windows(year, today):
    """The council's usual calendar; the demo keeps its mid-year window open into the winter when seeded
    late, so that the demo shows mid-year reviews under way rather than a window that closed last week."""
    year_end_starts = datetime.date(year + 1, 3, 1)
    mid_year_ends = max(datetime.date(year, 12, 18),
                        min(today + datetime.timedelta(days=28), year_end_starts - datetime.timedelta(days=1)))
    return dict(objective_setting_starts=datetime.date(year, 4, 1), objective_setting_ends=datetime.date(year, 5, 31),
                mid_year_starts=datetime.date(year, 10, 1), mid_year_ends=mid_year_ends,
                year_end_starts=year_end_starts, year_end_ends=datetime.date(year + 1, 4, 30))


def _at(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(11, 0)))


def seed(today=None):
    today = today or timezone.localdate()
    year = periods.fiscal_year_of(today)
    if AppraisalCycle.objects.filter(year=year).exists():
        return AppraisalCycle.objects.get(year=year)
    opener = User.objects.filter(email=f"hr@{DOMAIN}").first() or User.objects.filter(is_superuser=True).first()
    cycle = AppraisalCycle.objects.create(year=year, opened_by=opener, **_windows(year, today))
    RatingLevel.objects.bulk_create(RatingLevel(cycle=cycle, value=v, label=label) for v, label in DEFAULT_SCALE)

    people = list(appraisable_people().select_related("team", "line_manager").order_by("pk"))
    appraisals = Appraisal.objects.bulk_create(
        Appraisal(cycle=cycle, person=p, behaviours=BEHAVIOURS if i % 5 else "") for i, p in enumerate(people))
    plan_objectives = {}
    for o in Objective.objects.filter(plan__year=year).select_related("plan").order_by("number"):
        plan_objectives.setdefault(o.plan.service_id, []).append(o)

    agreed_on = _at(datetime.date(year, 5, 20))
    objectives, by_person = [], {}
    aisha = next((p for p in people if p.email == f"staff@{DOMAIN}"), None)
    for i, (person, appraisal) in enumerate(zip(people, appraisals, strict=True)):
        service_objectives = plan_objectives.get(person.team.service_id if person.team_id else None, [])
        mode = "aisha" if person == aisha else ("none", "agreed", "agreed", "agreed", "proposed", "agreed",
                                               "agreed", "agreed", "agreed", "agreed")[i % 10]
        rows = []
        if mode == "aisha":
            for n, (number, title, measure, month, day, _status, _note) in enumerate(AISHA_OBJECTIVES, 1):
                link = next((o for o in service_objectives if o.number == number), None) if number else None
                rows.append(AppraisalObjective(
                    appraisal=appraisal, number=n, title=title, measure=measure,
                    target_date=datetime.date(year + (month < 4), month, day), service_objective=link,
                    is_personal_development=link is None, agreed_at=agreed_on, agreed_by=person.line_manager))
        elif mode != "none":
            for n in range(1, 3 if i % 3 else 4):
                link = service_objectives[(i + n) % len(service_objectives)] if service_objectives and n < 3 else None
                agreed = mode == "agreed"
                rows.append(AppraisalObjective(
                    appraisal=appraisal, number=n,
                    title=link.title if link else TEAM_TITLES[(i + n) % len(TEAM_TITLES)],
                    measure="Agreed in supervision: evidence reviewed at each one-to-one.",
                    target_date=datetime.date(year + 1, 3, 15), service_objective=link,
                    is_personal_development=link is None,
                    agreed_at=agreed_on if agreed else None, agreed_by=person.line_manager if agreed else None))
        objectives.extend(rows)
        by_person[person.pk] = (mode, rows)
    AppraisalObjective.objects.bulk_create(objectives)

    notes, reviews, ratings = [], [], []
    for i, (person, appraisal) in enumerate(zip(people, appraisals, strict=True)):
        mode, rows = by_person[person.pk]
        if mode == "aisha":
            appraisal.development_plan = ("Level 3 Diploma in Adult Care, with day release each month.\n"
                                          "Shadow an occupational therapist for two days before Christmas.")
            for objective, spec in zip(rows, AISHA_OBJECTIVES, strict=True):
                notes.append(ProgressNote(objective=objective, status=spec[5], note=spec[6], recorded_by=person,
                                          recorded_at=_at(today - datetime.timedelta(days=12))))
            notes.append(ProgressNote(objective=rows[0], status="on_track", recorded_by=person,
                                      recorded_at=_at(datetime.date(year, 8, 14)),
                                      note="Set up a follow-up list with the data officer."))
            continue
        if mode != "agreed":
            continue
        notes.append(ProgressNote(objective=rows[0], status=("on_track", "at_risk")[i % 2 == 0 and i % 4 == 0],
                                  note="Progress discussed at one-to-one.", recorded_by=person,
                                  recorded_at=_at(today - datetime.timedelta(days=20 + i % 30))))
        if i % 3 == 0:  # mid-year signed off by both
            review = Review(appraisal=appraisal, kind=Review.Kind.MID_YEAR,
                            staff_comments="A good first half of the year; I would like more time for training.",
                            manager_comments="Strong progress on the team's priorities.", overall_rating=3 + i % 2,
                            staff_signed_at=_at(today - datetime.timedelta(days=5 + i % 20)),
                            manager_signed_at=_at(today - datetime.timedelta(days=4 + i % 20)),
                            manager_signed_by=person.line_manager)
            reviews.append(review)
            ratings.extend(ObjectiveRating(review=review, objective=o, rating=3 + (i + o.number) % 2) for o in rows)
        elif i % 3 == 1:  # mid-year under way: the person has written their side
            reviews.append(Review(appraisal=appraisal, kind=Review.Kind.MID_YEAR,
                                  staff_comments="Going well; caseload has been heavy since September."))
    Appraisal.objects.bulk_update([a for a in appraisals if a.development_plan], ["development_plan"])
    ProgressNote.objects.bulk_create(notes)
    Review.objects.bulk_create(reviews)
    ObjectiveRating.objects.bulk_create(ratings)
    _seed_support_plans(today, dict(zip((p.pk for p in people), appraisals, strict=True)), aisha,
                        User.objects.filter(email=f"teammanager@{DOMAIN}").first())
    return cycle


def _days(day, n):
    return day + datetime.timedelta(days=n)


def _seed_support_plans(today, appraisals, aisha, grace):
    """Aisha's support plan (improving) and an improvement plan in Grace's team (slow to improve)."""
    plans = []
    if aisha is not None and aisha.line_manager_id and aisha.pk in appraisals:
        mark, opened = aisha.line_manager, _days(today, -35)
        plans.append((
            SupportPlan(appraisal=appraisals[aisha.pk], kind=SupportPlan.Kind.SUPPORT, opened_on=opened, opened_by=mark,
                        opened_from=SupportPlan.Source.APPRAISAL, next_review_on=_days(today, 14),
                        concerns="Written goals are missing from some new reablement plans, mostly for people who "
                                 "start at the weekend (3 of 17 plans since April).",
                        expected_standard="A written goal, agreed with the person, in every new reablement plan "
                                          "within two days of the start.",
                        support_offered="Shadowing a senior support worker at weekend starts; a goal-setting "
                                        "checklist agreed with the rota lead; a check at each supervision."),
            [("Shadow a senior support worker on two weekend reablement starts", aisha, _days(opened, 21), "done"),
             ("Agree a weekend goal-setting checklist with the rota lead", mark, _days(opened, 28), "in_progress"),
             ("Record a written goal in every new reablement plan, checked at supervision", aisha,
              _days(today, 30), "in_progress")],
            [(_days(today, -14), "improving", "Goals are now in 16 of 18 new plans. Both weekend starts shadowed; "
              "the checklist is with the rota lead.", _days(today, 14), mark)],
            [(aisha, "The shadowing helped a lot. I would like the checklist before the Christmas rota starts.",
              _days(today, -12))],
        ))
    report = None
    if grace is not None:
        report = (User.objects.current().filter(line_manager=grace, pk__in=list(appraisals)).exclude(pk=grace.pk)
                  .order_by("last_name", "first_name").first())
    if report is not None:
        opened = _days(today, -50)
        plans.append((
            SupportPlan(appraisal=appraisals[report.pk], kind=SupportPlan.Kind.IMPROVEMENT, opened_on=opened,
                        opened_by=grace, opened_from=SupportPlan.Source.APPRAISAL, next_review_on=_days(today, 9),
                        concerns="Case records for hospital discharges are often written up more than five working "
                                 "days after the visit (12 of 20 in the last month), so the ward and the reablement "
                                 "team work from out-of-date information.",
                        expected_standard="Every case record written up within two working days of the visit.",
                        support_offered="Weekly supervision; a half-day case-recording refresher; protected "
                                        "admin time on Friday afternoons."),
            [("Block Friday afternoons for write-ups in the team diary", grace, _days(opened, 7), "done"),
             ("Attend the case-recording refresher", report, _days(opened, 14), "done"),
             ("Bring a list of outstanding records to each supervision", report, _days(today, 21), "in_progress")],
            [(_days(opened, 21), "not_improving", "Still 7 of 15 records late. Agreed protected admin time on "
              "Fridays.", _days(opened, 42), grace),
             (_days(today, -8), "improving", "Late records down to 3 of 16. Keep going; review again in two "
              "weeks.", _days(today, 9), grace)],
            [(report, "The Friday admin time makes a real difference. Some discharges still come in late on a "
                      "Friday.", _days(today, -6))],
        ))
    SupportPlan.objects.bulk_create(plan for plan, *_ in plans)
    actions, reviews, comments = [], [], []
    for plan, plan_actions, plan_reviews, plan_comments in plans:
        actions += [SupportPlanAction(plan=plan, description=d, owner=o, due_on=due, status=st)
                    for d, o, due, st in plan_actions]
        reviews += [SupportPlanReview(plan=plan, held_on=held, outcome=outcome, notes=notes, next_review_on=nxt,
                                      recorded_by=by, recorded_at=_at(held))
                    for held, outcome, notes, nxt, by in plan_reviews]
        comments += [SupportPlanComment(plan=plan, author=who, text=text, written_at=_at(day))
                     for who, text, day in plan_comments]
    SupportPlanAction.objects.bulk_create(actions)
    SupportPlanReview.objects.bulk_create(reviews)
    SupportPlanComment.objects.bulk_create(comments)
