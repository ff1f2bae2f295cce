from django.apps import AppConfig


class ChallengesConfig(AppConfig):
    name = "kindling.challenges"
    label = "challenges"

    def ready(self) -> None:
        from kindling.challenges import receivers
        from kindling.posts import signals

        # Named receivers (design: signals sparingly, and named): entries join on publish, views feed the buffer.
        signals.post_published.connect(receivers.on_post_published, dispatch_uid="challenges.post_published")
        signals.post_engaged.connect(receivers.on_post_engaged, dispatch_uid="challenges.post_engaged")
