from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from core.views import ApiDocsView

urlpatterns = [
    # First, so that the busiest public pages (the home page above all) resolve at once.
    path("", include("public.urls")),
    path("", include("core.urls")),
    path("", include("organisation.urls")),
    path("", include("indicators.urls")),
    path("", include("priorities.urls")),
    path("", include("privacy.urls")),
    path("", include("complaints.urls")),
    path("", include("appraisals.urls")),
    path("", include("scrutiny.urls")),
    path("", include("reports.urls")),
    path("", include("casework.urls")),
    path("api/", include("perfportal.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", ApiDocsView.as_view(), name="api-docs"),
    path("admin/", admin.site.urls),
]

handler403 = "core.views.permission_denied"
handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"
