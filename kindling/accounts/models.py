from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone


class AgeBand(models.TextChoices):
    TEEN_13_15 = "13-15", "13–15"
    TEEN_16_17 = "16-17", "16–17"
    ADULT = "18+", "18+"


class User(AbstractUser):
    """A Kindling account. The birth date is never stored: only the dates on which the age band changes."""

    display_name = models.CharField(max_length=50, blank=True)
    bio = models.CharField(max_length=300, blank=True)
    # A bio waiting for the moderation gate: only its author sees it until it is approved.
    bio_pending = models.CharField(max_length=300, blank=True)
    avatar = models.ImageField(upload_to="avatars/%Y/%m/", blank=True)
    is_private = models.BooleanField(default=False, help_text="Followers need approval.")
    # Safety controls: who may comment on my posts, and whether I approve every comment first.
    who_can_comment = models.CharField(
        max_length=10,
        choices=[("everyone", "Everyone"), ("followers", "Followers"), ("no_one", "No one")],
        default="everyone",
    )
    hold_comments = models.BooleanField(default=False, help_text="Approve each comment before others see it.")
    # Null for accounts created without a birth date (staff made with createsuperuser): treated as adults.
    turns_16_on = models.DateField(null=True, blank=True)
    turns_18_on = models.DateField(null=True, blank=True)

    objects: UserManager[User] = UserManager()  # type: ignore[assignment,misc]

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("username"), name="user_username_ci_unique"),
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique", condition=~models.Q(email="")),
        ]

    def age_band_on(self, day: dt.date) -> str:
        if self.turns_16_on and day < self.turns_16_on:
            return AgeBand.TEEN_13_15
        if self.turns_18_on and day < self.turns_18_on:
            return AgeBand.TEEN_16_17
        return AgeBand.ADULT

    @property
    def age_band(self) -> str:
        return self.age_band_on(timezone.localdate())

    @property
    def shown_name(self) -> str:
        return self.display_name or self.username


class ApiToken(models.Model):
    """A personal API token. Only its SHA-256 is stored; the token itself is shown once at creation."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, blank=True)
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=12)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user_id})"


class Follow(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending"
        ACCEPTED = "accepted"

    follower = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="following_set")
    followee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follower_set")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACCEPTED)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["follower", "followee"], name="follow_unique_pair"),
            models.CheckConstraint(condition=~models.Q(follower=models.F("followee")), name="follow_not_self"),
        ]
        indexes = [models.Index(fields=["followee", "status"]), models.Index(fields=["follower", "status"])]

    def __str__(self) -> str:
        return f"{self.follower_id} → {self.followee_id} ({self.status})"


class Block(models.Model):
    blocker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocking_set")
    blocked = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocked_by_set")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="block_unique_pair"),
            models.CheckConstraint(condition=~models.Q(blocker=models.F("blocked")), name="block_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.blocker_id} blocks {self.blocked_id}"


class Mute(models.Model):
    """The muter stops seeing the muted account's posts and comments; the muted account is not told."""

    muter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="muting_set")
    muted = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="muted_by_set")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["muter", "muted"], name="mute_unique_pair"),
            models.CheckConstraint(condition=~models.Q(muter=models.F("muted")), name="mute_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.muter_id} mutes {self.muted_id}"


class HiddenWord(models.Model):
    """A word or phrase someone doesn't want to see in comments on their posts or in their feeds.
    Kept with the account (like mutes) because posts and feeds read it when deciding what to show."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="hidden_words")
    phrase = models.CharField(max_length=100)
    expires_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "phrase"], name="hiddenword_unique")]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.phrase}"
