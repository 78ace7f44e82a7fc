class UnreadCount:
    """The teacher's unread notifications, counted the first time a template shows them:
    htmx fragments, which don't show the header, and views that already counted them (the
    dashboard passes its own number) ask no query. Templates call it and get an int."""

    def __init__(self, user):
        self.user = user
        self.count = None

    def __call__(self) -> int:
        if self.count is None:
            self.count = self.user.notifications.filter(read_at__isnull=True).count()
        return self.count

    def __eq__(self, other) -> bool:
        return self() == other

    __hash__ = None


def unread_notifications(request):
    """The unread count beside "Notifications" in the header."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": UnreadCount(user)}
