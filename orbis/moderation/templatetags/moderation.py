from django import template

from ..models import Report

register = template.Library()


@register.simple_tag
def open_report_count() -> int:
    return Report.objects.filter(status=Report.Status.OPEN).count()
