from auditlog.models import LogEntry
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject
from django.views import View
from drf_spectacular.generators import SchemaGenerator

from appraisals.selectors import home_panel as appraisals_home_panel
from complaints.selectors import home_panel as complaints_home_panel
from core import audit
from core.working_days import non_working_days
from organisation.models import Role, Service
from organisation.ownership import orphaned_items
from priorities.selectors import milestones_needing_attention
from reports.selectors import home_links as reports_home_links
from scrutiny.selectors import home_panel as scrutiny_home_panel


def healthz(request):
    """For load balancers and monitoring: the web process answers. It touches nothing else."""
    return HttpResponse("ok\n", content_type="text/plain")


def accessibility(request):
    return render(request, "core/accessibility.html")


@login_required
def home(request):
    """Each person's landing page, built from the roles they hold."""
    access = request.user.access
    person = request.user
    # The services one manages and those one only enters figures for, in one query (none for most people).
    ids = access.managed_service_ids | access.data_service_ids
    services = list(Service.objects.filter(pk__in=ids).select_related("directorate")) if ids else []
    context = {
        "roles": access.role_labels,
        "managed_services": [s for s in services if s.pk in access.managed_service_ids],
        "data_services": [s for s in services if s.pk not in access.managed_service_ids],
        "portfolios": access.portfolios,
        "portfolio_services": Service.objects.filter(pk__in=access.portfolio_service_ids),
        "team": person.team,
        "line_manager": person.line_manager,
        "is_performance_officer": access.is_performance_officer,
        "can_see_orphans": access.can_see_orphans,
        "is_system_admin": access.is_system_admin,
        "is_councillor": access.is_councillor,
        "is_scrutiny_member": access.has(Role.SCRUTINY_MEMBER),
        "is_executive_member": access.has(Role.EXECUTIVE_MEMBER),
        "is_complaints_officer": access.has(Role.COMPLAINTS_OFFICER),
        "is_panel_member": access.has(Role.PANEL_MEMBER),
        "wards": [a.ward for a in access.assignments if a.role == Role.WARD_COUNCILLOR],
    }
    context["milestones_needing_attention"] = milestones_needing_attention(person)
    context["scrutiny_panel"] = scrutiny_home_panel(person)
    # The complaints and casework panels count working days: the closure days are read once for both, and
    # only if either needs them.
    context["holidays"] = SimpleLazyObject(non_working_days)
    context["complaint_deadlines"] = complaints_home_panel(person, holidays=context["holidays"])
    context["appraisal_panel"] = appraisals_home_panel(person)
    context["reports_panel"] = reports_home_links(person)
    if access.can_see_orphans:
        context["orphan_count"] = len(orphaned_items())
    return render(request, "core/home.html", context)



class ApiDocsView(View):
    """The API reference as a plain, accessible page, generated from the OpenAPI schema."""

    def get(self, request):
        schema = SchemaGenerator().get_schema(request=None, public=True)
        groups = {}
        for path, operations in schema["paths"].items():
            for method, operation in operations.items():
                tag = (operation.get("tags") or ["other"])[0]
                groups.setdefault(tag, []).append({
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary") or operation.get("description", ""),
                    "parameters": [
                        {
                            "name": p["name"],
                            "in": p["in"],
                            "description": p.get("description", ""),
                            "required": p.get("required", False),
                        }
                        for p in operation.get("parameters", [])
                    ],
                })
        return render(request, "core/api_docs.html", {
            "groups": sorted(groups.items()),
            "info": schema["info"],
        })


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    """Render without the request context: the fault may be in the database the context needs."""
    from django.conf import settings
    from django.http import HttpResponseServerError
    from django.template import loader

    context = {"council_name": settings.COUNCIL_NAME, "service_name": settings.COUNCIL_SERVICE_NAME,
               "council_colour": settings.COUNCIL_COLOUR}
    return HttpResponseServerError(loader.get_template("500.html").render(context))


@login_required
def history(request, model, pk):
    """Every recorded change to one item: who, when, and each field's old and new value."""
    model_class = audit.tracked_model(model)
    if model_class is None:
        raise Http404("No history is kept for that kind of item")
    if not audit.can_read_history(request.user, model_class):
        raise PermissionDenied
    item = model_class._default_manager.filter(pk=pk).first()
    # A deleted item keeps its history: the entries name it by type and key, not by a link.
    entries = LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(model_class), object_pk=str(pk))
    if item is None and not entries.exists():
        raise Http404("No such item")
    page = Paginator(entries.select_related("actor").order_by("-timestamp", "-pk"), 50).get_page(request.GET.get("page"))
    return render(request, "core/history.html", {
        "item": item, "item_label": str(item) if item else (page[0].object_repr if page else ""),
        "kind": model_class._meta.verbose_name, "page": page, "entries": audit.describe(page, model_class),
    })
