from django.apps import AppConfig
from django.db.models import Q
from django.db.models.signals import post_migrate


def _load_regimes(sender, apps=None, **kwargs):
    """After migrate (with the migration state's models) and after a flush (which passes none)."""
    from complaints.regimes import ensure_regimes

    ensure_regimes(apps)


class ComplaintsConfig(AppConfig):
    name = "complaints"
    verbose_name = "Complaints"

    def ready(self):
        from complaints import deadlines
        from complaints.models import Complaint, LearningAction
        from organisation import ownership

        deadlines.connect()

        ownership.register(Complaint, "owner", label="Case owner", kind="Complaint",
                           only=Q(closed_on__isnull=True) & ~Q(kind=Complaint.Kind.COMPLIMENT))
        ownership.register(LearningAction, "owner", label="Learning action owner", kind="Learning action",
                           related=["complaint"],
                           only=Q(status__in=[LearningAction.Status.PLANNED, LearningAction.Status.IN_PROGRESS]))
        # The statutory regimes exist from the first migrate, and again after a test database is flushed.
        post_migrate.connect(_load_regimes, sender=self, dispatch_uid="complaints-load-regimes")
