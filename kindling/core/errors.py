"""The one exception type services raise; API and web layers turn it into a 4xx with a stable code."""

from __future__ import annotations


class ApplicationError(Exception):
    """A refusal the user can act on: `code` is stable for clients, `message` is for people."""

    status: int = 400

    def __init__(self, code: str, message: str, *, status: int | None = None, extra: dict | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        if status is not None:
            self.status = status
        self.extra = extra or {}

    def as_dict(self) -> dict:
        return {"code": self.code, "message": self.message, **self.extra}


class NotFound(ApplicationError):
    status = 404


class PermissionDenied(ApplicationError):
    status = 403


class Conflict(ApplicationError):
    status = 409


class RateLimited(ApplicationError):
    status = 429
