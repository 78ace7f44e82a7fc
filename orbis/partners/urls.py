from django.urls import path

from . import views

urlpatterns = [
    path("", views.partner_search, name="partner_search"),
    path("classrooms/<int:classroom_id>/", views.partner_classroom, name="partner_classroom"),
    path("requests/", views.partner_requests, name="partner_requests"),
    path("requests/<int:request_id>/accept/", views.request_accept, name="partner_request_accept"),
    path(
        "requests/<int:request_id>/decline/", views.request_decline, name="partner_request_decline"
    ),
    path(
        "requests/<int:request_id>/withdraw/",
        views.request_withdraw,
        name="partner_request_withdraw",
    ),
    path("suggestions/", views.suggestion_list, name="partner_suggestions"),
    path(
        "suggestions/<int:suggestion_id>/decline/",
        views.suggestion_decline,
        name="partner_suggestion_decline",
    ),
]
