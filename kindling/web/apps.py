from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "kindling.web"
    label = "web"
