from django.urls import path

from core import views

urlpatterns = [
    path("home/", views.home, name="home"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("history/<str:model>/<int:pk>/", views.history, name="history"),
    path("healthz", views.healthz, name="healthz"),
]
