from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def duration(minutes: int) -> str:
    """Minutes as people say them: "3 h 20 min", "45 min", "2 h"."""
    hours, rest = divmod(int(minutes or 0), 60)
    if hours and rest:
        return _("%(hours)d h %(minutes)d min") % {"hours": hours, "minutes": rest}
    if hours:
        return _("%(hours)d h") % {"hours": hours}
    return _("%(minutes)d min") % {"minutes": rest}
