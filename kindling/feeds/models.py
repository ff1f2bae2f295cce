from __future__ import annotations

from django.conf import settings
from django.db import models

from kindling.posts.models import Hashtag, Post


class PostRank(models.Model):
    """A For You candidate and its stored, indexed rank. Only eligible posts have a row: published, not
    deleted, by an active author, harm below the ceiling. Engagement events rewrite one row; the terms are
    kept so `why` can be explained without recomputing, and `kindling refresh-ranks` rebuilds them all."""

    post = models.OneToOneField(Post, on_delete=models.CASCADE, primary_key=True, related_name="feed_rank")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    rank = models.FloatField()
    engagement = models.FloatField(default=0.0)
    kindness = models.FloatField(default=0.0)
    replies = models.FloatField(default=0.0)
    harm = models.FloatField(default=0.0)
    published_at = models.DateTimeField()
    # 0 = established, 1 = small (few followers), 2 = new account: creators 1 and 2 get reserved slots.
    creator = models.PositiveSmallIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [
            models.Index(fields=["-rank", "-post"], name="feed_rank_order"),
            models.Index(fields=["author", "-rank", "-post"], name="feed_rank_author"),
            models.Index(
                fields=["-rank", "-post"], name="feed_rank_creator", condition=models.Q(creator__gt=0)
            ),
        ]

    def __str__(self) -> str:
        return f"rank {self.rank:.3f} for post {self.post_id}"


class FeedSignal(models.TextChoices):
    SHOW_LESS = "show_less"


class FeedFeedback(models.Model):
    """"Show less like this": one row for the author and one per hashtag of the post it was given on."""

    viewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feed_feedback")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    hashtag = models.ForeignKey(Hashtag, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    post = models.ForeignKey(Post, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    signal = models.CharField(max_length=16, choices=FeedSignal.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["viewer", "-created_at"], name="feed_feedback_viewer")]

    def __str__(self) -> str:
        target = f"@{self.author_id}" if self.author_id else f"#{self.hashtag_id}"
        return f"{self.viewer_id}: {self.signal} {target}"
