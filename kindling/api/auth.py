"""Bearer-token authentication. A token that is present but wrong is a 401 even where login is optional."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer

from kindling.accounts.models import User
from kindling.accounts.services import token_authenticate


class TokenAuth(HttpBearer):
    openapi_scheme = "bearer"

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = token_authenticate(token=token.strip())
        if user is not None:
            request.user = user
        return user


token_auth = TokenAuth()


def bearer_token(request: HttpRequest) -> str | None:
    """The bearer token sent, None if no Authorization header; a malformed header is a 401."""
    header = request.headers.get("Authorization", "")
    if not header:
        return None
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise AuthenticationError()
    return token.strip()


def optional_user(request: HttpRequest) -> User | AnonymousUser:
    """The caller's account if a valid token was sent, anonymous if none was sent."""
    token = bearer_token(request)
    if token is None:
        return AnonymousUser()
    user = token_authenticate(token=token)
    if user is None:
        raise AuthenticationError()
    request.user = user
    return user


def current_user(request: HttpRequest) -> User:
    """The authenticated caller on endpoints guarded by `token_auth`."""
    user = request.auth  # type: ignore[attr-defined]
    assert isinstance(user, User)
    return user
