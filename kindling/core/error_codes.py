"""Stable error codes shared by every app. Clients match on these strings; never rename one."""

INVALID = "invalid"
NOT_FOUND = "not_found"
FORBIDDEN = "forbidden"
NOT_AUTHENTICATED = "not_authenticated"
RATE_LIMITED = "rate_limited"
BAD_CURSOR = "bad_cursor"
PAYLOAD_TOO_LARGE = "payload_too_large"
