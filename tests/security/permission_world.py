"""The world the permission matrix runs in: the demo council, its personas, and one object for every URL kwarg.

The demo council (core/management/commands/seed_demo.py) has every kind of object the URLs name. On top of it
this adds a children's complaint at a stage 3 review panel that the demo's panel member (Ruth) does not sit on,
heard by an independent person of its own (`panel_member`): Ruth is then "a panel member of another case".

Objects are chosen in the services of the demo head of service (Mark: Reablement and Home Care) and his data
officer (Tom), so that "manager of another service" (Claire: Fostering and Adoption) is a true outsider.
"""

from decimal import Decimal
from types import SimpleNamespace

from django.urls import URLPattern, URLResolver, get_resolver

from organisation.models import Role, Service, User
from tests.factories import UserFactory, grant

# URL namespaces and names that belong to frameworks rather than to perfportal, with the reason each is left out.
EXCLUDED_NAMESPACES = {
    "admin": "Django's admin site: it allows staff users only (is_staff), which Django itself enforces and tests",
}
EXCLUDED_NAMES = {
    "api-schema": "drf-spectacular's schema view: generated from the URLconf, holds no data",
    "api-docs": "the page that renders the schema for people: holds no data",
    "api-root": "DRF's browsable list of endpoint addresses: holds no data",
}
# The API is checked operation by operation from the OpenAPI schema, not by its router's URL names.
API_PREFIX = "api/"

DEMO_EMAILS = {
    "staff": "staff@ashfordvale.example",
    "data_officer": "data@ashfordvale.example",
    "head_of_service": "head@ashfordvale.example",
    "performance_officer": "performance@ashfordvale.example",
    "ward_councillor": "ward@ashfordvale.example",
    "scrutiny_member": "scrutiny@ashfordvale.example",
    "complaints_officer": "complaints@ashfordvale.example",
    "panel_elsewhere": "panel@ashfordvale.example",
    "hr_officer": "hr@ashfordvale.example",
    "system_admin": "admin@ashfordvale.example",
}


def discover_pages():
    """Every named URL pattern outside the API, as {"namespace:name": route string}."""
    found = {}

    def walk(resolver, prefix, namespace):
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}:{pattern.namespace}" if namespace and pattern.namespace else (
                    pattern.namespace or namespace)
                walk(pattern, prefix + str(pattern.pattern), inner)
            elif isinstance(pattern, URLPattern):
                route = prefix + str(pattern.pattern)
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                if route.startswith(API_PREFIX) or (namespace or "").split(":")[0] in EXCLUDED_NAMESPACES:
                    continue
                if pattern.name is None:
                    raise AssertionError(f"The URL pattern {route!r} has no name, so no permission decision can be "
                                         "recorded for it: give it one.")
                if name in EXCLUDED_NAMES:
                    continue
                found[name] = route

    walk(get_resolver(), "", None)
    return found


def discover_api():
    """Every operation of the API schema, as {operationId: (method, path)}."""
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    found = {}
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            if method in ("get", "post", "put", "patch", "delete"):
                found[operation["operationId"]] = (method.upper(), path)
    return found


def seed_demo():
    """seed_demo's steps, except the report packs (WeasyPrint makes them slowly): one pack is made below."""
    from appraisals import demo as appraisals_demo
    from casework import demo as casework_demo
    from complaints import demo as complaints_demo
    from indicators import demo as indicators_demo
    from organisation import demo as organisation_demo
    from priorities import demo as priorities_demo
    from public import demo as public_demo
    from scrutiny import demo as scrutiny_demo

    for step in (lambda: organisation_demo.seed(password=None), priorities_demo.seed, indicators_demo.seed,
                 priorities_demo.link_indicators, scrutiny_demo.seed, complaints_demo.seed, appraisals_demo.seed,
                 casework_demo.seed, public_demo.seed):
        step()
    _seed_report()


def _seed_report():
    """The health scrutiny committee's quarterly schedule and one ready report from it, made without WeasyPrint."""
    import datetime

    from django.utils import timezone

    from indicators import periods as P
    from indicators.services import period_ensure
    from reports import services
    from reports.models import Audience, ReportType
    from scrutiny.models import Committee
    from tests.reports.conftest import ready_report

    committee = Committee.objects.get(name=scrutiny_demo_committee())
    performance = User.objects.get(email=DEMO_EMAILS["performance_officer"])
    services.schedule_save(data={"frequency": "quarter", "working_days_after": 10, "run_at": datetime.time(7, 0),
                                 "report_type": ReportType.SCRUTINY, "audience": Audience.COMMITTEE,
                                 "committee": committee, "recipients": []}, actor=performance)
    quarter = period_ensure(P.previous(P.containing(P.QUARTER, timezone.localdate())))
    ready_report(ReportType.SCRUTINY, Audience.COMMITTEE, quarter, committee=committee)


def scrutiny_demo_committee():
    from reports.demo import HEALTH_COMMITTEE

    return HEALTH_COMMITTEE


def build():
    """Seed the demo council plus the second panel case; return the personas and the objects, by key."""
    from complaints.models import Regime
    from indicators.models import DataImport, Frequency, Indicator, ValueStatus
    from tests.complaints.conftest import panel_case
    from tests.indicators.factories import ValueFactory, period

    seed_demo()
    people = {key: User.objects.get(email=email) for key, email in DEMO_EMAILS.items()}
    people["manager_elsewhere"] = User.objects.get(first_name="Claire", last_name="Roberts")
    people["anonymous"] = None

    complaints_officer = people["complaints_officer"]
    child_protection = Service.objects.get(name="Child Protection")
    reablement = Service.objects.get(name="Reablement and Home Care")
    independents = [grant(UserFactory(first_name=name, kind="independent", email=f"{name.lower()}@test.example"),
                          Role.PANEL_MEMBER) for name in ("Iris", "Ian", "Isla")]
    people["panel_member"] = independents[0]
    world = SimpleNamespace(complaints_officer=complaints_officer, children=child_protection, adults=reablement)
    regimes = {r.code: r for r in Regime.objects.prefetch_related("stages")}
    complaint = panel_case(world, regimes, independents)
    DataImport.objects.create(kind=DataImport.Kind.VALUES, file_name="figures.csv", uploaded_by=people["data_officer"],
                              header=["code", "period", "value"], rows=[["AV RHC 01", "Q1 2026/27", "70"]])
    # A draft figure for a quarter not yet over: only the service's managers and data officers and the performance
    # team may read it.
    ValueFactory(indicator=Indicator.objects.filter(service=reablement, is_active=True,
                                                    frequency=Frequency.QUARTERLY).first(),
                 period=period("Q4 2026/27"), actual=Decimal("12.5"), status=ValueStatus.DRAFT)
    return people, objects(people, complaint, reablement)


def objects(people, complaint, reablement):
    """One object of every kind a URL names, as {key: object}; see the module docstring for how they are chosen."""
    from appraisals.models import (
        Appraisal,
        AppraisalCycle,
        AppraisalObjective,
        SupportPlan,
        SupportPlanAction,
    )
    from casework.models import CouncillorCase, Forum, ForumIssue, ForumMeeting
    from complaints.models import LearningAction, Regime, ReviewPanel
    from indicators.models import (
        BenchmarkValue,
        ComparatorArea,
        ComparatorGroup,
        DataImport,
        Indicator,
        IndicatorValue,
        Target,
    )
    from organisation.models import Delegation, Directorate, Portfolio, Team, Ward
    from priorities.models import (
        Communication,
        EngagementExercise,
        EngagementGroup,
        Milestone,
        NonPriority,
        Objective,
        Priority,
        Risk,
        ServicePlan,
        StrategicPlan,
        YouSaidWeDid,
    )
    from public.models import Feedback
    from reports.models import Report, ReportSchedule, ReportVersion
    from scrutiny.models import (
        AgendaItem,
        BestValueReview,
        Committee,
        CommitteeMember,
        DeliveryOption,
        Evidence,
        ExecutiveDecision,
        FourCsEvidence,
        FourCsSection,
        HealthCheck,
        ImprovementAction,
        InformationRequest,
        Meeting,
        NhsBody,
        Recommendation,
        ReviewMember,
        ScrutinyReview,
        SubstantialChange,
        Topic,
    )

    staff = people["staff"]
    stage = complaint.stages.order_by("-stage__number").first()
    indicator = Indicator.objects.filter(service=reablement, values__status="published").distinct().first()
    value = IndicatorValue.objects.filter(indicator__service=reablement, status="draft").order_by("pk").first()
    plan = ServicePlan.objects.filter(service=reablement).order_by("-year").first()
    objective = Objective.objects.filter(plan=plan).first()
    appraisal = Appraisal.objects.filter(person=staff).order_by("-cycle__year").first()
    support_plan = SupportPlan.objects.filter(appraisal__person=staff).first()
    # An unpublished review: published ones are for everyone, so they would say nothing about who may not read it.
    review = ScrutinyReview.objects.filter(is_published=False).order_by("pk").first()
    committee = Committee.objects.order_by("pk").first()
    bv = BestValueReview.objects.filter(is_published=True).first() or BestValueReview.objects.first()
    ward_case = CouncillorCase.objects.filter(councillor=people["ward_councillor"]).first()
    forum = Forum.objects.filter(wards__name="Eastgate").first()
    found = {
        "none": None,
        # organisation
        "directorate": Directorate.objects.get(name="Adult Social Care"),
        "service": reablement,
        "team": Team.objects.filter(service=reablement).first(),
        "portfolio": Portfolio.objects.get(name="Adult Social Care and Health"),
        "ward": Ward.objects.get(name="Eastgate"),
        "person": staff,
        "delegation": Delegation.objects.get(service=reablement),
        # indicators
        "indicator": indicator,
        "value": value,
        "period": value.period,
        "target": Target.objects.filter(indicator__service=reablement).first(),
        "comparator_area": ComparatorArea.objects.first(),
        "comparator_group": ComparatorGroup.objects.first(),
        "benchmark": BenchmarkValue.objects.first(),
        "data_import": DataImport.objects.first(),
        # priorities
        "strategic_plan": StrategicPlan.objects.order_by("-first_year").first(),
        "priority": Priority.objects.filter(is_published=True).first(),
        "communication": Communication.objects.first(),
        "non_priority": NonPriority.objects.first(),
        "engagement": EngagementExercise.objects.first(),
        "engagement_group": EngagementGroup.objects.first(),
        "you_said_we_did": YouSaidWeDid.objects.first(),
        "service_plan": plan,
        "objective": objective,
        "milestone": Milestone.objects.filter(objective__plan=plan).first(),
        "risk": Risk.objects.filter(plan=plan).first(),
        # complaints: the second panel case, which Ruth does not sit on
        "complaint": complaint,
        "stage": stage,
        "panel": ReviewPanel.objects.get(stage=stage),
        # one no persona owns: its owner (the service's investigator) may read and update it
        "learning_action": LearningAction.objects.exclude(owner__in=[p for p in people.values() if p]).order_by("pk")
        .first(),
        "regime": Regime.objects.first(),
        # appraisals: Aisha's (staff)
        "cycle": AppraisalCycle.objects.order_by("-year").first(),
        "appraisal": appraisal,
        "appraisal_objective": AppraisalObjective.objects.filter(appraisal=appraisal).first(),
        "support_plan": support_plan,
        "support_plan_action": SupportPlanAction.objects.filter(plan=support_plan).first(),
        # scrutiny
        "committee": committee,
        "committee_member": CommitteeMember.objects.filter(committee=committee).first(),
        "meeting": Meeting.objects.first(),
        "agenda_item": AgendaItem.objects.first(),
        "topic": Topic.objects.first(),
        "review": review,
        "review_member": ReviewMember.objects.first(),
        "evidence": Evidence.objects.first(),
        "recommendation": Recommendation.objects.filter(review=review).first() or Recommendation.objects.first(),
        # A called-in decision, so that the call-in outcome page has a call-in to record the outcome of.
        "decision": ExecutiveDecision.objects.filter(call_in__isnull=False).first(),
        "information_request": InformationRequest.objects.first(),
        "substantial_change": SubstantialChange.objects.first(),
        "health_check": HealthCheck.objects.first(),
        "best_value": bv,
        "four_cs_section": FourCsSection.objects.filter(review=bv).first(),
        "four_cs_evidence": FourCsEvidence.objects.first(),
        "delivery_option": DeliveryOption.objects.first(),
        "improvement_action": ImprovementAction.objects.first(),
        "nhs_body": NhsBody.objects.first(),
        # reports
        "report": Report.objects.filter(versions__status="ready").first(),
        "report_version": ReportVersion.objects.filter(status="ready").first(),
        "schedule": ReportSchedule.objects.first(),
        # casework: a case of the ward councillor persona (Imran, Eastgate)
        "case": ward_case,
        "forum": forum,
        "forum_meeting": ForumMeeting.objects.filter(forum=forum).first(),
        "forum_issue": ForumIssue.objects.filter(meeting__forum=forum).first(),
        # public
        "feedback": Feedback.objects.first(),
        "public_indicator": Indicator.objects.filter(values__status="published").first(),
        "published_review": ScrutinyReview.objects.filter(is_published=True).first(),
    }
    missing = sorted(key for key, obj in found.items() if obj is None and key != "none")
    assert not missing, f"The demo council has no object for: {', '.join(missing)}"
    return found
