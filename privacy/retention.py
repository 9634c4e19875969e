"""Retention: take the personal details out of closed cases once they have been kept long enough.

Complaints and councillors' casework are kept for COMPLAINT_RETENTION_YEARS and
CASEWORK_RETENTION_YEARS after they close, public feedback's sender details for
FEEDBACK_RETENTION_YEARS after it was sent (settings.py). Then the job below overwrites
everything that says who the person is or what happened to them: names, contact details and
every narrative (the summary, the points, findings, remedies, panel reports, the Ombudsman's
remedy), and the same values in the records' audit trail. What is kept is what the annual
complaints report counts: the regime, kind, service, team, categories, stages and their dates,
outcomes, panel decisions, the Ombudsman's decision and learning actions (which hold no
personal details). Each anonymised record gets `anonymised_at`; running it again changes
nothing.

Updates go through querysets, not save(), so the audit trail does not gain a fresh copy of
the old values.
"""

import datetime
from dataclasses import dataclass

from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from casework.models import CouncillorCase
from complaints.models import (
    Complaint,
    ComplaintPoint,
    ComplaintStage,
    OmbudsmanReferral,
    PanelRecommendation,
    ReviewPanel,
)
from public.models import Feedback

REMOVED = "[Removed under the retention policy]"

# For each model: the fields that are personal, and what they become.
COMPLAINT = {"complainant_name": "Anonymised", "contact_details": "", "summary": REMOVED,
             "accepted_late_reason": ""}
POINT = {"text": REMOVED}
STAGE = {"late_request_reason": "", "extension_reason": "", "findings": "", "remedy": ""}
PANEL = {"report": "", "council_response": ""}
RECOMMENDATION = {"text": REMOVED}
OMBUDSMAN = {"remedy": ""}
CASEWORK = {"constituent_name": "Anonymised", "constituent_contact": "", "summary": REMOVED, "response": ""}
FEEDBACK = {"name": "", "email": "", "comment": REMOVED, "moderation_note": ""}


@dataclass
class Result:
    complaints: int = 0
    casework: int = 0
    feedback: int = 0

    @property
    def total(self):
        return self.complaints + self.casework + self.feedback

    def __str__(self):
        return (f"{self.complaints} complaint(s), {self.casework} councillor case(s) and "
                f"{self.feedback} piece(s) of public feedback")


def _years_before(day, years):
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def due_complaints(today):
    cutoff = _years_before(today, settings.COMPLAINT_RETENTION_YEARS)
    # Compliments are never closed: they are kept from the day they were received.
    return Complaint.objects.filter(anonymised_at__isnull=True).filter(
        Q(closed_on__lt=cutoff) | Q(kind=Complaint.Kind.COMPLIMENT, received_on__lt=cutoff))


def due_casework(today):
    cutoff = _years_before(today, settings.CASEWORK_RETENTION_YEARS)
    return CouncillorCase.objects.filter(anonymised_at__isnull=True, status=CouncillorCase.Status.CLOSED,
                                         closed_on__lt=cutoff)


def due_feedback(today):
    cutoff = _years_before(today, settings.FEEDBACK_RETENTION_YEARS)
    start = timezone.make_aware(datetime.datetime.combine(cutoff, datetime.time.min))
    return Feedback.objects.filter(anonymised_at__isnull=True, submitted_at__lt=start)


def due(today=None) -> Result:
    """How many records the job would anonymise today (a dry run)."""
    today = today or timezone.localdate()
    return Result(due_complaints(today).count(), due_casework(today).count(), due_feedback(today).count())


def _redact_history(model, pks, fields):
    """Overwrite the personal values that the audit trail holds for these records (who changed what, and when,
    stays)."""
    if not pks:
        return
    content_type = ContentType.objects.get_for_model(model)
    entries = LogEntry.objects.filter(content_type=content_type, object_pk__in=[str(pk) for pk in pks])
    changed = []
    for entry in entries.only("pk", "changes", "changes_text", "serialized_data"):
        changes = entry.changes if isinstance(entry.changes, dict) else {}
        if any(name in changes for name in fields):
            entry.changes = {name: (["[removed]", "[removed]"] if name in fields else value)
                             for name, value in changes.items()}
            entry.changes_text = ""
            entry.serialized_data = None
            changed.append(entry)
    LogEntry.objects.bulk_update(changed, ["changes", "changes_text", "serialized_data"])


@transaction.atomic
def apply(today=None) -> Result:
    """Anonymise every record past its retention period. Safe to run as often as wanted."""
    today = today or timezone.localdate()
    now = timezone.now()
    result = Result()

    complaint_ids = list(due_complaints(today).select_for_update(of=("self",)).values_list("pk", flat=True))
    if complaint_ids:
        stage_ids = list(ComplaintStage.objects.filter(complaint_id__in=complaint_ids).values_list("pk", flat=True))
        panel_ids = list(ReviewPanel.objects.filter(stage_id__in=stage_ids).values_list("pk", flat=True))
        parts = [
            (Complaint, Complaint.objects.filter(pk__in=complaint_ids), COMPLAINT),
            (ComplaintPoint, ComplaintPoint.objects.filter(complaint_id__in=complaint_ids), POINT),
            (ComplaintStage, ComplaintStage.objects.filter(pk__in=stage_ids), STAGE),
            (ReviewPanel, ReviewPanel.objects.filter(pk__in=panel_ids), PANEL),
            (PanelRecommendation, PanelRecommendation.objects.filter(panel_id__in=panel_ids), RECOMMENDATION),
            (OmbudsmanReferral, OmbudsmanReferral.objects.filter(complaint_id__in=complaint_ids), OMBUDSMAN),
        ]
        for model, queryset, fields in parts:
            _redact_history(model, list(queryset.values_list("pk", flat=True)), fields)
            queryset.update(**fields)
        result.complaints = Complaint.objects.filter(pk__in=complaint_ids).update(anonymised_at=now)

    case_ids = list(due_casework(today).select_for_update().values_list("pk", flat=True))
    if case_ids:
        _redact_history(CouncillorCase, case_ids, CASEWORK)
        result.casework = CouncillorCase.objects.filter(pk__in=case_ids).update(anonymised_at=now, **CASEWORK)

    ids = list(due_feedback(today).select_for_update().values_list("pk", flat=True))
    if ids:
        _redact_history(Feedback, ids, FEEDBACK)
        result.feedback = Feedback.objects.filter(pk__in=ids).update(anonymised_at=now, **FEEDBACK)
    return result
