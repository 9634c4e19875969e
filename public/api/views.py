"""The moderation API: the performance team lists, publishes, withholds and answers public feedback."""

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from public import services
from public.api.permissions import PerformanceOfficersOnly
from public.api.serializers import AnswerSerializer, FeedbackSerializer, ModerateSerializer
from public.models import Feedback


def _call(fn, /, **kwargs):
    try:
        return fn(**kwargs)
    except DjangoValidationError as error:
        detail = error.message_dict if hasattr(error, "error_dict") else error.messages
        raise serializers.ValidationError(detail) from None


@extend_schema_view(list=extend_schema(summary="Public feedback, newest first (performance officers only)"),
                    retrieve=extend_schema(summary="One piece of public feedback"))
class FeedbackViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = FeedbackSerializer
    permission_classes = [PerformanceOfficersOnly]
    filterset_fields = ["status", "priority", "service", "routed_to"]
    ordering_fields = ["submitted_at"]

    def get_queryset(self):
        return Feedback.objects.visible_to(self.request.user).select_related("priority", "service").order_by(
            "-submitted_at", "-pk")

    @extend_schema(summary="Publish or withhold feedback", request=ModerateSerializer,
                   responses=FeedbackSerializer)
    @action(detail=True, methods=["post"])
    def moderate(self, request, pk=None):
        feedback = self.get_object()
        data = ModerateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        if d["decision"] == "publish":
            feedback = _call(services.feedback_publish, feedback=feedback, actor=request.user,
                             published_text=d["published_text"], note=d["note"])
        else:
            feedback = _call(services.feedback_withhold, feedback=feedback, actor=request.user, reason=d["reason"],
                             note=d["note"])
        return Response(FeedbackSerializer(feedback).data)

    @extend_schema(summary="Give or change the council's public answer", request=AnswerSerializer,
                   responses=FeedbackSerializer)
    @action(detail=True, methods=["post"])
    def answer(self, request, pk=None):
        feedback = self.get_object()
        data = AnswerSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        feedback = _call(services.feedback_answer, feedback=feedback, actor=request.user,
                         answer=data.validated_data["answer"])
        return Response(FeedbackSerializer(feedback).data)


def register(router):
    router.register("public-feedback", FeedbackViewSet, basename="api-public-feedback")
