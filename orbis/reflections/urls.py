from django.urls import path

from . import views

urlpatterns = [
    path("<slug:token>/", views.reflections, name="reflections"),
    path("<slug:token>/prompts/add/", views.reflection_prompt_add, name="reflection_prompt_add"),
    path(
        "<slug:token>/prompts/<int:prompt_id>/",
        views.reflection_prompt_edit,
        name="reflection_prompt_edit",
    ),
    path(
        "<slug:token>/prompts/<int:prompt_id>/delete/",
        views.reflection_prompt_delete,
        name="reflection_prompt_delete",
    ),
    path(
        "<slug:token>/prompts/<int:prompt_id>/move/",
        views.reflection_prompt_move,
        name="reflection_prompt_move",
    ),
    path(
        "<slug:token>/prompts/<int:prompt_id>/answer/",
        views.reflection_answer,
        name="reflection_answer",
    ),
    path(
        "<slug:token>/answers/<int:response_id>/moderate/",
        views.reflection_moderate,
        name="reflection_moderate",
    ),
    path("<slug:token>/record/", views.reflection_record, name="reflection_record"),
    path("<slug:token>/record.csv", views.reflection_export, name="reflection_export"),
]
