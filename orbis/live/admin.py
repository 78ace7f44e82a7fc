from django.contrib import admin

from .models import LiveSession, LiveSessionClass, SessionReminder


class LiveSessionClassInline(admin.TabularInline):
    model = LiveSessionClass
    extra = 0
    raw_id_fields = ["classroom"]


class SessionReminderInline(admin.TabularInline):
    """Read-only: whether each reminder went out (support questions), never edited by hand."""

    model = SessionReminder
    extra = 0
    can_delete = False
    readonly_fields = ["hours_before", "due_at", "sent_at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(LiveSession)
class LiveSessionAdmin(admin.ModelAdmin):
    list_display = ["title", "project", "starts_at", "minutes", "status"]
    list_filter = ["status"]
    search_fields = ["title", "project__title"]
    raw_id_fields = ["project", "created_by", "suggested_session"]
    readonly_fields = ["sequence", "created_at", "updated_at"]
    inlines = [LiveSessionClassInline, SessionReminderInline]
