from django.contrib import admin

from kindling.challenges.models import (
    Challenge,
    ChallengeEntry,
    Collection,
    CollectionItem,
    Compliment,
    TrendingOverride,
    VerifiedOrganisation,
)


@admin.register(Challenge)
class ChallengeAdmin(admin.ModelAdmin):
    list_display = ("title", "slug", "hashtag", "status", "starts_at", "ends_at", "is_featured")
    list_filter = ("status", "is_featured")
    search_fields = ("title", "slug", "hashtag__name")
    raw_id_fields = ("hashtag", "proposer", "reviewer")


@admin.register(ChallengeEntry)
class ChallengeEntryAdmin(admin.ModelAdmin):
    list_display = ("challenge", "post", "created_at")
    raw_id_fields = ("challenge", "post")


class CollectionItemInline(admin.TabularInline):
    model = CollectionItem
    raw_id_fields = ("post",)


@admin.register(Collection)
class CollectionAdmin(admin.ModelAdmin):
    list_display = ("title", "slug", "is_published", "created_at")
    inlines = [CollectionItemInline]


@admin.register(Compliment)
class ComplimentAdmin(admin.ModelAdmin):
    list_display = ("id", "sender", "recipient", "status", "created_at")
    list_filter = ("status",)
    raw_id_fields = ("sender", "recipient", "post")


@admin.register(VerifiedOrganisation)
class VerifiedOrganisationAdmin(admin.ModelAdmin):
    # Read-only here: granting goes through `organisation_verify` (admins only, audited) via the API.
    list_display = ("name", "user", "granted_by", "granted_at")
    readonly_fields = ("user", "name", "granted_by", "granted_at")

    def has_add_permission(self, request) -> bool:  # type: ignore[no-untyped-def]
        return False


admin.site.register(TrendingOverride)
