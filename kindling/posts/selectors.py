"""Post reads. `posts_visible_to` is the one visibility rule: every page, feed, count and API uses it."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum

from kindling.accounts.models import User
from kindling.accounts.selectors import (
    blocked_user_ids,
    follow_accepted_exists,
    muted_user_ids,
)
from kindling.core.errors import NotFound
from kindling.core.pagination import DEFAULT_PAGE_SIZE, keyset_page
from kindling.posts import error_codes as codes
from kindling.posts.models import Comment, Hashtag, Like, Post, PostStatus
from kindling.posts.parsing import canonical_tag

Viewer = User | AnonymousUser


def _published_q(prefix: str = "") -> Q:
    return Q(
        **{
            f"{prefix}status": PostStatus.PUBLISHED,
            f"{prefix}deleted_at__isnull": True,
            f"{prefix}author__is_active": True,
        }
    )


def post_visibility_q(*, viewer: Viewer, prefix: str = "", blocked: frozenset[int] | None = None) -> Q:
    """Published posts by active, non-blocked authors whose privacy admits the viewer; plus the viewer's own.

    `blocked`: the viewer's blocked_user_ids when the caller has just read them (a feed reads them once per
    request for the ranker), to save reading them again."""
    published = _published_q(prefix)
    if not viewer.is_authenticated:
        return published & Q(**{f"{prefix}author__is_private": False})
    follows_author = follow_accepted_exists(follower=viewer.pk, followee=OuterRef(f"{prefix}author_id"))
    audience = Q(**{f"{prefix}author__is_private": False}) | Q(follows_author)
    visible = published & audience
    hidden = blocked_user_ids(viewer=viewer) if blocked is None else blocked
    if hidden:
        visible &= ~Q(**{f"{prefix}author_id__in": hidden})
    own = Q(**{f"{prefix}author_id": viewer.pk, f"{prefix}deleted_at__isnull": True})
    return visible | own


def _with_viewer_state(qs: QuerySet[Post], viewer: Viewer) -> QuerySet[Post]:
    qs = qs.select_related("author").prefetch_related("hashtags", "mentions__user")
    if viewer.is_authenticated:
        qs = qs.annotate(liked_by_me=Exists(Like.objects.filter(post=OuterRef("pk"), user_id=viewer.pk)))
    return qs


def posts_visible_to(*, viewer: Viewer, blocked: frozenset[int] | None = None) -> QuerySet[Post]:
    return _with_viewer_state(Post.objects.filter(post_visibility_q(viewer=viewer, blocked=blocked)), viewer)


def posts_checked_for_display(*, viewer: Viewer, ids: list[int]) -> QuerySet[Post]:
    """Posts for display whose ids the visibility rule selected moments ago in this same request (For You's
    candidate read applies post_visibility_q and recommendable_q itself). Not for ids from anywhere else:
    a cursor, a cache or a client must go through posts_visible_to."""
    return _with_viewer_state(Post.objects.filter(pk__in=ids, status=PostStatus.PUBLISHED, deleted_at__isnull=True), viewer)


def post_get_visible(*, viewer: Viewer, post_id: int) -> Post:
    post = posts_visible_to(viewer=viewer).filter(pk=post_id).first()
    if post is None:
        raise NotFound(codes.POST_NOT_FOUND, "This post doesn't exist or isn't available to you.")
    return post


def post_original_visible(*, viewer: Viewer, post: Post) -> Post | None:
    """The post a share came from, if the viewer may see it; a share never reveals a hidden original."""
    if post.shared_from_id is None:
        return None
    return posts_visible_to(viewer=viewer).filter(pk=post.shared_from_id).first()


def posts_by_author(*, viewer: Viewer, author: User, cursor: str | None, limit: int = DEFAULT_PAGE_SIZE):
    qs = posts_visible_to(viewer=viewer).filter(author=author)
    return keyset_page(qs, cursor=cursor, limit=limit)


def recommendable_q(*, viewer: Viewer, prefix: str = "") -> Q:
    """What may be recommended to the viewer (For You) on top of visibility: under-16s are never suggested to
    strangers, only to accounts they follow (and to themselves)."""
    from django.utils import timezone

    not_young = ~Q(**{f"{prefix}author__turns_16_on__gt": timezone.localdate()})
    if not viewer.is_authenticated:
        return not_young
    follows_viewer = follow_accepted_exists(follower=OuterRef(f"{prefix}author_id"), followee=viewer.pk)
    return not_young | Q(**{f"{prefix}author_id": viewer.pk}) | Q(follows_viewer)


def comment_visibility_q(*, viewer: Viewer) -> Q:
    """Published comments nobody has held back; their writers always see their own; the post's author also
    sees comments waiting for approval and replies they hid, so they can act on them."""
    published = Q(status=PostStatus.PUBLISHED, deleted_at__isnull=True, author__is_active=True)
    visible = published & Q(awaiting_author_approval=False, hidden_by_author=False, hidden_by_filter=False)
    if viewer.is_authenticated:
        hidden = blocked_user_ids(viewer=viewer) | muted_user_ids(viewer=viewer)
        if hidden:
            visible &= ~Q(author_id__in=hidden)
        visible |= published & Q(post__author_id=viewer.pk, hidden_by_filter=False)
        visible |= Q(author_id=viewer.pk, deleted_at__isnull=True)
    return visible


def comments_visible_to(*, viewer: Viewer, post: Post, cursor: str | None, limit: int = DEFAULT_PAGE_SIZE):
    """Top-level comments oldest first, each with its visible replies attached as `visible_replies`."""
    visible = comment_visibility_q(viewer=viewer)
    top = Comment.objects.filter(visible, post=post, parent__isnull=True).select_related("author")
    rows, next_cursor = keyset_page(top, cursor=cursor, limit=limit, ascending=True)
    replies = (
        Comment.objects.filter(visible, parent__in=[c.pk for c in rows])
        .select_related("author")
        .order_by("created_at", "id")
    )
    by_parent: dict[int, list[Comment]] = {}
    for reply in replies:
        by_parent.setdefault(reply.parent_id, []).append(reply)  # type: ignore[arg-type]
    for comment in rows:
        comment.visible_replies = by_parent.get(comment.pk, [])  # type: ignore[attr-defined]
    return rows, next_cursor


def comment_get_visible(*, viewer: Viewer, comment_id: int) -> Comment:
    comment = (
        Comment.objects.filter(comment_visibility_q(viewer=viewer), pk=comment_id).select_related("post").first()
    )
    if comment is None or not posts_visible_to(viewer=viewer).filter(pk=comment.post_id).exists():
        raise NotFound(codes.COMMENT_NOT_FOUND, "No such comment.")
    return comment


def hashtag_get(*, tag: str) -> Hashtag:
    hashtag = Hashtag.objects.filter(name=canonical_tag(tag.lstrip("#"))).first()
    if hashtag is None:
        raise NotFound(codes.HASHTAG_NOT_FOUND, "Nobody has used that hashtag yet.")
    return hashtag


def hashtag_reach(*, hashtag: Hashtag) -> dict[str, int]:
    """Reach counts over published posts only: held, rejected and deleted posts never count."""
    published = Post.objects.filter(_published_q(), hashtags=hashtag)
    agg = published.aggregate(posts=Count("id"), views=Sum("view_count"), participants=Count("author", distinct=True))
    return {"posts": agg["posts"] or 0, "views": agg["views"] or 0, "participants": agg["participants"] or 0}


def hashtag_posts(*, viewer: Viewer, hashtag: Hashtag, cursor: str | None, limit: int = DEFAULT_PAGE_SIZE):
    qs = posts_visible_to(viewer=viewer).filter(hashtags=hashtag, status=PostStatus.PUBLISHED)
    return keyset_page(qs, cursor=cursor, limit=limit)


def hashtags_popular(*, limit: int = 10) -> list[dict]:
    rows = (
        Hashtag.objects.filter(_published_q("posts__"))
        .annotate(post_total=Count("posts", distinct=True))
        .order_by("-post_total", "name")[:limit]
    )
    return [{"tag": h.name, "display": h.display, "posts": h.post_total} for h in rows]  # type: ignore[attr-defined]


def user_post_count(*, user: User) -> int:
    return Post.objects.filter(_published_q(), author=user).count()
