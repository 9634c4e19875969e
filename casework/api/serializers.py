from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from casework.models import CouncillorCase, Forum, ForumIssue, ForumMeeting, IssueResponse
from complaints.api.serializers import CurrentPersonField
from complaints.models import Category
from organisation.api.serializers import PersonRefSerializer
from organisation.models import Service, Ward
from priorities.models import Priority


class CaseSerializer(serializers.ModelSerializer):
    """A councillor's case, with the constituent's details. Reading one is logged in the access log."""

    councillor = PersonRefSerializer(read_only=True)
    ward = serializers.SlugRelatedField(slug_field="name", read_only=True)
    service = serializers.PrimaryKeyRelatedField(read_only=True)
    service_name = serializers.CharField(source="service.name", read_only=True)
    categories = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)
    routed_to = PersonRefSerializer(read_only=True)
    responded_by = PersonRefSerializer(read_only=True)
    due_on = serializers.SerializerMethodField()
    deadline_status = serializers.SerializerMethodField()

    class Meta:
        model = CouncillorCase
        fields = ["id", "reference", "councillor", "ward", "constituent_name", "constituent_contact",
                  "consent_given", "consent_recorded_on", "service", "service_name", "categories", "summary",
                  "raised_on", "routed_to", "routed_on", "response_days", "due_on", "deadline_status", "status",
                  "response", "responded_on", "responded_by", "closed_on"]

    def _deadline(self, case):
        return case.deadline(today=self.context["today"], holidays=self.context["holidays"])

    @extend_schema_field(serializers.DateField(allow_null=True))
    def get_due_on(self, case):
        deadline = self._deadline(case)
        return deadline.due_on if deadline else None

    @extend_schema_field(serializers.CharField(allow_null=True, help_text="met, missed, overdue, due_soon or "
                                                                          "pending; null until sent"))
    def get_deadline_status(self, case):
        deadline = self._deadline(case)
        return str(deadline.status) if deadline else None


class CaseCreateSerializer(serializers.Serializer):
    """Log a constituent's concern (ward councillors, for their own wards)."""

    ward = serializers.SlugRelatedField(slug_field="name", queryset=Ward.objects.all())
    constituent_name = serializers.CharField(max_length=200)
    constituent_contact = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    service = serializers.PrimaryKeyRelatedField(queryset=Service.objects.all())
    categories = serializers.SlugRelatedField(slug_field="name", many=True, required=False, default=list,
                                              queryset=Category.objects.filter(is_active=True))
    summary = serializers.CharField()
    raised_on = serializers.DateField()
    consent_given = serializers.BooleanField(
        help_text="Whether the constituent agrees to officers seeing their concern. Without it the case is not "
                  "sent to the service.")


class CaseRespondSerializer(serializers.Serializer):
    responded_on = serializers.DateField()
    response = serializers.CharField()


class CaseCloseSerializer(serializers.Serializer):
    closed_on = serializers.DateField()


class ThemesQuerySerializer(serializers.Serializer):
    year = serializers.IntegerField(required=False, help_text="Financial year, by the year it starts: 2026 is 2026/27")
    ward = serializers.SlugRelatedField(slug_field="name", queryset=Ward.objects.all(), required=False)


# Community forums -----------------------------------------------------------------------------

class IssueResponseSerializer(serializers.ModelSerializer):
    responded_by = PersonRefSerializer(read_only=True)

    class Meta:
        model = IssueResponse
        fields = ["id", "responded_on", "responded_by", "text", "status"]


class IssueResponseCreateSerializer(serializers.Serializer):
    responded_on = serializers.DateField()
    responded_by = CurrentPersonField(required=False, help_text="The officer who responded; you by default")
    text = serializers.CharField()
    status = serializers.ChoiceField(choices=IssueResponse.STATUSES)


class ForumIssueSerializer(serializers.ModelSerializer):
    meeting = serializers.PrimaryKeyRelatedField(queryset=ForumMeeting.objects.all())
    forum = serializers.CharField(source="meeting.forum.name", read_only=True)
    met_on = serializers.DateField(source="meeting.held_on", read_only=True)
    service = serializers.PrimaryKeyRelatedField(queryset=Service.objects.all(), required=False, allow_null=True)
    priorities = serializers.PrimaryKeyRelatedField(queryset=Priority.objects.all(), many=True, required=False)
    responses = IssueResponseSerializer(many=True, read_only=True)

    class Meta:
        model = ForumIssue
        fields = ["id", "meeting", "forum", "met_on", "title", "description", "service", "priorities", "status",
                  "responses"]
        read_only_fields = ["status"]


class ForumMeetingSerializer(serializers.ModelSerializer):
    forum = serializers.PrimaryKeyRelatedField(queryset=Forum.objects.all())
    issues = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = ForumMeeting
        fields = ["id", "forum", "held_on", "venue", "notes", "issues"]
        validators = []  # one meeting a day: the service says so, in the pages' words


class ForumSerializer(serializers.ModelSerializer):
    wards = serializers.SlugRelatedField(slug_field="name", many=True, queryset=Ward.objects.all())
    meetings = serializers.SerializerMethodField()

    class Meta:
        model = Forum
        fields = ["id", "name", "wards", "description", "is_active", "meetings"]

    @extend_schema_field(serializers.ListField(child=serializers.DictField()))
    def get_meetings(self, forum):
        return [{"id": m.pk, "held_on": m.held_on, "venue": m.venue} for m in forum.meetings.all()]
