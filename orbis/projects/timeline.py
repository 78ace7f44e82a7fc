"""The project page's timeline picture: the core lays it out, the template draws the SVG."""

from datetime import timedelta

from orbis.core.plans import timeline
from orbis.vocabulary import Phase

from .models import Project


def timeline_context(project: Project) -> dict | None:
    activities = list(project.activities.all())
    milestones = list(project.milestones.all())
    sessions = list(project.sessions.all())
    # A phase runs from the day after the previous one ends (the plan's start for the first)
    # to its last date, so the bars tile the plan as the teachers live it.
    phases = []
    begins = project.start_date
    for key in Phase.values:
        days = [a.due_date for a in activities if a.phase == key]
        days += [m.due_date for m in milestones if m.phase == key]
        days += [s.on_date for s in sessions if s.phase == key]
        if days:
            first, last = min(min(days), max(begins, project.start_date)), max(days)
            phases.append((key, min(first, last), last))
            begins = last + timedelta(days=1)
    if not phases:
        return None
    starts = min(project.start_date, phases[0][1])
    ends = max(project.end_date, max(p[2] for p in phases))
    layout = timeline.layout(
        starts,
        ends,
        phases,
        [(a.title, a.due_date) for a in activities],
        [(m.title, m.due_date) for m in milestones],
        [(s.title, s.on_date) for s in sessions],
    )
    labels = dict(Phase.choices)
    legend = [(key, labels[key]) for key, _first, _last in phases]
    return {"layout": layout, "labels": labels, "legend": legend}
