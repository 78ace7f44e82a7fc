from django.urls import path

from . import views

# Public addresses are /showcase/<slug>/; a slug always ends in "-<random suffix>", so it can't
# be "manage" and the project space below never shadows a showcase.
urlpatterns = [
    path("", views.showcase_gallery, name="showcase_gallery"),
    path("manage/<slug:token>/", views.showcase_manage, name="showcase_manage"),
    path("manage/<slug:token>/edit/", views.showcase_edit, name="showcase_edit"),
    path("manage/<slug:token>/items/", views.showcase_items, name="showcase_items"),
    path("manage/<slug:token>/consent/", views.showcase_consent, name="showcase_consent"),
    path("manage/<slug:token>/publish/", views.showcase_publish, name="showcase_publish"),
    path("manage/<slug:token>/unpublish/", views.showcase_unpublish, name="showcase_unpublish"),
    path("manage/<slug:token>/preview/", views.showcase_preview, name="showcase_preview"),
    path(
        "manage/<slug:token>/files/<int:attachment_id>/",
        views.showcase_member_file,
        name="showcase_member_file",
    ),
    path(
        "manage/<slug:token>/final-product/",
        views.showcase_member_product,
        name="showcase_member_product",
    ),
    path(
        "manage/<slug:token>/certificate.pdf",
        views.showcase_certificate,
        name="showcase_certificate",
    ),
    path("<slug:slug>/", views.showcase_public, name="showcase_public"),
    path("<slug:slug>/files/<int:attachment_id>/", views.showcase_file, name="showcase_file"),
    path("<slug:slug>/final-product/", views.showcase_product, name="showcase_product"),
]
