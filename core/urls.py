from django.urls import path

from core import views

urlpatterns = [
    path("home/", views.home, name="home"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("healthz", views.healthz, name="healthz"),
]
