"""How django-axes identifies a sign-in attempt: which account, from which address."""

from django.conf import settings


def username_for_lockout(request, credentials):
    """The email address as typed, folded, so ``Ann@x`` and ``ann@x`` count as one account."""
    data = credentials if credentials is not None else request.POST
    return (data.get("username") or "").strip().lower()


def client_ip(request):
    """The client's address; behind our proxy, the address the proxy itself appended.

    Only the last X-Forwarded-For entry is trusted: earlier ones are whatever the client sent.
    """
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR")
