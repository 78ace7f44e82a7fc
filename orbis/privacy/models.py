from django.db import models


class RetentionNotice(models.Model):
    """The email telling an inactive teacher her account will be deleted. The account goes only
    when this warning is old enough and she has not logged in since it was sent."""

    user = models.OneToOneField(
        "accounts.User", on_delete=models.CASCADE, related_name="retention_notice"
    )
    warned_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"retention notice of {self.user_id} at {self.warned_at}"
