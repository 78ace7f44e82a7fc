from django.contrib import admin

from .models import Challenge, ChallengeEntry, ChallengeMedia


@admin.register(Challenge)
class ChallengeAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "status", "starts_on", "ends_on"]
    list_filter = ["status"]
    search_fields = ["title", "slug", "theme"]
    prepopulated_fields = {"slug": ["title"]}
    raw_id_fields = ["created_by"]


class ChallengeMediaInline(admin.TabularInline):
    model = ChallengeMedia
    extra = 0
    fields = ["kind", "name", "content_type", "size", "file"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False  # files come through the upload checks, not the admin


@admin.register(ChallengeEntry)
class ChallengeEntryAdmin(admin.ModelAdmin):
    list_display = ["title", "challenge", "classroom", "status", "show_names", "show_faces"]
    list_filter = ["status", "challenge"]
    search_fields = ["title", "classroom__name"]
    raw_id_fields = ["classroom", "author_teacher", "author_student"]
    inlines = [ChallengeMediaInline]
