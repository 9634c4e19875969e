"""The API root: every app registers its viewsets on one router."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from appraisals.api.views import register as register_appraisals
from casework.api.views import register as register_casework
from complaints.api.views import register as register_complaints
from indicators.api.views import register as register_indicators
from organisation.api.views import ObtainTokenView
from organisation.api.views import register as register_organisation
from priorities.api.views import register as register_priorities
from privacy.api import register as register_privacy
from public.api.views import register as register_public
from reports.api.views import register as register_reports
from scrutiny.api.views import register as register_scrutiny


class Router(DefaultRouter):
    """Numeric keys match only digits, so /api/values/abc/ is a 404 rather than a failed lookup."""

    NUMERIC_LOOKUPS = ("pk", "id", "service")

    def get_lookup_regex(self, viewset, lookup_prefix=""):
        if not hasattr(viewset, "lookup_value_regex") and getattr(viewset, "lookup_field", "pk") in self.NUMERIC_LOOKUPS:
            viewset.lookup_value_regex = "[0-9]+"
        return super().get_lookup_regex(viewset, lookup_prefix)


router = Router()
register_organisation(router)
register_indicators(router)
register_priorities(router)
register_complaints(router)
register_scrutiny(router)
register_appraisals(router)
register_reports(router)
register_casework(router)
register_public(router)
register_privacy(router)

urlpatterns = [
    path("token/", ObtainTokenView.as_view(), name="api-token"),
    *router.urls,
]
