"""The For You ranker, pure Python: stored (viewer-independent) terms, per-viewer re-ranking, page diversity.

Two stages keep it fast at any size. The stored rank (`stored_terms`) is what the database indexes; it
changes only when a post's engagement, replies or scores change. The viewer's terms (`score`) and the page
rules (`select_page`) run in Python over a few hundred candidates picked by that index. Every term is in
natural-log units, so terms add and `why` can name the largest ones. Weights: weights.toml.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache

from kindling.feeds.weights import PageWeights, StoredWeights, ViewerWeights

# Ranks count freshness from this instant; any fixed epoch works because only differences matter.
RANK_EPOCH = datetime(2025, 1, 1, tzinfo=UTC)

CREATOR_NONE, CREATOR_SMALL, CREATOR_NEW = 0, 1, 2
_WORD = re.compile(r"[\w']+")


@dataclass(frozen=True)
class RankInputs:
    likes: int
    comments: int
    shares: int
    views: int
    followers: int
    kindness: float | None
    harm: float | None
    reply_kindness: float | None  # mean over scored, published replies
    reply_count: int
    published_at: datetime
    author_joined: datetime


@dataclass(frozen=True)
class StoredTerms:
    engagement: float
    kindness: float
    replies: float
    harm: float
    freshness: float
    creator: int

    @property
    def rank(self) -> float:
        return self.engagement + self.kindness + self.replies - self.harm + self.freshness


def is_candidate(*, harm: float | None, w: StoredWeights) -> bool:
    """Harm at or above the review threshold never enters the feed, whatever its engagement."""
    return harm is None or harm < w.harm_ceiling


def is_view_checkpoint(view_count: int) -> bool:
    """Whether a post's stored rank should be rewritten at this view count.

    Views enter engagement through a logarithm with a small weight, so one more view on a post that already
    has many barely moves its rank. Rewriting on each of the first 16 views and then each time the count has
    grown by about 1/16 keeps the stored engagement within a few percent while a popular post no longer
    costs a rank write per view.
    """
    if view_count <= 16:
        return True
    return view_count % (view_count // 16) == 0


def freshness_term(*, published_at: datetime, w: StoredWeights) -> float:
    return (published_at - RANK_EPOCH).total_seconds() * w.freshness_per_second


def stored_terms(inputs: RankInputs, *, w: StoredWeights) -> StoredTerms:
    raw = w.like * inputs.likes + w.comment * inputs.comments + w.share * inputs.shares + w.view * inputs.views
    # Normalise for audience so reach, not follower count, is what earns rank.
    engagement = w.engagement * math.log1p(raw / (1.0 + inputs.followers) ** w.audience_exponent)
    kindness = w.kindness * (inputs.kindness or 0.0)
    replies = 0.0
    if inputs.reply_kindness is not None and inputs.reply_count > 0:
        trust = min(1.0, inputs.reply_count / max(1, w.reply_full_at))
        # Centred on 0.5: hostile reply threads pull a post down, kind ones lift it.
        replies = w.reply_kindness * (inputs.reply_kindness - 0.5) * 2 * trust
    harm = w.harm * (inputs.harm or 0.0)
    age_days = (inputs.published_at - inputs.author_joined).total_seconds() / 86400
    if age_days < w.new_creator_days:
        creator = CREATOR_NEW
    elif inputs.followers < w.small_creator_followers:
        creator = CREATOR_SMALL
    else:
        creator = CREATOR_NONE
    return StoredTerms(
        engagement=engagement,
        kindness=kindness,
        replies=replies,
        harm=harm,
        freshness=freshness_term(published_at=inputs.published_at, w=w),
        creator=creator,
    )


@dataclass(frozen=True)
class Candidate:
    post_id: int
    author_id: int
    author_name: str
    rank: float
    engagement: float
    kindness: float
    replies: float
    harm: float
    published_at: datetime
    creator: int
    text: str = ""
    hashtags: tuple[str, ...] = ()
    shared_from_id: int | None = None


@dataclass(frozen=True)
class ViewerContext:
    """What the ranker knows about the viewer; empty for anonymous visitors."""

    viewer_id: int | None = None
    follows: frozenset[int] = frozenset()
    interacted_authors: frozenset[int] = frozenset()
    liked_hashtags: frozenset[str] = frozenset()
    show_less_authors: dict[int, int] = field(default_factory=dict)
    show_less_hashtags: dict[str, int] = field(default_factory=dict)
    hidden_words: tuple[str, ...] = ()
    muted_author_ids: frozenset[int] = frozenset()
    blocked_ids: frozenset[int] = frozenset()

    def hidden_pattern(self) -> re.Pattern[str] | None:
        words = [re.escape(w.strip().casefold()) for w in self.hidden_words if w.strip()]
        if not words:
            return None
        return re.compile(r"(?<![\w])(?:" + "|".join(words) + r")(?![\w])", re.IGNORECASE)


@dataclass
class Scored:
    candidate: Candidate
    score: float
    why: list[str]

    @property
    def post_id(self) -> int:
        return self.candidate.post_id


def is_excluded(c: Candidate, ctx: ViewerContext, pattern: re.Pattern[str] | None) -> bool:
    """Blocked or muted authors and posts containing a hidden word never reach the viewer."""
    if c.author_id in ctx.blocked_ids or c.author_id in ctx.muted_author_ids:
        return True
    return pattern is not None and pattern.search(c.text) is not None


def score(c: Candidate, ctx: ViewerContext, *, w: ViewerWeights, sw: StoredWeights, now: datetime) -> Scored:
    """Stored rank plus the viewer's terms; `why` names the two or three largest positive factors."""
    factors: list[tuple[float, str]] = [
        (c.engagement, "popular with its audience"),
        (c.kindness - sw.kindness * 0.5, "kind post"),  # only above-average kindness counts as a reason
        (c.replies, "kind replies"),
    ]
    age_hours = max(0.0, (now - c.published_at).total_seconds() / 3600)
    # Freshness as a reason: how much standing a post has kept, relative to one a half-life old.
    factors.append((math.log(2) * (1 - age_hours / sw.half_life_hours), "fresh"))
    personal = 0.0
    if c.author_id in ctx.follows:
        personal += w.follows_author
        factors.append((w.follows_author, f"from @{c.author_name} you follow"))
    elif c.author_id in ctx.interacted_authors:
        personal += w.interacted_author
        factors.append((w.interacted_author, f"you engage with @{c.author_name}"))
    liked = [t for t in c.hashtags if t in ctx.liked_hashtags]
    if liked:
        personal += w.liked_hashtag
        factors.append((w.liked_hashtag, f"#{liked[0]} you engage with"))
    less = min(3, ctx.show_less_authors.get(c.author_id, 0) + max((ctx.show_less_hashtags.get(t, 0) for t in c.hashtags), default=0))
    personal -= w.show_less * less
    positive = sorted((f for f in factors if f[0] > 0.05), key=lambda f: -f[0])
    why = [label for _, label in positive[:3]] or ["recent"]
    return Scored(candidate=c, score=c.rank + personal, why=why)


def prescore(*, rank: float, author_id: int, ctx: ViewerContext, w: ViewerWeights) -> float:
    """The author-level part of `score`, known from the rank index alone (no text, no hashtags).

    Used to choose which candidates are worth reading in full; `score` then adds the hashtag terms.
    """
    if author_id in ctx.blocked_ids or author_id in ctx.muted_author_ids:
        return -math.inf
    s = rank
    if author_id in ctx.follows:
        s += w.follows_author
    elif author_id in ctx.interacted_authors:
        s += w.interacted_author
    return s - w.show_less * min(3, ctx.show_less_authors.get(author_id, 0))


@lru_cache(maxsize=8192)
def _tokens(text: str) -> frozenset[str]:
    return frozenset(_WORD.findall(text.casefold()))


def near_duplicate(a: Candidate, b: Candidate, *, threshold: float) -> bool:
    """Shares of one original, a share and its original, or texts whose word sets mostly overlap."""
    if a.shared_from_id is not None and a.shared_from_id in (b.shared_from_id, b.post_id):
        return True
    if b.shared_from_id is not None and b.shared_from_id == a.post_id:
        return True
    ta, tb = _tokens(a.text), _tokens(b.text)
    if not ta or not tb:
        return False
    return len(ta & tb) / len(ta | tb) >= threshold


def select_page(
    scored: Iterable[Scored], *, limit: int, w: PageWeights, backfill: bool = False
) -> tuple[list[Scored], list[Scored]]:
    """Greedy fill by score with the page rules; returns (page, the unplaced rest in score order).

    - at most `max_per_author` posts per author on a page;
    - every `creator_slot_every`-th slot goes to the best new or small creator available;
    - no post sits within `near_duplicate_window` of a near-duplicate of itself.

    `backfill` is for when there is nothing more to read (a small instance): rather than leave a page
    half empty, the remaining slots are filled in score order without the per-author cap.
    """
    pool = sorted(scored, key=lambda s: (-s.score, -s.post_id))
    page: list[Scored] = []
    per_author: Counter[int] = Counter()
    capped = True

    def allowed(s: Scored) -> bool:
        if capped and per_author[s.candidate.author_id] >= w.max_per_author:
            return False
        recent = page[-w.near_duplicate_window :] if w.near_duplicate_window > 0 else []
        return not any(near_duplicate(s.candidate, p.candidate, threshold=w.near_duplicate_jaccard) for p in recent)

    while len(page) < limit:
        creator_slot = w.creator_slot_every > 0 and (len(page) + 1) % w.creator_slot_every == 0
        pick: Scored | None = None
        if creator_slot:
            pick = next((s for s in pool if s.candidate.creator != CREATOR_NONE and allowed(s)), None)
            if pick is not None:
                label = "new creator" if pick.candidate.creator == CREATOR_NEW else "small creator"
                pick.why = [label, *[x for x in pick.why if x != label]][:3]
        if pick is None:
            pick = next((s for s in pool if allowed(s)), None)
        if pick is None and backfill and capped:
            capped = False
            continue
        if pick is None:
            break
        pool.remove(pick)
        page.append(pick)
        per_author[pick.candidate.author_id] += 1
    return page, pool


def rank_viewer_page(
    candidates: Sequence[Candidate],
    ctx: ViewerContext,
    *,
    limit: int,
    viewer_w: ViewerWeights,
    stored_w: StoredWeights,
    page_w: PageWeights,
    now: datetime,
    backfill: bool = False,
) -> tuple[list[Scored], list[Scored]]:
    """Filter, score and lay out one page from candidates (deduplicated by post id)."""
    pattern = ctx.hidden_pattern()
    seen: set[int] = set()
    scored: list[Scored] = []
    for c in candidates:
        if c.post_id in seen or is_excluded(c, ctx, pattern):
            continue
        seen.add(c.post_id)
        scored.append(score(c, ctx, w=viewer_w, sw=stored_w, now=now))
    return select_page(scored, limit=limit, w=page_w, backfill=backfill)
