from django.contrib import admin
from django.urls import include, path

from orbis.accounts.views import resend_confirmation
from orbis.board.student_space import student_space

urlpatterns = [
    path("", include("orbis.home.urls")),
    path(
        "accounts/confirm-email-again/",
        resend_confirmation,
        name="account_resend_confirmation",
    ),
    path("accounts/", include("allauth.urls")),
    path("profile/", include("orbis.accounts.urls")),
    path("school/", include("orbis.schools.urls")),
    path("classrooms/", include("orbis.classrooms.urls")),
    path("", include("orbis.students.urls")),
    path("student/", student_space, name="student_space"),  # lists her class's boards
    path("partners/", include("orbis.partners.urls")),
    path("projects/", include("orbis.projects.urls")),
    path("notifications/", include("orbis.notifications.urls")),
    path("board/", include("orbis.board.urls")),
    path("live/", include("orbis.live.urls")),
    path("reflections/", include("orbis.reflections.urls")),
    path("showcase/", include("orbis.showcase.urls")),
    path("challenges/", include("orbis.challenges.urls")),
    path("moderation/", include("orbis.moderation.urls")),
    path("privacy/", include("orbis.privacy.urls")),
    path("", include("orbis.ops.urls")),
    path("learn/", include("orbis.learn.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
