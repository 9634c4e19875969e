from django.urls import path

from casework import views

app_name = "casework"

urlpatterns = [
    path("casework/", views.case_list, name="list"),
    path("casework/new/", views.case_create, name="create"),
    path("casework/themes/", views.themes, name="themes"),
    path("casework/<int:pk>/", views.case_detail, name="detail"),
    path("casework/<int:pk>/consent/", views.case_consent, name="consent"),
    path("casework/<int:pk>/respond/", views.case_respond, name="respond"),
    path("casework/<int:pk>/close/", views.case_close, name="close"),
    path("casework/<int:pk>/access-log/", views.case_access_log, name="access-log"),
    path("forums/", views.forum_list, name="forum-list"),
    path("forums/new/", views.forum_create, name="forum-create"),
    path("forums/<int:pk>/", views.forum_detail, name="forum-detail"),
    path("forums/<int:pk>/edit/", views.forum_edit, name="forum-edit"),
    path("forums/<int:pk>/meetings/new/", views.meeting_create, name="meeting-create"),
    path("forums/meetings/<int:pk>/", views.meeting_detail, name="meeting-detail"),
    path("forums/meetings/<int:pk>/edit/", views.meeting_edit, name="meeting-edit"),
    path("forums/meetings/<int:pk>/issues/new/", views.issue_create, name="issue-create"),
    path("forums/issues/<int:pk>/", views.issue_detail, name="issue-detail"),
    path("forums/issues/<int:pk>/edit/", views.issue_edit, name="issue-edit"),
    path("forums/issues/<int:pk>/respond/", views.issue_respond, name="issue-respond"),
]
