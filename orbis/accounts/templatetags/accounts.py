from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def contact_email() -> str:
    """The address of the people who run this Orbis (settings.ORBIS_CONTACT_EMAIL)."""
    return settings.ORBIS_CONTACT_EMAIL
