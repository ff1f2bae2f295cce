"""Post writes: create (with hashtags, mentions and the moderation decision), delete, likes, comments, shares,
views. Each runs in a transaction with its audit row; follow-up work runs after commit."""

from __future__ import annotations

import datetime as dt
import hashlib

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from kindling.accounts.models import User
from kindling.accounts.policies import can_contact, follows
from kindling.accounts.selectors import hidden_phrase_matcher, hidden_phrases
from kindling.core.audit import audit_record
from kindling.core.db import derived_write
from kindling.core.errors import ApplicationError, NotFound, PermissionDenied
from kindling.core.images import image_sanitize
from kindling.moderation import services as gate
from kindling.moderation.engine import Check
from kindling.posts import error_codes as codes
from kindling.posts.models import Comment, Hashtag, Like, Mention, Post, PostHashtag, PostStatus, PostView
from kindling.posts.parsing import extract_hashtags, extract_mentions
from kindling.posts.selectors import comment_get_visible, post_get_visible
from kindling.posts.signals import post_engaged, post_hidden, post_published, send_after_commit

MAX_POST_LENGTH = 2000
MAX_COMMENT_LENGTH = 1000

def _clean_text(text: str | None, *, limit: int, what: str) -> str:
    text = (text or "").replace("\x00", "").strip()
    if len(text) > limit:
        raise ApplicationError(
            codes.TEXT_TOO_LONG, f"{what} can be at most {limit} characters (yours has {len(text)}).", status=422
        )
    return text


def _attach_hashtags_and_mentions(post: Post) -> None:
    """Link a post that has no links yet (new, or cleared for a resubmit) to its hashtags and mentions."""
    tag_ids: dict[int, None] = {}
    for name, display in extract_hashtags(post.text):
        hashtag, _ = Hashtag.objects.get_or_create(name=name, defaults={"display": display})
        tag_ids[hashtag.pk] = None
    PostHashtag.objects.bulk_create([PostHashtag(post=post, hashtag_id=pk) for pk in tag_ids])
    usernames = extract_mentions(post.text)
    if usernames:
        # Under-16s can be mentioned only by accounts they follow; other mentions stay plain text.
        mentioned = [
            user for user in User.objects.filter(username__in=usernames, is_active=True)
            if user.pk != post.author_id and can_contact(post.author, user)
        ]
        Mention.objects.bulk_create([Mention(post=post, user=user) for user in mentioned])


def _apply_published_counters(post: Post) -> None:
    if post.shared_from_id:
        Post.objects.filter(pk=post.shared_from_id).update(share_count=F("share_count") + 1)
        send_after_commit(post_engaged, post_id=post.shared_from_id, kind="share", actor_id=post.author_id)
    send_after_commit(post_published, post_id=post.pk)


def post_create(
    *,
    author: User,
    text: str | None,
    image=None,  # type: ignore[no-untyped-def]
    shared_from: Post | None = None,
    confirm: bool = False,
    nudge_id: int | None = None,
) -> Post:
    """Check the text with the engine, save the post as pending, then apply the gate's decision.

    A `nudge` creates nothing and answers 409 unless the author confirms, which sends it to review."""
    gate.account_check_can_publish(user=author)
    clean = _clean_text(text, limit=MAX_POST_LENGTH, what="A post")
    if not clean and image is None and shared_from is None:
        raise ApplicationError(codes.EMPTY_POST, "Write something or add an image.", status=422)
    check = gate.content_check(text=clean)
    if check.decision == "nudge" and not confirm:
        gate.nudge_raise(user=author, target_type="post", text=clean, check=check)
    image_file = image_sanitize(image) if image is not None else None
    with transaction.atomic():
        post = Post(author=author, text=clean, shared_from=shared_from, status=PostStatus.PENDING)
        if image_file is not None:
            post.image.save(image_file.name or "image.jpg", image_file, save=False)
        post.save()
        _attach_hashtags_and_mentions(post)
        audit_record(actor=author, action="post.create", target_type="post", target_id=post.pk)
        gate.nudge_note_submission(user=author, nudge_id=nudge_id, confirmed=confirm and check.decision == "nudge")
        # The check already ran, so saving and deciding share one commit: the post is never visible
        # undecided, and one durable commit per post keeps publishing fast under load.
        _post_apply_decision(post=post, check=check, confirmed=confirm)
    return post


def _reach_of(post: Post) -> int:
    """How many people a post could reach: the author's audience plus its views so far."""
    followers = post.author.follower_set.filter(status="accepted").count()
    return followers + post.view_count + post.share_count * 10


def _post_apply_decision(*, post: Post, check: Check, confirmed: bool) -> bool:
    """Inside the caller's transaction: move a pending post to the gate's status, once. Returns whether this
    call decided it (False when someone else already had); `post` carries the new state either way."""
    outcome = gate.gate_outcome(check=check, confirmed=confirmed)
    now = timezone.now()
    published_at = now if outcome.status == PostStatus.PUBLISHED else None
    updated = Post.objects.filter(pk=post.pk, status=PostStatus.PENDING).update(
        status=outcome.status,
        published_at=published_at,
        harm_score=check.harm,
        kindness_score=check.kindness,
        category_scores=check.categories,
    )
    if not updated:
        post.refresh_from_db()
        return False
    post.status, post.published_at = outcome.status, published_at
    post.harm_score, post.kindness_score, post.category_scores = check.harm, check.kindness, check.categories
    if outcome.status == PostStatus.PUBLISHED:
        _apply_published_counters(post)
    gate.gate_record(
        target_type="post", target_id=post.pk, author=post.author, text=post.text, check=check,
        outcome=outcome, reach=_reach_of(post) if outcome.queue else 0,
    )
    audit_record(actor=None, action="post.decide", target_type="post", target_id=post.pk, status=outcome.status)
    return True


def post_decide(*, post: Post, check: Check | None = None, confirmed: bool = False) -> Post:
    """Move a pending post to the status the gate gives it. Runs once: a decided post is left alone, so a
    retry after a crash can't decide twice."""
    if check is None:
        check = gate.content_check(text=post.text)
    with transaction.atomic():
        _post_apply_decision(post=post, check=check, confirmed=confirmed)
    return post


def post_resubmit(*, actor: User, post_id: int, text: str) -> Post:
    """Restore-on-edit: the author fixes a rejected post and it goes through the gate again."""
    post = Post.objects.filter(pk=post_id, author=actor, deleted_at__isnull=True).first()
    if post is None:
        raise NotFound(codes.POST_NOT_FOUND, "This post doesn't exist or isn't available to you.")
    if post.status != PostStatus.REJECTED:
        raise ApplicationError("not_rejected", "Only a post that was not published can be edited and resubmitted.", status=409)
    clean = _clean_text(text, limit=MAX_POST_LENGTH, what="A post")
    if not clean and not post.image:
        raise ApplicationError(codes.EMPTY_POST, "Write something or add an image.", status=422)
    check = gate.content_check(text=clean)
    if check.decision == "nudge":
        gate.nudge_raise(user=actor, target_type="post", text=clean, check=check)
    with transaction.atomic():
        Post.objects.filter(pk=post.pk).update(text=clean, status=PostStatus.PENDING)
        post.text = clean
        post.hashtags.clear()
        post.mentions.all().delete()
        _attach_hashtags_and_mentions(post)
        audit_record(actor=actor, action="post.resubmit", target_type="post", target_id=post.pk)
    return post_decide(post=post, check=check)


def posts_decide_pending(*, older_than_seconds: int = 60, limit: int = 500) -> int:
    """Decide items a crash left pending (saved, never decided). Each is decided at most once."""
    cutoff = timezone.now() - dt.timedelta(seconds=older_than_seconds)
    decided = 0
    for post in Post.objects.filter(status=PostStatus.PENDING, created_at__lte=cutoff).select_related("author")[:limit]:
        post_decide(post=post)
        decided += 1
    for comment in Comment.objects.filter(status=PostStatus.PENDING, created_at__lte=cutoff)[:limit]:
        comment_decide(comment=comment)
        decided += 1
    return decided


def post_delete(*, actor: User, post_id: int) -> None:
    """Authors delete their own posts. The row stays (as removed) so shares keep their trace."""
    post = Post.objects.filter(pk=post_id, deleted_at__isnull=True).first()
    if post is None or (post.author_id != actor.pk and post.status != PostStatus.PUBLISHED):
        raise NotFound(codes.POST_NOT_FOUND, "This post doesn't exist or isn't available to you.")
    if post.author_id != actor.pk:
        post_get_visible(viewer=actor, post_id=post_id)  # a hidden post reads as missing, not forbidden
        raise PermissionDenied(codes.NOT_AUTHOR, "Only the author can delete this post.")
    image_name = post.image.name if post.image else ""
    with transaction.atomic():
        was_published = post.status == PostStatus.PUBLISHED
        Post.objects.filter(pk=post.pk).update(
            deleted_at=timezone.now(), status=PostStatus.REMOVED, image=""
        )
        if was_published and post.shared_from_id:
            Post.objects.filter(pk=post.shared_from_id, share_count__gt=0).update(share_count=F("share_count") - 1)
        audit_record(actor=actor, action="post.delete", target_type="post", target_id=post.pk)
        send_after_commit(post_hidden, post_id=post.pk)
        if image_name:
            storage = post.image.storage
            transaction.on_commit(lambda: storage.delete(image_name))


def _require_published(post: Post) -> None:
    if post.status != PostStatus.PUBLISHED:
        raise ApplicationError(
            "post_not_published", "You can interact with this post once it is published.", status=409
        )


def like_create(*, actor: User, post_id: int) -> Post:
    post = post_get_visible(viewer=actor, post_id=post_id)
    _require_published(post)
    try:
        with transaction.atomic():
            _, created = Like.objects.get_or_create(post=post, user=actor)
            if created:
                Post.objects.filter(pk=post.pk).update(like_count=F("like_count") + 1)
                audit_record(actor=actor, action="like.create", target_type="post", target_id=post.pk)
                send_after_commit(post_engaged, post_id=post.pk, kind="like", actor_id=actor.pk)
    except IntegrityError:
        pass  # a concurrent double-tap already liked it
    post.refresh_from_db()
    return post


def like_delete(*, actor: User, post_id: int) -> Post:
    post = post_get_visible(viewer=actor, post_id=post_id)
    with transaction.atomic():
        deleted, _ = Like.objects.filter(post=post, user=actor).delete()
        if deleted:
            Post.objects.filter(pk=post.pk, like_count__gt=0).update(like_count=F("like_count") - 1)
            audit_record(actor=actor, action="like.delete", target_type="post", target_id=post.pk)
            send_after_commit(post_engaged, post_id=post.pk, kind="unlike", actor_id=actor.pk)
    post.refresh_from_db()
    return post


def comment_create(
    *, author: User, post_id: int, text: str | None, parent_id: int | None = None, confirm: bool = False,
    nudge_id: int | None = None,
) -> Comment:
    """Comment on a visible post; a reply to a reply attaches to the top-level comment (one level of replies).
    Comments pass the same gate as posts."""
    post = post_get_visible(viewer=author, post_id=post_id)
    _require_published(post)
    _check_comment_controls(post=post, commenter=author)
    gate.account_check_can_publish(user=author)
    clean = _clean_text(text, limit=MAX_COMMENT_LENGTH, what="A comment")
    if not clean:
        raise ApplicationError("empty_comment", "Write something first.", status=422)
    parent = None
    if parent_id is not None:
        try:
            parent = comment_get_visible(viewer=author, comment_id=parent_id)
        except NotFound as exc:
            raise ApplicationError(codes.INVALID_PARENT, "You can only reply to a comment on this post.", status=422) from exc
        if parent.post_id != post.pk:
            raise ApplicationError(codes.INVALID_PARENT, "You can only reply to a comment on this post.", status=422)
        if parent.parent_id is not None:
            parent = parent.parent
    check = gate.content_check(text=clean)
    if check.decision == "nudge" and not confirm:
        gate.nudge_raise(user=author, target_type="comment", text=clean, check=check)
    with transaction.atomic():
        comment = Comment.objects.create(post=post, author=author, parent=parent, text=clean)
        audit_record(actor=author, action="comment.create", target_type="comment", target_id=comment.pk)
        gate.nudge_note_submission(user=author, nudge_id=nudge_id, confirmed=confirm and check.decision == "nudge")
        # One commit for save + decision, as for posts (the check already ran).
        return comment_decide(comment=comment, check=check, confirmed=confirm)


def _check_comment_controls(*, post: Post, commenter: User) -> None:
    """The post author's "who can comment" setting."""
    owner = post.author
    if commenter.pk == owner.pk or owner.who_can_comment == "everyone":
        return
    if owner.who_can_comment == "no_one":
        raise PermissionDenied("comments_off", "Comments are turned off for this post.")
    if not follows(owner, commenter) and not follows(commenter, owner):
        raise PermissionDenied("comments_limited", "Only people this account follows can comment.")


def comment_decide(*, comment: Comment, check: Check | None = None, confirmed: bool = False) -> Comment:
    if check is None:
        check = gate.content_check(text=comment.text)
    outcome = gate.gate_outcome(check=check, confirmed=confirmed)
    post_author = comment.post.author
    held_for_author = post_author.hold_comments and comment.author_id != post_author.pk
    matcher = hidden_phrase_matcher(hidden_phrases(user=post_author))
    filtered = bool(matcher and matcher.search(comment.text)) and comment.author_id != post_author.pk
    with transaction.atomic():
        updated = Comment.objects.filter(pk=comment.pk, status=PostStatus.PENDING).update(
            status=outcome.status, harm_score=check.harm, kindness_score=check.kindness, category_scores=check.categories,
            awaiting_author_approval=held_for_author, hidden_by_filter=filtered,
        )
        if updated:
            if outcome.status == PostStatus.PUBLISHED and not (held_for_author or filtered):
                Post.objects.filter(pk=comment.post_id).update(comment_count=F("comment_count") + 1)
                send_after_commit(post_engaged, post_id=comment.post_id, kind="comment", actor_id=comment.author_id)
            gate.gate_record(
                target_type="comment", target_id=comment.pk, author=comment.author, text=comment.text, check=check,
                outcome=outcome, reach=_reach_of(comment.post) if outcome.queue else 0,
            )
            audit_record(actor=None, action="comment.decide", target_type="comment", target_id=comment.pk, status=outcome.status)
    comment.refresh_from_db()
    return comment


def comment_approve(*, actor: User, comment_id: int) -> Comment:
    """The post's author lets a held comment be seen."""
    comment = Comment.objects.select_related("post").filter(pk=comment_id, deleted_at__isnull=True).first()
    if comment is None or comment.post.author_id != actor.pk:
        raise NotFound(codes.COMMENT_NOT_FOUND, "No such comment on your posts.")
    with transaction.atomic():
        updated = Comment.objects.filter(pk=comment.pk, awaiting_author_approval=True).update(awaiting_author_approval=False)
        if updated and comment.status == PostStatus.PUBLISHED and not comment.hidden_by_author:
            Post.objects.filter(pk=comment.post_id).update(comment_count=F("comment_count") + 1)
        audit_record(actor=actor, action="comment.approve", target_type="comment", target_id=comment.pk)
    comment.refresh_from_db()
    return comment


def comment_hide(*, actor: User, comment_id: int, hidden: bool = True) -> Comment:
    """The post's author hides (or un-hides) a reply on their post; its writer still sees it."""
    comment = Comment.objects.select_related("post").filter(pk=comment_id, deleted_at__isnull=True).first()
    if comment is None or comment.post.author_id != actor.pk:
        raise NotFound(codes.COMMENT_NOT_FOUND, "No such comment on your posts.")
    with transaction.atomic():
        updated = Comment.objects.filter(pk=comment.pk, hidden_by_author=not hidden).update(hidden_by_author=hidden)
        counted = comment.status == PostStatus.PUBLISHED and not comment.awaiting_author_approval and not comment.hidden_by_filter
        if updated and counted:
            delta = -1 if hidden else 1
            Post.objects.filter(pk=comment.post_id).update(comment_count=F("comment_count") + delta)
        audit_record(actor=actor, action="comment.hide" if hidden else "comment.unhide", target_type="comment", target_id=comment.pk)
    comment.refresh_from_db()
    return comment


def comment_delete(*, actor: User, comment_id: int) -> None:
    """The comment's author, or the author of the post it is on, may delete it."""
    comment = comment_get_visible(viewer=actor, comment_id=comment_id)
    if actor.pk not in (comment.author_id, comment.post.author_id):
        raise PermissionDenied(codes.NOT_AUTHOR, "Only the comment's author or the post's author can delete it.")
    with transaction.atomic():
        was_counted = comment.status == PostStatus.PUBLISHED and not (
            comment.awaiting_author_approval or comment.hidden_by_author or comment.hidden_by_filter
        )
        Comment.objects.filter(pk=comment.pk).update(deleted_at=timezone.now(), status=PostStatus.REMOVED)
        if was_counted:
            Post.objects.filter(pk=comment.post_id, comment_count__gt=0).update(comment_count=F("comment_count") - 1)
        audit_record(actor=actor, action="comment.delete", target_type="comment", target_id=comment.pk)


def share_create(
    *, actor: User, post_id: int, note: str | None = None, confirm: bool = False, nudge_id: int | None = None
) -> Post:
    """Share a public post: a new post whose `shared_from` records where it came from. The note is checked."""
    original = post_get_visible(viewer=actor, post_id=post_id)
    _require_published(original)
    if original.author.is_private:
        raise PermissionDenied(codes.NOT_SHAREABLE, "Posts from private accounts can't be shared.")
    return post_create(author=actor, text=note or "", shared_from=original, confirm=confirm, nudge_id=nudge_id)


def viewer_key_for(*, user: User | None, fingerprint: str = "") -> str:
    """Stable per-day identity for counting views; anonymous viewers are a hash, never a raw IP."""
    if user is not None and user.is_authenticated:
        return f"u:{user.pk}"
    digest = hashlib.sha256(f"{timezone.localdate().isoformat()}|{fingerprint}".encode()).hexdigest()[:40]
    return f"a:{digest}"


def post_view_record(*, post: Post, viewer_key: str) -> bool:
    """Count a view once per viewer per post per day. Authors' own views and unpublished posts don't count."""
    if post.status != PostStatus.PUBLISHED or viewer_key == f"u:{post.author_id}":
        return False
    try:
        with derived_write():
            _, created = PostView.objects.get_or_create(post=post, viewer_key=viewer_key, day=timezone.localdate())
            if created:
                Post.objects.filter(pk=post.pk).update(view_count=F("view_count") + 1)
                actor_id = int(viewer_key[2:]) if viewer_key.startswith("u:") else None
                send_after_commit(
                    post_engaged, post_id=post.pk, kind="view", actor_id=actor_id, count=post.view_count + 1
                )
    except IntegrityError:
        return False
    return created
