from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404


def staff_only(view):
    """A staff page: anonymous visitors log in; any other teacher gets 404, so she doesn't
    learn that the page exists."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_staff:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper
