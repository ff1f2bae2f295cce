from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from kindling.accounts.models import ApiToken, Block, Follow, User


@admin.register(User)
class KindlingUserAdmin(UserAdmin):
    list_display = ("username", "email", "display_name", "is_private", "is_staff", "date_joined")
    fieldsets = (
        *(UserAdmin.fieldsets or ()),
        ("Kindling", {"fields": ("display_name", "bio", "avatar", "is_private", "turns_16_on", "turns_18_on")}),
    )


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("prefix", "user", "name", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("key_hash", "prefix")


admin.site.register(Follow)
admin.site.register(Block)
