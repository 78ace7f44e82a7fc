from django.contrib import admin

from .models import Student


@admin.register(Student)
class StudentAdmin(admin.ModelAdmin):
    # Operators see nicknames only; secret words stay between a teacher and their class.
    list_display = ["nickname", "classroom", "joined_at", "last_seen_at"]
    search_fields = ["nickname", "classroom__name"]
    exclude = ["secret"]
    raw_id_fields = ["classroom"]
