from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "kindling.safety"
    label = "safety"

    def ready(self) -> None:
        from kindling.moderation.services import review_item_decided
        from kindling.safety.services import reports_resolve_for_item

        # Reporters learn the outcome in the same transaction as the moderator's decision.
        review_item_decided.connect(reports_resolve_for_item, dispatch_uid="safety.reports_resolve_for_item")
