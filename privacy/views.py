"""Data protection pages for complaints officers: retention figures and subject access exports."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from casework.models import CouncillorCase
from complaints.models import CaseAccess, Complaint
from complaints.services import case_access_record
from privacy import access, retention
from privacy import subject_access as sar
from privacy.forms import ExportForm, SearchForm
from privacy.models import SubjectAccessExport
from public.models import Feedback


def _require(user):
    if not access.can_export_subject_data(user):
        raise PermissionDenied


@login_required
def index(request):
    _require(request.user)
    return render(request, "privacy/index.html", {
        "form": SearchForm(),
        "due": retention.due(),
        "anonymised": retention.Result(
            Complaint.objects.filter(anonymised_at__isnull=False).count(),
            CouncillorCase.objects.filter(anonymised_at__isnull=False).count(),
            Feedback.objects.filter(anonymised_at__isnull=False).count()),
        "years": {"complaints": settings.COMPLAINT_RETENTION_YEARS, "casework": settings.CASEWORK_RETENTION_YEARS,
                  "feedback": settings.FEEDBACK_RETENTION_YEARS},
        "exports": SubjectAccessExport.objects.select_related("requested_by")[:20],
    })


@login_required
@require_http_methods(["GET", "POST"])
def subject_access(request):
    """Search, preview (each case shown is logged), then download the records chosen."""
    _require(request.user)
    data = request.POST if request.method == "POST" else request.GET
    search = SearchForm(data if "q" in data else None)
    matches = sar.find(search.cleaned_data["q"]) if search.is_valid() else sar.Matches()
    # Nothing is ticked to start with: sending a namesake's records to the requester would be a breach.
    form = ExportForm(request.POST if request.method == "POST" else None, matches=matches,
                      initial={"q": data.get("q", "")})
    if request.method == "POST" and search.is_valid() and form.is_valid():
        chosen = {kind: form.cleaned_data[kind] for kind in sar.KINDS}
        records, export = sar.export(actor=request.user, search=search.cleaned_data["q"],
                                                reference=form.cleaned_data["reference"],
                                                via=SubjectAccessExport.Via.PAGE, **chosen)
        content = sar.to_zip(records, search=export.search, reference=export.reference)
        response = HttpResponse(content, content_type="application/zip")
        stamp = timezone.localtime(export.at).strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="subject-access-{export.pk}-{stamp}.zip"'
        return response
    if matches.complaints or matches.casework:
        case_access_record(user=request.user, via=CaseAccess.Via.PAGE, path=request.path,
                           complaints=matches.complaints, casework=matches.casework)
    return render(request, "privacy/subject_access.html", {
        "search": search, "form": form, "matches": matches,
        "searched": search.is_bound and search.is_valid(),
    }, status=400 if request.method == "POST" else 200)
