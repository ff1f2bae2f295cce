"""Fixed-window rate limits kept in the cache (Redis when configured), so they hold across processes."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache

from kindling.core import error_codes
from kindling.core.errors import RateLimited

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """'30/m' -> (30, 60). A rate of '0/...' or 'off' disables the limit."""
    if rate.strip().lower() in {"", "off", "none"}:
        return (0, 0)
    count_str, _, unit = rate.partition("/")
    unit = unit.strip().lower() or "m"
    multiplier = 1
    if unit[:-1].isdigit():
        multiplier, unit = int(unit[:-1]), unit[-1]
    if unit not in _UNITS:
        raise ValueError(f"bad rate {rate!r}: use <count>/<s|m|h|d>")
    return int(count_str), _UNITS[unit] * multiplier


def ratelimit_hit(*, scope: str, ident: str) -> None:
    """Count one hit for `ident` in `scope`; raise RateLimited once the configured rate is exceeded."""
    rate = settings.KINDLING_RATELIMITS.get(scope, "")
    limit, period = parse_rate(rate)
    if limit <= 0:
        return
    window = int(time.time() // period)
    key = f"rl:{scope}:{ident}:{window}"
    cache.add(key, 0, timeout=period + 5)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=period + 5)
        count = 1
    if count > limit:
        retry_after = int(period - (time.time() % period)) + 1
        raise RateLimited(
            error_codes.RATE_LIMITED,
            f"Too many requests. Try again in {retry_after} seconds.",
            extra={"retry_after": retry_after},
        )


def client_ip(request) -> str:  # type: ignore[no-untyped-def]
    if settings.SECURE_PROXY_SSL_HEADER:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "") or "unknown"
