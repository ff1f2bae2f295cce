from django.contrib import admin

from kindling.posts.models import Comment, Hashtag, Post


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ("id", "author", "status", "created_at", "like_count", "comment_count", "share_count", "view_count")
    list_filter = ("status",)
    search_fields = ("text", "author__username")
    raw_id_fields = ("author", "shared_from")


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ("id", "post", "author", "status", "created_at")
    list_filter = ("status",)
    raw_id_fields = ("post", "author", "parent")


admin.site.register(Hashtag)
