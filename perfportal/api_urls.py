"""The API root: every app registers its viewsets on one router."""

from django.urls import path
from rest_framework.authtoken.views import obtain_auth_token
from rest_framework.routers import DefaultRouter

from appraisals.api.views import register as register_appraisals
from complaints.api.views import register as register_complaints
from indicators.api.views import register as register_indicators
from organisation.api.views import register as register_organisation
from priorities.api.views import register as register_priorities
from public.api.views import register as register_public
from scrutiny.api.views import register as register_scrutiny

router = DefaultRouter()
register_organisation(router)
register_indicators(router)
register_priorities(router)
register_complaints(router)
register_scrutiny(router)
register_appraisals(router)
register_public(router)

urlpatterns = [
    path("token/", obtain_auth_token, name="api-token"),
    *router.urls,
]
