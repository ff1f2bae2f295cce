from __future__ import annotations

from django.contrib import admin

from kindling.feeds.models import FeedFeedback, PostRank


@admin.register(PostRank)
class PostRankAdmin(admin.ModelAdmin):
    """Read-only: ranks are derived data; tune kindling/feeds/weights.toml and run `kindling refresh-ranks`."""

    list_display = ("post", "author", "rank", "engagement", "kindness", "replies", "harm", "creator", "updated_at")
    raw_id_fields = ("post", "author")
    ordering = ("-rank",)

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(FeedFeedback)
class FeedFeedbackAdmin(admin.ModelAdmin):
    list_display = ("viewer", "signal", "author", "hashtag", "post", "created_at")
    raw_id_fields = ("viewer", "author", "hashtag", "post")
