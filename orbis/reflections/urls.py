from django.urls import path

from . import views

urlpatterns = [
    path("<str:token>/", views.reflections, name="reflections"),
    path("<str:token>/prompts/add/", views.reflection_prompt_add, name="reflection_prompt_add"),
    path(
        "<str:token>/prompts/<int:prompt_id>/",
        views.reflection_prompt_edit,
        name="reflection_prompt_edit",
    ),
    path(
        "<str:token>/prompts/<int:prompt_id>/delete/",
        views.reflection_prompt_delete,
        name="reflection_prompt_delete",
    ),
    path(
        "<str:token>/prompts/<int:prompt_id>/move/",
        views.reflection_prompt_move,
        name="reflection_prompt_move",
    ),
    path(
        "<str:token>/prompts/<int:prompt_id>/answer/",
        views.reflection_answer,
        name="reflection_answer",
    ),
    path(
        "<str:token>/answers/<int:response_id>/moderate/",
        views.reflection_moderate,
        name="reflection_moderate",
    ),
    path("<str:token>/record/", views.reflection_record, name="reflection_record"),
    path("<str:token>/record.csv", views.reflection_export, name="reflection_export"),
]
