from django.urls import path

from indicators import views
from indicators.models import DataImport

app_name = "indicators"

urlpatterns = [
    path("indicators/", views.indicator_list, name="list"),
    path("indicators/new/", views.indicator_create, name="create"),
    path("indicators/<int:pk>/", views.indicator_detail, name="detail"),
    path("indicators/<int:pk>/edit/", views.indicator_edit, name="edit"),
    path("indicators/<int:pk>/targets/", views.indicator_targets, name="targets"),
    path("indicators/entry/", views.entry, name="entry"),
    path("indicators/entry/<int:service_pk>/<int:period_pk>/", views.entry_grid, name="entry-grid"),
    path("indicators/values/<int:pk>/", views.value_detail, name="value"),
    path("indicators/values/<int:pk>/change/", views.value_change, name="value-change"),
    path("indicators/values/<int:pk>/return/", views.value_return, name="value-return"),
    path("indicators/verify/", views.verify, name="verify"),
    path("indicators/publish/", views.publish, name="publish"),
    path("indicators/watchlist/", views.watchlist, name="watchlist"),
    path("indicators/export/", views.values_export, name="export"),
    path("indicators/import/", views.import_upload, {"kind": DataImport.Kind.VALUES}, name="values-import"),
    path("indicators/benchmarks/", views.benchmarks, name="benchmarks"),
    path("indicators/benchmarks/import/", views.import_upload, {"kind": DataImport.Kind.BENCHMARKS},
         name="benchmarks-import"),
    path("indicators/benchmarks/groups/new/", views.group_edit, name="group-create"),
    path("indicators/benchmarks/groups/<int:pk>/", views.group_detail, name="group"),
    path("indicators/benchmarks/groups/<int:pk>/edit/", views.group_edit, name="group-edit"),
    path("indicators/imports/<int:pk>/", views.import_detail, name="import"),
    path("indicators/imports/<int:pk>/columns/", views.import_map, name="import-map"),
    path("indicators/imports/<int:pk>/check/", views.import_preview, name="import-preview"),
]
