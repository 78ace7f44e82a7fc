from django.urls import path

from . import views

urlpatterns = [
    path("join/", views.student_join, name="student_join"),
    path("student/leave/", views.student_leave, name="student_leave"),
    path(
        "classrooms/<int:classroom_id>/students/",
        views.classroom_students,
        name="classroom_students",
    ),
    path(
        "classrooms/<int:classroom_id>/code/rotate/",
        views.join_code_rotate,
        name="join_code_rotate",
    ),
    path(
        "classrooms/<int:classroom_id>/code/disable/",
        views.join_code_disable,
        name="join_code_disable",
    ),
    path(
        "classrooms/<int:classroom_id>/code/custom/",
        views.join_code_custom,
        name="join_code_custom",
    ),
    path(
        "classrooms/<int:classroom_id>/students/<int:student_id>/rename/",
        views.student_rename,
        name="student_rename",
    ),
    path(
        "classrooms/<int:classroom_id>/students/<int:student_id>/reset/",
        views.student_reset,
        name="student_reset",
    ),
    path(
        "classrooms/<int:classroom_id>/students/<int:student_id>/remove/",
        views.student_remove,
        name="student_remove",
    ),
]
