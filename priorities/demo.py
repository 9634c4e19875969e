"""The demo council's strategic plan, priorities, engagement and a plan for every service.

Run after organisation.demo: owners are the demo people, found by e-mail. Dates
are worked out from today, so the demo always has milestones done, due soon
and overdue. Idempotent: what exists already (looked up by its natural key) is
left as it is, including any changes made to it in the portal.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from organisation.demo import DOMAIN
from organisation.models import Service, User
from priorities import periods, services
from priorities.models import (
    Communication,
    EngagementExercise,
    NonPriority,
    Objective,
    PlanTransition,
    Priority,
    ServicePlan,
    StrategicPlan,
)

A = Communication.Audience

# number: (title, area, origin, national source, owner, description, rationale, ambition, budget, staff, published,
#          audiences not yet told)
PRIORITIES = {
    1: ("Help older and disabled people live independently at home for longer", "social_services", "national",
        "Care Act 2014, section 2 (preventing needs for care and support); ASCOF 2A and 2B", "director",
        "More people recover their independence after illness or a hospital stay, and fewer move permanently into "
        "a care home before they need to.",
        "Permanent admissions of people aged 65 and over to care homes are well above the England average and the "
        "comparator group's median. In the Living well at home consultation, 81% of people said staying in their "
        "own home mattered most to them.",
        "Cut permanent admissions (65+) from 742 to 600 per 100,000 by 2027/28, near the comparator group's upper "
        "quartile; 85% of people still at home 91 days after reablement (England: 82%). Reablement capacity is "
        "funded to grow by a third, so the target is within reach.",
        1850000, "24.0", True, ()),
    2: ("Support unpaid carers to look after their own health and wellbeing", "social_services", "national",
        "Care Act 2014, section 10 (carer's assessment); ASCOF 1D", "kevin.moore",
        "Carers are identified early, assessed promptly, and can get a break and advice when they need it.",
        "An estimated 14,000 unpaid carers live in Ashford Vale. Carer-reported quality of life is below the "
        "England median, and carers told us nobody asks how they are coping.",
        "Raise carer-reported quality of life from 7.1 to the England median (about 7.6) within the plan period; "
        "assess 80% of carers within 28 days.",
        420000, "6.0", True, ()),
    3: ("Keep adults at risk safe from abuse and neglect", "social_services", "national",
        "Care Act 2014, section 42 (safeguarding enquiries); ASCOF 4A", "angela.wright",
        "Adults at risk are protected, and safeguarding is personal: people say what outcome they want and get it.",
        "Safeguarding referrals rose by 23% in two years, and the Safeguarding Adults Board's audit found desired "
        "outcomes recorded in only half of enquiries.",
        "Record desired outcomes in every enquiry and meet them fully or partly for 95% of people; complete "
        "enquiries within 28 days for 80%.",
        260000, "4.0", True, ()),
    4: ("Give children in care stable, loving homes", "social_services", "national",
        "Children Act 1989; PAF A1 and D35 (placement stability)", "michael.brown",
        "Children in care live with families close to home, move as little as possible, and leave care with a home "
        "and a future.",
        "One in eight children in care moved three or more times last year, above the key threshold councils are "
        "judged by. The Children in Care Council told us moving home means changing school and losing friends.",
        "Fewer than 10% of children in care with three or more placements in a year; 25 new fostering households "
        "a year with neighbouring councils' joint campaign.",
        980000, "9.5", True, ()),
    5: ("Help families early, before problems reach crisis point", "social_services", "local",
        "", "simon.patel",
        "Families get help from family hubs, schools and health visitors as soon as problems appear, so fewer need "
        "child protection.",
        "Re-referrals to children's social care within a year are among the highest in the region; councillors "
        "heard from community forums that families do not know where to go for help.",
        "Open three family hubs and cut re-referrals within 12 months from 27% to 20%.",
        640000, "12.0", True, ()),
    6: ("More adults with a learning disability in paid work", "social_services", "local",
        "", "peter.hall",
        "Adults with a learning disability who want a job get one, with support from employers and job coaches.",
        "Only 4.1% of adults with a learning disability known to the council are in paid work (England: 5.6%). "
        "Self-advocates at the Learning Disability Partnership Board asked for this to be a priority.",
        "Double the number in paid work, from 31 to 62 people, by 2027/28.",
        210000, "3.0", True, (A.PARTNERS,)),
    7: ("A council that listens, and learns from complaints", "corporate", "local",
        "", "fiona.grant",
        "People can raise concerns easily, get a timely answer, and see what changed because they spoke up.",
        "Stage 1 complaint responses met the 10-day timescale in only 61% of cases, and the Ombudsman upheld four "
        "complaints about communication last year.",
        "90% of stage 1 complaints answered within 10 working days; a published learning report every quarter.",
        90000, "2.0", True, ()),
    8: ("A skilled and stable social care workforce", "corporate", "local",
        "", "emma.wilson",
        "Fewer agency staff, lower turnover and a workforce that reflects the communities it serves.",
        "18% of social work posts are filled by agency staff at about twice the cost of permanent staff, and "
        "turnover harms continuity for the people we support.",
        "Reduce agency social workers from 18% to 10% of posts and turnover from 17% to 12%.",
        750000, "3.0", False, (A.PARTNERS, A.PROVIDERS)),
}

COMMUNICATIONS = [
    (A.STAFF, "Director's staff briefings, the intranet and team meetings", 4, 10),
    (A.USER_GROUPS, "Presentation to the Older People's Forum, the Carers' Forum and the Learning Disability "
                    "Partnership Board", 4, 18),
    (A.PROVIDERS, "Provider forum briefing and the providers' newsletter", 5, 9),
    (A.PARTNERS, "Health and Wellbeing Board, with the Integrated Care Board, police and the hospital trust", 6, 12),
]

NON_PRIORITIES = [
    ("Extending day centre opening into evenings and weekends",
     "Only 4% of people in the Living well at home consultation asked for it. It would cost about £310,000 a year, "
     "which would come from reablement, which people ranked first.",
     "The Executive agreed not to extend day centre opening hours during this plan (Executive, minute 87).",
     (-1, 2, 12), (1, 2, 1), True),
    ("Building a new council-run residential care home",
     "Local care homes have 9% of beds vacant and the priority is to help people stay in their own homes. Capital "
     "is better spent on extra care housing with housing associations.",
     "The Executive agreed to commission residential care rather than build a home, and to invest £2.4 million in "
     "extra care housing instead (Executive, minute 88).",
     (-1, 2, 12), (3, 1, 31), True),
]

# (title, purpose, months (start, end) relative to the first year, methods, participants, lead, said, priorities,
#  groups [(name, hard to reach, reached, how)], you said we did [(said, did)])
ENGAGEMENT = [
    ("Living well at home: older people's consultation",
     "To find out what matters most to older people and their families about staying independent at home.",
     ((-1, 10, 1), (-1, 12, 15)), ["survey", "public_meeting", "outreach", "forum"], 1240, "rachel.green",
     "Most people want to stay in their own home for as long as possible. Waiting for care after leaving hospital "
     "was the biggest worry. People value seeing the same care workers, and found information about help hard to "
     "find.",
     [1, 2],
     [("Older People's Forum", False, True, "Three forum meetings and the forum's newsletter"),
      ("People who use home care", False, True, "Survey handed out by care workers, with a freepost envelope"),
      ("Black and minority ethnic elders", True, True,
       "Outreach sessions at the Eastgate Community Centre and two mosques, with interpreters"),
      ("Housebound older people", True, True, "Home visits by reablement staff"),
      ("Gypsy and Traveller families", True, False,
       "Two sessions were arranged but nobody came; next time the Traveller Liaison Officer will lead")],
     [("Waiting for care after leaving hospital is the worst part.",
       "We made independence at home Priority 1 and funded eight more reablement workers, so people get support "
       "within 48 hours of leaving hospital."),
      ("Different carers every visit is confusing, especially for people with dementia.",
       "New home care contracts from April require named carer teams in each of four zones."),
      ("Information about help is hard to find.",
       "We are rewriting the adult social care web pages with the Older People's Forum.")]),
    ("Carers' strategy refresh",
     "To hear from unpaid carers what support they need to keep caring and keep well themselves.",
     ((-1, 1, 8), (-1, 3, 20)), ["focus_group", "online", "forum"], 386, "kevin.moore",
     "Carers need breaks, quicker assessments and someone to ask how they are. Working carers want help outside "
     "office hours.",
     [2],
     [("Carers' Forum", False, True, "Two facilitated workshops"),
      ("Young carers", True, True, "Sessions in the school holidays with the young carers' service"),
      ("Working carers", False, True, "Evening online sessions"),
      ("Carers from South Asian communities", True, True, "Sessions in Urdu and Punjabi with a community group")],
     [("We need a proper break.", "We increased the short breaks budget by £120,000 and made breaks easier to book."),
      ("Nobody asked how I was coping.", "Every carer's assessment now includes a wellbeing check.")]),
    ("Children in Care Council: what makes a good home",
     "To hear from children in care and care leavers what a good home and a good social worker look like.",
     ((-1, 6, 3), (-1, 7, 22)), ["workshop", "interviews"], 48, "joanne.taylor",
     "Children want to stay in one home, at one school, near their friends. Care leavers want help with housing "
     "and a first job.",
     [4, 5],
     [("Children in Care Council", False, True, "Four workshops"),
      ("Care leavers aged 18 to 25", True, True, "Interviews at the leaving care drop-in"),
      ("Children placed outside the area", True, False,
       "Only 3 of 27 took part; video calls will be offered next time"),
      ("Foster carers", False, True, "Foster carers' support group")],
     [("Moving home again and again means changing school and losing friends.",
       "Placement stability is Priority 4, and every child at risk of a move now has a stability meeting."),
      ("We want to meet our social worker somewhere that isn't the office.",
       "Social workers now agree with each child where and when they meet.")]),
]

# Milestones: (title, days from today, status, percent, owner or None for the objective's owner, note)
# Objectives: (title, priorities, reason if none, owner, description, milestones)
# Risks: (title, likelihood, impact, mitigations, residual likelihood, residual impact, owner or None)
PLANS = {
    "Assessment and Care Management": dict(
        purpose="Assess adults' needs for care and support under the Care Act 2014, plan their care and review "
                "it, so that people get the right help quickly.",
        budget=6450000, staff="118.5", other="Better Care Fund: £850,000 for hospital discharge.",
        objectives=[
            ("Cut the wait for a Care Act assessment to 28 days or less", [1], "", "rachel.green",
             "Nobody waits more than 28 days for an assessment, and urgent cases are seen within two working days.",
             [("Triage every new referral within two working days", -120, "complete", 100, None, ""),
              ("Clear the assessments waiting more than 90 days", -9, "in_progress", 70, None,
               "42 of 60 long waits cleared; agency assessors extended to January."),
              ("Publish assessment waiting times monthly to the portfolio holder", 5, "in_progress", 30, "data",
               "Report designed; waiting for the first clean extract from the case system."),
              ("Reach 28 days for 85% of assessments for a full quarter", 110, "not_started", 0, None, "")]),
            ("Get people home from hospital safely, with support in place on the day", [1], "", "teammanager",
             "",
             [("Agree the discharge-to-assess pathway with the hospital trust", -60, "complete", 100, None, ""),
              ("Seven-day hospital discharge team rota in place", 12, "in_progress", 40, None,
               "Weekend rota agreed with unions; two posts still to fill."),
              ("Review everyone six weeks after discharge", 70, "in_progress", 20, None, "")]),
            ("Review every person's care plan at least once a year", [1, 3], "", "rachel.green", "",
             [("Annual reviews completed for 60% of people by the half year", -55, "complete", 100, None, ""),
              ("Annual reviews completed for 85% of people", 95, "in_progress", 62, None,
               "On course: 62% done, review team at full strength.")]),
        ],
        risks=[("Too few social workers to meet assessment demand", 4, 4,
                "Agency cover to March; social work apprenticeships; weekly waiting list review.", 3, 3, None),
               ("Winter hospital discharge pressures exceed capacity", 4, 5,
                "Winter plan with the trust; extra reablement hours bought in advance.", 3, 4, "teammanager"),
               ("A case management system outage delays assessments", 2, 4,
                "Paper fallback forms; supplier's four-hour fix agreement.", 1, 4, "lee.harris")]),
    "Reablement and Home Care": dict(
        purpose="Help people regain their independence after illness or a hospital stay with up to six weeks of "
                "free reablement, and arrange good home care for those who need it long term.",
        budget=9800000, staff="86.0", other="Four zone-based home care contracts; 14 reablement vehicles.",
        objectives=[
            ("Increase the share of people still at home 91 days after reablement to 85%", [1], "", "head",
             "Measured by ASCOF 2B(1). Last year: 79%.",
             [("Recruit eight more reablement support workers", -70, "complete", 100, None, ""),
              ("Set goals with a therapist in every reablement plan", -6, "in_progress", 80, None,
               "Running in the north locality; south locality training booked for next week."),
              ("Follow up every person 91 days after reablement ends", 4, "in_progress", 45, "staff",
               "Calls made to 45 of the first 100 people; the rest booked."),
              ("Report the half-year ASCOF 2B(1) result to scrutiny", 40, "not_started", 0, "data", "")]),
            ("Start home care within 48 hours of it being agreed", [1], "", "head", "",
             [("Re-tender home care in four zones with named carer teams", -130, "complete", 100, None, ""),
              ("New zone contracts running in all four zones", -20, "in_progress", 75, None,
               "Three zones live; the Castle Hill provider starts on 1 December."),
              ("Open home care brokerage until 8pm on weekdays", 6, "not_started", 0, None, "")]),
            ("Make sure carers get a break while the person they care for is reabled", [2], "", "head", "",
             [("Offer a carer's assessment at the start of every reablement package", 25, "in_progress", 50, "staff",
               "Offered in half of new packages; script added to the first visit.")]),
        ],
        risks=[("Home care providers cannot recruit enough care workers", 4, 4,
                "Zone contracts pay the real living wage; joint recruitment campaign with providers.", 3, 3, None),
               ("Reablement places blocked by people waiting for long-term home care", 3, 4,
                "Daily flow meeting; bridging care from the in-house team.", 2, 3, None),
               ("Fuel costs make rural home care visits unviable", 3, 3,
                "Rural mileage supplement in the zone contracts.", 2, 3, None)]),
    "Learning Disability and Mental Health": dict(
        purpose="Support adults with a learning disability or mental ill health to live ordinary lives: a home of "
                "their own, work and friendships.",
        budget=14200000, staff="64.0", other="",
        objectives=[
            ("Double the number of adults with a learning disability in paid work", [6], "", "peter.hall", "",
             [("Launch a supported employment service with Ashford Vale College", -90, "complete", 100, None, ""),
              ("Sign up 20 local employers to the Disability Confident scheme", -3, "in_progress", 65, None,
               "13 employers signed; the Chamber of Commerce event is next week."),
              ("Job coaching in place for everyone who wants it", 60, "in_progress", 30, None, "")]),
            ("Move people from residential care into supported living", [1], "", "peter.hall", "",
             [("Open the 12-flat supported living scheme at Brookfield", 35, "in_progress", 55, None,
               "Building handed over; furnishing under way."),
              ("Plan each move with the 12 people and their families", 9, "in_progress", 60, None, "")]),
        ],
        risks=[("Employers withdraw work placements if the economy slows", 3, 3,
                "Spread placements across sectors; the council itself offers 10 placements.", 2, 3, None),
               ("The supported living scheme opens late", 3, 4,
                "Weekly site meetings; people's current homes kept until moves are confirmed.", 2, 3, None)]),
    "Safeguarding Adults": dict(
        purpose="Make enquiries when an adult with care and support needs may be at risk of abuse or neglect, keep "
                "them safe, and make safeguarding personal.",
        budget=1900000, staff="22.0", other="Safeguarding Adults Board contributions from partners: £145,000.",
        objectives=[
            ("Complete safeguarding enquiries within 28 days, asking people what outcome they want", [3], "",
             "angela.wright", "",
             [("Record desired outcomes at the start of every section 42 enquiry", -100, "complete", 100, None, ""),
              ("Audit 40 enquiries with the Safeguarding Adults Board", 3, "in_progress", 25, None,
               "10 audits done; board members booked for the rest."),
              ("Report how many people's outcomes were met to the Board", 80, "not_started", 0, None, "")]),
            ("Every care home has a trained safeguarding lead", [3], "", "angela.wright", "",
             [("Train 45 care home safeguarding leads", -25, "in_progress", 82, None,
               "37 trained; two homes keep cancelling, escalated to commissioning.")]),
        ],
        risks=[("A safeguarding adults review finds agencies missed warning signs", 2, 5,
                "Multi-agency audits; learning briefings after every review.", 2, 4, None),
               ("Rising referrals overwhelm the safeguarding hub", 4, 3,
                "Triage by senior practitioners; police and health co-located in the hub.", 3, 3, None)]),
    "Carers and Prevention": dict(
        purpose="Support unpaid carers, and help people stay well and independent through information, advice and "
                "community support.",
        budget=2300000, staff="18.5", other="Grants to the Carers' Centre and Age UK Ashford Vale.",
        objectives=[
            ("Offer every carer an assessment and a wellbeing check", [2], "", "kevin.moore", "",
             [("New carer's assessment with wellbeing questions", -80, "complete", 100, None, ""),
              ("Assess 80% of carers within 28 days", 50, "in_progress", 55, None, "")]),
            ("Give carers a break when they need one", [2], "", "kevin.moore", "",
             [("Publish the new short breaks offer", -45, "complete", 100, None, ""),
              ("Relaunch the carers' emergency card", 13, "in_progress", 20, None,
               "Card redesigned with carers; printing ordered.")]),
            ("Information and advice that people can find and understand", [1], "", "kevin.moore", "",
             [("Rewrite the adult social care web pages with the Older People's Forum", -16, "in_progress", 90, None,
               "All pages drafted; the forum's last review meeting was postponed.")]),
        ],
        risks=[("Voluntary sector partners lose grant funding", 3, 4,
                "Three-year grant agreements; joint bids to the lottery.", 3, 3, None),
               ("Carers do not come forward because they do not see themselves as carers", 4, 3,
                "GP practice carers' champions; awareness campaign in Carers Week.", 3, 2, None)]),
    "Children in Care": dict(
        purpose="Look after children who cannot live with their families, give them stable homes, and help care "
                "leavers into adult life.",
        budget=21500000, staff="74.0", other="",
        objectives=[
            ("Fewer children moving home three or more times in a year", [4], "", "joanne.taylor", "",
             [("Hold a stability meeting for every child at risk of a move", -95, "complete", 100, None, ""),
              ("Recruit a therapeutic support worker for foster placements", -30, "complete", 100, None, ""),
              ("Keep children with three or more moves below 10% (PAF A1) at the half year", 18, "in_progress", 50,
               None, "Currently 11.2%, down from 12.6%.")]),
            ("Every care leaver has a home and an offer of work, training or education", [4], "", "joanne.taylor",
             "",
             [("Exempt care leavers up to 25 from council tax", -140, "complete", 100, None, ""),
              ("Ring-fence council apprenticeships for care leavers", 8, "in_progress", 40, None,
               "Six posts identified with HR; adverts drafted.")]),
        ],
        risks=[("Too few local foster carers, so children are placed far away", 4, 4,
                "Joint recruitment campaign; higher fees for local carers.", 3, 4, None),
               ("The cost of external residential placements keeps rising", 5, 4,
                "Regional commissioning framework; step-down to fostering reviewed monthly.", 4, 4, None)]),
    "Child Protection": dict(
        purpose="Protect children from significant harm, working with families and partners.",
        budget=8900000, staff="96.0", other="",
        objectives=[
            ("Hold initial child protection conferences within 15 working days", [],
             "A statutory duty under Working Together to Safeguard Children rather than a local priority; it must "
             "be met whatever the priorities.", "daniel.evans", "",
             [("Daily conference scheduling meeting in place", -85, "complete", 100, None, ""),
              ("Increase conference chairs from three to four", -40, "complete", 100, None, ""),
              ("Hold 95% of conferences within 15 working days for a quarter", 25, "in_progress", 60, None, "")]),
            ("Step families down safely to early help when risks reduce", [5], "", "daniel.evans", "",
             [("Agree a joint step-down protocol with Early Help", -10, "in_progress", 85, None,
               "Final draft with the Safeguarding Children Partnership for sign-off."),
              ("Audit 30 step-down cases", 70, "not_started", 0, None, "")]),
        ],
        risks=[("Social worker vacancies above 20%", 4, 5,
                "Recruitment and retention offer; caseload cap of 18.", 3, 4, None),
               ("Partners do not attend child protection conferences", 3, 3,
                "Attendance reported to the Safeguarding Children Partnership.", 2, 3, None)]),
    "Fostering and Adoption": dict(
        purpose="Find and support foster carers and adopters, so that children can grow up in families.",
        budget=7600000, staff="41.0", other="Regional adoption agency contribution: £640,000.",
        objectives=[
            ("Recruit 25 new fostering households", [4], "", "claire.roberts", "",
             [("Launch the joint recruitment campaign with neighbouring councils", -110, "complete", 100, None, ""),
              ("Approve 15 households at fostering panel", -2, "in_progress", 60, None,
               "9 approved; 4 more at panel in December."),
              ("Approve 25 households", 110, "in_progress", 40, None, "")]),
            ("Place children for adoption within 12 months of the decision", [4], "", "claire.roberts", "",
             [("Consider early permanence for every baby", 30, "in_progress", 50, None, "")]),
        ],
        risks=[("Foster carers retire faster than new ones join", 4, 4,
                "Retention payments; support groups; exit interviews.", 3, 3, None)]),
    "Early Help": dict(
        purpose="Help families early through family hubs, with schools, health visitors and the voluntary sector.",
        budget=3100000, staff="38.0", other="Family hubs grant: £410,000.",
        objectives=[
            ("Help more families before problems reach crisis point", [5], "", "simon.patel", "",
             [("Open family hubs in Eastgate and Dunmore", -65, "complete", 100, None, ""),
              ("Start early help assessments within 10 days for 90% of families", 45, "in_progress", 55, None, ""),
              ("Open a family hub in Hollins", 11, "not_started", 0, None, "")]),
            ("Cut re-referrals to children's social care within 12 months", [5], "", "simon.patel", "",
             [("Collect family feedback at the end of every early help plan", 20, "in_progress", 35, None, "")]),
        ],
        risks=[("Family hub funding ends after this year", 3, 4,
                "Business case for mainstream funding to the budget round.", 3, 3, None),
               ("Schools and health visitors refer families late", 3, 3,
                "Early help champions in every school.", 2, 3, None)]),
    "Performance and Intelligence": dict(
        purpose="Give councillors, managers and the public timely, accurate information about performance.",
        budget=780000, staff="11.0", other="",
        objectives=[
            ("Timely, accurate performance information for councillors and managers", [7], "", "nadia.ali", "",
             [("Quarterly performance report to the Executive and Scrutiny on time", -58, "complete", 100, None, ""),
              ("Move service plans and milestones into the performance portal", -35, "complete", 100, None, ""),
              ("Audit the data quality of the ASCOF returns", 16, "in_progress", 45, "martin.young", "")]),
            ("Publish plain-English progress for service users and carers", [7], "", "nadia.ali", "",
             [("Public pages for priorities and plan progress", 30, "in_progress", 20, None, "")]),
        ],
        risks=[("Late or inaccurate data from services undermines reports", 3, 4,
                "Data officers named in the scheme of delegation; monthly data quality checks.", 2, 3, None)]),
    "Customer Relations and Complaints": dict(
        purpose="Handle complaints and compliments fairly and on time, and make sure the council learns from them.",
        budget=520000, staff="9.0", other="",
        objectives=[
            ("Respond to stage 1 complaints within 10 working days", [7], "", "gareth.jones", "",
             [("Triage complaints by the end of the next working day", -100, "complete", 100, None, ""),
              ("Rewrite response letter templates in plain English", -18, "in_progress", 70, "complaints",
               "Adults' templates done; children's templates with legal."),
              ("Answer 90% of stage 1 complaints on time for a quarter", 60, "in_progress", 30, None, "")]),
            ("Learn from every upheld complaint", [7], "", "gareth.jones", "",
             [("Quarterly learning report to the directors' management team", 1, "in_progress", 80, "complaints",
               "")]),
        ],
        risks=[("Complaint numbers rise faster than the team can handle", 3, 3,
                "Service complaint champions; temporary staff when the backlog passes 40.", 2, 3, None)]),
    "Human Resources": dict(
        purpose="Recruit, keep and develop the people the council's services depend on.",
        budget=1450000, staff="21.0", other="",
        objectives=[
            ("Reduce agency social workers from 18% to 10% of posts", [8], "", "emma.wilson", "",
             [("Agree a social worker recruitment and retention offer", 15, "in_progress", 60, None, "")]),
            ("Complete an appraisal for every member of staff", [8], "", "hr", "",
             [("Report appraisal completion to directors", 45, "not_started", 0, None, "")]),
        ],
        risks=[("Neighbouring councils pay social workers more", 4, 3,
                "Market supplement; flexible working; career progression scheme.", 3, 3, None)]),
    "Digital and ICT": dict(
        purpose="Keep the council's systems secure and working, and help services work digitally.",
        budget=4100000, staff="35.0", other="Capital: £1.2 million for the case management system.",
        objectives=[
            ("Replace the adult social care case management system before support ends", [],
             "A technical necessity: the supplier ends support in March 2028. It serves every priority "
             "indirectly.", "lee.harris", "",
             [("Business case approved", -70, "complete", 100, None, ""),
              ("Choose the supplier through the national framework", 40, "in_progress", 50, None, "")]),
            ("Staff can work securely from any council building or from home", [8], "", "lee.harris", "",
             [("Replace laptops for 400 social care staff", 20, "in_progress", 45, None, "")]),
        ],
        risks=[("Data migration loses or corrupts case records", 3, 5,
                "Trial migrations; reconciliation reports signed off by services.", 2, 4, None),
               ("A cyber attack takes systems offline", 3, 5,
                "Offline backups; staff training; tested recovery plan.", 2, 5, None)]),
}

DIRECTORS = {"Adult Social Care": "director", "Children's Services": "michael.brown",
             "Corporate Resources": "fiona.grant"}
HEADS = {
    "Assessment and Care Management": "rachel.green", "Reablement and Home Care": "head",
    "Learning Disability and Mental Health": "peter.hall", "Safeguarding Adults": "angela.wright",
    "Carers and Prevention": "kevin.moore", "Children in Care": "joanne.taylor",
    "Child Protection": "daniel.evans", "Fostering and Adoption": "claire.roberts", "Early Help": "simon.patel",
    "Performance and Intelligence": "nadia.ali", "Customer Relations and Complaints": "gareth.jones",
    "Human Resources": "emma.wilson", "Digital and ICT": "lee.harris",
}
# Most plans for the year were approved in the spring; these two are still on their way.
NOT_YET_APPROVED = {
    "Digital and ICT": ServicePlan.Status.SUBMITTED,
    "Human Resources": ServicePlan.Status.RETURNED,
}
RETURN_REASON = ("Objective 2 needs milestones for the mid-year and end-of-year reviews, and the recruitment offer "
                 "needs the date it goes to the Executive. Please also add the risk that the pay review is delayed.")


class Builder:
    def __init__(self):
        self.today = timezone.localdate()
        self.year = periods.fiscal_year_of(self.today)
        self.people = {}

    def person(self, key):
        if key not in self.people:
            self.people[key] = User.objects.get(email=f"{key}@{DOMAIN}")
        return self.people[key]

    def day(self, years, month, day):
        """A date in the strategic plan's first year (+ `years`), by month and day."""
        first = self.strategic_plan.first_year
        return datetime.date(first + years + (month < 4), month, day)

    def build(self):
        self.strategic_plan = self.strategic_plan_()
        self.priorities = self.priorities_()
        self.non_priorities()
        self.engagement()
        for service in Service.objects.select_related("directorate").order_by("name"):
            if service.name in PLANS:
                self.service_plan(service)

    def strategic_plan_(self):
        first, last = self.year - 2, self.year + 1
        existing = StrategicPlan.objects.covering(self.year).first()
        if existing:
            return existing
        return services.strategic_plan_create(
            title=f"Council Plan {first}–{last + 1}: Caring, Fair, Ambitious", first_year=first, last_year=last,
            vision="An Ashford Vale where people live well and independently, children grow up safe and loved, "
                   "and the council listens, learns and spends every pound wisely.",
            adopted_on=datetime.date(first, 2, 21),
        )

    def priorities_(self):
        found = {p.number: p for p in self.strategic_plan.priorities.all()}
        for number, row in PRIORITIES.items():
            if number in found:
                continue
            (title, area, origin, source, owner, description, rationale, ambition, budget, staff, published,
             untold) = row
            priority = services.priority_create(
                strategic_plan=self.strategic_plan, title=title, area=area, origin=origin, national_source=source,
                owner=self.person(owner), description=description, rationale=rationale, ambition_evidence=ambition,
                budget=budget, staff_fte=staff, capacity="", status=Priority.Status.AGREED, is_published=published,
            )
            for audience, channel, month, day in COMMUNICATIONS:
                if audience not in untold:
                    services.communication_create(priority=priority, audience=audience, channel=channel,
                                                  communicated_on=self.day(0, month, day), note="")
            found[number] = priority
        return found

    def non_priorities(self):
        for title, reason, decision, decided, review, published in NON_PRIORITIES:
            if NonPriority.objects.filter(strategic_plan=self.strategic_plan, title=title).exists():
                continue
            services.non_priority_create(strategic_plan=self.strategic_plan, title=title, reason=reason,
                                         decision=decision, decided_on=self.day(*decided),
                                         review_on=self.day(*review), is_published=published)

    def engagement(self):
        for (title, purpose, (starts, ends), methods, participants, lead, said, priorities, groups,
             responses) in ENGAGEMENT:
            if EngagementExercise.objects.filter(title=title).exists():
                continue
            exercise = services.engagement_exercise_create(
                title=title, purpose=purpose, methods=methods, starts_on=self.day(*starts), ends_on=self.day(*ends),
                participants=participants, lead_officer=self.person(lead), what_people_said=said,
                priorities=[self.priorities[n] for n in priorities], is_published=True,
            )
            for name, hard, reached, how in groups:
                services.engagement_group_create(exercise=exercise, name=name, is_hard_to_reach=hard,
                                                 reached=reached, how=how)
            for you_said, we_did in responses:
                services.you_said_we_did_create(exercise=exercise, you_said=you_said, we_did=we_did)

    def due(self, plan, offset):
        day = self.today + datetime.timedelta(days=offset)
        return min(max(day, plan.starts_on), plan.ends_on)

    def service_plan(self, service):
        if ServicePlan.objects.filter(service=service, year=self.year).exists():
            return
        data = PLANS[service.name]
        head = self.person(HEADS[service.name])
        director = self.person(DIRECTORS[service.directorate.name])
        status = NOT_YET_APPROVED.get(service.name, ServicePlan.Status.APPROVED)
        published = status == ServicePlan.Status.APPROVED
        plan = services.plan_create(service=service, year=self.year, actor=head)
        services.plan_update(plan=plan, purpose=data["purpose"], budget=data["budget"], staff_fte=data["staff"],
                             other_resources=data["other"])
        progress = []
        for title, numbers, reason, owner, description, milestones in data["objectives"]:
            owner = self.person(owner)
            objective = services.objective_create(
                plan=plan, title=title, description=description, priorities=[self.priorities[n] for n in numbers],
                no_priority_reason=reason, owner=owner, is_published=published,
            )
            for m_title, offset, m_status, percent, m_owner, note in milestones:
                milestone = services.milestone_create(
                    objective=objective, title=m_title, due_on=self.due(plan, offset),
                    owner=self.person(m_owner) if m_owner else owner, is_published=published,
                )
                if m_status != "not_started":
                    progress.append((milestone, m_status, percent, note))
        for r_title, likelihood, impact, mitigations, r_likelihood, r_impact, r_owner in data["risks"]:
            services.risk_create(
                plan=plan, title=r_title, description="", likelihood=likelihood, impact=impact,
                mitigations=mitigations, residual_likelihood=r_likelihood, residual_impact=r_impact,
                owner=self.person(r_owner) if r_owner else head,
                review_on=min(self.today + datetime.timedelta(days=45), plan.ends_on),
            )
        self.workflow(plan, head, director, status)
        for milestone, m_status, percent, note in progress:
            recorded = min(milestone.due_on, self.today) if m_status == "complete" else (
                self.today - datetime.timedelta(days=6))
            services.milestone_record_progress(
                milestone=milestone, actor=milestone.owner, status=m_status, percent_complete=percent,
                note=note or ("Done and signed off at the service management team." if m_status == "complete"
                              else f"Reviewed at the service management team: {percent}% complete."),
                recorded_on=max(recorded, plan.starts_on - datetime.timedelta(days=30)),
            )
        if service.name == "Reablement and Home Care" and plan.status == ServicePlan.Status.APPROVED:
            services.plan_copy_forward(plan=plan, actor=head)  # next year's draft, as business planning starts

    def workflow(self, plan, head, director, status):
        """Move the plan to its demo status, dated as the spring business-planning round would have it."""
        def at(day):
            return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))

        def days_ago(n):
            return at(self.today - datetime.timedelta(days=n))

        PlanTransition.objects.filter(plan=plan).update(at=at(datetime.date(plan.year, 1, 15)))
        services.plan_submit(plan=plan, actor=head)
        submitted = PlanTransition.objects.filter(plan=plan, to_status=ServicePlan.Status.SUBMITTED)
        if status == ServicePlan.Status.SUBMITTED:  # a late plan, waiting for its director
            submitted.update(at=days_ago(12))
        elif status == ServicePlan.Status.RETURNED:  # a late plan, sent back
            services.plan_return(plan=plan, actor=director, reason=RETURN_REASON)
            submitted.update(at=days_ago(30))
            PlanTransition.objects.filter(plan=plan, to_status=status).update(at=days_ago(21))
        else:
            services.plan_approve(plan=plan, actor=director)
            submitted.update(at=at(datetime.date(plan.year, 3, 3)))
            PlanTransition.objects.filter(plan=plan, to_status=status).update(at=at(datetime.date(plan.year, 3, 24)))


@transaction.atomic
def seed():
    Builder().build()


def link_indicators():
    """Let each demo objective be measured by its service's indicators (after both apps are seeded).

    Each objective of this year's and later plans takes up to two of its service's
    indicators, in turn, so every plan shows targets and RAG beside its objectives.
    Idempotent: objectives already measured are left as they are.
    """
    from indicators.models import Indicator

    by_service = {}
    for indicator in Indicator.objects.filter(is_active=True).order_by("code"):
        by_service.setdefault(indicator.service_id, []).append(indicator)
    this_year = periods.fiscal_year_of(timezone.localdate())
    objectives = (Objective.objects.filter(plan__year__gte=this_year, indicators__isnull=True)
                  .select_related("plan").order_by("plan__service_id", "number"))
    links = []
    for objective in objectives:
        choices = by_service.get(objective.plan.service_id, [])
        if choices:
            start = (objective.number - 1) % len(choices)
            chosen = {choices[start], choices[(start + 1) % len(choices)]}
            links += [Objective.indicators.through(objective=objective, indicator=i) for i in chosen]
    Objective.indicators.through.objects.bulk_create(links, ignore_conflicts=True)
