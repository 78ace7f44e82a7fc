from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from . import services
from .models import School, SchoolTerm


class SchoolTermInline(admin.TabularInline):
    model = SchoolTerm
    extra = 0


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin):
    list_display = ["name", "city", "country", "time_zone", "verified"]
    list_filter = ["verified", "country"]
    search_fields = ["name", "city"]
    readonly_fields = ["verified", "verified_at", "verified_by"]
    inlines = [SchoolTermInline]
    actions = ["mark_verified", "mark_unverified"]

    @admin.action(description=_("Mark the selected schools as verified"))
    def mark_verified(self, request, queryset):
        for school in queryset:
            services.school_set_verified(school=school, verified=True, by=request.user)

    @admin.action(description=_("Mark the selected schools as not verified"))
    def mark_unverified(self, request, queryset):
        for school in queryset:
            services.school_set_verified(school=school, verified=False, by=request.user)
