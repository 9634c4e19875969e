from django.apps import AppConfig
from django.db.models import Q


class PublicConfig(AppConfig):
    name = "public"
    verbose_name = "Published pages and public feedback"

    def ready(self):
        from organisation import ownership
        from public import signals
        from public.models import Feedback

        signals.connect()
        ownership.register(Feedback, "routed_to", label="Officer answering", kind="Public feedback",
                           related=["priority", "service"],
                           only=Q(status=Feedback.Status.PUBLISHED, answer=""))
