from django.urls import path

from . import views

urlpatterns = [
    path("", views.challenge_list, name="challenge_list"),
    path("staff/", views.challenge_staff_list, name="challenge_staff_list"),
    path("staff/new/", views.challenge_create, name="challenge_create"),
    path("staff/<slug:slug>/edit/", views.challenge_edit, name="challenge_edit"),
    path("entries/", views.challenge_entries_mine, name="challenge_entries_mine"),
    path(
        "entries/<int:entry_id>/moderate/",
        views.challenge_entry_moderate,
        name="challenge_entry_moderate",
    ),
    path(
        "entries/<int:entry_id>/consent/",
        views.challenge_entry_consent,
        name="challenge_entry_consent",
    ),
    path("<slug:slug>/", views.challenge_detail, name="challenge_detail"),
    path("<slug:slug>/enter/", views.challenge_enter, name="challenge_enter"),
    path("<slug:slug>/certificate/", views.challenge_certificate, name="challenge_certificate"),
    path("<slug:slug>/media/<int:media_id>/", views.challenge_media, name="challenge_media"),
    path(
        "<slug:slug>/media/<int:media_id>/thumbnail/",
        views.challenge_thumbnail,
        name="challenge_thumbnail",
    ),
]
