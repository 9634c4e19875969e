"""Subject access requests: everything the portal holds about one person, in one download.

An officer searches by name or e-mail address, checks which of the matching records are
really that person's (a name search finds namesakes), and downloads them: a ZIP holding
`everything.json` and one CSV per kind of record (cells made safe for spreadsheets by
core.spreadsheets). Each export is recorded (privacy.models.SubjectAccessExport), and each
case it includes is recorded in the case access log.

What is included:
- complaints where the person is named as the complainant (a service user, representative,
  advocate or child), with their points, stages, outcomes, panel and the Ombudsman's part;
- councillors' casework where they are the constituent;
- public feedback they sent;
- for a member of staff or councillor: their account, roles, appraisals (objectives, progress
  notes, reviews, ratings), support plans (actions, reviews, comments), the audit trail of
  changes to their account and roles, what they changed, and their looks at cases.

Other people named in these records (investigating officers, managers) are included as they
appear: redacting third parties before sending is the officer's judgement, not the portal's.
"""

import csv
import io
import json
import zipfile
from dataclasses import dataclass, field

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from appraisals.models import (
    Appraisal,
    AppraisalObjective,
    ObjectiveRating,
    ProgressNote,
    Review,
    SupportPlan,
    SupportPlanAction,
    SupportPlanComment,
    SupportPlanReview,
)
from casework.models import CouncillorCase
from complaints.models import (
    CaseAccess,
    Complaint,
    ComplaintPoint,
    ComplaintStage,
    OmbudsmanReferral,
    PanelRecommendation,
    PointOutcome,
    ReviewPanel,
)
from complaints.services import case_access_record
from core.spreadsheets import safe_row
from organisation.models import RoleAssignment, User
from privacy.models import SubjectAccessExport
from public.models import Feedback

MAX_MATCHES = 50
KINDS = ("complaints", "casework", "feedback", "people")


@dataclass
class Matches:
    complaints: list = field(default_factory=list)
    casework: list = field(default_factory=list)
    feedback: list = field(default_factory=list)
    people: list = field(default_factory=list)

    @property
    def total(self):
        return sum(len(getattr(self, kind)) for kind in KINDS)


def find(term) -> Matches:
    """Records whose person's name or contact details contain `term` (at most MAX_MATCHES of each kind)."""
    term = (term or "").strip()
    if len(term) < 3:
        return Matches()
    words = term.split()
    full_name = Q()
    for word in words:
        full_name &= Q(first_name__icontains=word) | Q(last_name__icontains=word)
    return Matches(
        complaints=list(Complaint.objects.filter(Q(complainant_name__icontains=term) | Q(
            contact_details__icontains=term)).select_related("regime", "service")[:MAX_MATCHES]),
        casework=list(CouncillorCase.objects.filter(Q(constituent_name__icontains=term) | Q(
            constituent_contact__icontains=term)).select_related("service")[:MAX_MATCHES]),
        feedback=list(Feedback.objects.filter(Q(name__icontains=term) | Q(email__icontains=term))
                      .select_related("priority", "service")[:MAX_MATCHES]),
        people=list(User.objects.filter(full_name | Q(email__icontains=term)).select_related("team")[:MAX_MATCHES]),
    )


def _value(obj, f):
    value = getattr(obj, f.name)
    if value is None:
        return ""
    if f.choices:
        return getattr(obj, f"get_{f.name}_display")()
    if f.is_relation:
        return str(value)
    return value


def _row(obj, *, exclude=(), **extra):
    """A record as {field: value}: choices in words, related records by name."""
    row = dict(extra)
    for f in obj._meta.concrete_fields:
        if f.name not in exclude:
            row[f.name] = _value(obj, f)
    return row


def _rows(queryset, *, exclude=(), via=None):
    return [_row(obj, exclude=exclude, **({via: str(_follow(obj, via))} if via else {})) for obj in queryset]


def _follow(obj, path):
    for name in path.split("__"):
        obj = getattr(obj, name)
    return obj


def build(*, complaints=(), casework=(), feedback=(), people=()) -> dict:
    """Every record about the person, as lists of rows by kind of record. Ids not found are ignored."""
    complaint_ids = list(complaints)
    stages = ComplaintStage.objects.filter(complaint_id__in=complaint_ids).select_related(
        "complaint", "stage", "investigator", "independent_person")
    panels = ReviewPanel.objects.filter(stage__complaint_id__in=complaint_ids).select_related("stage__complaint")
    data = {
        "complaints": [
            _row(c, categories="; ".join(cat.name for cat in c.categories.all()))
            for c in Complaint.objects.filter(pk__in=complaint_ids).select_related(
                "regime", "service", "team", "owner", "created_by").prefetch_related("categories")],
        "complaint_points": _rows(ComplaintPoint.objects.filter(complaint_id__in=complaint_ids)
                                  .select_related("complaint")),
        "complaint_stages": _rows(stages, via="complaint"),
        "complaint_outcomes": _rows(PointOutcome.objects.filter(stage__complaint_id__in=complaint_ids)
                                    .select_related("stage__stage", "stage__complaint", "point"),
                                    via="stage__complaint"),
        "complaint_panels": _rows(panels, via="stage__complaint"),
        "panel_recommendations": _rows(PanelRecommendation.objects.filter(panel__in=panels)
                                       .select_related("panel__stage__complaint"), via="panel__stage__complaint"),
        "ombudsman_referrals": _rows(OmbudsmanReferral.objects.filter(complaint_id__in=complaint_ids)
                                     .select_related("complaint")),
        "casework": _rows(CouncillorCase.objects.filter(pk__in=list(casework)).select_related(
            "councillor", "ward", "service", "routed_to", "responded_by")),
        "feedback": _rows(Feedback.objects.filter(pk__in=list(feedback)).select_related(
            "priority", "service", "routed_to", "moderated_by", "answered_by")),
    }
    data.update(_staff(list(people)))
    return data


def _staff(user_ids):
    users = User.objects.filter(pk__in=user_ids).select_related("team", "line_manager")
    appraisals = Appraisal.objects.filter(person_id__in=user_ids).select_related("cycle", "person")
    objectives = AppraisalObjective.objects.filter(appraisal__in=appraisals).select_related("appraisal__person",
                                                                                          "appraisal__cycle")
    reviews = Review.objects.filter(appraisal__in=appraisals).select_related("appraisal__person", "appraisal__cycle")
    plans = SupportPlan.objects.filter(appraisal__in=appraisals).select_related("appraisal__person",
                                                                              "appraisal__cycle")
    user_type = ContentType.objects.get_for_model(User)
    role_type = ContentType.objects.get_for_model(RoleAssignment)
    role_ids = [str(pk) for pk in RoleAssignment.objects.filter(user_id__in=user_ids).values_list("pk", flat=True)]
    about = LogEntry.objects.filter(
        Q(content_type=user_type, object_pk__in=[str(pk) for pk in user_ids])
        | Q(content_type=role_type, object_pk__in=role_ids)).select_related("actor", "content_type")
    by_them = LogEntry.objects.filter(actor_id__in=user_ids).select_related("actor", "content_type")
    return {
        "accounts": _rows(users, exclude=("password",)),
        "roles": _rows(RoleAssignment.objects.filter(user_id__in=user_ids).select_related(
            "user", "directorate", "service", "team", "ward")),
        "appraisals": _rows(appraisals),
        "appraisal_objectives": _rows(objectives, via="appraisal"),
        "progress_notes": _rows(ProgressNote.objects.filter(objective__in=objectives).select_related(
            "objective", "recorded_by")),
        "appraisal_reviews": _rows(reviews, via="appraisal"),
        "objective_ratings": _rows(ObjectiveRating.objects.filter(review__in=reviews).select_related(
            "review", "objective")),
        "support_plans": _rows(plans, via="appraisal"),
        "support_plan_actions": _rows(SupportPlanAction.objects.filter(plan__in=plans).select_related("plan",
                                                                                                     "owner")),
        "support_plan_reviews": _rows(SupportPlanReview.objects.filter(plan__in=plans).select_related(
            "plan", "recorded_by")),
        "support_plan_comments": _rows(SupportPlanComment.objects.filter(plan__in=plans).select_related(
            "plan", "author")),
        "audit_about_them": [_audit(e, with_changes=True) for e in about.order_by("timestamp")],
        "audit_by_them": [_audit(e, with_changes=False) for e in by_them.order_by("timestamp")],
        "case_accesses_by_them": [
            {"at": a.at, "case": str(a.case), "via": a.get_via_display(), "granted": a.granted, "person": str(a.user)}
            for a in CaseAccess.objects.filter(user_id__in=user_ids).select_related("user", "complaint", "casework")],
    }


def _audit(entry, *, with_changes):
    row = {"timestamp": entry.timestamp, "by": str(entry.actor) if entry.actor else "", "record": entry.object_repr,
           "kind_of_record": entry.content_type.name, "action": entry.get_action_display()}
    if with_changes:
        row["changes"] = json.dumps(entry.changes_dict, cls=DjangoJSONEncoder)
    return row


def _text(value):
    if isinstance(value, bool):
        return "yes" if value else "no"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, dict | list):
        return json.dumps(value, cls=DjangoJSONEncoder)
    return "" if value is None else str(value)


def to_zip(data, *, search, reference=""):
    """everything.json and one CSV per kind of record that has any."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("everything.json", json.dumps(
            {"search": search, "reference": reference, "exported_at": timezone.now(), "records": data},
            cls=DjangoJSONEncoder, indent=2))
        for kind, rows in data.items():
            if not rows:
                continue
            columns = list(dict.fromkeys(name for row in rows for name in row))
            out = io.StringIO()
            writer = csv.writer(out)
            writer.writerow(columns)
            for row in rows:
                writer.writerow(safe_row([_text(row.get(name, "")) for name in columns]))
            archive.writestr(f"{kind}.csv", out.getvalue())
    return buffer.getvalue()


@transaction.atomic
def export(*, actor, search, via, reference="", complaints=(), casework=(), feedback=(), people=()):
    """Build the export and record it (and each case in it, in the case access log)."""
    data = build(complaints=complaints, casework=casework, feedback=feedback, people=people)
    counts = {kind: len(rows) for kind, rows in data.items() if rows}
    record = SubjectAccessExport.objects.create(requested_by=actor, via=via, search=search[:200],
                                                reference=reference[:100], counts=counts)
    case_access_record(user=actor, via=via, path=f"subject-access-export/{record.pk}",
                       complaints=Complaint.objects.filter(pk__in=list(complaints)),
                       casework=CouncillorCase.objects.filter(pk__in=list(casework)))
    return data, record
