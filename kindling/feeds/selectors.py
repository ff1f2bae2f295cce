"""Feeds. Following is reverse chronological; For You is ranked (kindling/feeds/ranker.py).

For You at scale: candidates come from the stored, indexed rank (PostRank) — the global top, the viewer's
follows and new/small creators — never from sorting a computed expression over all posts. A few hundred
candidates are re-ranked in Python for the viewer, then laid out with the page rules.

Pagination is keyset on the stored rank. The cursor holds the boundary (rank, post id) every source has
been read past, the unplaced candidates above it (carried to the next page), and the posts already shown
from below it (excluded until the boundary passes them). New posts rank above the boundary, so later pages
never repeat or shift because of them.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from kindling.accounts.models import User
from kindling.accounts.selectors import ViewerRelations, viewer_relations
from kindling.core import error_codes
from kindling.core.errors import ApplicationError
from kindling.core.pagination import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, cursor_encode, keyset_page
from kindling.feeds import ranker
from kindling.feeds.cache import feed_cache_enabled, feed_cache_version_key
from kindling.feeds.models import FeedFeedback, PostRank
from kindling.feeds.weights import Weights, weights_load
from kindling.posts.models import Hashtag, Like, Post, PostHashtag, PostStatus
from kindling.posts.selectors import (
    Viewer,
    post_visibility_q,
    posts_checked_for_display,
    posts_visible_to,
    recommendable_q,
)

Position = tuple[float, int]  # (rank, post id): the order of the rank index, descending
MAX_EXCLUDED = 120
FEEDBACK_DAYS = 90
RECENT_LIKES = 200
UNRANKED_WINDOW = timedelta(minutes=15)
UNRANKED_LIMIT = 50
CONTEXT_SECONDS = 60


def feed_following_for(*, viewer: User, cursor: str | None, limit: int = DEFAULT_PAGE_SIZE):
    """Reverse-chronological posts by followed accounts and the viewer, keyset on (created_at, id), without
    muted accounts or posts carrying the viewer's hidden words.

    Two steps so it stays fast at any size: the page's ids come from the (author, status, created_at) index
    alone, then the visibility rule and the display joins run on those ids only.
    """
    relations = viewer_relations(viewer=viewer)
    authors = [a for a in relations.follows if a not in relations.muted] + [viewer.pk]
    keys = Post.objects.filter(author_id__in=authors, status=PostStatus.PUBLISHED, deleted_at__isnull=True).only(
        "id", "created_at"
    )
    hidden = ranker.ViewerContext(hidden_words=relations.hidden_phrases).hidden_pattern()
    page: list[Post] = []
    next_cursor = cursor
    # Hidden words can thin a page out; read forward a bounded number of pages to fill it.
    for _ in range(10):
        rows, next_cursor = keyset_page(keys, cursor=next_cursor, limit=limit)
        posts = posts_visible_to(viewer=viewer, blocked=relations.blocked).filter(pk__in=[r.pk for r in rows]).in_bulk()
        for row in rows:
            post = posts.get(row.pk)
            if post is None:
                continue
            if hidden is not None and post.author_id != viewer.pk and hidden.search(post.text):
                continue
            page.append(post)
        if len(page) >= limit or next_cursor is None:
            break
    if len(page) > limit:
        page = page[:limit]
        next_cursor = cursor_encode([page[-1].created_at, page[-1].pk])
    return page, next_cursor


# ------------------------------------------------------------------------------------------ viewer state


def viewer_context(*, viewer: Viewer, relations: ViewerRelations | None = None) -> ranker.ViewerContext:
    """Everything about the viewer the ranker uses: follows, recent interactions, feedback, blocks, filters.

    `relations`: the viewer's follows, blocks, mutes and hidden words when the caller has just read them.
    """
    if not viewer.is_authenticated:
        return ranker.ViewerContext()
    if relations is None:
        relations = viewer_relations(viewer=viewer)
    # Likes and feedback change slowly and cost two joins: cached briefly per viewer (feedback and the viewer's
    # own likes bump the version, so "show less" applies at once). Relations are read fresh every time.
    key = f"feed:ctx:{viewer.pk}:{cache.get(feed_cache_version_key(viewer.pk))}"
    base = cache.get(key)
    if base is None:
        base = _viewer_signals(viewer_id=viewer.pk)
        cache.set(key, base, CONTEXT_SECONDS)
    interacted, liked_tags, less_authors, less_tags = base
    return ranker.ViewerContext(
        viewer_id=viewer.pk,
        follows=relations.follows,
        interacted_authors=interacted,
        liked_hashtags=liked_tags,
        show_less_authors=less_authors,
        show_less_hashtags=less_tags,
        hidden_words=relations.hidden_phrases,
        muted_author_ids=relations.muted,
        blocked_ids=relations.blocked,
    )


def _viewer_signals(*, viewer_id: int) -> tuple:
    """Recent likes (with the liked post's author and hashtags) and "show less" feedback, in one statement.

    Hand-written for the same reason as viewer_relations: on the 1M-post benchmark world the two ORM queries
    took about 3.0 ms per uncached page and this statement 1.8 ms; PostgreSQL itself runs it in under 1 ms.
    """
    since = connection.ops.adapt_datetimefield_value(timezone.now() - timedelta(days=FEEDBACK_DAYS))
    sql = _SIGNALS_SQL.format(
        like=Like._meta.db_table, post=Post._meta.db_table, post_hashtag=PostHashtag._meta.db_table,
        hashtag=Hashtag._meta.db_table, feedback=FeedFeedback._meta.db_table, limit=int(RECENT_LIKES),
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [viewer_id, viewer_id, since])
        rows = cursor.fetchall()
    interacted: set[int] = set()
    liked_tags: set[str] = set()
    less_authors: dict[int, int] = {}
    less_tags: dict[str, int] = {}
    for kind, author_id, tag, n in rows:
        if kind == "like":
            if author_id != viewer_id:
                interacted.add(author_id)
            if tag:
                liked_tags.add(tag)
        elif author_id is not None:
            less_authors[author_id] = n
        elif tag is not None:
            less_tags[tag] = n
    return frozenset(interacted), frozenset(liked_tags), less_authors, less_tags


# A row per (recent like, hashtag of the liked post), newest likes first, then the feedback counted per author
# and per hashtag.
_SIGNALS_SQL = """
SELECT 'like', author_id, name, 0 FROM (
    SELECT p.author_id, h.name FROM {like} l
    JOIN {post} p ON p.id = l.post_id
    LEFT JOIN {post_hashtag} ph ON ph.post_id = p.id
    LEFT JOIN {hashtag} h ON h.id = ph.hashtag_id
    WHERE l.user_id = %s ORDER BY l.created_at DESC LIMIT {limit}
) AS recent
UNION ALL
SELECT 'less', f.author_id, h.name, COUNT(*) FROM {feedback} f
LEFT JOIN {hashtag} h ON h.id = f.hashtag_id
WHERE f.viewer_id = %s AND f.created_at >= %s
GROUP BY f.author_id, h.name
"""


# ------------------------------------------------------------------------------------------------ cursor


@dataclass
class FeedCursor:
    boundary: Position | None = None  # None: the top of the index
    end: bool = False  # every source has been read to the bottom
    carry: list[int] = field(default_factory=list)
    excluded: list[Position] = field(default_factory=list)

    def encode(self) -> str:
        payload: dict[str, Any] = {"b": list(self.boundary) if self.boundary else None, "e": int(self.end)}
        if self.carry:
            payload["c"] = self.carry
        if self.excluded:
            payload["x"] = [[r, i] for r, i in self.excluded]
        raw = json.dumps(payload, separators=(",", ":")).encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    @classmethod
    def decode(cls, cursor: str) -> FeedCursor:
        try:
            raw = json.loads(base64.urlsafe_b64decode((cursor + "=" * (-len(cursor) % 4)).encode()).decode())
            if not isinstance(raw, dict):
                raise ValueError("not an object")
            b = raw.get("b")
            boundary = (float(b[0]), _int(b[1])) if b is not None else None
            carry = [_int(i) for i in raw.get("c", [])][:200]
            excluded = [(float(r), _int(i)) for r, i in raw.get("x", [])][:MAX_EXCLUDED]
            return cls(boundary=boundary, end=bool(raw.get("e")), carry=carry, excluded=excluded)
        except (ValueError, TypeError, IndexError, KeyError, UnicodeDecodeError) as exc:
            raise ApplicationError(error_codes.BAD_CURSOR, "The cursor is not valid; start again from the first page.") from exc


def _int(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError("not an id")
    return value


# ------------------------------------------------------------------------------------------ candidates

# Read from feeds_postrank alone, in index order: no join, so the planner walks the rank index and stops.
# These are also the table's column names (_rank_sources_read uses them as such).
_RANK_FIELDS = ("post_id", "author_id", "rank", "engagement", "kindness", "replies", "harm", "published_at", "creator")


def _visible_details(
    *, viewer: Viewer, ids: list[int], blocked: frozenset[int] | None = None
) -> dict[int, tuple[str, str, int | None, tuple[str, ...]]]:
    """THE visibility rule, applied to candidate ids (primary-key lookups): id -> (author, text, shared, tags).

    Reach-limited posts are dropped here too: limiting reach sends no post event, so the rank row may remain.
    """
    if not ids:
        return {}
    rows = Post.objects.filter(
        post_visibility_q(viewer=viewer, blocked=blocked), recommendable_q(viewer=viewer), pk__in=ids,
        status=PostStatus.PUBLISHED, reach_limited=False,
    ).values_list("pk", "author__username", "text", "shared_from_id")
    tags: dict[int, list[str]] = {}
    for post_id, name in PostHashtag.objects.filter(post_id__in=ids).values_list("post_id", "hashtag__name"):
        tags.setdefault(post_id, []).append(name)
    return {pk: (name, text or "", shared, tuple(sorted(tags.get(pk, [])))) for pk, name, text, shared in rows}


def _to_candidates(
    *, viewer: Viewer, rows: list[tuple], blocked: frozenset[int] | None = None
) -> list[ranker.Candidate]:
    """Rank rows (in _RANK_FIELDS order) that pass the visibility rule, as ranker candidates."""
    details = _visible_details(viewer=viewer, ids=[r[0] for r in rows], blocked=blocked)
    out = []
    for r in rows:
        d = details.get(r[0])
        if d is None:
            continue
        out.append(
            ranker.Candidate(
                post_id=r[0], author_id=r[1], rank=r[2], engagement=r[3], kindness=r[4], replies=r[5], harm=r[6],
                published_at=r[7], creator=r[8], author_name=d[0], text=d[1], shared_from_id=d[2], hashtags=d[3],
            )
        )
    return out


def _unranked_recent(
    *, viewer: Viewer, w: Weights, now: datetime, ids: list[int] | None = None, blocked: frozenset[int] | None = None
) -> list[ranker.Candidate]:
    """Posts published in the last few minutes that have no stored rank yet, ranked in memory.

    The rank row is written by an after-commit receiver, so a post can be visible a moment before it is
    ranked (and stays unranked if that receiver failed, until `refresh-ranks`). This bounded read of the
    newest posts (the status/created_at index) keeps such posts in For You. Scored without audience or
    replies: a brand-new post has neither yet.
    """
    if ids is None:
        # Newest ids by the status/created_at index alone, then drop the ones that already have a rank:
        # usually every one of them, so the common case costs two index probes.
        recent = list(
            Post.objects.filter(status=PostStatus.PUBLISHED, created_at__gte=now - UNRANKED_WINDOW)
            .order_by("-created_at", "-id")
            .values_list("pk", flat=True)[:UNRANKED_LIMIT]
        )
        ranked = set(PostRank.objects.filter(post_id__in=recent).values_list("post_id", flat=True)) if recent else set()
        ids = [i for i in recent if i not in ranked]
    if not ids:
        return []
    qs = Post.objects.filter(
        post_visibility_q(viewer=viewer, blocked=blocked), recommendable_q(viewer=viewer), pk__in=ids,
        status=PostStatus.PUBLISHED, feed_rank__isnull=True, reach_limited=False,
    )
    rows = (
        qs.order_by("-created_at", "-id")
        .values_list(
            "pk", "author_id", "like_count", "comment_count", "share_count", "view_count", "kindness_score",
            "harm_score", "published_at", "author__date_joined",
        )[:UNRANKED_LIMIT]
    )
    out: list[tuple] = []
    for r in rows:
        if r[8] is None or not ranker.is_candidate(harm=r[7], w=w.stored):
            continue
        t = ranker.stored_terms(
            ranker.RankInputs(
                likes=r[2], comments=r[3], shares=r[4], views=r[5], followers=0, kindness=r[6], harm=r[7],
                reply_kindness=None, reply_count=0, published_at=r[8], author_joined=r[9],
            ),
            w=w.stored,
        )
        out.append((r[0], r[1], t.rank, t.engagement, t.kindness, t.replies, t.harm, r[8], t.creator))
    return _to_candidates(viewer=viewer, rows=out, blocked=blocked)


def _position(c: ranker.Candidate) -> Position:
    return (c.rank, c.post_id)


def _fetch_round(
    *, boundary: Position | None, follows: frozenset[int], sizes: tuple[int, int, int]
) -> tuple[list[tuple], Position | None, bool]:
    """Read each source below the boundary; return rank rows, the new boundary and whether all are exhausted.

    The new boundary is the shallowest last row among sources that filled their quota: everything above it
    has been seen by every source, so nothing is skipped when the next page reads below it.
    """
    counts = [sizes[0], sizes[2]] + ([sizes[1]] if follows else [])
    fetched = _rank_sources_read(boundary=boundary, follows=follows, counts=counts)
    rows: list[tuple] = []
    lasts: list[Position] = []
    for i, n in enumerate(counts):
        got = sorted((r[:-1] for r in fetched if r[-1] == i), key=lambda r: (r[2], r[0]), reverse=True)
        rows += got
        if len(got) == n:
            lasts.append((got[-1][2], got[-1][0]))
    if not lasts:
        return rows, None, True
    return rows, max(lasts), False


def _rank_sources_read(*, boundary: Position | None, follows: frozenset[int], counts: list[int]) -> list[tuple]:
    """Rank rows (_RANK_FIELDS + source number) of the sources, each its own ordered, limited read of the rank
    index below the boundary: 0 the global top, 1 new and small creators, 2 the viewer's follows.

    One hand-written UNION ALL statement: it touches only feeds_postrank (visibility is applied afterwards,
    in _visible_details). On the 1M-post benchmark world the ORM version (three reads in a union) made a page's
    ranking step about 2 ms slower than this, while PostgreSQL spends about 0.7 ms running the statement.
    """
    below, below_params = "", []
    if boundary is not None:
        below, below_params = "(rank < %s OR (rank = %s AND post_id < %s))", [boundary[0], boundary[0], boundary[1]]
    source_conditions: list[tuple[str, list]] = [("", []), ("creator > 0", [])]
    if follows:
        source_conditions.append((f"author_id IN ({', '.join(['%s'] * len(follows))})", sorted(follows)))
    table = PostRank._meta.db_table
    columns = ", ".join(_RANK_FIELDS)
    parts, params = [], []
    for i, ((condition, condition_params), n) in enumerate(zip(source_conditions, counts, strict=True)):
        where = " AND ".join(c for c in (below, condition) if c)
        # Only identifiers from the model and integers are formatted in; every value is a parameter.
        parts.append(
            f"SELECT * FROM (SELECT {columns}, {i} AS src FROM {table} {'WHERE ' + where if where else ''} "  # noqa: S608
            f"ORDER BY rank DESC, post_id DESC LIMIT {int(n)}) AS source_{i}"
        )
        params += below_params + condition_params
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        fetched = cursor.fetchall()
    # Backends whose driver returns datetimes as text (SQLite) convert them here, as the ORM would.
    convert = getattr(connection.ops, "convert_datetimefield_value", None)
    if convert is None:
        return fetched
    at = _RANK_FIELDS.index("published_at")
    return [(*r[:at], convert(r[at], None, connection), *r[at + 1:]) for r in fetched]


def _for_you_compute(
    *, viewer: Viewer, cursor: str | None, limit: int, w: Weights, relations: ViewerRelations
) -> tuple[list[tuple[int, list[str]]], str | None]:
    state = FeedCursor.decode(cursor) if cursor else FeedCursor()
    ctx = viewer_context(viewer=viewer, relations=relations)
    cw = w.candidates
    first = cursor is None
    sizes = (
        (cw.first_page_global, cw.first_page_follows, cw.first_page_creators)
        if first
        else (cw.next_page_global, cw.next_page_follows, cw.next_page_creators)
    )
    excluded_ids = {i for _, i in state.excluded}
    pool: dict[int, ranker.Candidate] = {}  # read in full: visible, with text and hashtags
    pending: dict[int, tuple] = {}  # rank rows not read in full yet (visibility not checked yet)
    now = timezone.now()
    if state.carry:
        pending.update((r[0], r) for r in PostRank.objects.filter(post_id__in=state.carry).values_list(*_RANK_FIELDS))
        missing = [i for i in state.carry if i not in pending]
        if missing:
            recent = _unranked_recent(viewer=viewer, w=w, now=now, ids=missing, blocked=ctx.blocked_ids)
            pool.update((c.post_id, c) for c in recent)
    boundary, end = state.boundary, state.end
    if not end:
        for c in _unranked_recent(viewer=viewer, w=w, now=now, blocked=ctx.blocked_ids):
            if c.post_id not in excluded_ids and c.post_id not in pool and (boundary is None or _position(c) < boundary):
                pool[c.post_id] = c

    def prescore(row: tuple) -> float:
        return ranker.prescore(rank=row[2], author_id=row[1], ctx=ctx, w=w.viewer)

    page: list[ranker.Scored] = []
    rest: list[ranker.Scored] = []
    for _round in range(5):
        if not pending and not end:
            rows, new_boundary, end = _fetch_round(boundary=boundary, follows=ctx.follows, sizes=sizes)
            pending.update((r[0], r) for r in rows if r[0] not in excluded_ids and r[0] not in pool)
            boundary = new_boundary
            sizes = tuple(n * 2 for n in sizes)  # type: ignore[assignment]
        if pending:
            # Read in full only the candidates that can still make the page: the best by the author-level
            # score. The rest wait in `pending` (and in the cursor), so nothing is lost, only deferred.
            best = sorted(pending.values(), key=prescore, reverse=True)[: max(cw.read_in_full, limit)]
            for r in best:
                del pending[r[0]]
            pool.update((c.post_id, c) for c in _to_candidates(viewer=viewer, rows=best, blocked=ctx.blocked_ids))
        page, rest = ranker.rank_viewer_page(
            list(pool.values()), ctx, limit=limit, viewer_w=w.viewer, stored_w=w.stored, page_w=w.page, now=now,
            backfill=end and not pending,
        )
        if len(page) >= limit or (end and not pending):
            break
    # Shown posts below the boundary stay excluded until the boundary passes them; unplaced posts above it
    # are carried; unplaced posts below it will be read again by a later page.
    def above(pos: Position) -> bool:
        return end or boundary is None or pos >= boundary

    excluded = [p for p in state.excluded if not above(p)]
    excluded += [_position(s.candidate) for s in page if not above(_position(s.candidate))]
    unplaced = [(s.score, s.post_id, _position(s.candidate)) for s in rest]
    unplaced += [(prescore(r), r[0], (r[2], r[0])) for r in pending.values()]
    unplaced.sort(key=lambda u: (u[0], u[1]), reverse=True)
    carry = [post_id for _, post_id, pos in unplaced if above(pos)][: cw.carry]
    next_state = FeedCursor(boundary=None if end else boundary, end=end, carry=carry, excluded=excluded[-MAX_EXCLUDED:])
    next_cursor = None if (end and not carry) or not page else next_state.encode()
    return [(s.post_id, s.why) for s in page], next_cursor


def feed_for_you(*, viewer: Viewer, cursor: str | None, limit: int = DEFAULT_PAGE_SIZE):
    """One ranked page: `(posts, next_cursor)`; each post carries `why`, the factors that placed it."""
    limit = max(1, min(limit, MAX_PAGE_SIZE))
    w = weights_load()
    # Read once per request: the ranker and every visibility check below use the same sets.
    relations = viewer_relations(viewer=viewer)
    blocked = relations.blocked
    computed: tuple[list[tuple[int, list[str]]], str | None] | None = None
    key = None
    if feed_cache_enabled() and w.candidates.cache_seconds > 0:
        # Per-viewer cache: a feedback signal bumps the viewer's version so stale pages are never served.
        who = viewer.pk if viewer.is_authenticated else "anon"
        version = cache.get(feed_cache_version_key(viewer.pk)) if viewer.is_authenticated else 0
        digest = hashlib.sha1(f"{cursor}:{limit}".encode(), usedforsecurity=False).hexdigest()
        key = f"feed:fy:{who}:{version}:{digest}"
        computed = cache.get(key)
    fresh = computed is None
    if computed is None:
        computed = _for_you_compute(viewer=viewer, cursor=cursor, limit=limit, w=w, relations=relations)
        if key is not None:
            cache.set(key, computed, w.candidates.cache_seconds)
    items, next_cursor = computed
    why = dict(items)
    if fresh:
        # Every id passed the visibility rule in _visible_details a moment ago, in this request.
        page_posts = posts_checked_for_display(viewer=viewer, ids=list(why))
    else:
        # A cached order: the visibility rule is applied again, so a post hidden since never shows.
        page_posts = posts_visible_to(viewer=viewer, blocked=blocked).filter(pk__in=list(why))
    posts = {p.pk: p for p in page_posts}
    rows: list[Post] = []
    for post_id, _ in items:
        post = posts.get(post_id)
        if post is not None:
            post.why = why[post_id]  # type: ignore[attr-defined]
            rows.append(post)
    return rows, next_cursor
