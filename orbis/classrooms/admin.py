from django.contrib import admin

from .models import AvailabilityPeriod, Classroom


class AvailabilityPeriodInline(admin.TabularInline):
    model = AvailabilityPeriod
    extra = 0


@admin.register(Classroom)
class ClassroomAdmin(admin.ModelAdmin):
    list_display = ["name", "teacher", "grade_label", "age_min", "age_max", "looking_for_partners"]
    list_filter = ["looking_for_partners", "exchange_mode"]
    search_fields = ["name", "teacher__email", "teacher__display_name"]
    raw_id_fields = ["teacher"]
    inlines = [AvailabilityPeriodInline]
