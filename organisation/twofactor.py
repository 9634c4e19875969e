"""Two-factor authentication: who must use it, and the services behind its pages.

A second factor is a code from an authenticator app (django-otp's TOTP device) or one of ten
one-use backup codes (its static device). People whose roles open other people's complaint or
appraisal records (settings.TWO_FACTOR_REQUIRED_ROLES; see docs/decisions/0011) must use it;
anyone else may turn it on from their account page. Until a session is verified, the person
reaches only the two-factor pages and sign-out (organisation.middleware.TwoFactorMiddleware).
"""

import io
from base64 import b32encode

import django_otp
from django.conf import settings
from django.db import transaction
from django_otp import DEVICE_ID_SESSION_KEY, devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from organisation.models import Role

# Set at sign-in for anyone who must give a second factor: required by role, or turned on by choice.
NEEDED_SESSION_KEY = "two_factor_needed"
NEW_BACKUP_CODES_SESSION_KEY = "two_factor_new_backup_codes"
BACKUP_CODE_COUNT = 10
APP_DEVICE_NAME = "Authenticator app"
BACKUP_DEVICE_NAME = "Backup codes"


def required_roles():
    return tuple(settings.TWO_FACTOR_REQUIRED_ROLES)


def is_required(user):
    """Whether this person's roles oblige them to use two-factor authentication (superusers count as admins)."""
    return user.is_authenticated and user.access.has(*required_roles())


def can_reset(user, person):
    """System administrators and HR reset someone else's second factor; nobody resets their own."""
    return (user.is_authenticated and user.pk != person.pk
            and user.access.has(Role.SYSTEM_ADMIN, Role.HR_OFFICER))


def app_device(user, *, confirmed=True):
    return TOTPDevice.objects.filter(user=user, confirmed=confirmed).order_by("pk").first()


def has_second_factor(user):
    return next(devices_for_user(user, confirmed=True), None) is not None


def backup_codes_left(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


# Sign-in ----------------------------------------------------------------------------------


def on_sign_in(sender, request, user, **kwargs):
    """A password sign-in never carries a verified second factor over: it is asked for afresh."""
    if request is None or not hasattr(request, "session"):
        return
    request.session.pop(DEVICE_ID_SESSION_KEY, None)
    if is_required(user) or has_second_factor(user):
        request.session[NEEDED_SESSION_KEY] = True
    else:
        request.session.pop(NEEDED_SESSION_KEY, None)


def is_needed(request):
    """Whether this session must still give a second factor before it can do anything else."""
    user = request.user
    if not user.is_authenticated or user.is_verified():
        return False
    return bool(request.session.get(NEEDED_SESSION_KEY)) or is_required(user)


def mark_verified(request, device):
    """Remember the device in the session (as django-otp does) under a new session key."""
    django_otp.login(request, device)
    request.session.cycle_key()


# Codes -------------------------------------------------------------------------------------


def normalise(code):
    return "".join((code or "").split()).lower()


def verify_code(user, code):
    """(the confirmed device that accepts this code or None, seconds to wait before trying again or 0).

    Six digits are an app code and go to the authenticator-app device; anything else is a backup
    code. Each device throttles wrong codes itself (1, 2, 4, 8... seconds between attempts), and a
    backup code is deleted once used.
    """
    code = normalise(code)
    if not code:
        return None, 0
    model = TOTPDevice if code.isdigit() and len(code) == 6 else StaticDevice
    devices = list(model.objects.devices_for_user(user, confirmed=True))
    wait = seconds_until_allowed(devices)
    if wait:
        return None, wait
    for device in devices:
        verified = django_otp.verify_token(user, device.persistent_id, code)
        if verified is not None:
            return verified, 0
    return None, 0


def seconds_until_allowed(devices):
    """How long until any of these devices takes another code after wrong ones; 0 when one takes it now."""
    from django.utils import timezone

    waits = []
    for device in devices:
        allowed, data = device.verify_is_allowed()
        if allowed:
            return 0
        waits.append(max(0, int((data["locked_until"] - timezone.now()).total_seconds()) + 1))
    return min(waits) if waits else 0


# Setting up, backup codes, turning off, resetting -------------------------------------------


def pending_app_device(user):
    """The unconfirmed authenticator-app device being set up: the same key until it is confirmed."""
    device = app_device(user, confirmed=False)
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)
    return device


@transaction.atomic
def app_device_confirm(*, user, device, code):
    """Confirm the app being set up if the code is right; then replace any other devices. Returns the backup codes."""
    verified = django_otp.verify_token(user, device.persistent_id, normalise(code)) if normalise(code) else None
    if verified is None:
        return None
    TOTPDevice.objects.filter(user=user).exclude(pk=verified.pk).delete()
    verified.confirmed = True
    verified.save(update_fields=["confirmed"])
    return backup_codes_create(user=user)


@transaction.atomic
def backup_codes_create(*, user, tokens=None):
    """Replace the person's backup codes with a fresh set (the old ones stop working)."""
    for old in StaticDevice.objects.filter(user=user):
        old.delete()
    device = StaticDevice.objects.create(user=user, name=BACKUP_DEVICE_NAME, confirmed=True)
    tokens = tokens or [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=token) for token in tokens)
    return tokens


@transaction.atomic
def two_factor_remove(*, person):
    """Delete every device the person has; each deletion is in the audit trail with who did it."""
    for model in (TOTPDevice, StaticDevice):
        for device in model.objects.filter(user=person):
            device.delete()


# Showing the key -----------------------------------------------------------------------------


def key_for_display(device):
    """The secret as the base32 text authenticator apps accept, in groups of four."""
    text = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(text[i:i + 4] for i in range(0, len(text), 4))


def qr_code_svg(device):
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    out = io.BytesIO()
    image.save(out)
    svg = out.getvalue().decode()
    return svg[svg.index("<svg"):]
