from django.urls import path

from complaints import views

app_name = "complaints"

urlpatterns = [
    path("complaints/", views.complaint_list, name="list"),
    path("complaints/new/", views.complaint_create, name="create"),
    path("complaints/statistics/", views.statistics, name="statistics"),
    path("complaints/procedures/", views.regimes, name="regimes"),
    path("complaints/access-log/", views.access_log, name="access-log"),
    path("complaints/<int:pk>/", views.complaint_detail, name="detail"),
    path("complaints/<int:pk>/edit/", views.complaint_edit, name="edit"),
    path("complaints/<int:pk>/escalate/", views.complaint_escalate, name="escalate"),
    path("complaints/<int:pk>/close/", views.complaint_close, name="close"),
    path("complaints/<int:pk>/access-log/", views.access_log, name="case-access-log"),
    path("complaints/<int:pk>/learning/new/", views.learning_action_create, name="learning-create"),
    path("complaints/<int:pk>/ombudsman/", views.ombudsman_edit, name="ombudsman"),
    path("complaints/stages/<int:pk>/edit/", views.stage_edit, name="stage-edit"),
    path("complaints/stages/<int:pk>/respond/", views.stage_respond, name="stage-respond"),
    path("complaints/panels/<int:pk>/members/", views.panel_edit, name="panel-edit"),
    path("complaints/panels/<int:pk>/report/", views.panel_report, name="panel-report"),
    path("complaints/panels/<int:pk>/response/", views.panel_response, name="panel-response"),
    path("complaints/learning/<int:pk>/edit/", views.learning_action_edit, name="learning-edit"),
]
