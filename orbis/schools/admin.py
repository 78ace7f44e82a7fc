from django.contrib import admin

from .models import School, SchoolTerm


class SchoolTermInline(admin.TabularInline):
    model = SchoolTerm
    extra = 0


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin):
    list_display = ["name", "city", "country", "time_zone"]
    list_filter = ["country"]
    search_fields = ["name", "city"]
    inlines = [SchoolTermInline]
