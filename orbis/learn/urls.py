from django.urls import path

from . import views

app_name = "learn"

urlpatterns = [
    path("", views.guide_index, name="index"),
    path("<slug:slug>/", views.guide_detail, name="guide"),
]
