from django.urls import path

from . import views

urlpatterns = [
    path("", views.school_detail, name="school_detail"),
    path("new/", views.school_create, name="school_create"),
    path("edit/", views.school_edit, name="school_edit"),
    path("country-fields/", views.school_country_fields, name="school_country_fields"),
    path("find/", views.school_search, name="school_search"),
    path("<int:school_id>/join/", views.school_join, name="school_join"),
    path("terms/add/", views.term_add, name="term_add"),
    path("terms/<int:term_id>/delete/", views.term_delete, name="term_delete"),
    path("verification/", views.school_verification, name="school_verification"),
    path("<int:school_id>/verify/", views.school_verify, name="school_verify"),
]
