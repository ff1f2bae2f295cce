"""Challenges and their curation, entries, featured entries, collections, trending overrides, verified
organisations, hashtag views per day, and compliments between people."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from kindling.posts.models import Hashtag, Post

# The inclusivity checklist a proposer confirms, item by item, before a challenge can be submitted.
INCLUSIVITY_CHECKLIST: dict[str, str] = {
    "no_cost_to_join": "Anyone can take part without spending money.",
    "accessible": "People with disabilities can take part (alternatives to physical or visual tasks).",
    "safe_for_teens": "Nothing in it is unsafe or unsuitable for 13–17 year olds.",
    "no_personal_data": "Taking part never requires sharing personal or location data.",
    "no_public_shaming": "It celebrates people; nobody is singled out, ranked by looks or embarrassed.",
}


class ChallengeStatus(models.TextChoices):
    DRAFT = "draft"
    PENDING_REVIEW = "pending_review"
    CHANGES_REQUESTED = "changes_requested"
    APPROVED = "approved"
    DECLINED = "declined"


class Challenge(models.Model):
    """A time-boxed kindness challenge around one hashtag. Public only once an editor approves it."""

    # Cascade, not protect: removing a hashtag (the demo reset removes unused ones) removes its challenges too.
    hashtag = models.ForeignKey(Hashtag, on_delete=models.CASCADE, related_name="challenges")
    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=120)
    description = models.TextField(max_length=4000)
    rules = models.TextField(max_length=4000, blank=True)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    cover = models.ImageField(upload_to="challenges/%Y/%m/", blank=True)
    checklist = models.JSONField(default=dict, blank=True)
    prize_pool = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=20, choices=ChallengeStatus.choices, default=ChallengeStatus.PENDING_REVIEW)
    # Editors put a few approved challenges at the top of Discover.
    is_featured = models.BooleanField(default=False)
    proposer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="challenges_proposed")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="challenges_reviewed"
    )
    review_notes = models.TextField(max_length=2000, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [
            models.Index(fields=["status", "starts_at"], name="challenge_status_start"),
            models.Index(fields=["hashtag", "status"], name="challenge_hashtag_status"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")), name="challenge_ends_after_start")
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.status})"


class ChallengeEntry(models.Model):
    """A post taking part in a challenge: it used the hashtag while the challenge ran, or its author chose it."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="entries")
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="challenge_entries")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["challenge", "post"], name="challengeentry_unique")]
        indexes = [models.Index(fields=["challenge", "created_at"], name="challengeentry_recent")]

    def __str__(self) -> str:
        return f"{self.post_id} in {self.challenge_id}"


class FeaturedEntry(models.Model):
    """An entry an editor picked for the top of the challenge page."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="featured")
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="featured_in")
    featured_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["challenge", "post"], name="featuredentry_unique")]

    def __str__(self) -> str:
        return f"featured {self.post_id} in {self.challenge_id}"


class Collection(models.Model):
    """An editor-curated "creator series": an ordered set of posts with a title, shown on Discover."""

    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=120)
    description = models.TextField(max_length=2000, blank=True)
    curator = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    is_published = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.title


class CollectionItem(models.Model):
    collection = models.ForeignKey(Collection, on_delete=models.CASCADE, related_name="items")
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveIntegerField()

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["collection", "post"], name="collectionitem_unique")]

    def __str__(self) -> str:
        return f"{self.collection_id}#{self.position}: {self.post_id}"


class TrendingOverride(models.Model):
    """An editor's pin (always shown first) or hide (never trends) for one hashtag."""

    class Mode(models.TextChoices):
        PIN = "pin"
        HIDE = "hide"

    hashtag = models.OneToOneField(Hashtag, on_delete=models.CASCADE, related_name="trending_override")
    mode = models.CharField(max_length=4, choices=Mode.choices)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.mode} #{self.hashtag_id}"


class VerifiedOrganisation(models.Model):
    """A verified organisation (a foundation, a school, a café): gets a badge and may propose challenges.
    Granted and revoked by admins only, each with an audit entry."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="verified_org")
    name = models.CharField(max_length=120)
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    granted_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.name} (verified)"


class HashtagDailyViews(models.Model):
    """Post views per hashtag per day, for the hashtag and challenge charts. Written in batches by the
    view buffer (`views_buffer.py`), never once per view."""

    hashtag = models.ForeignKey(Hashtag, on_delete=models.CASCADE, related_name="daily_views")
    day = models.DateField()
    views = models.PositiveBigIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["hashtag", "day"], name="hashtagdailyviews_unique")]

    def __str__(self) -> str:
        return f"#{self.hashtag_id} {self.day}: {self.views}"


class ComplimentStatus(models.TextChoices):
    DELIVERED = "delivered"  # from someone the recipient follows: shown straight away
    PENDING_ACCEPTANCE = "pending_acceptance"  # from someone they don't follow: waits in the kindness inbox
    ACCEPTED = "accepted"
    DECLINED = "declined"


class Compliment(models.Model):
    """A short compliment that passed the engine's stricter compliment rule (kind, and harmless)."""

    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="compliments_sent")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="compliments_received")
    text = models.CharField(max_length=280)
    status = models.CharField(max_length=20, choices=ComplimentStatus.choices)
    show_on_profile = models.BooleanField(default=False)
    # The engine's scores at sending time, kept for review if the recipient reports the sender.
    harm_score = models.FloatField(null=True, blank=True)
    kindness_score = models.FloatField(null=True, blank=True)
    # Where it was sent from (a profile or a post), for context in the inbox.
    post = models.ForeignKey(Post, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["recipient", "status", "-created_at"], name="compliment_inbox"),
            models.Index(fields=["sender", "-created_at"], name="compliment_sent"),
        ]

    def __str__(self) -> str:
        return f"compliment {self.pk} {self.sender_id}→{self.recipient_id} ({self.status})"


class WhoCanCompliment(models.TextChoices):
    EVERYONE = "everyone", "Everyone (people I don't follow go to my kindness inbox)"
    FOLLOWING = "following", "Only people I follow"
    NO_ONE = "no_one", "No one"


class ComplimentProfile(models.Model):
    """A person's compliment settings and counters. Created on first use; an empty `who_can_compliment`
    means "the default for my age": people I follow for under-16s, everyone otherwise."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="compliment_profile")
    who_can_compliment = models.CharField(max_length=10, choices=WhoCanCompliment.choices, blank=True)
    show_on_profile = models.BooleanField(default=True, help_text="Show compliments I accept on my profile.")
    sent_count = models.PositiveIntegerField(default=0)
    received_count = models.PositiveIntegerField(default=0)
    accepted_count = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"compliments of {self.user_id}"
