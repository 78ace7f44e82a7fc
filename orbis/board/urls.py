from django.urls import path, register_converter

from .views import feedback, files, listing, post, queue, translation


class ItemKindConverter:
    """Moderation works on posts and comments alike: /post/12/approve/, /comment/7/flag/."""

    regex = "post|comment"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(ItemKindConverter, "item")

urlpatterns = [
    # Before "<token>/": "queue" is not a project.
    path("queue/", queue.board_queue_all, name="board_queue_all"),
    path("<slug:token>/", listing.board, name="board"),
    path("<slug:token>/posts/", listing.board_post_create, name="board_post_create"),
    path("<slug:token>/gallery/", listing.board_gallery, name="board_gallery"),
    path("<slug:token>/queue/", queue.board_queue, name="board_queue"),
    path("<slug:token>/posts/<int:post_id>/", post.board_post, name="board_post"),
    path("<slug:token>/posts/<int:post_id>/edit/", post.board_post_edit, name="board_post_edit"),
    path(
        "<slug:token>/posts/<int:post_id>/delete/",
        post.board_post_delete,
        name="board_post_delete",
    ),
    path("<slug:token>/posts/<int:post_id>/comment/", feedback.board_comment, name="board_comment"),
    path("<slug:token>/posts/<int:post_id>/react/", feedback.board_react, name="board_react"),
    path(
        "<slug:token>/posts/<int:post_id>/translate/",
        translation.board_post_translate,
        name="board_post_translate",
    ),
    path("<slug:token>/files/<int:attachment_id>/", files.board_file, name="board_file"),
    path(
        "<slug:token>/files/<int:attachment_id>/thumbnail/",
        files.board_thumbnail,
        name="board_thumbnail",
    ),
    path(
        "<slug:token>/<item:kind>/<int:item_id>/approve/", queue.board_approve, name="board_approve"
    ),
    path("<slug:token>/<item:kind>/<int:item_id>/reject/", queue.board_reject, name="board_reject"),
    path("<slug:token>/<item:kind>/<int:item_id>/flag/", queue.board_flag, name="board_flag"),
    path(
        "<slug:token>/<item:kind>/<int:item_id>/decide/",
        queue.board_flag_decide,
        name="board_flag_decide",
    ),
]
