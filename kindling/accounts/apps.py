from typing import Any

from django.apps import AppConfig
from django.db import transaction


class AccountsConfig(AppConfig):
    name = "kindling.accounts"
    label = "accounts"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from kindling.accounts.models import ApiToken, User

        post_save.connect(_on_user_saved, sender=User, dispatch_uid="accounts.user_saved")
        post_delete.connect(_on_token_deleted, sender=ApiToken, dispatch_uid="accounts.token_deleted")


def _on_user_saved(sender: Any, instance: Any, **kwargs: Any) -> None:
    # An account deactivated by any save (the admin site included) stops authenticating from the token cache.
    if not instance.is_active:
        from kindling.accounts.services import tokens_forget

        tokens_forget(user_id=instance.pk)
        transaction.on_commit(lambda: tokens_forget(user_id=instance.pk))


def _on_token_deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    from django.core.cache import cache

    from kindling.accounts.services import token_cache_key

    cache.delete(token_cache_key(instance.key_hash))
