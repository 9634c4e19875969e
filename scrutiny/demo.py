"""The demo council's committees, scrutiny work programme and reviews.

Deterministic and idempotent: a council that already has committees is left as
it is, so the demo survives `make run` restarts. Runs after the organisation,
priorities and indicators demos (it puts a watchlist indicator on the work
programme).
"""

import datetime

from django.utils import timezone

from indicators.models import Indicator
from organisation.demo import DOMAIN
from organisation.models import Directorate, Portfolio, Service, User
from scrutiny.models import (
    AgendaItem,
    Committee,
    CommitteeMember,
    Evidence,
    ImplementationUpdate,
    Meeting,
    Recommendation,
    ReviewMember,
    ScrutinyReview,
    Topic,
    municipal_year_of,
)

HEALTH_COMMITTEE = "Health and Adult Social Care Scrutiny Committee"
WATCHED_INDICATOR = "AV ACM 02"  # deteriorating in the indicators demo


def _person(key):
    return User.objects.filter(email=f"{key}@{DOMAIN}").first()


def _named(first, last):
    return User.objects.filter(first_name=first, last_name=last).first()


def seed(today=None):
    """Load the committees, work programme and reviews once; return the health scrutiny committee."""
    if Committee.objects.exists():
        return Committee.objects.filter(name=HEALTH_COMMITTEE).first()
    today = today or timezone.localdate()
    days = datetime.timedelta

    leader, portfolio_holder, chair = _person("leader"), _person("portfolio"), _person("scrutiny")
    performance = _person("performance")
    executive = Committee.objects.create(
        name="Executive", kind=Committee.Kind.EXECUTIVE,
        remit="Takes executive decisions and responds to scrutiny reports within 2 months.")
    health = Committee.objects.create(
        name=HEALTH_COMMITTEE, kind=Committee.Kind.SCRUTINY, has_health_scrutiny_powers=True,
        remit="Scrutinises adult social care and, with health scrutiny powers, any matter of local NHS services, "
              "especially where primary health care meets social services.")
    children = Committee.objects.create(name="Children and Young People Scrutiny Committee",
                                        kind=Committee.Kind.SCRUTINY,
                                        remit="Scrutinises children's social care, education and early help.")
    health.directorates.set(Directorate.objects.filter(name="Adult Social Care"))
    children.directorates.set(Directorate.objects.filter(name="Children's Services"))
    members = [(executive, leader, "chair"), (executive, portfolio_holder, "member"),
               (executive, _named("Paul", "Fletcher"), "member"), (executive, _named("Margaret", "Stone"), "member"),
               (health, chair, "chair"), (health, _named("Beverley", "Shaw"), "vice_chair"),
               (health, _named("Gurpreet", "Sandhu"), "member")]
    CommitteeMember.objects.bulk_create([CommitteeMember(committee=c, person=p, role=r) for c, p, r in members if p])

    past = Meeting.objects.create(committee=health, held_on=today - days(42), venue="Council Chamber, Ashford Vale "
                                  "Town Hall", starts_at=datetime.time(18, 30))
    upcoming = Meeting.objects.create(committee=health, held_on=today + days(21), venue="Committee Room 1",
                                      starts_at=datetime.time(18, 30))
    Meeting.objects.create(committee=executive, held_on=today + days(14), venue="Committee Room 2",
                           starts_at=datetime.time(10, 0))

    year = municipal_year_of(today)
    watched = Indicator.objects.filter(code=WATCHED_INDICATOR).first()
    acm = Service.objects.filter(name="Assessment and Care Management").first()
    topics = {
        "waits": Topic(committee=health, title="People waiting for a Care Act assessment", indicator=watched,
                       service=acm, source=Topic.Source.WATCHLIST, year=year, priority=Topic.Priority.HIGH,
                       method=Topic.Method.REPORT, status=Topic.Status.SCHEDULED, meeting=upcoming,
                       source_detail="Worse in each of the last quarters",
                       description="The number waiting has risen each quarter; members want to know why and what "
                                   "the recovery plan is."),
        "discharge": Topic(committee=health, title="Hospital discharge and reablement", service=acm,
                           source=Topic.Source.COUNCILLOR, source_detail="Cllr Sarah Lewis", year=year - 1,
                           priority=Topic.Priority.HIGH, method=Topic.Method.REVIEW, status=Topic.Status.DONE,
                           is_health=True,
                           description="Delays leaving hospital at the interface between the NHS trust and adult "
                                       "social care."),
        "carers": Topic(committee=health, title="Support for unpaid carers", source=Topic.Source.PUBLIC,
                        source_detail="Ashford Vale Carers' Forum", year=year, priority=Topic.Priority.MEDIUM,
                        method=Topic.Method.REVIEW, status=Topic.Status.IN_PROGRESS,
                        service=Service.objects.filter(name="Carers and Prevention").first(),
                        description="Carers told the forum that respite is hard to arrange at short notice."),
        "charging": Topic(committee=health, title="Complaints about charging for care", source=Topic.Source.COMPLAINTS,
                          source_detail="Charging was the largest category of adult complaints last year",
                          year=year, priority=Topic.Priority.MEDIUM, method=Topic.Method.BRIEFING,
                          status=Topic.Status.PROPOSED),
        "gp": Topic(committee=health, title="GP access for care home residents", source=Topic.Source.OFFICERS,
                    source_detail="Integrated Care Board", year=year, priority=Topic.Priority.LOW,
                    method=Topic.Method.REPORT, status=Topic.Status.PROPOSED, is_health=True,
                    description="Health scrutiny: whether care home residents can see a GP as quickly as others."),
    }
    Topic.objects.bulk_create(topics.values())

    AgendaItem.objects.bulk_create([
        AgendaItem(meeting=past, number=1, title="Quarterly performance report", kind=AgendaItem.Kind.PERFORMANCE_REPORT,
                   description="Indicators against target, the watchlist and comparators."),
        AgendaItem(meeting=past, number=2, title="Hospital discharge review: executive response",
                   kind=AgendaItem.Kind.REVIEW),
        AgendaItem(meeting=upcoming, number=1, title="Quarterly performance report",
                   kind=AgendaItem.Kind.PERFORMANCE_REPORT),
        AgendaItem(meeting=upcoming, number=2, title="People waiting for a Care Act assessment",
                   kind=AgendaItem.Kind.INDICATOR, indicator=watched, topic=topics["waits"]),
    ])

    # A completed review: report, responses, implementation and outcome.
    done = ScrutinyReview.objects.create(
        committee=health, topic=topics["discharge"], title="Hospital discharge and reablement",
        scope="How quickly people leave hospital with care in place, and whether reablement keeps them at home. "
              "Not in scope: NHS bed management.",
        key_questions="Where do delays arise?\nDoes reablement reduce long-term care?",
        status=ScrutinyReview.Status.COMPLETE, started_on=today - days(300), reported_on=today - days(200),
        report_summary="Delays arise mostly at weekends, when brokerage is closed. Reablement works, but too few "
                       "people are offered it.",
        is_published=True, published_on=today - days(200),
        outcome="Weekend discharges with care in place rose; the reablement offer is now made to every person "
                "leaving hospital who could benefit.")
    ReviewMember.objects.bulk_create([
        ReviewMember(review=done, person=chair, role=ReviewMember.Role.LEAD),
        ReviewMember(review=done, person=_named("Beverley", "Shaw"), role=ReviewMember.Role.MEMBER),
        ReviewMember(review=done, name="Ann Phillips", organisation="Healthwatch Ashford Vale",
                     role=ReviewMember.Role.CO_OPTEE),
    ])
    Evidence.objects.bulk_create([
        Evidence(review=done, kind=Evidence.Kind.WITNESS, title="Director of Adult Social Care",
                 gathered_on=today - days(270), source="Helen Okafor",
                 summary="Brokerage closes at 5pm on Friday; weekend packages wait until Monday."),
        Evidence(review=done, kind=Evidence.Kind.SITE_VISIT, title="Visit to the hospital discharge hub",
                 gathered_on=today - days(250), source="Ashford Vale General Hospital",
                 summary="Members saw the daily discharge meeting and met ward staff."),
        Evidence(review=done, kind=Evidence.Kind.DOCUMENT, title="Reablement outcomes 2024/25",
                 gathered_on=today - days(240), summary="64% of reablement episodes ended with no ongoing care."),
    ])
    asc = Portfolio.objects.filter(name="Adult Social Care and Health").first()
    recs = [
        Recommendation(review=done, number=1, addressed_to=asc, text="Open home care brokerage at weekends.",
                       response=Recommendation.Response.ACCEPTED, responded_on=today - days(170),
                       responded_by=portfolio_holder, implementation=Recommendation.Implementation.IMPLEMENTED,
                       outcome="Weekend brokerage began in the spring."),
        Recommendation(review=done, number=2, addressed_to=asc,
                       text="Offer reablement to everyone leaving hospital who could benefit.",
                       response=Recommendation.Response.PARTLY_ACCEPTED, responded_on=today - days(175),
                       responded_by=portfolio_holder,
                       response_reasons="Accepted for people aged 65 and over first; younger adults from next year.",
                       implementation=Recommendation.Implementation.IN_PROGRESS),
        Recommendation(review=done, number=3, text="Fund a second hospital social work team from reserves.",
                       response=Recommendation.Response.REJECTED, responded_on=today - days(140),
                       responded_by=leader,
                       response_reasons="Reserves cannot fund recurring posts; the first team's capacity is "
                                        "being reviewed instead.",
                       implementation=Recommendation.Implementation.NOT_IMPLEMENTED),
    ]
    Recommendation.objects.bulk_create(recs)
    ImplementationUpdate.objects.bulk_create([
        ImplementationUpdate(recommendation=recs[0], recorded_on=today - days(120), recorded_by=performance,
                             implementation=Recommendation.Implementation.IMPLEMENTED,
                             note="Weekend brokerage live from April."),
        ImplementationUpdate(recommendation=recs[1], recorded_on=today - days(90), recorded_by=performance,
                             implementation=Recommendation.Implementation.IN_PROGRESS,
                             note="Offer made to people aged 65 and over since June."),
    ])

    # A review whose report is with the executive: one response is overdue.
    waiting = ScrutinyReview.objects.create(
        committee=health, topic=topics["carers"], title="Support for unpaid carers",
        scope="Respite, carers' assessments and information for carers.",
        status=ScrutinyReview.Status.AWAITING_RESPONSE, started_on=today - days(160),
        reported_on=today - days(70),
        report_summary="Carers value the service but cannot arrange respite at short notice.", is_published=False)
    ReviewMember.objects.bulk_create([
        ReviewMember(review=waiting, person=_named("Gurpreet", "Sandhu"), role=ReviewMember.Role.LEAD),
        ReviewMember(review=waiting, name="Mo Ahmed", organisation="Ashford Vale Carers' Forum",
                     role=ReviewMember.Role.CO_OPTEE),
    ])
    Evidence.objects.create(review=waiting, kind=Evidence.Kind.SUBMISSION, title="Carers' Forum survey",
                            gathered_on=today - days(120), source="Ashford Vale Carers' Forum",
                            summary="Two in three carers could not book respite within a month.")
    Recommendation.objects.bulk_create([
        Recommendation(review=waiting, number=1, addressed_to=asc,
                       text="Create an emergency respite service bookable within 48 hours."),
        Recommendation(review=waiting, number=2, addressed_to=asc,
                       text="Offer every carer a carer's assessment within 28 days of asking."),
    ])
    best_value(today, health, performance)
    decisions(today, health, upcoming)
    health_scrutiny(today, health, topics)
    health_check(leader or performance)
    return health


def health_check(leader):
    """A health check recorded by the Executive, on the evidence as it stands."""
    from scrutiny import selectors, services

    questions = selectors.health_check_evidence(leader)
    ratings = {"strong": "strong", "adequate": "adequate", "weak": "weak", "unknown": "adequate"}
    answers = {q.number: (ratings[q.suggested], "Reviewed with the corporate management team.",
                          "Report progress at the next health check." if q.suggested == "weak" else "")
               for q in questions}
    answers[3] = (answers[3][0], "Figures arrive on time in most services; children's data are often late.",
                  "Data officers in Children's Services to enter figures within 20 days.")
    services.health_check_record(
        reviewed_by="The Executive with the corporate management team", overall="improve",
        summary="The arrangements work, but late data in some services and unreviewed risks need attention.",
        answers=answers, by=leader,
        evidence={str(q.number): [{"label": m.label, "count": m.count, "total": m.total} for m in q.measures]
                  for q in questions})


def health_scrutiny(today, health, topics):
    """NHS bodies, information requests (one answered, one overdue) and a substantial change proposal."""
    from scrutiny.models import InformationRequest, NhsBody, SubstantialChange

    days = datetime.timedelta
    icb = NhsBody.objects.create(name="Ashford Vale Integrated Care Board", kind=NhsBody.Kind.ICB,
                                 contact="Director of Strategy")
    trust = NhsBody.objects.create(name="Ashford Vale General Hospital NHS Trust", kind=NhsBody.Kind.ACUTE,
                                   contact="Chief Operating Officer")
    NhsBody.objects.create(name="Vale Community Health NHS Trust", kind=NhsBody.Kind.COMMUNITY)
    topics["gp"].nhs_bodies.set([icb])
    topics["discharge"].nhs_bodies.set([trust])
    InformationRequest.objects.bulk_create([
        InformationRequest(committee=health, nhs_body=trust, topic=topics["discharge"],
                           subject="Delayed discharges by reason", requested_on=today - days(90),
                           request="Numbers of people medically fit but waiting, by reason, for the last year.",
                           due_on=today - days(62), responded_on=today - days(70),
                           response="Half waited for home care; a quarter for a care home place."),
        InformationRequest(committee=health, nhs_body=icb, topic=topics["gp"],
                           subject="GP visits to care homes", requested_on=today - days(40),
                           request="How often GPs visit each care home, and the enhanced health in care homes "
                                   "service's coverage.", due_on=today - days(12)),
    ])
    SubstantialChange.objects.create(
        committee=health, nhs_body=icb, title="Moving minor injuries to the urgent treatment centre",
        description="Close the minor injuries unit at Brookfield and move it to the new urgent treatment centre.",
        received_on=today - days(20), consultation_ends_on=today + days(40))


def decisions(today, health, meeting):
    """Two executive decisions: one still in its call-in window, one called in and awaiting the committee."""
    from scrutiny import services

    asc = Portfolio.objects.filter(name="Adult Social Care and Health").first()
    recent = services.decision_save(data={
        "reference": "ED/2026/031", "title": "Home care rates for 2027/28",
        "decision": "Raise the hourly rate paid to home care providers by 6.5% from April.",
        "made_by": "The Executive", "portfolio": asc, "made_on": today - datetime.timedelta(days=2),
        "published_on": today - datetime.timedelta(days=1), "is_key_decision": True, "call_in_committee": health})
    called = services.decision_save(data={
        "reference": "ED/2026/027", "title": "Close Brookfield day centre",
        "decision": "Close the day centre and offer personal budgets to its 34 users.",
        "made_by": "Executive Member for Adult Social Care and Health", "portfolio": asc,
        "made_on": today - datetime.timedelta(days=8), "published_on": today - datetime.timedelta(days=7),
        "is_key_decision": True, "call_in_committee": health})
    members = [m for m in (_named("Beverley", "Shaw"), _named("Gurpreet", "Sandhu"), _person("scrutiny")) if m]
    if len(members) >= health.call_in_signatories:
        services.call_in_record(decision=called, called_in_on=called.published_on + datetime.timedelta(days=1),
                                reasons="Users and carers were not consulted on the alternatives.",
                                members=members, meeting=meeting)
    return recent


def best_value(today, health, performance):
    """One Best Value review in progress: home care, at the options appraisal."""
    from indicators.models import Indicator
    from scrutiny.models import BestValueReview, DeliveryOption, FourCsEvidence, FourCsSection

    service = Service.objects.filter(name="Reablement and Home Care").first()
    if service is None:
        return
    review = BestValueReview.objects.create(
        title="Home care: Best Value review", service=service, year=municipal_year_of(today), stage="options",
        scope="All home care commissioned or provided by the council for adults, including reablement. Not in "
              "scope: extra care housing.",
        scope_agreed_by=health, scope_agreed_on=today - datetime.timedelta(days=120),
        lead_officer=_person("head"),
        baseline="£14.2m a year; 1,150 people receiving about 9,800 hours a week; 420 hours awaiting a provider.")
    review.indicators.set(Indicator.objects.filter(service=service))
    findings = {
        "challenge": ("Home care is a statutory duty and people want to stay at home; the question is how it is "
                      "bought, not whether.", True),
        "compare": ("Unit costs are above the near-neighbour median and the hours awaiting a provider have risen "
                    "for several periods.", True),
        "consult": ("Users value continuity of carer above everything; providers cite travel time in rural "
                    "wards.", False),
        "compete": ("", False),
    }
    sections = {c: FourCsSection(review=review, c=c, findings=f, is_complete=done)
                for c, (f, done) in findings.items()}
    FourCsSection.objects.bulk_create(sections.values())
    FourCsEvidence.objects.bulk_create([
        FourCsEvidence(section=sections["consult"], title="Home care users' survey", source="420 replies",
                       summary="78% rated continuity of carer as most important."),
        FourCsEvidence(section=sections["consult"], title="Provider forum", source="12 providers",
                       summary="Travel time in Hollins and Greenbank wards is unpaid and deters carers."),
        FourCsEvidence(section=sections["challenge"], title="Care Act 2014 duties", source="Legal services",
                       summary="The council must meet eligible needs; home care is the usual way."),
    ])
    DeliveryOption.objects.bulk_create([
        DeliveryOption(review=review, name="Keep spot purchasing", delivery="external", cost_score=2,
                       quality_score=2, risk_score=3),
        DeliveryOption(review=review, name="Zoned contracts with guaranteed hours", delivery="external",
                       cost_score=3, quality_score=4, risk_score=3, is_preferred=True,
                       description="Fewer providers, each covering a zone, paid for travel."),
        DeliveryOption(review=review, name="Bring rural zones in-house", delivery="in_house", cost_score=2,
                       quality_score=4, risk_score=2),
    ])
