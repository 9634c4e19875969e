"""Response headers Django has no setting for, and the audit trail's view of a request."""

from auditlog.middleware import AuditlogMiddleware
from django.utils.functional import SimpleLazyObject

from organisation.signin import client_ip

# Nothing in the portal needs the camera, microphone, location, payment or USB, and no
# embedded page should be able to ask for them.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()" for feature in (
        "accelerometer", "camera", "geolocation", "gyroscope", "magnetometer", "microphone",
        "payment", "usb",
    )
)


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class AuditTrailMiddleware(AuditlogMiddleware):
    """django-auditlog's middleware, told who acted once authentication has really happened.

    The stock middleware reads ``request.user`` before DRF authenticates an API token, so API
    changes would be logged with no actor; here the actor is looked up when a change is saved.
    The address is the one our sign-in throttling trusts, not the client's own claim.
    """

    @staticmethod
    def _get_actor(request):
        return SimpleLazyObject(lambda: request.user if request.user.is_authenticated else None)

    @staticmethod
    def _get_remote_addr(request):
        return client_ip(request)
