"""What moderation acts on: posts, comments and bios. Kept in one place so decisions treat them alike.
Imports of the content apps happen inside functions because those apps call the gate at import time."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import F
from django.utils import timezone

from kindling.accounts.models import User
from kindling.core.errors import NotFound
from kindling.moderation import error_codes as codes
from kindling.moderation.models import TargetType


@dataclass
class Target:
    type: str
    id: int
    author: User
    text: str
    status: str
    reach: int


def target_load(*, target_type: str, target_id: int) -> Target:
    from kindling.posts.models import Comment, Post

    if target_type == TargetType.POST:
        post = Post.objects.select_related("author").filter(pk=target_id).first()
        if post is not None:
            reach = post.view_count + post.share_count * 10 + post.author.follower_set.count()
            return Target(target_type, post.pk, post.author, post.text, post.status, reach)
    elif target_type == TargetType.COMMENT:
        comment = Comment.objects.select_related("author", "post").filter(pk=target_id).first()
        if comment is not None:
            return Target(target_type, comment.pk, comment.author, comment.text, comment.status, comment.post.view_count)
    elif target_type in (TargetType.BIO, TargetType.USER):
        user = User.objects.filter(pk=target_id).first()
        if user is not None:
            text = user.bio_pending or user.bio if target_type == TargetType.BIO else user.bio
            return Target(target_type, user.pk, user, text, "", user.follower_set.count())
    raise NotFound(codes.ITEM_NOT_FOUND, "The item under review no longer exists.")


def target_set_status(*, target_type: str, target_id: int, status: str, limit_reach: bool | None = None) -> None:
    """Move content to a status, keeping the counters that depend on visibility right."""
    from kindling.posts.models import Comment, Post, PostStatus
    from kindling.posts.signals import post_hidden, post_published, send_after_commit

    if target_type == TargetType.POST:
        post = Post.objects.select_for_update().filter(pk=target_id).first()
        if post is None:
            return
        was, now_published = post.status == PostStatus.PUBLISHED, status == PostStatus.PUBLISHED
        fields: dict[str, object] = {"status": status}
        if now_published and post.published_at is None:
            fields["published_at"] = timezone.now()
        if limit_reach is not None:
            fields["reach_limited"] = limit_reach
        Post.objects.filter(pk=post.pk).update(**fields)
        if post.shared_from_id and was != now_published:
            delta = 1 if now_published else -1
            Post.objects.filter(pk=post.shared_from_id).update(share_count=F("share_count") + delta)
        if was != now_published:
            send_after_commit(post_published if now_published else post_hidden, post_id=post.pk)
    elif target_type == TargetType.COMMENT:
        comment = Comment.objects.select_for_update().filter(pk=target_id).first()
        if comment is None:
            return
        was, now_published = comment.status == PostStatus.PUBLISHED, status == PostStatus.PUBLISHED
        Comment.objects.filter(pk=comment.pk).update(status=status)
        if was != now_published:
            delta = 1 if now_published else -1
            Post.objects.filter(pk=comment.post_id).update(comment_count=F("comment_count") + delta)
    elif target_type == TargetType.BIO:
        user = User.objects.select_for_update().get(pk=target_id)
        if status == PostStatus.PUBLISHED:
            if user.bio_pending:
                user.bio, user.bio_pending = user.bio_pending, ""
        else:
            user.bio_pending = ""
            if status == PostStatus.REMOVED:
                user.bio = ""
        user.save(update_fields=["bio", "bio_pending"])
