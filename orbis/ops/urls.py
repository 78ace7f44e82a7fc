from django.urls import path

from . import views

urlpatterns = [
    path("healthz", views.health, name="ops_health"),
    path("ops/status/", views.status, name="ops_status"),
]
