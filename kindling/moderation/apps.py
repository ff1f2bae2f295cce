from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "kindling.moderation"
    label = "moderation"
