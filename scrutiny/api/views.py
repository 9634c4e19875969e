"""The scrutiny API: the same objects, rules and access helpers as the pages."""

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from indicators.models import Indicator
from scrutiny import selectors, services
from scrutiny.api import filters
from scrutiny.api import serializers as s
from scrutiny.api.permissions import ReadOrScrutinyEditor
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


def _call(fn, /, **kwargs):
    """Run a service; its ValidationError becomes a 400 with the same messages the pages show."""
    try:
        return fn(**kwargs)
    except DjangoValidationError as error:
        detail = error.message_dict if hasattr(error, "error_dict") else error.messages
        raise serializers.ValidationError(detail) from None


@extend_schema_view(list=extend_schema(summary="Committees: the executive, scrutiny and others, with members"),
                    retrieve=extend_schema(summary="A committee"))
class CommitteeViewSet(viewsets.ModelViewSet):
    serializer_class = s.CommitteeSerializer
    permission_classes = [ReadOrScrutinyEditor]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self):
        return Committee.objects.prefetch_related("members__person").order_by("kind", "name")

    def perform_create(self, serializer):
        serializer.instance = _call(services.committee_save, data=serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = _call(services.committee_save, committee=serializer.instance,
                                    data=serializer.validated_data)


@extend_schema_view(list=extend_schema(summary="Committee members"))
class CommitteeMemberViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                             mixins.DestroyModelMixin, viewsets.GenericViewSet):
    serializer_class = s.CommitteeMemberSerializer
    permission_classes = [ReadOrScrutinyEditor]
    filterset_fields = ["committee", "person", "role"]

    def get_queryset(self):
        return CommitteeMember.objects.select_related("person").order_by("committee", "pk")

    def perform_create(self, serializer):
        d = serializer.validated_data
        serializer.instance = _call(services.committee_member_add, committee=d["committee"], person=d["person"],
                                    role=d.get("role", CommitteeMember.Role.MEMBER))

    def perform_destroy(self, instance):
        services.committee_member_remove(member=instance)


@extend_schema_view(list=extend_schema(summary="Meetings, with their agenda items"))
class MeetingViewSet(viewsets.ModelViewSet):
    serializer_class = s.MeetingSerializer
    permission_classes = [ReadOrScrutinyEditor]
    filterset_class = filters.MeetingFilter
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self):
        return Meeting.objects.prefetch_related("items").order_by("held_on", "pk")

    def perform_create(self, serializer):
        d = dict(serializer.validated_data)
        serializer.instance = _call(services.meeting_save, committee=d.pop("committee"), data=d)

    def perform_update(self, serializer):
        d = dict(serializer.validated_data)
        d.pop("committee", None)
        serializer.instance = _call(services.meeting_save, committee=serializer.instance.committee,
                                    meeting=serializer.instance, data=d)


@extend_schema_view(list=extend_schema(summary="Agenda items, linking reports, reviews, topics and indicators"))
class AgendaItemViewSet(viewsets.ModelViewSet):
    serializer_class = s.AgendaItemSerializer
    permission_classes = [ReadOrScrutinyEditor]
    filterset_fields = ["meeting", "kind", "indicator", "review", "topic"]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self):
        return AgendaItem.objects.order_by("meeting", "number")

    def perform_create(self, serializer):
        d = dict(serializer.validated_data)
        serializer.instance = _call(services.agenda_item_save, meeting=d.pop("meeting"), data=d)

    def perform_update(self, serializer):
        d = dict(serializer.validated_data)
        d.pop("meeting", None)
        serializer.instance = _call(services.agenda_item_save, meeting=serializer.instance.meeting,
                                    item=serializer.instance, data=d)


@extend_schema_view(list=extend_schema(summary="Work programme topics"))
class TopicViewSet(viewsets.ModelViewSet):
    serializer_class = s.TopicSerializer
    permission_classes = [ReadOrScrutinyEditor]
    filterset_class = filters.TopicFilter
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self):
        return Topic.objects.order_by("committee", "-year", "priority", "pk")

    def perform_create(self, serializer):
        d = dict(serializer.validated_data)
        serializer.instance = _call(services.topic_save, committee=d.pop("committee"), data=d,
                                    suggested_by=self.request.user)

    def perform_update(self, serializer):
        d = dict(serializer.validated_data)
        d.pop("committee", None)
        serializer.instance = _call(services.topic_save, committee=serializer.instance.committee,
                                    topic=serializer.instance, data=d)


@extend_schema_view(list=extend_schema(summary="Task-and-finish reviews",
                                       description="Unpublished reports only for officers and councillors."))
class ReviewViewSet(viewsets.ModelViewSet):
    serializer_class = s.ScrutinyReviewSerializer
    permission_classes = [ReadOrScrutinyEditor]
    filterset_class = filters.ReviewFilter
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self):
        return (ScrutinyReview.objects.visible_to(self.request.user)
                .prefetch_related("members__person", "evidence").order_by("-started_on", "pk"))

    def perform_create(self, serializer):
        d = dict(serializer.validated_data)
        committee, topic = d.pop("committee"), d.pop("topic", None)
        serializer.instance = _call(services.review_save, committee=committee, topic=topic, data=d)

    def perform_update(self, serializer):
        d = dict(serializer.validated_data)
        d.pop("committee", None)
        d.pop("topic", None)
        serializer.instance = _call(services.review_save, committee=serializer.instance.committee,
                                    review=serializer.instance, data=d)

    @extend_schema(summary="Send the report to the executive (starts the 2-month response clock)",
                   request=s.ReportSerializer, responses=s.ScrutinyReviewSerializer)
    @action(detail=True, methods=["post"])
    def report(self, request, pk=None):
        review = selectors.get_review_for_user(request.user, pk, write=True)
        data = s.ReportSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        review = _call(services.report_submit, review=review, summary=d["report_summary"],
                       reported_on=d["reported_on"], publish=d["publish"])
        return Response(s.ScrutinyReviewSerializer(review).data)


class ReviewMemberViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                          viewsets.GenericViewSet):
    serializer_class = s.ReviewMemberSerializer
    permission_classes = [ReadOrScrutinyEditor]
    filterset_fields = ["review", "role"]

    def get_queryset(self):
        return ReviewMember.objects.filter(review__in=ScrutinyReview.objects.visible_to(self.request.user)) \
            .select_related("person").order_by("review", "pk")

    def perform_create(self, serializer):
        d = dict(serializer.validated_data)
        serializer.instance = _call(services.review_member_add, **d)


class EvidenceViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                      viewsets.GenericViewSet):
    serializer_class = s.EvidenceSerializer
    permission_classes = [ReadOrScrutinyEditor]
    filterset_fields = ["review", "kind"]

    def get_queryset(self):
        return Evidence.objects.filter(review__in=ScrutinyReview.objects.visible_to(self.request.user)) \
            .order_by("review", "gathered_on", "pk")

    def perform_create(self, serializer):
        d = dict(serializer.validated_data)
        serializer.instance = _call(services.evidence_add, review=d.pop("review"), data=d)


@extend_schema_view(list=extend_schema(summary="Recommendations with the executive's response and tracking"))
class RecommendationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                            mixins.UpdateModelMixin, viewsets.GenericViewSet):
    serializer_class = s.RecommendationSerializer
    permission_classes = [ReadOrScrutinyEditor]
    filterset_class = filters.RecommendationFilter

    def get_queryset(self):
        return (Recommendation.objects.filter(review__in=ScrutinyReview.objects.visible_to(self.request.user))
                .select_related("review").prefetch_related("updates__recorded_by").order_by("review", "number"))

    def get_permissions(self):
        if self.action == "respond":
            return [IsAuthenticated()]  # the executive, checked by the access helper
        return super().get_permissions()

    def perform_create(self, serializer):
        d = dict(serializer.validated_data)
        serializer.instance = _call(services.recommendation_save, review=d.pop("review"), data=d)

    def perform_update(self, serializer):
        d = dict(serializer.validated_data)
        d.pop("review", None)
        serializer.instance = _call(services.recommendation_save, review=serializer.instance.review,
                                    recommendation=serializer.instance, data=d)

    @extend_schema(summary="Record the executive's response (executive members)", request=s.ResponseSerializer,
                   responses=s.RecommendationSerializer)
    @action(detail=True, methods=["post"])
    def respond(self, request, pk=None):
        recommendation = selectors.get_recommendation_for_user(request.user, pk, respond=True)
        data = s.ResponseSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        recommendation = _call(services.executive_response_record, recommendation=recommendation,
                               response=d["response"], reasons=d["response_reasons"],
                               responded_on=d["responded_on"], by=request.user)
        return Response(s.RecommendationSerializer(recommendation).data)

    @extend_schema(summary="Record implementation progress", request=s.ImplementationSerializer,
                   responses=s.RecommendationSerializer)
    @action(detail=True, methods=["post"])
    def implementation(self, request, pk=None):
        recommendation = selectors.get_recommendation_for_user(request.user, pk, write=True)
        data = s.ImplementationSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        _call(services.implementation_update_record, recommendation=recommendation, by=request.user,
              **data.validated_data)
        recommendation.refresh_from_db()
        return Response(s.RecommendationSerializer(recommendation).data)


@extend_schema_view(list=extend_schema(
    summary="The scrutiny dashboard's indicators: latest figure, RAG, trends, target, quartile and watchlist",
    parameters=[OpenApiParameter("portfolio", int, description="Only this portfolio's services"),
                OpenApiParameter("framework", str, description="paf, ascof, local or other")]))
class DashboardViewSet(viewsets.GenericViewSet):
    serializer_class = s.DashboardIndicatorSerializer
    permission_classes = [ReadOrScrutinyEditor]
    pagination_class = None

    def get_queryset(self):  # the rows come from selectors.dashboard; this only names the model for the schema
        return Indicator.objects.none()

    def list(self, request):
        service_ids = None
        portfolio = request.query_params.get("portfolio")
        if portfolio:
            service_ids = selectors.portfolio_service_ids(selectors.get_portfolio_for_user(request.user, portfolio))
        data = selectors.dashboard(request.user, service_ids=service_ids,
                                   framework=request.query_params.get("framework", ""))
        return Response(s.DashboardIndicatorSerializer(data["rows"], many=True).data)


@extend_schema_view(list=extend_schema(summary="The Best Value programme, with 4Cs sections, options and actions"))
class BestValueReviewViewSet(viewsets.ModelViewSet):
    serializer_class = s.BestValueReviewSerializer
    permission_classes = [ReadOrScrutinyEditor]
    filterset_fields = ["service", "year", "stage"]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self):
        return BestValueReview.objects.prefetch_related("sections__evidence", "options", "actions",
                                                        "indicators").order_by("-year", "pk")

    def perform_create(self, serializer):
        d = dict(serializer.validated_data)
        indicators = d.pop("indicators", None)
        serializer.instance = _call(services.best_value_review_save, data=d, indicators=indicators)

    def perform_update(self, serializer):
        d = dict(serializer.validated_data)
        indicators = d.pop("indicators", None)
        serializer.instance = _call(services.best_value_review_save, review=serializer.instance, data=d,
                                    indicators=indicators)

    @extend_schema(summary="Compare: the review's indicators against the default comparator group",
                   responses=s.DashboardIndicatorSerializer(many=True))
    @action(detail=True, methods=["get"])
    def compare(self, request, pk=None):
        review = selectors.get_best_value_review_for_user(request.user, pk)
        _, rows = selectors.compare_rows(request.user, review)
        return Response(s.DashboardIndicatorSerializer(rows, many=True).data)

    @extend_schema(summary="Record the judgement", request=s.JudgementSerializer,
                   responses=s.BestValueReviewSerializer)
    @action(detail=True, methods=["post"])
    def judgement(self, request, pk=None):
        review = selectors.get_best_value_review_for_user(request.user, pk, write=True)
        data = s.JudgementSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        review = _call(services.best_value_judgement_record, review=review, service_stars=d["service_stars"],
                       prospects=d["prospects"], notes=d["judgement_notes"])
        return Response(s.BestValueReviewSerializer(review).data)


class FourCsSectionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.UpdateModelMixin,
                           viewsets.GenericViewSet):
    serializer_class = s.FourCsSectionSerializer
    permission_classes = [ReadOrScrutinyEditor]
    filterset_fields = ["review", "c", "is_complete"]

    def get_queryset(self):
        return FourCsSection.objects.prefetch_related("evidence").order_by("review", "pk")

    def perform_update(self, serializer):
        d = serializer.validated_data
        section = serializer.instance
        serializer.instance = _call(services.four_cs_section_save, section=section,
                                    findings=d.get("findings", section.findings),
                                    is_complete=d.get("is_complete", section.is_complete))


class FourCsEvidenceViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                            viewsets.GenericViewSet):
    serializer_class = s.FourCsEvidenceSerializer
    permission_classes = [ReadOrScrutinyEditor]
    filterset_fields = ["section"]

    def get_queryset(self):
        return FourCsEvidence.objects.order_by("section", "pk")

    def perform_create(self, serializer):
        d = dict(serializer.validated_data)
        serializer.instance = _call(services.four_cs_evidence_add, section=d.pop("section"), data=d)


class DeliveryOptionViewSet(viewsets.ModelViewSet):
    serializer_class = s.DeliveryOptionSerializer
    permission_classes = [ReadOrScrutinyEditor]
    filterset_fields = ["review", "delivery", "is_preferred"]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self):
        return DeliveryOption.objects.order_by("review", "pk")

    def perform_create(self, serializer):
        d = dict(serializer.validated_data)
        serializer.instance = _call(services.delivery_option_save, review=d.pop("review"), data=d)

    def perform_update(self, serializer):
        d = dict(serializer.validated_data)
        d.pop("review", None)
        serializer.instance = _call(services.delivery_option_save, review=serializer.instance.review,
                                    option=serializer.instance, data=d)


class ImprovementActionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                               viewsets.GenericViewSet):
    serializer_class = s.ImprovementActionSerializer
    permission_classes = [ReadOrScrutinyEditor]
    filterset_fields = ["review", "status", "owner"]

    def get_queryset(self):
        return ImprovementAction.objects.order_by("review", "number")

    def perform_create(self, serializer):
        d = dict(serializer.validated_data)
        review, objective = d.pop("review"), d.pop("objective", None)
        serializer.instance = _call(services.improvement_action_add, review=review, data=d, objective=objective)

    @extend_schema(summary="Record progress on an improvement action", request=s.ActionProgressSerializer,
                   responses=s.ImprovementActionSerializer)
    @action(detail=True, methods=["post"])
    def progress(self, request, pk=None):
        improvement = selectors.get_improvement_action_for_user(request.user, pk, write=True)
        data = s.ActionProgressSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        improvement = _call(services.improvement_action_progress, action=improvement,
                            status=data.validated_data["status"], note=data.validated_data["progress_note"])
        return Response(s.ImprovementActionSerializer(improvement).data)


@extend_schema_view(list=extend_schema(summary="Executive decisions with their call-in window and any call-in"))
class DecisionViewSet(viewsets.ModelViewSet):
    serializer_class = s.DecisionSerializer
    permission_classes = [ReadOrScrutinyEditor]
    filterset_fields = ["call_in_committee", "portfolio", "is_key_decision"]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self):
        return ExecutiveDecision.objects.select_related("call_in").prefetch_related("call_in__members") \
            .order_by("-made_on", "pk")

    def perform_create(self, serializer):
        serializer.instance = _call(services.decision_save, data=serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = _call(services.decision_save, decision=serializer.instance,
                                    data=serializer.validated_data)

    @extend_schema(summary="Record a call-in (within the window, by enough non-executive members)",
                   request=s.CallInSerializer, responses=s.DecisionSerializer)
    @action(detail=True, methods=["post"], url_path="call-in")
    def call_in(self, request, pk=None):
        decision = selectors.get_decision_for_user(request.user, pk, write=True)
        data = s.CallInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        _call(services.call_in_record, decision=decision, **data.validated_data)
        return Response(s.DecisionSerializer(selectors.get_decision_for_user(request.user, pk)).data)

    @extend_schema(summary="Record the committee's decision on a call-in", request=s.CallInOutcomeSerializer,
                   responses=s.DecisionSerializer)
    @action(detail=True, methods=["post"], url_path="call-in-outcome")
    def call_in_outcome(self, request, pk=None):
        decision = selectors.get_decision_for_user(request.user, pk, write=True)
        if not hasattr(decision, "call_in"):
            raise serializers.ValidationError("This decision has not been called in.")
        data = s.CallInOutcomeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        _call(services.call_in_outcome_record, call_in=decision.call_in, outcome=d["outcome"],
              notes=d["outcome_notes"], meeting=d["meeting"])
        return Response(s.DecisionSerializer(selectors.get_decision_for_user(request.user, pk)).data)


class NhsBodyViewSet(viewsets.ModelViewSet):
    serializer_class = s.NhsBodySerializer
    permission_classes = [ReadOrScrutinyEditor]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self):
        return NhsBody.objects.order_by("name")

    def perform_create(self, serializer):
        serializer.instance = _call(services.nhs_body_save, data=serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = _call(services.nhs_body_save, body=serializer.instance, data=serializer.validated_data)


@extend_schema_view(list=extend_schema(summary="Health scrutiny requests for information, with due dates"))
class InformationRequestViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                                viewsets.GenericViewSet):
    serializer_class = s.InformationRequestSerializer
    permission_classes = [ReadOrScrutinyEditor]
    filterset_fields = ["committee", "nhs_body", "topic"]

    def get_queryset(self):
        return InformationRequest.objects.order_by("-requested_on", "pk")

    def perform_create(self, serializer):
        d = dict(serializer.validated_data)
        serializer.instance = _call(services.information_request_add, committee=d.pop("committee"), data=d)

    @extend_schema(summary="Record the NHS body's answer", request=s.InformationResponseSerializer,
                   responses=s.InformationRequestSerializer)
    @action(detail=True, methods=["post"])
    def answer(self, request, pk=None):
        info = selectors.get_information_request_for_user(request.user, pk, write=True)
        data = s.InformationResponseSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        info = _call(services.information_response_record, request=info, **data.validated_data)
        return Response(s.InformationRequestSerializer(info).data)


@extend_schema_view(list=extend_schema(summary="NHS proposals for substantial service change"))
class SubstantialChangeViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                               viewsets.GenericViewSet):
    serializer_class = s.SubstantialChangeSerializer
    permission_classes = [ReadOrScrutinyEditor]
    filterset_fields = ["committee", "nhs_body", "response"]

    def get_queryset(self):
        return SubstantialChange.objects.order_by("-received_on", "pk")

    def perform_create(self, serializer):
        d = dict(serializer.validated_data)
        serializer.instance = _call(services.substantial_change_add, committee=d.pop("committee"), data=d)

    @extend_schema(summary="Record the committee's response", request=s.SubstantialChangeResponseSerializer,
                   responses=s.SubstantialChangeSerializer)
    @action(detail=True, methods=["post"])
    def respond(self, request, pk=None):
        change = selectors.get_substantial_change_for_user(request.user, pk, write=True)
        data = s.SubstantialChangeResponseSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        change = _call(services.substantial_change_respond, change=change, response=d["response"],
                       detail=d["response_detail"], responded_on=d["responded_on"])
        return Response(s.SubstantialChangeSerializer(change).data)


class CanRecordHealthCheck(ReadOrScrutinyEditor):
    """Readers see the health checks; executive members and the performance team record them."""

    def has_permission(self, request, view):
        from rest_framework.permissions import SAFE_METHODS

        from scrutiny import access

        if request.method in SAFE_METHODS:
            return access.reads_scrutiny(request.user)
        return access.can_record_health_check(request.user)


@extend_schema_view(list=extend_schema(summary="Performance-management health checks recorded"))
class HealthCheckViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                         viewsets.GenericViewSet):
    serializer_class = s.HealthCheckSerializer
    permission_classes = [CanRecordHealthCheck]

    def get_queryset(self):
        return HealthCheck.objects.prefetch_related("answers").order_by("-reviewed_on", "-pk")

    def perform_create(self, serializer):
        d = serializer.validated_data
        questions = selectors.health_check_evidence(self.request.user)
        evidence = {str(q.number): [{"label": m.label, "count": m.count, "total": m.total} for m in q.measures]
                    for q in questions}
        answers = {a["question"]: (a["rating"], a.get("comment", ""), a.get("actions", "")) for a in d["answers"]}
        serializer.instance = _call(services.health_check_record, reviewed_by=d["reviewed_by"],
                                    overall=d["overall"], summary=d.get("summary", ""), answers=answers,
                                    evidence=evidence, by=self.request.user)

    @extend_schema(summary="The seven leadership questions with live evidence and a suggested rating",
                   responses=s.QuestionSerializer(many=True))
    @action(detail=False, methods=["get"], pagination_class=None, filter_backends=[])  # one unpaged list
    def evidence(self, request):
        return Response(s.QuestionSerializer(selectors.health_check_evidence(request.user), many=True).data)


def register(router):
    router.register("scrutiny/committees", CommitteeViewSet, basename="scrutiny-committee")
    router.register("scrutiny/committee-members", CommitteeMemberViewSet, basename="scrutiny-committee-member")
    router.register("scrutiny/meetings", MeetingViewSet, basename="scrutiny-meeting")
    router.register("scrutiny/agenda-items", AgendaItemViewSet, basename="scrutiny-agenda-item")
    router.register("scrutiny/topics", TopicViewSet, basename="scrutiny-topic")
    router.register("scrutiny/reviews", ReviewViewSet, basename="scrutiny-review")
    router.register("scrutiny/review-members", ReviewMemberViewSet, basename="scrutiny-review-member")
    router.register("scrutiny/evidence", EvidenceViewSet, basename="scrutiny-evidence")
    router.register("scrutiny/recommendations", RecommendationViewSet, basename="scrutiny-recommendation")
    router.register("scrutiny/dashboard", DashboardViewSet, basename="scrutiny-dashboard")
    router.register("scrutiny/decisions", DecisionViewSet, basename="scrutiny-decision")
    router.register("scrutiny/nhs-bodies", NhsBodyViewSet, basename="scrutiny-nhs-body")
    router.register("scrutiny/information-requests", InformationRequestViewSet,
                    basename="scrutiny-information-request")
    router.register("scrutiny/substantial-changes", SubstantialChangeViewSet, basename="scrutiny-substantial-change")
    router.register("scrutiny/health-checks", HealthCheckViewSet, basename="scrutiny-health-check")
    router.register("scrutiny/best-value-reviews", BestValueReviewViewSet, basename="scrutiny-best-value-review")
    router.register("scrutiny/best-value-sections", FourCsSectionViewSet, basename="scrutiny-best-value-section")
    router.register("scrutiny/best-value-evidence", FourCsEvidenceViewSet, basename="scrutiny-best-value-evidence")
    router.register("scrutiny/delivery-options", DeliveryOptionViewSet, basename="scrutiny-delivery-option")
    router.register("scrutiny/improvement-actions", ImprovementActionViewSet, basename="scrutiny-improvement-action")
