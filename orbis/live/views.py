from datetime import timedelta
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from orbis.classrooms.selectors import weekly_timetables
from orbis.core.schooldays import school_days
from orbis.projects.access import member_project
from orbis.projects.models import SuggestedSession
from orbis.schools.calendars import school_calendar

from . import selectors, services
from .calendar_export import session_calendar, teacher_feed
from .finder import find
from .forms import LiveSessionForm, SlotFinderForm
from .models import CalendarFeed, LiveSession
from .times import CLASS_PREFETCH, local_times, viewer_zone

DEFAULT_WINDOW_SCHOOL_DAYS = 14


def signed_in(view):
    """Project pages are for member teachers and students; anyone else signed in gets 404 (no
    existence leak). A visitor who is neither is sent to log in first, before any lookup: a
    teacher opening an emailed link while logged out gets there after logging in."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated and not request.student:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapper


def _session(project, viewer, session_id) -> LiveSession:
    """A session of the project the viewer may see: any for its teachers, only their class's
    for students."""
    sessions = selectors.with_classes(LiveSession.objects.filter(project=project))
    if viewer.is_student:
        sessions = sessions.filter(classrooms__in=viewer.classroom_ids)
    return get_object_or_404(sessions, pk=session_id)


def _may_edit(session, viewer) -> bool:
    return viewer.is_teacher and (session.created_by_id == viewer.teacher.pk or viewer.can_edit)


def _shown(session, zone, timetables) -> dict:
    classrooms = session.classrooms.all()
    return {
        "session": session,
        "start": session.starts_at.astimezone(zone),
        "end": session.ends_at.astimezone(zone),
        "classes": local_times(classrooms, session.starts_at, session.minutes, timetables),
    }


def _timetables(sessions) -> dict:
    """The weekly timetables of every class of these sessions, in one query."""
    return weekly_timetables({c for session in sessions for c in session.classrooms.all()})


@signed_in
@require_GET
def live_sessions(request, token):
    project, viewer = member_project(request, token)
    zone = viewer_zone(viewer)
    sessions = selectors.with_classes(project.live_sessions.all())
    if viewer.is_student:
        sessions = sessions.filter(classrooms__in=viewer.classroom_ids).distinct()
    upcoming, past = selectors.split_upcoming(list(sessions))
    timetables = _timetables(upcoming + past[:30])
    unscheduled = []
    if viewer.is_teacher:
        held = {s.suggested_session_id for s in upcoming + past if not s.cancelled}
        unscheduled = [s for s in project.sessions.all() if s.pk not in held]
    return render(
        request,
        "live/session_list.html",
        {
            "project": project,
            "viewer": viewer,
            "zone": zone,
            "upcoming": [_shown(s, zone, timetables) for s in upcoming],
            "past": [_shown(s, zone, timetables) for s in past[:30]],
            "unscheduled": unscheduled,
        },
    )


def _default_window(viewer, suggested: SuggestedSession | None):
    today = timezone.localdate()
    first = today + timedelta(days=1)
    if suggested is not None and suggested.on_date > first:
        first = max(first, suggested.on_date - timedelta(days=7))
        return first, first + timedelta(days=13)
    school = viewer.teacher.school
    calendars = [school_calendar(school)] if school else []
    days = school_days(first, DEFAULT_WINDOW_SCHOOL_DAYS, calendars)
    return first, (days[-1] if days else first + timedelta(days=20))


def _clean_param(form, name, value):
    """One prefilled value as its field reads it, or None: a link's values are not trusted."""
    try:
        return form.fields[name].clean(value)
    except (ValidationError, ValueError, TypeError):  # just don't prefill it
        return None


def _prefill(request, form, project) -> tuple[dict, SuggestedSession | None]:
    """Initial values from a slot's "Use this time" link or a plan session's "Schedule" link."""
    initial = {}
    suggested = None
    raw = request.GET.get("suggested", "")
    if raw.isdigit() and len(raw) < 12:
        suggested = project.sessions.filter(pk=int(raw)).first()
    if suggested is not None:
        initial.update(
            title=suggested.title,
            agenda=suggested.purpose,
            minutes=suggested.minutes,
            suggested_session=suggested.pk,
        )
    for name in ("day", "time", "minutes"):
        if name in request.GET:
            value = _clean_param(form, name, request.GET[name][:20])
            if value is not None:
                initial[name] = value
    if "classrooms" in request.GET:
        ids = request.GET.getlist("classrooms")[:20]
        rooms = _clean_param(form, "classrooms", ids)
        if rooms:
            initial["classrooms"] = [c.pk for c in rooms]
    initial.setdefault("classrooms", [m.classroom_id for m in project.memberships.all()])
    return initial, suggested


def _finder(request, project, viewer, zone, suggested):
    first, last = _default_window(viewer, suggested)
    minutes = suggested.minutes if suggested else 45
    rooms = [m.classroom_id for m in project.memberships.all()]
    if "find" in request.GET:
        form = SlotFinderForm(request.GET, project=project, teacher=viewer.teacher)
    else:
        form = SlotFinderForm(
            project=project,
            teacher=viewer.teacher,
            initial={"classrooms": rooms, "first_day": first, "last_day": last, "minutes": minutes},
        )
    finding = None
    if form.is_bound and form.is_valid():
        classrooms = list(form.cleaned_data["classrooms"].prefetch_related(*CLASS_PREFETCH))
        finding = find(
            project=project,
            classrooms=classrooms,
            first_day=form.cleaned_data["first_day"],
            last_day=form.cleaned_data["last_day"],
            minutes=form.cleaned_data["minutes"],
            zone=zone,
            now=timezone.now(),
        )
        if isinstance(finding, str):
            form.add_error(None, finding)
            finding = None
    return form, finding


@signed_in
@require_http_methods(["GET", "POST"])
def live_session_new(request, token):
    project, viewer = member_project(request, token, teacher_only=True)
    # Her school came with her class's membership: reading it again would be one more query.
    viewer.teacher.school = viewer.memberships[0].classroom.teacher.school
    zone = viewer_zone(viewer)
    options = {"project": project, "teacher": viewer.teacher, "zone": zone}
    suggested = None
    if request.method == "POST":
        form = LiveSessionForm(request.POST, **options)
        if form.is_valid():
            data = form.cleaned_data
            try:
                session = services.schedule_session(
                    project=project,
                    actor=viewer.teacher,
                    title=data["title"],
                    agenda=data["agenda"],
                    starts_at=data["starts_at"],
                    minutes=data["minutes"],
                    meeting_url=data["meeting_url"],
                    classrooms=list(data["classrooms"]),
                    suggested_session=data["suggested_session"],
                )
            except services.LiveError as error:
                form.add_error(None, error.message)
            else:
                messages.success(
                    request, _("The session is scheduled; the other teachers are told.")
                )
                return redirect("live_session_detail", project.token, session.pk)
    else:
        form = LiveSessionForm(**options)
        initial, suggested = _prefill(request, form, project)
        form.initial = initial
    finder_form, finding = _finder(request, project, viewer, zone, suggested)
    return render(
        request,
        "live/session_new.html",
        {
            "project": project,
            "viewer": viewer,
            "zone": zone,
            "form": form,
            "finder_form": finder_form,
            "finding": finding,
        },
    )


@signed_in
@require_GET
def live_session_detail(request, token, session_id):
    project, viewer = member_project(request, token)
    session = _session(project, viewer, session_id)
    zone = viewer_zone(viewer)
    return render(
        request,
        "live/session_detail.html",
        {
            "project": project,
            "viewer": viewer,
            "zone": zone,
            "may_edit": _may_edit(session, viewer) and not session.cancelled,
            "started": session.starts_at <= timezone.now(),
            **_shown(session, zone, _timetables([session])),
        },
    )


def _editable(request, token, session_id):
    project, viewer = member_project(request, token, teacher_only=True)
    session = _session(project, viewer, session_id)
    if not _may_edit(session, viewer):
        raise Http404
    return project, viewer, session


@signed_in
@require_http_methods(["GET", "POST"])
def live_session_edit(request, token, session_id):
    project, viewer, session = _editable(request, token, session_id)
    detail = redirect("live_session_detail", project.token, session.pk)
    if session.cancelled or session.starts_at <= timezone.now():
        messages.error(request, _("A cancelled or started session can't be changed."))
        return detail
    zone = viewer_zone(viewer)
    options = {"project": project, "teacher": viewer.teacher, "zone": zone}
    local = session.starts_at.astimezone(zone)
    form = LiveSessionForm(
        request.POST or None,
        initial={
            "title": session.title,
            "agenda": session.agenda,
            "day": local.date(),
            "time": local.time().replace(second=0, microsecond=0),
            "minutes": session.minutes,
            "meeting_url": session.meeting_url,
            "classrooms": [c.pk for c in session.classrooms.all()],
            "suggested_session": session.suggested_session_id,
        },
        **options,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            changed = services.update_session(
                session,
                actor=viewer.teacher,
                classrooms=list(data["classrooms"]),
                title=data["title"],
                agenda=data["agenda"],
                starts_at=data["starts_at"],
                minutes=data["minutes"],
                meeting_url=data["meeting_url"],
                suggested_session=data["suggested_session"],
            )
        except services.LiveError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("The session is changed; the other teachers are told.")
                if changed
                else _("Saved. Nothing the other teachers need to know changed."),
            )
            return detail
    return render(
        request,
        "live/session_edit.html",
        {"project": project, "viewer": viewer, "zone": zone, "form": form, "session": session},
    )


@signed_in
@require_POST
def live_session_cancel(request, token, session_id):
    project, viewer, session = _editable(request, token, session_id)
    if session.starts_at <= timezone.now() and not session.cancelled:
        messages.error(request, _("This session has already started: it can't be cancelled."))
    elif services.cancel_session(session, actor=viewer.teacher):
        messages.success(request, _("The session is cancelled; the other teachers are told."))
    else:
        messages.info(request, _("This session was already cancelled."))
    return redirect("live_sessions", project.token)


@signed_in
@require_GET
def live_session_ics(request, token, session_id):
    project, viewer = member_project(request, token)
    session = _session(project, viewer, session_id)
    calendar = session_calendar(session, with_link=viewer.is_teacher)
    response = HttpResponse(calendar, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="orbis-live-session-{session.pk}.ics"'
    return response


# The teacher's private calendar feed --------------------------------------------------------


@login_required
@require_GET
def live_calendar_feed_settings(request):
    feed = services.feed_of(request.user)
    url = request.build_absolute_uri(reverse("live_calendar_feed", args=[feed.token]))
    return render(
        request,
        "live/feed_settings.html",
        {"feed_url": url, "webcal_url": "webcal://" + url.split("://", 1)[1], "feed": feed},
    )


@login_required
@require_POST
def live_calendar_feed_reset(request):
    services.reset_feed(request.user)
    messages.success(request, _("Your calendar has a new address: the old one no longer works."))
    return redirect("live_calendar_feed_settings")


@require_GET
def live_calendar_feed(request, feed_token):
    """Public to whoever holds the secret address: calendar apps cannot log in."""
    if len(feed_token) > 64:
        raise Http404
    feed = get_object_or_404(CalendarFeed.objects.select_related("teacher"), token=feed_token)
    response = HttpResponse(teacher_feed(feed.teacher), content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=900"
    return response
