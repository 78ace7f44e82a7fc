from django.urls import path

from . import views

urlpatterns = [
    path("", views.privacy_notice, name="privacy_notice"),
    path("export/", views.privacy_export, name="privacy_export"),
    path("delete/", views.privacy_delete, name="privacy_delete"),
]
