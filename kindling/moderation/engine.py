"""The bridge to the moderation engine (`kindling_ml`). It fails closed: any error, timeout or missing
model turns into a `review` decision, never an `allow`."""

from __future__ import annotations

import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.conf import settings

logger = logging.getLogger(__name__)

DECISIONS = ("allow", "nudge", "review", "block", "support")


class Engine(Protocol):
    def score(self, texts: list[str]) -> list[Any]: ...

    def explain(self, text: str) -> list[tuple[int, int]]: ...


@dataclass(frozen=True)
class Check:
    """The engine's verdict on one text, or the fail-closed stand-in when the engine could not answer."""

    decision: str
    harm: float | None = None
    kindness: float | None = None
    categories: dict[str, float] = field(default_factory=dict)
    error: str | None = None

    @property
    def automated(self) -> bool:
        return self.error is None

    def top_categories(self, threshold: float = 0.3, limit: int = 3) -> list[str]:
        ranked = sorted(self.categories.items(), key=lambda kv: kv[1], reverse=True)
        return [name for name, p in ranked[:limit] if p >= threshold and name != "at_risk"] or (
            [ranked[0][0]] if ranked else []
        )

    def scores_dict(self) -> dict[str, Any]:
        return {"harm": self.harm, "kindness": self.kindness, "categories": self.categories, "error": self.error}


_override: Engine | None = None
_executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="moderation-engine")
_lock = threading.Lock()


def set_engine(engine: Engine | None) -> None:
    """Swap the engine (tests that need a specific decision or a failure); None restores the real one."""
    global _override
    with _lock:
        _override = engine


_configured: Engine | None = None


def _engine() -> Engine:
    global _configured
    if _override is not None:
        return _override
    path = settings.KINDLING_MODERATION_ENGINE
    if path:
        if _configured is None:
            from django.utils.module_loading import import_string

            _configured = import_string(path)()
        return _configured  # type: ignore[return-value]
    from kindling_ml import get_moderator

    return get_moderator()  # type: ignore[return-value]


def _run(fn, *args):  # type: ignore[no-untyped-def]
    timeout = settings.KINDLING_MODERATION_TIMEOUT_S
    return _executor.submit(fn, *args).result(timeout=timeout)


def engine_check(texts: list[str]) -> list[Check]:
    """Score texts; on any failure every text gets `review` with the error recorded."""
    if not texts:
        return []
    try:
        scores = _run(lambda batch: _engine().score(batch), list(texts))
        if len(scores) != len(texts):
            raise ValueError("engine returned the wrong number of scores")
        checks = []
        for score in scores:
            decision = score.decision if score.decision in DECISIONS else "review"
            checks.append(
                Check(
                    decision=decision,
                    harm=float(score.harm),
                    kindness=float(score.kindness),
                    categories={k: float(v) for k, v in dict(score.categories).items()},
                )
            )
        return checks
    except FutureTimeout:
        logger.error("moderation engine timed out; holding %d item(s) for review", len(texts))
        return [Check(decision="review", error="timeout") for _ in texts]
    except Exception as exc:  # fail closed on anything the engine raises
        logger.exception("moderation engine failed; holding %d item(s) for review", len(texts))
        return [Check(decision="review", error=type(exc).__name__) for _ in texts]


def engine_explain(text: str) -> list[tuple[int, int]]:
    """Spans of the words that triggered a nudge; empty when the engine can't say."""
    try:
        spans = _run(lambda t: _engine().explain(t), text)
        return [(int(s), int(e)) for s, e in spans][:20]
    except Exception:
        logger.warning("moderation engine could not explain a nudge", exc_info=True)
        return []


def engine_policy() -> Any | None:
    try:
        return getattr(_engine(), "policy", None)
    except Exception:
        return None
