from __future__ import annotations

from django.conf import settings
from django.db import models


class PostStatus(models.TextChoices):
    PENDING = "pending"  # saved, not yet decided by the moderation gate: invisible to all but the author
    PUBLISHED = "published"
    IN_REVIEW = "in_review"
    REJECTED = "rejected"
    REMOVED = "removed"


class Hashtag(models.Model):
    """A hashtag, keyed by its case-folded name; `display` keeps the casing it was first used with."""

    name = models.CharField(max_length=64, unique=True)
    display = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"#{self.display}"


class Post(models.Model):
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="posts")
    text = models.TextField(max_length=2000, blank=True)
    image = models.ImageField(upload_to="posts/%Y/%m/", blank=True)
    status = models.CharField(max_length=12, choices=PostStatus.choices, default=PostStatus.PENDING)
    # The post this one shares; kept even when the original goes away so ripple cascades can be traced.
    shared_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="shares"
    )
    hashtags: models.ManyToManyField[Hashtag, PostHashtag] = models.ManyToManyField(
        Hashtag, through="PostHashtag", related_name="posts"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)
    # Denormalised counters, updated with F() in services; the source rows stay authoritative.
    like_count = models.PositiveIntegerField(default=0)
    comment_count = models.PositiveIntegerField(default=0)
    share_count = models.PositiveIntegerField(default=0)
    view_count = models.PositiveIntegerField(default=0)
    # The moderation engine's calibrated probabilities, kept for ranking and review (null until checked).
    harm_score = models.FloatField(null=True, blank=True)
    kindness_score = models.FloatField(null=True, blank=True)
    category_scores = models.JSONField(default=dict, blank=True)
    # A moderator's "limit reach": still visible to followers and by link, never recommended.
    reach_limited = models.BooleanField(default=False)

    class Meta:
        indexes = [
            models.Index(fields=["status", "-created_at", "-id"], name="post_status_recent"),
            models.Index(fields=["author", "status", "-created_at", "-id"], name="post_author_recent"),
        ]

    def __str__(self) -> str:
        return f"Post {self.pk} by {self.author_id} ({self.status})"


class PostHashtag(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE)
    hashtag = models.ForeignKey(Hashtag, on_delete=models.CASCADE)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["post", "hashtag"], name="posthashtag_unique")]
        indexes = [models.Index(fields=["hashtag", "post"])]

    def __str__(self) -> str:
        return f"{self.post_id} #{self.hashtag_id}"


class Mention(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="mentions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentioned_in")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["post", "user"], name="mention_unique")]

    def __str__(self) -> str:
        return f"@{self.user_id} in {self.post_id}"


class Like(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="likes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="likes")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["post", "user"], name="like_unique")]

    def __str__(self) -> str:
        return f"{self.user_id} likes {self.post_id}"


class Comment(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="comments")
    # One level of replies: a reply's parent is always a top-level comment.
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies")
    text = models.TextField(max_length=1000)
    status = models.CharField(max_length=12, choices=PostStatus.choices, default=PostStatus.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    deleted_at = models.DateTimeField(null=True, blank=True)
    harm_score = models.FloatField(null=True, blank=True)
    kindness_score = models.FloatField(null=True, blank=True)
    category_scores = models.JSONField(default=dict, blank=True)
    # The post's author keeps these from others: held for approval, hidden by them, or caught by their hidden words.
    awaiting_author_approval = models.BooleanField(default=False)
    hidden_by_author = models.BooleanField(default=False)
    hidden_by_filter = models.BooleanField(default=False)

    class Meta:
        indexes = [models.Index(fields=["post", "status", "created_at", "id"], name="comment_post_time")]

    def __str__(self) -> str:
        return f"Comment {self.pk} on {self.post_id}"


class PostView(models.Model):
    """One row per viewer per post per day; the row's existence is what makes a view count once."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="views")
    viewer_key = models.CharField(max_length=64)
    day = models.DateField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["post", "viewer_key", "day"], name="postview_once_a_day")]

    def __str__(self) -> str:
        return f"view of {self.post_id} on {self.day}"
