from django.apps import AppConfig


class PrioritiesConfig(AppConfig):
    name = "priorities"
    verbose_name = "Priorities and plans"

    def ready(self):
        from organisation import ownership
        from priorities.models import Milestone, Objective, Priority, Risk

        ownership.register(Priority, "owner", label="Priority owner", kind="Priority")
        ownership.register(Objective, "owner", label="Objective owner", kind="Service plan objective",
                           related=["plan__service"])
        ownership.register(Milestone, "owner", label="Milestone owner", kind="Milestone",
                           related=["objective__plan__service"])
        ownership.register(Risk, "owner", label="Risk owner", kind="Risk", related=["plan__service"])
