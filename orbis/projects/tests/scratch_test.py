from datetime import timedelta, date
import pytest
from django.urls import reverse
from django.utils import timezone
from orbis.projects.tests.test_project_flow import run_assistant
from orbis.projects.models import Project

pytestmark = pytest.mark.django_db


def _test_edit_start_far(teacher_client, classroom):
    project = run_assistant(teacher_client, classroom)
    print(project.start_date, project.end_date)
    from orbis.projects.forms import ProjectForm
    form = ProjectForm(instance=project)
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if isinstance(value, list):
            data[name] = [str(v) for v in value]
        elif value is not None:
            data[name] = str(value)
    print(data)
    data["start_date"] = (project.start_date + timedelta(days=100)).isoformat()
    r = teacher_client.post(reverse("project_edit", args=[project.token]), data)
    print(r.status_code)
    project.refresh_from_db()
    print(project.start_date, project.end_date)


def test_item_far_dates(teacher_client, classroom):
    project = run_assistant(teacher_client, classroom)
    for d in ["9999-12-31", "0001-01-01", "1900-01-01"]:
        try:
            r = teacher_client.post(reverse("project_item_add", args=[project.token, "activity"]), {"phase": "execution", "kind": "exchange", "title": "X", "due_date": d})
            print(d, r.status_code)
            r = teacher_client.get(reverse("project_detail", args=[project.token]))
            print("detail", r.status_code)
            r = teacher_client.get(reverse("project_ics", args=[project.token]))
            print("ics", r.status_code)
        except Exception as e:
            print(d, "EXC", type(e), e)
        project.activities.filter(title="X").delete()
