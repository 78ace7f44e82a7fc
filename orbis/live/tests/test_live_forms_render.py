"""The scheduling page's forms, drawn by QuickRenderer, are the HTML Django's templates write."""

import pytest
from django.forms.renderers import DjangoTemplates
from django.template.loader import render_to_string

from orbis.classrooms.models import Classroom
from orbis.live.forms import LiveSessionForm, SlotFinderForm
from orbis.live.times import zone_of
from orbis.web.rendering import QuickRenderer

pytestmark = pytest.mark.django_db

HOSTILE = "\"><script>alert(1)</script> & 'quotes'"


def test_the_scheduling_page_forms_are_written_as_django_writes_them(world, teacher, rf):
    """The real forms, through includes/form.html, with model choices and errors."""
    zone = zone_of(teacher.school)
    rooms = [str(pk) for pk in Classroom.objects.values_list("pk", flat=True)]
    request = rf.get("/")
    for data in (None, {"title": HOSTILE, "classrooms": rooms[:1], "minutes": "x"}):
        for form_class, options in (
            (LiveSessionForm, {"project": world, "teacher": teacher, "zone": zone}),
            (SlotFinderForm, {"project": world, "teacher": teacher}),
        ):
            written = []
            for renderer in (DjangoTemplates(), QuickRenderer()):
                form = form_class(data, renderer=renderer, **options)
                if data:
                    assert not form.is_valid()
                written.append(render_to_string("includes/form.html", {"form": form}, request))
            assert written[0] == written[1]
            assert "<input" in written[1] and "<label" in written[1]
