from django.urls import path, register_converter

from . import views
from .models import TargetKind


class TargetKindConverter:
    regex = "|".join(TargetKind.values)

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(TargetKindConverter, "target")

urlpatterns = [
    path("", views.moderation_queue, name="moderation_queue"),
    path("audit/", views.moderation_audit, name="moderation_audit"),
    path(
        "reports/<int:report_id>/", views.moderation_report_detail, name="moderation_report_detail"
    ),
    path("reports/<int:report_id>/decide/", views.moderation_decide, name="moderation_decide"),
    # A project is named by its link token, everything else by its number.
    path("report/<target:kind>/<slug:ref>/", views.moderation_report, name="moderation_report"),
]
