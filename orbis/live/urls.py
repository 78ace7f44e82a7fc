from django.urls import path

from . import views

urlpatterns = [
    path("calendar/", views.live_calendar_feed_settings, name="live_calendar_feed_settings"),
    path("calendar/new-link/", views.live_calendar_feed_reset, name="live_calendar_feed_reset"),
    path("calendar/<slug:feed_token>.ics", views.live_calendar_feed, name="live_calendar_feed"),
    path("<slug:token>/", views.live_sessions, name="live_sessions"),
    path("<slug:token>/new/", views.live_session_new, name="live_session_new"),
    path("<slug:token>/<int:session_id>/", views.live_session_detail, name="live_session_detail"),
    path("<slug:token>/<int:session_id>/edit/", views.live_session_edit, name="live_session_edit"),
    path(
        "<slug:token>/<int:session_id>/cancel/",
        views.live_session_cancel,
        name="live_session_cancel",
    ),
    path(
        "<slug:token>/<int:session_id>/session.ics",
        views.live_session_ics,
        name="live_session_ics",
    ),
]
