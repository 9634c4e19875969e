"""API tokens are for people and service accounts without a required second factor.

A token is a password-equivalent that skips the code page, so the people who must use
two-factor authentication (organisation.twofactor.is_required) neither get one nor use one:
they use the API from a signed-in, verified browser session. See docs/decisions/0011.
"""

from rest_framework import authentication, exceptions

from organisation import twofactor

REFUSED = ("This account must use two-factor authentication, so it cannot use an API token. "
           "Use the API from a signed-in browser session, or ask for a service account.")


class TokenAuthentication(authentication.TokenAuthentication):
    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        if twofactor.is_required(user):
            raise exceptions.AuthenticationFailed(REFUSED)
        return user, token
