"""Helpers shared by API endpoints: rate limits keyed by account or address, and request-body parsing."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest
from pydantic import BaseModel
from pydantic import ValidationError as PydanticValidationError

from kindling.accounts.models import User
from kindling.core import error_codes
from kindling.core.errors import ApplicationError
from kindling.core.ratelimit import client_ip, ratelimit_hit


def limit_by_user(scope: str, user: User) -> None:
    ratelimit_hit(scope=scope, ident=f"u{user.pk}")


def limit_by_ip(scope: str, request: HttpRequest) -> None:
    ratelimit_hit(scope=scope, ident=f"ip{client_ip(request)}")


def parse_body(request: HttpRequest, schema: type[BaseModel]) -> tuple[Any, dict[str, Any]]:
    """Validate a JSON or multipart body against `schema`; returns (data, files). Bad input is a 4xx."""
    content_type = request.content_type or ""
    files: dict[str, Any] = {}
    if content_type.startswith("multipart/form-data") or content_type == "application/x-www-form-urlencoded":
        raw: Any = {key: request.POST.get(key) for key in request.POST}
        files = {key: request.FILES[key] for key in request.FILES}
    else:
        try:
            raw = json.loads(request.body or b"{}")
        except (ValueError, UnicodeDecodeError) as exc:
            raise ApplicationError(error_codes.INVALID, "The request body is not valid JSON.", status=400) from exc
    if not isinstance(raw, dict):
        raise ApplicationError(error_codes.INVALID, "The request body must be a JSON object.", status=400)
    try:
        data = schema.model_validate(raw)
    except PydanticValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ())) or "body"
        raise ApplicationError(
            error_codes.INVALID, f"{where}: {first.get('msg', 'invalid value')}", status=422
        ) from exc
    return data, files
