from django.urls import path

from privacy import views

app_name = "privacy"

urlpatterns = [
    path("complaints/data-protection/", views.index, name="index"),
    path("complaints/data-protection/subject-access/", views.subject_access, name="subject-access"),
]
