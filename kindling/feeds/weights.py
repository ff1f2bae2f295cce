"""The ranker's weights, read once from `weights.toml` (or the file KINDLING_FEED_WEIGHTS names).

All tuning lives in that one TOML file so an admin can change the feed without touching code; see the
comments there and docs/ranking.md for what each number does.
"""

from __future__ import annotations

import math
import os
import tomllib
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path
from typing import Any

DEFAULT_PATH = Path(__file__).with_name("weights.toml")


class WeightsError(ValueError):
    pass


@dataclass(frozen=True)
class StoredWeights:
    like: float = 1.0
    comment: float = 2.0
    share: float = 3.0
    view: float = 0.05
    audience_exponent: float = 0.5
    engagement: float = 1.0
    kindness: float = 1.5
    reply_kindness: float = 2.0
    reply_full_at: int = 3
    harm: float = 8.0
    harm_ceiling: float = 0.70
    half_life_hours: float = 12.0
    new_creator_days: int = 30
    small_creator_followers: int = 100

    @property
    def freshness_per_second(self) -> float:
        # ln 2 per half-life: exp(rank) halves for every half-life a post is older than another.
        return math.log(2) / (self.half_life_hours * 3600.0)


@dataclass(frozen=True)
class ViewerWeights:
    follows_author: float = 3.0
    interacted_author: float = 0.8
    liked_hashtag: float = 0.5
    show_less: float = 1.5


@dataclass(frozen=True)
class PageWeights:
    max_per_author: int = 2
    creator_slot_every: int = 4
    near_duplicate_jaccard: float = 0.7
    near_duplicate_window: int = 3


@dataclass(frozen=True)
class CandidateWeights:
    first_page_global: int = 100
    first_page_follows: int = 40
    first_page_creators: int = 30
    next_page_global: int = 40
    next_page_follows: int = 20
    next_page_creators: int = 15
    carry: int = 40
    read_in_full: int = 40
    cache_seconds: int = 30


@dataclass(frozen=True)
class Weights:
    stored: StoredWeights = StoredWeights()
    viewer: ViewerWeights = ViewerWeights()
    page: PageWeights = PageWeights()
    candidates: CandidateWeights = CandidateWeights()


def _section(kind: type, data: dict[str, Any], name: str) -> Any:
    known = {f.name: f.type for f in fields(kind)}
    unknown = set(data) - set(known)
    if unknown:
        raise WeightsError(f"[{name}] has unknown keys: {', '.join(sorted(unknown))}")
    values: dict[str, Any] = {}
    for key, value in data.items():
        default = getattr(kind(), key)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise WeightsError(f"[{name}] {key} must be a number")
        values[key] = int(value) if isinstance(default, int) else float(value)
    return kind(**values)


def weights_parse(data: dict[str, Any]) -> Weights:
    """Build Weights from parsed TOML; missing keys keep their defaults, unknown keys are an error (typos)."""
    unknown = set(data) - {"stored", "viewer", "page", "candidates"}
    if unknown:
        raise WeightsError(f"unknown sections: {', '.join(sorted(unknown))}")
    w = Weights(
        stored=_section(StoredWeights, data.get("stored", {}), "stored"),
        viewer=_section(ViewerWeights, data.get("viewer", {}), "viewer"),
        page=_section(PageWeights, data.get("page", {}), "page"),
        candidates=_section(CandidateWeights, data.get("candidates", {}), "candidates"),
    )
    if not 0.0 < w.stored.harm_ceiling <= 1.0:
        raise WeightsError("stored.harm_ceiling must be in (0, 1]")
    if w.stored.half_life_hours <= 0 or w.page.max_per_author < 1:
        raise WeightsError("half_life_hours must be positive and max_per_author at least 1")
    if not 0 <= w.candidates.cache_seconds <= 3600:
        # Cached pages must expire long before the version stamps that guard them (feeds.cache).
        raise WeightsError("candidates.cache_seconds must be between 0 and 3600")
    return w


@lru_cache(maxsize=1)
def weights_load(path: str | None = None) -> Weights:
    """The active weights: KINDLING_FEED_WEIGHTS if set, else the packaged weights.toml."""
    chosen = Path(path or os.environ.get("KINDLING_FEED_WEIGHTS") or DEFAULT_PATH)
    with chosen.open("rb") as fh:
        return weights_parse(tomllib.load(fh))
