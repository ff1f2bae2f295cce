from django.apps import AppConfig


class FeedsConfig(AppConfig):
    name = "kindling.feeds"
    label = "feeds"

    def ready(self) -> None:
        from kindling.core.audit import state_changed
        from kindling.feeds import cache
        from kindling.feeds import signals as receivers
        from kindling.posts import signals

        signals.post_published.connect(receivers.on_post_published, dispatch_uid="feeds.post_published")
        signals.post_hidden.connect(receivers.on_post_hidden, dispatch_uid="feeds.post_hidden")
        signals.post_engaged.connect(receivers.on_post_engaged, dispatch_uid="feeds.post_engaged")
        signals.post_hidden.connect(cache.on_post_hidden, dispatch_uid="feeds.cache.post_hidden")
        state_changed.connect(cache.on_state_changed, dispatch_uid="feeds.cache.state_changed")
