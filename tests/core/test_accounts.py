"""Signing in and out, and resetting a forgotten password by e-mail."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_it_signs_in_by_email_and_lands_on_the_home_page(world, client):
    response = client.post(reverse("login"), {"username": "staff@test.example", "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("home")
    assert "Hello, Aisha" in response.text


def test_it_explains_a_wrong_password_next_to_the_form(world, client):
    response = client.post(reverse("login"), {"username": "staff@test.example", "password": "wrong"})
    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert "Enter a correct email address and password" in response.text
    assert "_auth_user_id" not in client.session


def test_it_asks_for_a_real_email_address(world, client):
    response = client.post(reverse("login"), {"username": "not-an-email", "password": "x"})
    assert "Enter a valid email address" in response.text


def test_it_refuses_a_leaver_who_still_knows_their_password(world, client):
    world.leaver.is_active = False
    world.leaver.save()
    response = client.post(reverse("login"), {"username": "leaver@test.example", "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert response.status_code == 200


def test_it_signs_out_with_a_post(world, as_user):
    client = as_user(world.staff)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 302


def test_it_resets_a_forgotten_password_by_email(world, client):
    response = client.post(reverse("password_reset"), {"email": "staff@test.example"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["staff@test.example"]
    link = re.search(r"http://testserver(/password-reset/\S+/)", message.body).group(1)
    form_page = client.get(link, follow=True)
    assert "Choose a new password" in form_page.text
    set_url = form_page.redirect_chain[-1][0]
    weak = client.post(set_url, {"new_password1": "password", "new_password2": "password"})
    assert "This password is too short" in weak.text or "too common" in weak.text
    done = client.post(set_url, {"new_password1": "a-new-long-passphrase-2026", "new_password2": "a-new-long-passphrase-2026"})
    assert done.status_code == 302
    world.staff.refresh_from_db()
    assert world.staff.check_password("a-new-long-passphrase-2026")


def test_it_does_not_reveal_whether_an_address_has_an_account(world, client):
    response = client.post(reverse("password_reset"), {"email": "nobody@test.example"}, follow=True)
    assert "Check your email" in response.text
    assert len(mail.outbox) == 0
