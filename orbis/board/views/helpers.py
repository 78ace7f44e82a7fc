"""What the board's views share."""

from django.http import Http404
from django.utils.http import url_has_allowed_host_and_scheme

from .. import selectors
from ..models import Post


def author_of(viewer) -> dict:
    """The viewer as the services' author: `teacher=` or `student=`."""
    if viewer.is_teacher:
        return {"teacher": viewer.teacher}
    return {"student": viewer.student}


def next_or(request, default: str) -> str:
    target = request.POST.get("next", "")
    # A path of this site only: redirect() takes any other word for a URL name (500).
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def post_or_404(project, viewer, post_id) -> Post:
    post = selectors.post_for(project, viewer, post_id)
    if post is None:
        raise Http404
    return post
