from django import template

from orbis.live.selectors import upcoming_for_classroom
from orbis.live.times import zone_of

register = template.Library()


@register.simple_tag
def upcoming_live_sessions(classroom, limit: int = 5) -> list[dict]:
    """A class's next sessions, each with its start in the class's own zone (for the
    students' space, whose view belongs to the students app)."""
    zone = zone_of(classroom.teacher.school)
    return [
        {
            "session": session,
            "start": session.starts_at.astimezone(zone),
            "end": session.ends_at.astimezone(zone),
            "zone": zone.key,
        }
        for session in upcoming_for_classroom(classroom, limit)
    ]
