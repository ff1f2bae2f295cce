from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "kindling.core"
    label = "core"
