"""Keeps a session that still owes a second factor to the two-factor pages and sign-out."""

from urllib.parse import urlencode

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

from organisation import twofactor

# Reachable before the second factor: giving it, setting it up, and leaving.
OPEN_URL_NAMES = ("two-factor-verify", "two-factor-setup", "two-factor-backup-codes", "logout")


class TwoFactorMiddleware:
    """After django-otp's OTPMiddleware: every page, API call (session auth) and admin page is held back.

    API token requests are not session requests: organisation.api.authentication refuses tokens
    of people who must use two-factor authentication.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Without a session cookie nobody is signed in: the session is not touched, so the public
        # pages (cached, the same for everyone) keep no "Vary: Cookie" and no session read.
        signed_in = settings.SESSION_COOKIE_NAME in request.COOKIES
        if signed_in and twofactor.is_needed(request) and request.path_info not in {reverse(n) for n in OPEN_URL_NAMES}:
            if request.path_info.startswith("/api/"):
                return JsonResponse({"detail": "Give the code from your authenticator app at "
                                     f"{reverse('two-factor-verify')} before using the API."}, status=403)
            target = reverse("two-factor-verify")
            if request.method == "GET":
                target += "?" + urlencode({"next": request.get_full_path()})
            return redirect(target)
        return self.get_response(request)
