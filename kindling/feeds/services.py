"""Feed writes: the stored rank (one post on each event, all posts on refresh) and viewer feedback."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

from django.db import transaction
from django.db.models import Avg, Count, Q
from django.utils import timezone

from kindling.accounts.models import Follow, User
from kindling.core.audit import audit_record
from kindling.core.db import derived_write
from kindling.core.errors import ApplicationError
from kindling.feeds import ranker
from kindling.feeds.models import FeedFeedback, FeedSignal, PostRank
from kindling.feeds.weights import StoredWeights, weights_load
from kindling.posts.models import Comment, Post, PostHashtag, PostStatus
from kindling.posts.selectors import post_get_visible

logger = logging.getLogger(__name__)

BAD_SIGNAL = "bad_signal"
_RANK_FIELDS = ["author_id", "rank", "engagement", "kindness", "replies", "harm", "published_at", "creator"]


def _eligible_q() -> Q:
    # Reach-limited posts stay visible to followers and by link but are never recommended.
    return Q(
        status=PostStatus.PUBLISHED, deleted_at__isnull=True, author__is_active=True, published_at__isnull=False,
        reach_limited=False,
    )


def _rank_row(post: Post, *, followers: int, replies: tuple[float | None, int], w: StoredWeights) -> PostRank:
    assert post.published_at is not None
    terms = ranker.stored_terms(
        ranker.RankInputs(
            likes=post.like_count,
            comments=post.comment_count,
            shares=post.share_count,
            views=post.view_count,
            followers=followers,
            kindness=post.kindness_score,
            harm=post.harm_score,
            reply_kindness=replies[0],
            reply_count=replies[1],
            published_at=post.published_at,
            author_joined=post.author.date_joined,
        ),
        w=w,
    )
    return PostRank(
        post_id=post.pk,
        author_id=post.author_id,
        rank=terms.rank,
        engagement=terms.engagement,
        kindness=terms.kindness,
        replies=terms.replies,
        harm=terms.harm,
        published_at=post.published_at,
        creator=terms.creator,
        updated_at=timezone.now(),
    )


def _reply_stats(post_ids: Iterable[int]) -> dict[int, tuple[float | None, int]]:
    rows = (
        Comment.objects.filter(
            post_id__in=list(post_ids), status=PostStatus.PUBLISHED, deleted_at__isnull=True,
            kindness_score__isnull=False,
        )
        .values("post_id")
        .annotate(mean=Avg("kindness_score"), n=Count("id"))
    )
    return {r["post_id"]: (r["mean"], r["n"]) for r in rows}


def _follower_counts(author_ids: Iterable[int]) -> dict[int, int]:
    rows = (
        Follow.objects.filter(followee_id__in=list(author_ids), status=Follow.Status.ACCEPTED)
        .values("followee_id")
        .annotate(n=Count("id"))
    )
    return {r["followee_id"]: r["n"] for r in rows}


def rank_refresh_post(*, post_id: int) -> PostRank | None:
    """Recompute one post's stored rank, or drop its row when it is no longer a candidate."""
    w = weights_load().stored
    post = Post.objects.filter(_eligible_q(), pk=post_id).select_related("author").first()
    if post is None or not ranker.is_candidate(harm=post.harm_score, w=w):
        rank_remove(post_id=post_id)
        return None
    row = _rank_row(
        post,
        followers=_follower_counts([post.author_id]).get(post.author_id, 0),
        replies=_reply_stats([post.pk]).get(post.pk, (None, 0)),
        w=w,
    )
    with derived_write():
        PostRank.objects.bulk_create(
            [row], update_conflicts=True, unique_fields=["post"], update_fields=[*_RANK_FIELDS, "updated_at"]
        )
    return row


def rank_remove(*, post_id: int) -> None:
    with derived_write():
        PostRank.objects.filter(post_id=post_id).delete()


def _batches(ids: list[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def ranks_refresh_all(*, batch_size: int = 2000, progress: bool = False) -> dict[str, int]:
    """Rebuild every stored rank in batches: applies changed weights and audiences, drops stale rows.

    Time decay needs no rewrite (freshness is part of the stored rank in log form), so this runs rarely:
    after editing weights.toml, and on a schedule (for example daily) to re-normalise audiences.
    """
    w = weights_load().stored
    ids = list(Post.objects.filter(_eligible_q()).order_by("pk").values_list("pk", flat=True))
    written = 0
    for chunk in _batches(ids, batch_size):
        posts = list(Post.objects.filter(pk__in=chunk).select_related("author"))
        followers = _follower_counts({p.author_id for p in posts})
        replies = _reply_stats(chunk)
        rows = [
            _rank_row(p, followers=followers.get(p.author_id, 0), replies=replies.get(p.pk, (None, 0)), w=w)
            for p in posts
            if ranker.is_candidate(harm=p.harm_score, w=w)
        ]
        with transaction.atomic():
            PostRank.objects.filter(post_id__in=chunk).exclude(post_id__in=[r.post_id for r in rows]).delete()
            PostRank.objects.bulk_create(
                rows, update_conflicts=True, unique_fields=["post"], update_fields=[*_RANK_FIELDS, "updated_at"]
            )
        written += len(rows)
        if progress:
            logger.info("refreshed %d of %d posts", written, len(ids))
    removed, _ = PostRank.objects.exclude(post__in=Post.objects.filter(_eligible_q())).delete()
    return {"ranked": written, "removed": removed}


def feedback_record(*, viewer: User, post_id: int, signal: str) -> list[FeedFeedback]:
    """"Show less like this" on a post the viewer can see lowers its author and hashtags for that viewer."""
    if signal not in FeedSignal.values:
        raise ApplicationError(
            BAD_SIGNAL, f"Unknown signal {signal!r}; use one of: {', '.join(FeedSignal.values)}.", status=422
        )
    post = post_get_visible(viewer=viewer, post_id=post_id)
    if post.author_id == viewer.pk:
        raise ApplicationError(BAD_SIGNAL, "That's your own post.", status=422)
    hashtag_ids = PostHashtag.objects.filter(post_id=post.pk).values_list("hashtag_id", flat=True)
    rows = [FeedFeedback(viewer=viewer, author_id=post.author_id, post=post, signal=signal)]
    rows += [FeedFeedback(viewer=viewer, hashtag_id=h, post=post, signal=signal) for h in hashtag_ids]
    with transaction.atomic():
        created = FeedFeedback.objects.bulk_create(rows)
        # The audit row also makes the viewer's cached pages unreachable once this commits (feeds.cache).
        audit_record(actor=viewer, action="feed.feedback", target_type="post", target_id=post.pk, signal=signal)
    return created
