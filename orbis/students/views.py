import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from orbis.classrooms import services as classroom_services
from orbis.classrooms.access import get_own_classroom
from orbis.classrooms.codes import display_code
from orbis.classrooms.models import Classroom

from . import services, throttle
from .forms import RULES_NOT_ACCEPTED, JoinCodeForm, JoinForm, NicknameForm
from .middleware import SESSION_KEY
from .models import Student

# ---- the teacher's side: roster and join code ------------------------------------------


def _roster(request, classroom, *, code_form=None, rename_forms=None):
    return render(
        request,
        "students/roster.html",
        {
            "classroom": classroom,
            "students": classroom.students.all(),
            "join_code": display_code(classroom.join_code) if classroom.join_code else None,
            "join_url": request.build_absolute_uri(reverse("student_join")),
            "code_form": code_form or JoinCodeForm(),
            "rename_forms": rename_forms or {},
        },
    )


@login_required
@require_GET
def classroom_students(request, classroom_id):
    return _roster(request, get_own_classroom(request, classroom_id))


@login_required
@require_POST
def join_code_rotate(request, classroom_id):
    classroom = get_own_classroom(request, classroom_id)
    code = classroom_services.join_code_rotate(classroom=classroom)
    messages.success(
        request,
        _("New class code: %(code)s. The old code no longer works.") % {"code": display_code(code)},
    )
    return redirect("classroom_students", classroom.pk)


@login_required
@require_POST
def join_code_disable(request, classroom_id):
    classroom = get_own_classroom(request, classroom_id)
    classroom_services.join_code_disable(classroom=classroom)
    messages.success(request, _("Joining is turned off. Students who joined stay in the class."))
    return redirect("classroom_students", classroom.pk)


@login_required
@require_POST
def join_code_custom(request, classroom_id):
    classroom = get_own_classroom(request, classroom_id)
    form = JoinCodeForm(request.POST)
    if form.is_valid():
        try:
            classroom_services.join_code_set(classroom=classroom, code=form.cleaned_data["code"])
        except classroom_services.CodeTaken:
            form.add_error("code", _("Another class already uses this code. Choose another."))
        else:
            messages.success(
                request,
                _("The class code is now %(code)s.") % {"code": display_code(classroom.join_code)},
            )
            return redirect("classroom_students", classroom.pk)
    return _roster(request, classroom, code_form=form)


def _own_student(request, classroom_id, student_id) -> Student:
    classroom = get_own_classroom(request, classroom_id)
    return get_object_or_404(classroom.students.select_related("classroom"), pk=student_id)


@login_required
@require_POST
def student_rename(request, classroom_id, student_id):
    student = _own_student(request, classroom_id, student_id)
    form = NicknameForm(request.POST, prefix=f"s{student.pk}")
    if form.is_valid():
        old = student.nickname
        try:
            services.student_rename(student=student, nickname=form.cleaned_data["nickname"])
        except services.NicknameTaken:
            form.add_error("nickname", _("Another student of this class uses this nickname."))
        else:
            messages.success(
                request, _("%(old)s is now %(new)s.") % {"old": old, "new": student.nickname}
            )
            return redirect("classroom_students", classroom_id)
    return _roster(request, student.classroom, rename_forms={student.pk: form})


@login_required
@require_POST
def student_reset(request, classroom_id, student_id):
    student = _own_student(request, classroom_id, student_id)
    services.student_reset(student=student)
    messages.success(
        request,
        _("%(nickname)s is logged out everywhere. Their new secret word is %(secret)s.")
        % {"nickname": student.nickname, "secret": student.secret},
    )
    return redirect("classroom_students", classroom_id)


@login_required
@require_POST
def student_remove(request, classroom_id, student_id):
    student = _own_student(request, classroom_id, student_id)
    student.delete()
    messages.success(
        request, _("%(nickname)s is removed from the class.") % {"nickname": student.nickname}
    )
    return redirect("classroom_students", classroom_id)


# ---- the student's side ------------------------------------------------------------------


def _sign_in(request, student: Student) -> None:
    request.session.cycle_key()
    request.session[SESSION_KEY] = {"id": student.pk, "version": student.session_version}


@require_http_methods(["GET", "POST"])
def student_join(request):
    if request.user.is_authenticated:
        messages.info(
            request, _("You are logged in as a teacher. Log out before joining as a student.")
        )
        return redirect("dashboard")
    if request.student:
        return redirect("student_space")
    form = JoinForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        student = _join(request, form)
        if student is not None:
            _sign_in(request, student)
            if student.secret_is_new:
                request.session["orbis_show_secret"] = True
            return redirect("student_space")
    return render(request, "students/join.html", {"form": form})


def _join(request, form: JoinForm) -> Student | None:
    """The student the form names (a new one, or a returning one with the right secret word);
    None with the errors added to the form. Wrong codes and secret words are throttled."""
    data = form.cleaned_data
    if throttle.blocked(request, data["code"], data["nickname"]):
        # allauth's catalog already translates this message.
        form.add_error(None, _("Too many failed login attempts. Try again later."))
        return None
    classroom = Classroom.objects.filter(join_code=data["code"]).first()
    if classroom is None:
        throttle.failed(request, data["code"])
        form.add_error("code", _("No class uses this code. Check it with your teacher."))
        return None
    existing = services.student_find(classroom=classroom, nickname=data["nickname"])
    if existing is None:
        if not data["accept_rules"]:
            form.add_error("accept_rules", RULES_NOT_ACCEPTED)
            return None
        try:
            student = services.student_join(classroom=classroom, nickname=data["nickname"])
        except services.NicknameTaken:
            form.add_error("nickname", _("Someone just took this nickname. Choose another."))
            return None
        student.secret_is_new = True
        return student
    if not data["secret"]:
        form.add_error(
            "secret",
            _(
                "Someone in this class already uses this nickname. If it is you, type your secret "
                "word; if not, choose another nickname."
            ),
        )
        return None
    if not secrets.compare_digest(data["secret"].encode(), existing.secret.encode()):
        throttle.failed(request, data["code"], data["nickname"])
        form.add_error("secret", _("This secret word is not right. Ask your teacher for it."))
        return None
    throttle.succeeded(request, data["code"], data["nickname"])
    existing.secret_is_new = False
    return existing


@require_POST
def student_leave(request):
    request.session.pop(SESSION_KEY, None)
    request.session.cycle_key()
    messages.info(
        request,
        _("You logged out. Come back any time with your class code, nickname and secret word."),
    )
    return redirect("home")
