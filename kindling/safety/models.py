from __future__ import annotations

from django.conf import settings
from django.db import models


class Report(models.Model):
    """A user's notice about a post, comment or account. The reporter is told the outcome."""

    class Reason(models.TextChoices):
        BULLYING = "bullying", "Bullying or harassment"
        HATE = "hate", "Hate against a group"
        THREAT = "threat", "Threats or violence"
        SELF_HARM = "self_harm", "Self-harm or suicide"
        SEXUAL = "sexual", "Sexual content or harassment"
        PRIVACY = "privacy", "Sharing private information"
        SPAM = "spam", "Spam or scam"
        UNDERAGE = "underage", "May be under 13"
        OTHER = "other", "Something else"

    class Status(models.TextChoices):
        RECEIVED = "received"
        RESOLVED = "resolved"

    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reports_made")
    target_type = models.CharField(max_length=10)
    target_id = models.BigIntegerField()
    reason = models.CharField(max_length=20, choices=Reason.choices)
    details = models.TextField(max_length=2000, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RECEIVED)
    outcome = models.CharField(max_length=300, blank=True)
    review_item_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["target_type", "target_id"])]
        constraints = [
            models.UniqueConstraint(
                fields=["reporter", "target_type", "target_id"],
                condition=models.Q(status="received"),
                name="report_one_open_per_reporter_target",
            )
        ]

    def __str__(self) -> str:
        return f"Report {self.pk} on {self.target_type}:{self.target_id}"
