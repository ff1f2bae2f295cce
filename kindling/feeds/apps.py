from django.apps import AppConfig


class FeedsConfig(AppConfig):
    name = "kindling.feeds"
    label = "feeds"
