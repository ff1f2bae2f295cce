"""Keyset (cursor) pagination: a page continues strictly after the last row seen, never by OFFSET."""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any, TypeVar

from django.db.models import Model, Q, QuerySet

from kindling.core import error_codes
from kindling.core.errors import ApplicationError

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 50
T = TypeVar("T", bound=Model)


def cursor_encode(values: Sequence[Any]) -> str:
    payload = [v.isoformat() if isinstance(v, datetime) else v for v in values]
    return base64.urlsafe_b64encode(json.dumps(payload, separators=(",", ":")).encode()).decode().rstrip("=")


def cursor_decode(cursor: str, *, kinds: Sequence[type]) -> list[Any]:
    """Decode a cursor and coerce each part to the expected type; anything malformed is a 400."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        raw = json.loads(base64.urlsafe_b64decode(padded.encode()).decode())
        if not isinstance(raw, list) or len(raw) != len(kinds):
            raise ValueError("wrong shape")
        values: list[Any] = []
        for kind, value in zip(kinds, raw, strict=True):
            if kind is datetime:
                parsed = datetime.fromisoformat(value)
                if parsed.tzinfo is None:
                    raise ValueError("naive datetime")
                values.append(parsed)
            elif kind is int:
                if not isinstance(value, int) or isinstance(value, bool):
                    raise ValueError("not an int")
                values.append(value)
            elif kind is float:
                values.append(float(value))
            else:
                values.append(kind(value))
        return values
    except (ValueError, TypeError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ApplicationError(error_codes.BAD_CURSOR, "The cursor is not valid; start again from the first page.") from exc


def keyset_page(
    queryset: QuerySet[T],
    *,
    cursor: str | None,
    time_field: str = "created_at",
    limit: int = DEFAULT_PAGE_SIZE,
    ascending: bool = False,
) -> tuple[list[T], str | None]:
    """Page by (time_field, id), newest first unless `ascending`. Stable when new rows arrive meanwhile."""
    limit = max(1, min(limit, MAX_PAGE_SIZE))
    if cursor:
        when, last_id = cursor_decode(cursor, kinds=[datetime, int])
        if ascending:
            queryset = queryset.filter(Q(**{f"{time_field}__gt": when}) | Q(**{time_field: when, "id__gt": last_id}))
        else:
            queryset = queryset.filter(Q(**{f"{time_field}__lt": when}) | Q(**{time_field: when, "id__lt": last_id}))
    order = [time_field, "id"] if ascending else [f"-{time_field}", "-id"]
    rows = list(queryset.order_by(*order)[: limit + 1])
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        last = rows[-1]
        next_cursor = cursor_encode([getattr(last, time_field), last.pk])
    return rows, next_cursor
