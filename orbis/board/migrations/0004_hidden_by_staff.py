# What the operators' moderators hid becomes a field of the item (issue 13): orbis/moderation
# sets and clears it, and fills it from its audit log (moderation/migrations/0002).

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("board", "0003_detect_existing_post_languages"),
    ]

    operations = [
        migrations.AddField(
            model_name="comment",
            name="hidden_by_staff",
            field=models.BooleanField(default=False, editable=False),
        ),
        migrations.AddField(
            model_name="post",
            name="hidden_by_staff",
            field=models.BooleanField(default=False, editable=False),
        ),
    ]
