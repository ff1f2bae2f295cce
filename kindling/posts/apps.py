from django.apps import AppConfig


class PostsConfig(AppConfig):
    name = "kindling.posts"
    label = "posts"
