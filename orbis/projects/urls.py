from django.urls import path

from .views import assistant, joining, listing, plan, project

urlpatterns = [
    path("", listing.project_list, name="project_list"),
    path("mine/", listing.project_mine, name="project_mine"),
    path("new/", assistant.assistant_start, name="project_new"),
    path("new/preview/", assistant.assistant_preview, name="project_assistant_preview"),
    path("new/<slug:step>/", assistant.assistant_step, name="project_assistant"),
    path("requests/<int:join_id>/accept/", joining.join_accept, name="project_join_accept"),
    path("requests/<int:join_id>/decline/", joining.join_decline, name="project_join_decline"),
    path("requests/<int:join_id>/withdraw/", joining.join_withdraw, name="project_join_withdraw"),
    path("<slug:token>/", project.project_detail, name="project_detail"),
    path("<slug:token>/calendar.ics", project.project_ics, name="project_ics"),
    path("<slug:token>/edit/", project.project_edit, name="project_edit"),
    path("<slug:token>/status/", project.project_status, name="project_status"),
    path("<slug:token>/join/", joining.project_join, name="project_join"),
    path("<slug:token>/dates/shift/", plan.dates_shift, name="project_dates_shift"),
    path(
        "<slug:token>/phases/<slug:phase>/regenerate/",
        plan.phase_regenerate,
        name="project_phase_regenerate",
    ),
    path("<slug:token>/<slug:kind>/new/", plan.item_edit, name="project_item_add"),
    path("<slug:token>/<slug:kind>/<int:item_id>/", plan.item_edit, name="project_item_edit"),
    path(
        "<slug:token>/<slug:kind>/<int:item_id>/delete/",
        plan.item_delete,
        name="project_item_delete",
    ),
    path(
        "<slug:token>/activity/<int:item_id>/done/",
        plan.activity_done,
        name="project_activity_done",
    ),
    path(
        "<slug:token>/members/<int:membership_id>/role/",
        joining.member_role,
        name="project_member_role",
    ),
    path(
        "<slug:token>/members/<int:membership_id>/leave/",
        joining.member_leave,
        name="project_member_leave",
    ),
]
