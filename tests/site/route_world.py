"""Helpers of the route suites: Gisel's draft project, the project tables' row counts, and a POST
body that would succeed for the owner (`hostile_payload`). The `world` and `missing_ids`
fixtures they build are in tests/site/conftest.py."""

from datetime import timedelta

from django.utils import timezone

from orbis.projects.models import (
    Activity,
    JoinRequest,
    Membership,
    Milestone,
    Project,
    SuggestedSession,
)


def project_start():
    return timezone.localdate() + timedelta(days=14)


def draft_project(owner, classroom, title="Water in our lives") -> Project:
    """A draft plan of the classroom's teacher with an activity, a milestone and a session."""
    start = project_start()
    project = Project.objects.create(
        owner=owner,
        title=title,
        central_question="Where does our water come from?",
        summary="Two classes measure the water they use.",
        approach="collaborate",
        project_type="joint-investigation",
        sdgs=[6],
        subjects=["science"],
        age_min=10,
        age_max=12,
        languages=["es", "en"],
        start_date=start,
        end_date=start + timedelta(days=27),
        duration_weeks=4,
        live_sessions_planned=1,
        final_product="report",
        exchange_mode="live",
    )
    Membership.objects.create(project=project, classroom=classroom, role=Membership.Role.OWNER)
    day = start + timedelta(days=7)
    Activity.objects.create(
        project=project, phase="execution", kind="exchange", title="Measure", due_date=day
    )
    Milestone.objects.create(project=project, phase="execution", title="Shared", due_date=day)
    SuggestedSession.objects.create(project=project, phase="execution", title="Meet", on_date=day)
    return project


def project_rows() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Project, Membership, JoinRequest, Activity, Milestone, SuggestedSession)
    }


def hostile_payload(name: str, ids: dict[str, int]) -> dict:
    """A POST body that would succeed for the owner: so a 404 really is the permission."""
    if name == "join_code_custom":
        return {"code": "HACKED42"}
    if name == "student_rename":
        return {f"s{ids['student']}-nickname": "Hacked"}
    if name == "classroom_edit":
        return {
            "name": "Hacked",
            "grade_label": "X",
            "age_min": "10",
            "age_max": "11",
            "student_count": "3",
            "subjects": ["arts"],
            "languages": ["en"],
            "exchange_mode": "async",
        }
    if name == "project_edit":
        return {
            "title": "Hacked",
            "central_question": "Hacked?",
            "summary": "Hacked.",
            "approach": "collaborate",
            "project_type": "joint-investigation",
            "final_product": "report",
            "sdgs": ["6"],
            "subjects": ["science"],
            "age_min": "10",
            "age_max": "12",
            "languages": ["en"],
            "start_date": (project_start() + timedelta(days=7)).isoformat(),
            "duration_weeks": "4",
            "exchange_mode": "async",
            "live_sessions_planned": "0",
            "max_partners": "3",
            "visibility": "link",
        }
    if name in {"project_item_add", "project_item_edit"}:
        return {
            "phase": "reflection",
            "kind": "reflection",
            "title": "Hacked",
            "due_date": (project_start() + timedelta(days=3)).isoformat(),
        }
    if name == "project_status":
        return {"status": "archived"}
    if name == "project_member_role":
        return {"role": "co_editor"}
    if name == "project_activity_done":
        return {"done": "1"}
    if name == "project_join":
        return {"classroom": ids["classroom"], "message": "Hacked"}
    return {}
