from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("rules/", views.conduct, name="conduct"),
    path("accessibility/", views.accessibility, name="accessibility"),
]
