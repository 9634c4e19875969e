"""The data protection API: subject access exports and the retention figures (complaints officers)."""

from django.conf import settings
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.permissions import BasePermission
from rest_framework.response import Response

from complaints.models import CaseAccess
from complaints.services import case_access_record
from privacy import access, retention, subject_access
from privacy.models import SubjectAccessExport


class ExportsSubjectData(BasePermission):
    def has_permission(self, request, view):
        return access.can_export_subject_data(request.user)


class SubjectAccessRequestSerializer(serializers.Serializer):
    search = serializers.CharField(max_length=200, min_length=3, help_text="The name or e-mail address searched for")
    reference = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    complaints = serializers.ListField(child=serializers.IntegerField(), required=False, default=list)
    casework = serializers.ListField(child=serializers.IntegerField(), required=False, default=list)
    feedback = serializers.ListField(child=serializers.IntegerField(), required=False, default=list)
    people = serializers.ListField(child=serializers.IntegerField(), required=False, default=list)

    def validate(self, data):
        matches = subject_access.find(data["search"])
        errors = {}
        for kind in subject_access.KINDS:
            found = {record.pk for record in getattr(matches, kind)}
            unknown = sorted(set(data[kind]) - found)
            if unknown:
                errors[kind] = [f"Not found by the search “{data['search']}”: {', '.join(map(str, unknown))}"]
        if not errors and not any(data[kind] for kind in subject_access.KINDS):
            errors["non_field_errors"] = ["Choose at least one record that is the person's"]
        if errors:
            raise serializers.ValidationError(errors)
        return data


def _match_json(matches):
    return {
        "complaints": [{"id": c.pk, "reference": c.reference, "complainant_name": c.complainant_name,
                        "received_on": c.received_on, "anonymised": c.anonymised_at is not None}
                       for c in matches.complaints],
        "casework": [{"id": c.pk, "reference": c.reference, "constituent_name": c.constituent_name,
                      "raised_on": c.raised_on} for c in matches.casework],
        "feedback": [{"id": f.pk, "name": f.name, "email": f.email, "submitted_at": f.submitted_at}
                     for f in matches.feedback],
        "people": [{"id": p.pk, "name": str(p), "email": p.email} for p in matches.people],
    }


class SubjectAccessViewSet(viewsets.ViewSet):
    """Find a person's records, then export the ones that are theirs. Each export is recorded."""

    permission_classes = [ExportsSubjectData]

    @extend_schema(summary="Records that may be about a person (complaints officers)",
                   parameters=[OpenApiParameter("q", str, required=True,
                                                description="Name or e-mail address, at least 3 characters")],
                   responses=dict)
    def list(self, request):
        term = request.query_params.get("q", "").strip()
        if len(term) < 3:
            raise serializers.ValidationError({"q": ["Enter at least 3 characters of the name or e-mail address"]})
        matches = subject_access.find(term)
        case_access_record(user=request.user, via=CaseAccess.Via.API, path=request.path,
                           complaints=matches.complaints, casework=matches.casework)
        return Response(_match_json(matches))

    @extend_schema(summary="Export everything held about a person (complaints officers; recorded)",
                   request=SubjectAccessRequestSerializer, responses=dict)
    def create(self, request):
        incoming = SubjectAccessRequestSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        records, export = subject_access.export(
            actor=request.user, via=SubjectAccessExport.Via.API, search=data["search"], reference=data["reference"],
            **{kind: data[kind] for kind in subject_access.KINDS})
        return Response({"export": export.pk, "exported_at": export.at, "search": export.search,
                         "reference": export.reference, "counts": export.counts, "records": records},
                        status=status.HTTP_201_CREATED)


class RetentionViewSet(viewsets.ViewSet):
    permission_classes = [ExportsSubjectData]

    @extend_schema(summary="Retention periods, and what the nightly job would anonymise today (complaints officers)",
                   responses=dict)
    def list(self, request):
        due = retention.due()
        return Response({
            "years": {"complaints": settings.COMPLAINT_RETENTION_YEARS, "casework": settings.CASEWORK_RETENTION_YEARS,
                      "feedback": settings.FEEDBACK_RETENTION_YEARS},
            "due": {"complaints": due.complaints, "casework": due.casework, "feedback": due.feedback},
        })


def register(router):
    router.register("subject-access", SubjectAccessViewSet, basename="api-subject-access")
    router.register("retention", RetentionViewSet, basename="api-retention")
