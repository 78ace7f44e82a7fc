"""Posts written before language detection get their language, as new posts do on save."""

from django.db import migrations


def detect_languages(apps, schema_editor):
    from orbis.board.language import detect

    Post = apps.get_model("board", "Post")
    batch = []
    for post in Post.objects.only("pk", "title", "body").iterator(chunk_size=500):
        # The same text as Post.source_text (historical models don't have its properties).
        post.language = detect(f"{post.title}\n\n{post.body}".strip())
        if post.language:
            batch.append(post)
        if len(batch) >= 500:
            Post.objects.bulk_update(batch, ["language"])
            batch = []
    Post.objects.bulk_update(batch, ["language"])


class Migration(migrations.Migration):
    dependencies = [("board", "0002_post_language_posttranslation")]

    operations = [migrations.RunPython(detect_languages, migrations.RunPython.noop)]
