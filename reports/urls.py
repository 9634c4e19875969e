from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("reports/", views.archive, name="archive"),
    path("reports/generate/", views.generate, name="generate"),
    path("reports/<int:pk>/", views.report_detail, name="report-detail"),
    path("reports/<int:pk>/commentary/", views.report_commentary, name="report-commentary"),
    path("reports/<int:pk>/new-version/", views.report_new_version, name="report-new-version"),
    path("reports/versions/<int:pk>/", views.version_detail, name="version-detail"),
    path("reports/versions/<int:pk>/status/", views.version_status, name="version-status"),
    path("reports/versions/<int:pk>/report/", views.version_html, name="version-html"),
    path("reports/versions/<int:pk>/pdf/", views.version_pdf, name="version-pdf"),
    path("reports/versions/<int:pk>/retry/", views.version_retry, name="version-retry"),
    path("reports/schedules/", views.schedule_list, name="schedule-list"),
    path("reports/schedules/new/", views.schedule_create, name="schedule-create"),
    path("reports/schedules/<int:pk>/", views.schedule_detail, name="schedule-detail"),
    path("reports/schedules/<int:pk>/edit/", views.schedule_edit, name="schedule-edit"),
    path("reports/schedules/<int:pk>/delete/", views.schedule_delete, name="schedule-delete"),
]
