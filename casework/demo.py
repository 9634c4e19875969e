"""The demo council's councillor casework and two community forums.

Run after organisation.demo, priorities.demo and complaints.demo (which loads the
categories). Dates are worked out from today, so there is always casework answered
in time, answered late, overdue, due soon and not yet sent for want of the
constituent's consent, across several wards. Constituents are invented.
Idempotent: once there is casework (or a forum), running it again changes nothing.
"""

import datetime
import random

from django.conf import settings
from django.utils import timezone

from casework.models import CouncillorCase, Forum, ForumIssue, ForumMeeting, IssueResponse
from complaints.models import Category
from core.working_days import add_working_days, non_working_days
from organisation.demo import DOMAIN
from organisation.models import Delegation, Role, RoleAssignment, Service, User, Ward
from priorities.models import Priority

# Ward: how many concerns its councillors raised this year, and the services they were about (weighted).
WARDS = {
    "Eastgate": (14, ["Reablement and Home Care", "Reablement and Home Care", "Assessment and Care Management",
                      "Carers and Prevention", "Children in Care"]),
    "Abbey": (9, ["Reablement and Home Care", "Assessment and Care Management", "Early Help"]),
    "Brookfield": (7, ["Assessment and Care Management", "Learning Disability and Mental Health",
                       "Reablement and Home Care"]),
    "Fairview": (8, ["Early Help", "Child Protection", "Reablement and Home Care"]),
    "Hollins": (4, ["Carers and Prevention", "Safeguarding Adults"]),
    "Castle Hill": (3, ["Learning Disability and Mental Health"]),
}
CONCERNS = {
    "Delay": "Has waited {weeks} weeks for an assessment since the GP referral and nobody has been in touch.",
    "Communication": "Carers' visit times keep changing without notice; the family cannot plan around them.",
    "Quality of care": "Visits are rushed and meals are left uneaten; the family are worried about weight loss.",
    "Charging": "An invoice arrived for care that was cancelled; calls to the finance team were not returned.",
    "Assessment decision": "Told they are not eligible for support after a fall, without a home visit.",
    "Staff conduct": "A support worker was dismissive on the phone when the family asked for a review.",
}
FIRST = ["Agnes", "Barry", "Carol", "Derek", "Edna", "Frank", "Gloria", "Harold", "Irene", "Jack", "Kath", "Leon",
         "Maureen", "Norman", "Olive", "Percy", "Rita", "Stan", "Thelma", "Victor"]
LAST = ["Allen", "Booth", "Chapman", "Dyer", "Elliott", "Fox", "Gibbs", "Holt", "Ingram", "Jarvis", "Knight",
        "Lowe", "Marsden", "Noble", "Oakes", "Pratt", "Rhodes", "Sykes", "Turner", "Walton"]

FORUMS = [
    {
        "name": "Eastgate and Abbey Community Forum",
        "wards": ["Eastgate", "Abbey"],
        "description": "Meets every two months at Eastgate Library; chaired by a resident, with both wards' "
                       "councillors and officers from adult social care and early help.",
        "venue": "Eastgate Library, Community Room",
        "meetings": [
            (-120, "Thirty-five residents. Home care reliability and the closure of the Tuesday lunch club "
                   "dominated; the carers' centre presented its new drop-in.", [
                ("Home care visits are late or cut short on the Eastgate estate", "Reablement and Home Care", [1],
                 [(-110, "action_agreed", "The home care provider has added two carers to the Eastgate round from "
                                          "next month; the council will check visit times monthly."),
                  (-40, "resolved", "Visit monitoring shows 94% of visits on time in the last two months, up from "
                                    "78%.")]),
                ("Carers do not know where to get a break", "Carers and Prevention", [2],
                 [(-100, "looking_into", "The carers' service will bring its respite leaflet and the new drop-in "
                                         "times to the next forum.")]),
                ("The Tuesday lunch club closed with no replacement", None, [1, 5], []),
            ]),
            (-55, "Thirty residents. Follow-up on home care; young people's services raised by parents.", [
                ("Parents want a family support drop-in closer than the town centre", "Early Help", [5],
                 [(-30, "action_agreed", "Early Help will run a fortnightly drop-in at Eastgate Library from "
                                         "January.")]),
                ("Long waits for occupational therapy assessments", "Assessment and Care Management", [1],
                 [(-20, "looking_into", "The service has a waiting list of 9 weeks and is recruiting two "
                                        "occupational therapists; it will report progress in March.")]),
            ]),
            (25, "", []),
        ],
    },
    {
        "name": "Fairview, Greenbank and Hollins Neighbourhood Forum",
        "wards": ["Fairview", "Greenbank", "Hollins"],
        "description": "Meets quarterly at Greenbank Community Centre. Residents, the three wards' councillors, "
                       "the police neighbourhood team and council officers.",
        "venue": "Greenbank Community Centre, Hall 2",
        "meetings": [
            (-150, "Forty residents. Safeguarding awareness and foster carer recruitment.", [
                ("Residents do not know how to report worries about a vulnerable neighbour", "Safeguarding Adults",
                 [3], [(-130, "resolved", "The safeguarding team has put posters in the community centre, GP "
                                          "surgeries and pharmacies, and spoke at the forum's next meeting.")]),
                ("More foster carers are needed locally so children can stay at their schools",
                 "Fostering and Adoption", [4],
                 [(-120, "looking_into", "The fostering team will hold an information evening at the community "
                                         "centre.")]),
            ]),
            (-60, "Twenty-eight residents. Social care workforce and reablement after hospital.", [
                ("Care workers cannot afford to live locally", None, [8],
                 [(-45, "not_possible", "Housing costs are outside the council's control; the workforce strategy "
                                        "offers a travel allowance and the council is lobbying for key-worker "
                                        "housing.")]),
                ("People come home from hospital without the equipment they need", "Reablement and Home Care", [1],
                 []),
            ]),
        ],
    },
]


def _working_day_on_or_before(day, holidays):
    while day.weekday() >= 5 or day in holidays:
        day -= datetime.timedelta(days=1)
    return day


def _councillors_by_ward():
    found = {}
    for a in (RoleAssignment.objects.current().filter(role=Role.WARD_COUNCILLOR).select_related("user", "ward")
              .order_by("user__email")):
        found.setdefault(a.ward.name, []).append(a.user)
    return found


def seed_casework(today=None):
    if CouncillorCase.objects.exists():
        return
    today = today or timezone.localdate()
    holidays = non_working_days()
    rng = random.Random(7)
    days = settings.CASEWORK_RESPONSE_DAYS
    councillors = _councillors_by_ward()
    wards = {w.name: w for w in Ward.objects.all()}
    services = {s.name: s for s in Service.objects.all()}
    accountable = dict(Delegation.objects.values_list("service__name", "accountable_officer"))
    officers = {u.pk: u for u in User.objects.filter(pk__in=[pk for pk in accountable.values() if pk])}
    categories = {c.name: c for c in Category.objects.all()}
    created = []
    for ward_name, (count, service_names) in WARDS.items():
        if ward_name not in councillors or ward_name not in wards:
            continue
        for i in range(count):
            councillor = councillors[ward_name][i % len(councillors[ward_name])]
            service = services[service_names[i % len(service_names)]]
            category = rng.choice(list(CONCERNS))
            # Spread over the year; the first few of each ward are recent, so some are open and overdue.
            age = [8, 9, 16, 25][i] if i < 4 else rng.randint(30, 230)
            raised = _working_day_on_or_before(today - datetime.timedelta(days=age), holidays)
            consent = not (i == 1 or (i == 6 and ward_name in ("Eastgate", "Fairview")))
            officer = officers.get(accountable.get(service.name))
            case = CouncillorCase(
                reference=f"CW-{raised.year}-demo-{ward_name}-{i}", councillor=councillor, ward=wards[ward_name],
                constituent_name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                constituent_contact=f"07700 9{rng.randint(10000, 99999)}", service=service,
                summary=CONCERNS[category].format(weeks=rng.randint(3, 12)), raised_on=raised,
                consent_given=consent, consent_recorded_on=raised if consent else None,
            )
            if consent and officer is not None:
                case.routed_to, case.routed_on, case.response_days = officer, raised, days
                due = add_working_days(raised, days, holidays)
                if i in (0, 2) and ward_name != "Castle Hill":
                    pass  # open: due soon, or overdue (raised 16 days ago is past 10 working days)
                else:
                    late = i % 5 == 4
                    answered = add_working_days(due, 4, holidays) if late else add_working_days(raised, 6, holidays)
                    if answered <= today:
                        case.responded_on, case.responded_by = answered, officer
                        case.response = ("The service has looked into this and spoken to the family. "
                                         "A review visit is booked and the care plan will be updated.")
                        case.status = CouncillorCase.Status.RESPONDED
                        closed = answered + datetime.timedelta(days=7)
                        if i != 3 and closed <= today:
                            case.status, case.closed_on = CouncillorCase.Status.CLOSED, closed
            created.append((case, categories.get(category)))
    CouncillorCase.objects.bulk_create([case for case, _ in created])
    links = []
    for case, category in created:
        case.reference = f"CW-{case.raised_on.year}-{case.pk:05d}"
        if category is not None:
            links.append(CouncillorCase.categories.through(councillorcase_id=case.pk, category_id=category.pk))
    CouncillorCase.objects.bulk_update([case for case, _ in created], ["reference"])
    CouncillorCase.categories.through.objects.bulk_create(links)


def seed_forums(today=None):
    if Forum.objects.exists():
        return
    today = today or timezone.localdate()
    holidays = non_working_days()
    wards = {w.name: w for w in Ward.objects.all()}
    services = {s.name: s for s in Service.objects.all()}
    priorities = {p.number: p for p in Priority.objects.filter(strategic_plan__first_year__lte=today.year)
                  .order_by("strategic_plan__first_year")}
    performance = User.objects.filter(email=f"performance@{DOMAIN}").first()
    accountable = dict(Delegation.objects.select_related("accountable_officer")
                       .values_list("service__name", "accountable_officer"))
    people = {u.pk: u for u in User.objects.filter(pk__in=[pk for pk in accountable.values() if pk])}
    for data in FORUMS:
        forum = Forum.objects.create(name=data["name"], description=data["description"])
        forum.wards.set([wards[name] for name in data["wards"] if name in wards])
        for offset, notes, issues in data["meetings"]:
            held = _working_day_on_or_before(today + datetime.timedelta(days=offset), holidays)
            meeting = ForumMeeting.objects.create(forum=forum, held_on=held, venue=data["venue"], notes=notes)
            for title, service_name, numbers, responses in issues:
                issue = ForumIssue.objects.create(meeting=meeting, title=title, service=services.get(service_name))
                issue.priorities.set([priorities[n] for n in numbers if n in priorities])
                for r_offset, status, text in responses:
                    by = people.get(accountable.get(service_name)) or performance
                    if by is None:
                        continue
                    IssueResponse.objects.create(issue=issue, responded_on=today + datetime.timedelta(days=r_offset),
                                                 responded_by=by, text=text, status=status)
                    issue.status = status
                issue.save(update_fields=["status"])


def seed(today=None):
    seed_casework(today)
    seed_forums(today)
