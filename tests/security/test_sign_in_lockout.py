"""Sign-in throttling: a username is locked from one address, not everyone behind it."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def sign_in(email, password, address):
    client = Client(REMOTE_ADDR=address)
    return client, client.post(reverse("login"), {"username": email, "password": password})


def fail(email, address, times):
    for _ in range(times):
        _, response = sign_in(email, "wrong-password-123", address)
        assert response.status_code == 200


def test_the_fifth_failure_locks_that_account_from_that_address(settings):
    person = UserFactory(email="ann@test.example")
    fail(person.email, "10.0.0.1", settings.AXES_FAILURE_LIMIT - 1)
    _, response = sign_in(person.email, "wrong-password-123", "10.0.0.1")
    assert response.status_code == 429
    assert "Sign-in locked for now" in response.text
    assert "30 minutes" in response.text
    # Even the right password is refused from there while the lock lasts.
    client, response = sign_in(person.email, PASSWORD, "10.0.0.1")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lock_does_not_shut_out_the_rest_of_the_office_or_the_person_elsewhere(settings):
    person = UserFactory(email="ann@test.example")
    colleague = UserFactory(email="bob@test.example")
    fail(person.email, "10.0.0.1", settings.AXES_FAILURE_LIMIT - 1)
    assert sign_in(person.email, "wrong-password-123", "10.0.0.1")[1].status_code == 429
    _, response = sign_in(colleague.email, PASSWORD, "10.0.0.1")
    assert response.status_code == 302
    _, response = sign_in(person.email, PASSWORD, "10.0.0.2")
    assert response.status_code == 302


def test_capitals_in_the_address_do_not_buy_more_attempts(settings):
    person = UserFactory(email="ann@test.example")
    fail(person.email, "10.0.0.1", settings.AXES_FAILURE_LIMIT - 1)
    _, response = sign_in("ANN@test.example", "wrong-password-123", "10.0.0.1")
    assert response.status_code == 429


def test_a_successful_sign_in_clears_earlier_failures(settings):
    person = UserFactory(email="ann@test.example")
    fail(person.email, "10.0.0.1", settings.AXES_FAILURE_LIMIT - 1)
    _, response = sign_in(person.email, PASSWORD, "10.0.0.1")
    assert response.status_code == 302
    fail(person.email, "10.0.0.1", settings.AXES_FAILURE_LIMIT - 1)
    _, response = sign_in(person.email, PASSWORD, "10.0.0.1")
    assert response.status_code == 302


def test_behind_the_proxy_only_the_address_it_appended_counts(settings):
    settings.BEHIND_PROXY = True
    person = UserFactory(email="ann@test.example")
    for n in range(settings.AXES_FAILURE_LIMIT):
        # A client inventing a new first address each time is still the same client.
        client = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 10.0.0.1")
        response = client.post(reverse("login"), {"username": person.email, "password": "wrong-password-123"})
    assert response.status_code == 429
