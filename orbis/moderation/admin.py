from django.contrib import admin

from .models import AuditLog, Report


class ReadOnly(admin.ModelAdmin):
    """Decisions are made in the moderation queue, where they are logged; the admin only shows."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Report)
class ReportAdmin(ReadOnly):
    list_display = ["pk", "target_kind", "target_label", "reason", "status", "created_at"]
    list_filter = ["status", "target_kind", "reason"]
    search_fields = ["target_label"]


@admin.register(AuditLog)
class AuditLogAdmin(ReadOnly):
    list_display = ["created_at", "actor_name", "action", "target_kind", "target_label"]
    list_filter = ["action", "target_kind"]
    search_fields = ["target_label", "actor_name"]
