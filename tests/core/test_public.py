"""Pages anyone can open without signing in."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["public-home", "accessibility", "login", "password_reset", "api-docs"])
def test_it_serves_public_pages_in_the_council_s_branding(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert "Ashford Vale Council" in response.text
    assert "GDS Transport" not in response.text


def test_it_sends_security_headers_with_a_nonce_based_policy(client):
    # The public pages carry no inline script at all (they are cached); the sign-in page uses the nonce.
    response = client.get(reverse("login"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in policy
    assert "unsafe-inline" not in policy
    nonce = policy.split("'nonce-")[1].split("'")[0]
    assert f'nonce="{nonce}"' in response.text
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
