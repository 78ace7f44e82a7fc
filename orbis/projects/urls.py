from django.urls import path

from . import views

urlpatterns = [
    path("", views.project_list, name="project_list"),
    path("mine/", views.project_mine, name="project_mine"),
    path("new/", views.assistant_start, name="project_new"),
    path("new/preview/", views.assistant_preview, name="project_assistant_preview"),
    path("new/<slug:step>/", views.assistant_step, name="project_assistant"),
    path("requests/<int:join_id>/accept/", views.join_accept, name="project_join_accept"),
    path("requests/<int:join_id>/decline/", views.join_decline, name="project_join_decline"),
    path("requests/<int:join_id>/withdraw/", views.join_withdraw, name="project_join_withdraw"),
    path("<slug:token>/", views.project_detail, name="project_detail"),
    path("<slug:token>/calendar.ics", views.project_ics, name="project_ics"),
    path("<slug:token>/edit/", views.project_edit, name="project_edit"),
    path("<slug:token>/status/", views.project_status, name="project_status"),
    path("<slug:token>/join/", views.project_join, name="project_join"),
    path("<slug:token>/dates/shift/", views.dates_shift, name="project_dates_shift"),
    path(
        "<slug:token>/phases/<slug:phase>/regenerate/",
        views.phase_regenerate,
        name="project_phase_regenerate",
    ),
    path("<slug:token>/<slug:kind>/new/", views.item_edit, name="project_item_add"),
    path("<slug:token>/<slug:kind>/<int:item_id>/", views.item_edit, name="project_item_edit"),
    path(
        "<slug:token>/<slug:kind>/<int:item_id>/delete/",
        views.item_delete,
        name="project_item_delete",
    ),
    path(
        "<slug:token>/activity/<int:item_id>/done/",
        views.activity_done,
        name="project_activity_done",
    ),
    path(
        "<slug:token>/members/<int:membership_id>/role/",
        views.member_role,
        name="project_member_role",
    ),
    path(
        "<slug:token>/members/<int:membership_id>/leave/",
        views.member_leave,
        name="project_member_leave",
    ),
]
