from django.http import Http404
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from .guides import GUIDES, body_templates, guide_by_slug, next_guide

# Browsers may keep a guide for an hour. Not `public`: the page around the guide carries the
# visitor's CSRF token, navigation and unread count, which no shared cache should hand on.
# LocaleMiddleware and the session already add `Vary: Accept-Language, Cookie`.
guide_cache = cache_control(private=True, max_age=60 * 60)


@require_GET
@guide_cache
def guide_index(request):
    return render(request, "learn/index.html", {"guides": GUIDES})


@require_GET
@guide_cache
def guide_detail(request, slug):
    guide = guide_by_slug(slug)
    if guide is None:
        raise Http404("No such guide.")
    return render(
        request,
        "learn/guide.html",
        {
            "guide": guide,
            "body_templates": body_templates(guide),
            "next_guide": next_guide(guide),
        },
    )
