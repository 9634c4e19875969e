from django.apps import AppConfig
from django.db.models import Q


class CaseworkConfig(AppConfig):
    name = "casework"
    verbose_name = "Councillor casework and community forums"

    def ready(self):
        from casework.models import CouncillorCase
        from organisation import ownership

        # A councillor who leaves with open cases leaves constituents without an advocate: the
        # orphaned-items page says so (by reference only).
        ownership.register(CouncillorCase, "councillor", label="Councillor who raised it", kind="Councillor case",
                           only=~Q(status=CouncillorCase.Status.CLOSED))
