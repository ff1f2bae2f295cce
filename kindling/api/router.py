"""The JSON API under /api/ with OpenAPI docs at /api/docs. Errors are always `{"code", "message"}` with a 4xx."""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from kindling.api import accounts, challenges, feeds, moderation, posts
from kindling.api.schemas import HealthOut
from kindling.core import error_codes
from kindling.core.errors import ApplicationError

logger = logging.getLogger(__name__)

api = NinjaAPI(
    title="Kindling API",
    version="1",
    description="Kindness-first social platform. Authenticate with `Authorization: Bearer <token>` "
    "from `POST /api/auth/tokens`.",
    urls_namespace="api",
)


def _error(request: HttpRequest, status: int, code: str, message: str, **extra: object) -> HttpResponse:
    response = api.create_response(request, {"code": code, "message": message, **extra}, status=status)
    if status == 429 and "retry_after" in extra:
        response["Retry-After"] = str(extra["retry_after"])
    return response


@api.exception_handler(ApplicationError)
def on_application_error(request: HttpRequest, exc: ApplicationError) -> HttpResponse:
    return _error(request, exc.status, exc.code, exc.message, **exc.extra)


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    first = exc.errors[0] if exc.errors else {}
    where = ".".join(str(p) for p in first.get("loc", ()) if p not in ("body", "payload")) or "request"
    message = f"{where}: {first.get('msg', 'invalid value')}"
    return _error(request, 422, error_codes.INVALID, message, errors=_plain(exc.errors))


def _plain(errors: list) -> list[dict]:
    # Pydantic error contexts can hold exception objects, which JSON can't carry.
    return [{"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", ""))} for e in errors]


@api.exception_handler(AuthenticationError)
def on_auth_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = _error(request, 401, error_codes.NOT_AUTHENTICATED, "A valid API token is required.")
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    code = error_codes.INVALID if exc.status_code < 500 else "server_error"
    return _error(request, exc.status_code, code, str(exc))


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _error(request, 404, error_codes.NOT_FOUND, "Not found.")


@api.exception_handler(DjangoPermissionDenied)
def on_forbidden(request: HttpRequest, exc: DjangoPermissionDenied) -> HttpResponse:
    return _error(request, 403, error_codes.FORBIDDEN, "You are not allowed to do that.")


@api.exception_handler(RequestDataTooBig)
def on_too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    return _error(request, 413, error_codes.PAYLOAD_TOO_LARGE, "The request is too large.")


@api.get("/health", response=HealthOut, tags=["meta"])
def health(request: HttpRequest) -> dict:
    return {"status": "ok"}


api.add_router("", accounts.router)
api.add_router("", posts.router)
api.add_router("", feeds.router)
api.add_router("", moderation.router)
api.add_router("", challenges.router)
