from django.urls import path

from . import views

urlpatterns = [
    path("", views.classroom_list, name="classroom_list"),
    path("new/", views.classroom_create, name="classroom_create"),
    path("<int:classroom_id>/", views.classroom_detail, name="classroom_detail"),
    path("<int:classroom_id>/edit/", views.classroom_edit, name="classroom_edit"),
    path("<int:classroom_id>/delete/", views.classroom_delete, name="classroom_delete"),
]
