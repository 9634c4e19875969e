"""Two-factor authentication: the roles that open complaint and appraisal records must give a code
after their password; until they do, nothing but the two-factor pages and sign-out answers."""

import datetime
import re

import pytest
from auditlog.models import LogEntry
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from organisation import twofactor
from organisation.models import Role
from tests.conftest import client_for
from tests.factories import PASSWORD, grant


def password_sign_in(person):
    """A browser-like client after the sign-in form, before any second factor."""
    client = Client()
    response = client.post(reverse("login"), {"username": person.email, "password": PASSWORD})
    assert response.status_code == 302
    return client


def code_for(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def authenticator(person):
    return TOTPDevice.objects.create(user=person, name="Authenticator app", confirmed=True)


def allow_next_attempt(device):
    """As if the throttle's wait had passed."""
    type(device).objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=timezone.now() - datetime.timedelta(days=1))


@pytest.mark.parametrize("persona", ["complaints_officer", "panel_member", "hr_officer", "system_admin"])
def test_it_holds_back_every_page_and_the_api_until_a_required_role_gives_a_code(world, persona):
    """Complaint pages, the API (session), the admin and the home page all wait for the second factor."""
    person = getattr(world, persona)
    authenticator(person)
    client = password_sign_in(person)

    response = client.get("/complaints/")
    assert response.status_code == 302
    assert response["Location"] == "/two-factor/?next=%2Fcomplaints%2F"
    for path in ("/home/", "/admin/", "/appraisals/", f"/people/{person.pk}/"):
        assert client.get(path)["Location"].startswith("/two-factor/"), path
    api = client.get("/api/complaints/")
    assert api.status_code == 403
    assert "authenticator app" in api.json()["detail"]
    assert client.post("/api/complaints/", {}).status_code == 403
    assert client.get("/two-factor/").status_code == 200

    device = TOTPDevice.objects.get(user=person)
    response = client.post("/two-factor/", {"code": code_for(device), "next": "/home/"})
    assert response.status_code == 302
    assert response["Location"] == "/home/"
    assert client.get("/home/").status_code == 200
    assert client.get("/api/complaints/").status_code in (200, 403)  # past the second factor: the API's own rules
    assert "authenticator app" not in client.get("/api/complaints/").text


def test_a_complaints_officer_without_a_device_sets_one_up_and_sees_the_backup_codes_once(world):
    person = world.complaints_officer
    client = password_sign_in(person)
    response = client.get("/two-factor/?next=/complaints/")
    assert response.status_code == 302
    assert response["Location"] == "/two-factor/set-up/?next=%2Fcomplaints%2F"

    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "<svg" in page.text  # the QR code
    device = TOTPDevice.objects.get(user=person, confirmed=False)
    assert twofactor.key_for_display(device) in page.text  # the key, to type in instead
    assert client.get("/complaints/").status_code == 302  # an unconfirmed device does not count

    response = client.post("/two-factor/set-up/", {"code": code_for(device), "next": "/complaints/"})
    assert response.status_code == 302
    assert response["Location"] == "/two-factor/backup-codes/?next=%2Fcomplaints%2F"
    codes_page = client.get(response["Location"])
    codes = re.findall(r"<code>([a-z2-7]{8})</code>", codes_page.text)
    assert len(codes) == twofactor.BACKUP_CODE_COUNT
    assert client.get("/two-factor/backup-codes/")["Location"] == "/account/"  # shown once
    assert client.get("/complaints/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed


def test_a_performance_officer_is_not_asked_for_a_code(world):
    client = password_sign_in(world.performance_officer)
    assert client.get("/home/").status_code == 200
    assert client.get("/api/services/").status_code == 200
    assert client.get("/two-factor/?next=/home/")["Location"] == "/home/"


def test_a_wrong_code_is_an_error_next_to_the_field_and_the_next_try_waits(world):
    person = world.complaints_officer
    device = authenticator(person)
    client = password_sign_in(person)

    response = client.post("/two-factor/", {"code": "000000" if code_for(device) != "000000" else "111111"})
    assert response.status_code == 200
    assert response.text.count("The code is not correct") == 2  # the error summary and the field
    assert 'href="#id_code"' in response.text
    assert 'id="id_code-error"' in response.text
    assert "<title>Error: Enter the code" in response.text

    # Straight after a wrong code, even the right one waits: guessing is slowed down (1, 2, 4... seconds).
    response = client.post("/two-factor/", {"code": code_for(device)})
    assert "too many wrong codes" in response.text
    assert client.get("/complaints/").status_code == 302
    allow_next_attempt(device)
    assert client.post("/two-factor/", {"code": code_for(device)}).status_code == 302
    assert client.get("/complaints/").status_code == 200


def test_an_empty_code_asks_for_one(world):
    authenticator(world.complaints_officer)
    response = password_sign_in(world.complaints_officer).post("/two-factor/", {"code": ""})
    assert "Enter the code from your authenticator app or a backup code" in response.text


def test_the_code_page_offers_no_sections_until_the_code_is_given(world):
    """Every section would only lead back to the code page; after the code they are all there."""
    device = authenticator(world.complaints_officer)
    client = password_sign_in(world.complaints_officer)
    assert 'href="/complaints/"' not in client.get("/two-factor/").text
    client.post("/two-factor/", {"code": code_for(device)})
    assert 'href="/complaints/"' in client.get("/home/").text


def test_an_app_code_signs_in_once(world):
    person = world.hr_officer
    device = authenticator(person)
    code = code_for(device)
    assert password_sign_in(person).post("/two-factor/", {"code": code}).status_code == 302
    replay = password_sign_in(person)
    assert replay.post("/two-factor/", {"code": code}).status_code == 200
    assert replay.get("/appraisals/").status_code == 302


def test_a_backup_code_works_once(world):
    person = world.complaints_officer
    authenticator(person)
    first, second = twofactor.backup_codes_create(user=person)[:2]

    client = password_sign_in(person)
    assert client.post("/two-factor/", {"code": first.upper()}).status_code == 302  # as typed from paper
    assert client.get("/complaints/").status_code == 200

    again = password_sign_in(person)
    response = again.post("/two-factor/", {"code": first})
    assert "The code is not correct" in response.text
    assert again.get("/complaints/").status_code == 302
    allow_next_attempt(StaticDevice.objects.get(user=person))
    assert again.post("/two-factor/", {"code": second}).status_code == 302
    assert twofactor.backup_codes_left(person) == twofactor.BACKUP_CODE_COUNT - 2


def test_set_up_cannot_replace_a_device_before_the_code_is_given(world):
    """Someone holding only the password cannot enrol their own phone."""
    person = world.complaints_officer
    authenticator(person)
    client = password_sign_in(person)
    response = client.get("/two-factor/set-up/")
    assert response["Location"].startswith("/two-factor/?")
    assert client.post("/two-factor/set-up/", {"code": "123456"})["Location"].startswith("/two-factor/?")
    assert TOTPDevice.objects.filter(user=person).count() == 1


def test_a_role_given_during_a_session_asks_for_the_code_at_the_next_request(world):
    client = client_for(world.staff)
    assert client.get("/home/").status_code == 200
    grant(world.staff, Role.COMPLAINTS_OFFICER)
    assert client.get("/home/")["Location"].startswith("/two-factor/")


def test_api_tokens_are_refused_to_the_roles_that_need_a_second_factor(world):
    """A token would skip the code page, so those roles neither get one nor use one."""
    from rest_framework.test import APIClient

    refused = APIClient().post("/api/token/", {"username": world.complaints_officer.email, "password": PASSWORD})
    assert refused.status_code == 400
    assert "two-factor" in refused.json()["non_field_errors"][0]
    assert not Token.objects.filter(user=world.complaints_officer).exists()

    old = Token.objects.create(user=world.hr_officer)  # made before the rule, or before the role
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {old.key}")
    response = client.get("/api/services/")
    assert response.status_code in (401, 403)
    assert "two-factor" in response.json()["detail"]

    allowed = APIClient().post("/api/token/", {"username": world.staff.email, "password": PASSWORD})
    assert allowed.status_code == 200


def test_hr_resets_a_lost_authenticator_and_the_audit_trail_names_them(world):
    person = world.complaints_officer
    device = authenticator(person)
    twofactor.backup_codes_create(user=person)
    verified = password_sign_in(person)
    assert verified.post("/two-factor/", {"code": code_for(device)}).status_code == 302

    hr = client_for(world.hr_officer)
    assert "Reset two-factor authentication" in hr.get(f"/people/{person.pk}/").text
    assert hr.get(f"/people/{person.pk}/two-factor/reset/").status_code == 200
    response = hr.post(f"/people/{person.pk}/two-factor/reset/")
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=person).exists()
    assert not StaticDevice.objects.filter(user=person).exists()
    entry = LogEntry.objects.get(content_type__model="totpdevice", object_pk=str(device.pk),
                                 action=LogEntry.Action.DELETE)
    assert entry.actor == world.hr_officer
    assert "key" not in (entry.changes or {})
    # The session verified with the old phone is held back again, and set-up follows.
    assert verified.get("/complaints/")["Location"].startswith("/two-factor/")
    assert verified.get("/two-factor/")["Location"].startswith("/two-factor/set-up/")


@pytest.mark.parametrize("persona", ["performance_officer", "team_manager", "complaints_officer"])
def test_only_hr_and_administrators_reset_someone_s_second_factor(world, persona):
    authenticator(world.panel_member)
    client = client_for(getattr(world, persona))
    assert "Reset two-factor" not in client.get(f"/people/{world.panel_member.pk}/").text
    assert client.post(f"/people/{world.panel_member.pk}/two-factor/reset/").status_code in (403, 404)
    assert TOTPDevice.objects.filter(user=world.panel_member).exists()


def test_nobody_resets_their_own(world):
    client = client_for(world.system_admin)
    assert client.post(f"/people/{world.system_admin.pk}/two-factor/reset/").status_code == 403
    assert TOTPDevice.objects.filter(user=world.system_admin).exists()


def test_anyone_may_turn_it_on_and_is_then_asked_at_each_sign_in(world):
    person = world.staff
    client = client_for(person)
    assert "Turn on two-factor authentication" in client.get("/account/").text
    client.get("/two-factor/set-up/?next=/account/")
    device = TOTPDevice.objects.get(user=person, confirmed=False)
    assert client.post("/two-factor/set-up/", {"code": code_for(device), "next": "/account/"}).status_code == 302
    assert "On" in client.get("/account/").text

    later = password_sign_in(person)
    assert later.get("/home/")["Location"].startswith("/two-factor/")

    # They chose it, so they may turn it off (from a verified session).
    assert client.post("/account/two-factor/turn-off/").status_code == 302
    assert not TOTPDevice.objects.filter(user=person).exists()
    assert later.get("/two-factor/?next=/home/")["Location"] == "/home/"
    assert later.get("/home/").status_code == 200


def test_a_required_role_cannot_turn_it_off(world):
    client = client_for(world.complaints_officer)
    assert "Turn off" not in client.get("/account/").text
    assert client.post("/account/two-factor/turn-off/").status_code == 403
    assert TOTPDevice.objects.filter(user=world.complaints_officer).exists()


def test_new_backup_codes_replace_the_old_ones(world):
    person = world.hr_officer
    client = client_for(person)
    old = twofactor.backup_codes_create(user=person)
    response = client.post("/account/two-factor/backup-codes/")
    new = re.findall(r"<code>([a-z2-7]{8})</code>", client.get(response["Location"]).text)
    assert len(new) == twofactor.BACKUP_CODE_COUNT
    assert twofactor.verify_code(person, old[0]) == (None, 0)


def test_a_visitor_without_a_session_is_not_looked_up(world):
    """The public pages are cached the same for everyone: the check must not make them vary by cookie."""
    response = Client().get("/")
    assert response.status_code == 200
    assert "Cookie" not in response.get("Vary", "")
