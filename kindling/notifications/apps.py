from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "kindling.notifications"
    label = "notifications"
