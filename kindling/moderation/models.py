"""Moderation records: decisions with their statements of reasons, the review queue, strikes, sanctions,
appeals, nudge outcomes and help resources."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class TargetType(models.TextChoices):
    POST = "post"
    COMMENT = "comment"
    BIO = "bio"
    USER = "user"


class Decision(models.Model):
    """One moderation decision and its statement of reasons (EU DSA Art. 17 fields)."""

    class Action(models.TextChoices):
        # Engine outcomes
        ALLOW = "allow"
        HOLD = "hold"  # sent to review (engine "review" or fail-closed)
        BLOCK = "block"
        SUPPORT = "support"
        # Moderator outcomes
        APPROVE = "approve"
        REMOVE = "remove"
        LIMIT_REACH = "limit_reach"
        WARN = "warn"
        SUSPEND = "suspend"
        BAN = "ban"
        # Appeal outcome
        REVERSE = "reverse"

    class Facts(models.TextChoices):
        OWN_INITIATIVE = "own_initiative", "Detected on Kindling's own initiative"
        NOTICE = "notice", "A user's report (notice)"
        APPEAL = "appeal", "The affected user's appeal"

    target_type = models.CharField(max_length=10, choices=TargetType.choices)
    target_id = models.BigIntegerField()
    affected_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="moderation_decisions"
    )
    action = models.CharField(max_length=16, choices=Action.choices)
    # Statement of reasons
    restriction = models.CharField(max_length=200, blank=True, help_text="What was restricted, in words.")
    duration_days = models.PositiveIntegerField(null=True, blank=True)
    facts = models.CharField(max_length=20, choices=Facts.choices, default=Facts.OWN_INITIATIVE)
    automated_detection = models.BooleanField(default=True)
    automated_decision = models.BooleanField(default=True)
    rule = models.CharField(max_length=100, blank=True)
    explanation = models.TextField(blank=True)
    redress = models.TextField(blank=True)
    scores = models.JSONField(default=dict, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        indexes = [models.Index(fields=["target_type", "target_id"]), models.Index(fields=["affected_user", "created_at"])]

    def __str__(self) -> str:
        return f"{self.action} {self.target_type}:{self.target_id}"


class ReviewItem(models.Model):
    """Something a person must look at. One open item per target; reports and re-checks join it."""

    class Queue(models.TextChoices):
        SAFETY = "safety"
        WELLBEING = "wellbeing"  # `support`: trained reviewers, never a sanction

    class Status(models.TextChoices):
        OPEN = "open"
        CLAIMED = "claimed"
        DECIDED = "decided"

    target_type = models.CharField(max_length=10, choices=TargetType.choices)
    target_id = models.BigIntegerField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    queue = models.CharField(max_length=10, choices=Queue.choices, default=Queue.SAFETY)
    reason = models.CharField(max_length=30)  # engine_review, engine_error, support, report, nudge_confirmed, ...
    text = models.TextField(blank=True)
    scores = models.JSONField(default=dict, blank=True)
    severity = models.FloatField(default=0.5)
    reach = models.PositiveIntegerField(default=0)
    priority = models.FloatField(default=0.0, db_index=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision = models.ForeignKey(Decision, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["status", "-priority", "id"]), models.Index(fields=["target_type", "target_id"])]
        constraints = [
            models.UniqueConstraint(
                fields=["target_type", "target_id"],
                condition=~models.Q(status="decided"),
                name="reviewitem_one_open_per_target",
            )
        ]

    def __str__(self) -> str:
        return f"Review {self.pk}: {self.target_type}:{self.target_id} ({self.status})"


class ReviewNote(models.Model):
    item = models.ForeignKey(ReviewItem, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Note on {self.item_id}"


class Strike(models.Model):
    """A mark against an account that fades after a period of good standing."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="strikes")
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="strikes")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(db_index=True)
    revoked = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"Strike on {self.user_id} until {self.expires_at:%Y-%m-%d}"


class Sanction(models.Model):
    """An account restriction: suspension until a date, or a ban."""

    class Kind(models.TextChoices):
        SUSPEND = "suspend"
        BAN = "ban"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sanctions")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    until = models.DateTimeField(null=True, blank=True)
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="sanctions")
    lifted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.kind} {self.user_id}"


class Appeal(models.Model):
    class Status(models.TextChoices):
        OPEN = "open"
        UPHELD = "upheld"
        REVERSED = "reversed"

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="appeals")
    appellant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="appeals")
    text = models.TextField(max_length=2000)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reasons = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["decision"], condition=models.Q(status="open"), name="appeal_one_open")
        ]

    def __str__(self) -> str:
        return f"Appeal {self.pk} ({self.status})"


class NudgeEvent(models.Model):
    """A "Rethink?" prompt shown before posting, and what the author did next."""

    class Outcome(models.TextChoices):
        SHOWN = "shown"
        REVISED = "revised"
        CANCELLED = "cancelled"
        SENT_ANYWAY = "sent_anyway"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="nudges")
    target_type = models.CharField(max_length=10, choices=TargetType.choices)
    categories = models.JSONField(default=list)
    harm = models.FloatField()
    outcome = models.CharField(max_length=12, choices=Outcome.choices, default=Outcome.SHOWN)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["user", "outcome", "-created_at"])]

    def __str__(self) -> str:
        return f"Nudge {self.pk} ({self.outcome})"


class HelpResource(models.Model):
    """Help shown at once to an author whose post suggests they may be at risk. Admins maintain these."""

    country = models.CharField(max_length=2, blank=True, help_text="ISO country code; blank for everywhere.")
    name = models.CharField(max_length=120)
    contact = models.CharField(max_length=120, blank=True, help_text="Phone number or text line")
    url = models.URLField(blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name
