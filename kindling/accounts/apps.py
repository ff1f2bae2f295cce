from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "kindling.accounts"
    label = "accounts"
