"""The demo council's public side: feedback (answered, waiting for an answer, waiting for moderation,
not published) and a finished, published Best Value review with its improvement plan.

Runs after the other apps' demo data; idempotent. Rows are written directly, already moderated and
answered, so loading the demo sends no e-mail.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from organisation.demo import DOMAIN
from organisation.models import Service, User
from priorities.models import Priority
from public.models import Feedback
from public.services import accountable_officer_for

# (about: priority number or service name, days ago, relationship, comment, published text or None if
#  pending, answer, name, email, reason when not published)
FEEDBACK = [
    (1, 41, Feedback.Relationship.CARER,
     "My dad's reablement after his fall was brilliant and he got his confidence back. But when it ended there "
     "was a three-week wait for home care, and he was back in hospital within a month.",
     None,
     "Thank you for telling us, and we are sorry about the wait your father had. The hours of home care waiting "
     "for a provider is one of our figures that is off target, and our Best Value review of home care found the "
     "same thing. From April we are paying providers for travel time in rural wards and moving to zoned "
     "contracts with guaranteed hours, so that care can start when reablement ends.", "", "", ""),
    (2, 27, Feedback.Relationship.CARER,
     "I waited four months for my carer's assessment. Once it happened the support was good, but by then I was "
     "exhausted.",
     None,
     "Thank you. Carers' assessments are too slow in some areas: we have added two assessors to the Carers "
     "Support team and now offer an assessment by phone within 28 days for anyone who asks. We will publish how "
     "long people wait each quarter.", "", "", ""),
    ("Reablement and Home Care", 19, Feedback.Relationship.SERVICE_USER,
     "The reablement team were kind and patient and got me walking to the shops again after six weeks. Please "
     "thank them from me.",
     None,
     "Thank you for taking the time to tell us. We have passed your thanks on to the team.", "", "", ""),
    ("Safeguarding Adults", 9, Feedback.Relationship.PROFESSIONAL,
     "The leaflets about keeping safe from abuse are only in English. Many of the families I work with read "
     "Polish or Urdu first.",
     None, "", "", "", ""),
    (3, 3, Feedback.Relationship.PUBLIC,
     "How do I report a worry about a neighbour who seems to be being taken advantage of? It was not obvious from "
     "the website.",
     "pending", "", "Sam Example", "sam@example.com", ""),
    ("Carers and Prevention", 6, Feedback.Relationship.CARER,
     "My mother, who lives at 14 Elm Road, has had three different carers this week and none of them knew about "
     "her medication.",
     "withheld", "", "", "", Feedback.Reason.PERSONAL),
]


def _person(key):
    return User.objects.filter(email=f"{key}@{DOMAIN}").first()


def feedback(today=None):
    if Feedback.objects.exists():
        return
    now = timezone.now()
    moderator = _person("performance")
    priorities = {p.number: p for p in Priority.objects.filter(is_published=True)}
    services = {s.name: s for s in Service.objects.select_related("delegation__accountable_officer",
                                                                 "delegation__deputy_accountable_officer")}
    for about, days, relationship, comment, state, answer, name, email, reason in FEEDBACK:
        priority = priorities.get(about) if isinstance(about, int) else None
        service = services.get(about) if isinstance(about, str) else None
        if priority is None and service is None:
            continue
        sent = now - datetime.timedelta(days=days, hours=3)
        officer = accountable_officer_for(priority=priority, service=service)
        item = Feedback(priority=priority, service=service, comment=comment, relationship=relationship, name=name,
                        email=email, consented_at=sent, submitted_at=sent, routed_to=officer)
        if state is None:
            item.status = Feedback.Status.PUBLISHED
            item.published_text = comment
            item.moderated_by, item.moderated_at = moderator, sent + datetime.timedelta(days=1)
            item.notified_at = item.moderated_at
            if answer:
                item.answer = answer
                item.answered_by = officer or moderator
                item.answered_at = sent + datetime.timedelta(days=min(days - 1, 6))
        elif state == "withheld":
            item.status = Feedback.Status.NOT_PUBLISHED
            item.reason = reason
            item.moderation_note = "Passed to the service manager to follow up with the family directly."
            item.moderated_by, item.moderated_at = moderator, sent + datetime.timedelta(hours=20)
        item.save()


def best_value(today=None):
    """A finished Best Value review of day opportunities, published with its judgement and improvement plan."""
    from scrutiny.models import (
        BestValueReview,
        Committee,
        DeliveryOption,
        FourCsSection,
        ImprovementAction,
    )

    title = "Day opportunities for adults with a learning disability: Best Value review"
    service = Service.objects.filter(name="Learning Disability and Mental Health").first()
    if service is None or BestValueReview.objects.filter(title=title).exists():
        return
    today = today or timezone.localdate()
    days = datetime.timedelta
    lead = _person("peter.hall") or User.objects.filter(kind=User.Kind.OFFICER).first()
    review = BestValueReview.objects.create(
        title=title, service=service, year=today.year - 1 if today.month < 4 else today.year, stage="monitoring",
        scope="Day centres, community activities and supported employment for adults with a learning disability.",
        scope_agreed_by=Committee.objects.filter(kind=Committee.Kind.SCRUTINY).first(),
        scope_agreed_on=today - days(400), lead_officer=lead,
        baseline="£3.1m a year; 210 people using two day centres; 14 in supported employment.",
        report_summary="People value their day centres for friendship, but few are helped towards work or "
                       "community activities, and the cost per person is above similar councils.",
        approved_on=today - days(200), service_stars=1, prospects="promising",
        judgement_notes="A fair service: safe and well liked, but too little help into work. The improvement "
                        "plan is realistic and has started well.",
        judged_on=today - days(190), is_published=True)
    findings = {
        "challenge": "People want more than a building to go to: most asked for help into work and activities "
                     "near home.",
        "compare": "Cost per person is 12% above the near-neighbour median; fewer adults are in paid work than in "
                   "most similar councils.",
        "consult": "Users, families and the Learning Disability Partnership Board were clear: keep the friendships, "
                   "add real choices.",
        "compete": "A local social enterprise can provide supported employment; day centres stay in-house.",
    }
    FourCsSection.objects.bulk_create([FourCsSection(review=review, c=c, findings=f, is_complete=True)
                                       for c, f in findings.items()])
    DeliveryOption.objects.bulk_create([
        DeliveryOption(review=review, name="Keep both centres as they are", delivery="in_house", cost_score=2,
                       quality_score=2, risk_score=4),
        DeliveryOption(review=review, name="One centre plus a supported employment partnership",
                       delivery="mixed", cost_score=4, quality_score=4, risk_score=3, is_preferred=True,
                       description="Keep one day centre as a hub and commission supported employment from a "
                                   "local social enterprise."),
    ])
    owner = lead
    ImprovementAction.objects.bulk_create([
        ImprovementAction(review=review, number=1, recommendation="Help more people into paid work.",
                          action="Commission a supported employment service", owner=owner,
                          due_on=today - days(120), target="Contract let; 30 people supported in year one",
                          status=ImprovementAction.Status.COMPLETE),
        ImprovementAction(review=review, number=2, recommendation="Offer activities near home.",
                          action="Map community activities in each ward with users and families", owner=owner,
                          due_on=today - days(60), target="A directory covering every ward",
                          status=ImprovementAction.Status.COMPLETE),
        ImprovementAction(review=review, number=3, recommendation="Bring costs in line with similar councils.",
                          action="Move to one day-centre hub", owner=owner, due_on=today - days(20),
                          target="Cost per person at the near-neighbour median",
                          status=ImprovementAction.Status.IN_PROGRESS,
                          progress_note="Consultation with families finished; building works delayed."),
        ImprovementAction(review=review, number=4, recommendation="Measure outcomes, not attendance.",
                          action="Report the number of adults with a learning disability in paid work quarterly",
                          owner=owner, due_on=today + days(90), target="Quarterly figure published",
                          status=ImprovementAction.Status.IN_PROGRESS),
    ])


@transaction.atomic
def seed(today=None):
    best_value(today)
    feedback(today)
