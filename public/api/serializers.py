from rest_framework import serializers

from public.models import Feedback


class FeedbackSerializer(serializers.ModelSerializer):
    about = serializers.SerializerMethodField()
    public_url = serializers.SerializerMethodField()

    class Meta:
        model = Feedback
        fields = ["id", "priority", "service", "about", "comment", "relationship", "name", "email", "submitted_at",
                  "status", "routed_to", "notified_at", "published_text", "reason", "moderation_note",
                  "moderated_by", "moderated_at", "answer", "answered_by", "answered_at", "public_url"]
        read_only_fields = fields

    def get_about(self, obj) -> str:
        return obj.subject_title

    def get_public_url(self, obj) -> str | None:
        return obj.get_public_url() if obj.status == Feedback.Status.PUBLISHED else None


class ModerateSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=["publish", "withhold"])
    published_text = serializers.CharField(required=False, allow_blank=True, default="")
    reason = serializers.ChoiceField(choices=Feedback.Reason.choices, required=False, allow_blank=True, default="")
    note = serializers.CharField(required=False, allow_blank=True, default="")

    def validate(self, data):
        if data["decision"] == "publish" and not data["published_text"].strip():
            raise serializers.ValidationError({"published_text": "Enter the text to publish"})
        if data["decision"] == "withhold" and not data["reason"]:
            raise serializers.ValidationError({"reason": "Choose why it is not published"})
        return data


class AnswerSerializer(serializers.Serializer):
    answer = serializers.CharField(allow_blank=False, error_messages={"blank": "Enter the council's answer"})
