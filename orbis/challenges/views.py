import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from orbis.accounts.decorators import staff_only
from orbis.showcase.certificates import CertificateText, certificate_pdf
from orbis.uploads.serving import file_response

from . import selectors, services
from .forms import ChallengeForm, ConsentForm, DecisionForm, EntryForm
from .models import Challenge, ChallengeEntry, ChallengeMedia

GALLERY_PAGE = 12


def _is_staff(request) -> bool:
    return request.user.is_authenticated and request.user.is_staff


def _challenge(request, slug: str) -> Challenge:
    """A published challenge, or a draft for staff; 404 otherwise."""
    challenge = Challenge.objects.filter(slug=slug).first()
    if challenge is None or (challenge.status == Challenge.Status.DRAFT and not _is_staff(request)):
        raise Http404
    return challenge


# Public -----------------------------------------------------------------------------------------


@require_GET
def challenge_list(request):
    challenges = list(selectors.public_challenges())
    now = timezone.now()
    return render(
        request,
        "challenges/challenge_list.html",
        {
            "current": [c for c in challenges if not c.is_past(now)],
            "past": [c for c in challenges if c.is_past(now)],
        },
    )


@require_GET
def challenge_detail(request, slug):
    challenge = _challenge(request, slug)
    page = Paginator(selectors.gallery(challenge), GALLERY_PAGE).get_page(request.GET.get("page"))
    context = {
        "challenge": challenge,
        "page": page,
        "accepts": challenge.accepts_entries(),
        "upcoming": challenge.is_upcoming(),
    }
    if request.user.is_authenticated:
        context["participating"] = selectors.participating_classrooms(challenge, request.user)
        context["waiting"] = challenge.entries.filter(
            classroom__teacher=request.user, status=ChallengeEntry.Status.PENDING
        ).count()
    elif request.student:
        context["own_entries"] = selectors.entries_of_student(challenge, request.student)
    return render(request, "challenges/challenge_detail.html", context)


def _media(request, slug: str, media_id: int, *, thumbnail: bool):
    media = get_object_or_404(
        ChallengeMedia.objects.select_related("entry__challenge", "entry__classroom"),
        pk=media_id,
        entry__challenge__slug=slug,
    )
    entry = media.entry
    public = entry.challenge.status != Challenge.Status.DRAFT and media.public(thumbnail=thumbnail)
    # The class's teacher sees every file of its entries (she decides on them); a student sees
    # the files of her own entries.
    own = (
        entry.classroom.teacher_id == request.user.pk
        if request.user.is_authenticated
        else bool(request.student) and entry.author_student_id == request.student.pk
    )
    if not (public or own):
        raise Http404
    if thumbnail:  # always WebP (orbis.uploads); file_response answers 404 when there is none
        name = media.thumbnail.name.rsplit("/", 1)[-1]
        return file_response(media.thumbnail, name=name, content_type="image/webp", inline=True)
    # file_response shows images, audio, video and PDF inline and makes the rest downloads.
    return file_response(
        media.file,
        name=media.name,
        content_type=media.content_type,
        inline=True,
        request=request,
    )


@require_GET
def challenge_media(request, slug, media_id):
    return _media(request, slug, media_id, thumbnail=False)


@require_GET
def challenge_thumbnail(request, slug, media_id):
    return _media(request, slug, media_id, thumbnail=True)


# Entering ---------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def challenge_enter(request, slug):
    """A teacher enters one of her classes; a signed-in student enters for her own class."""
    teacher = request.user if request.user.is_authenticated else None
    student = None if teacher else (request.student or None)
    if teacher is None and student is None:
        return redirect_to_login(request.get_full_path())
    challenge = _challenge(request, slug)
    try:
        services.check_accepts_entries(challenge)
    except services.ChallengeError as error:
        messages.error(request, str(error))
        return redirect("challenge_detail", challenge.slug)
    if teacher is not None and not teacher.classrooms.exists():
        messages.info(request, _("Add a classroom first: a class enters the challenge."))
        return redirect("classroom_create")
    if request.method == "POST":
        form = EntryForm(request.POST, request.FILES, teacher=teacher)
    else:
        form = EntryForm(teacher=teacher)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            entry = services.entry_create(
                challenge=challenge,
                classroom=data["classroom"] if teacher else student.classroom,
                title=data["title"],
                description=data["description"],
                uploads=data["files"],
                teacher=teacher,
                student=student,
                show_faces=data.get("show_faces", False),
            )
        except services.ChallengeError as error:
            messages.error(request, str(error))
            return redirect("challenge_detail", challenge.slug)
        if entry.status == ChallengeEntry.Status.PENDING:
            messages.success(
                request, _("Thank you! Your creation will appear once your teacher approves it.")
            )
        else:
            messages.success(request, _("Your creation is in the challenge's gallery."))
        return redirect("challenge_detail", challenge.slug)
    return render(
        request,
        "challenges/challenge_enter.html",
        {"challenge": challenge, "form": form, "student": student},
    )


# The class's teacher ------------------------------------------------------------------------------


@login_required
@require_GET
def challenge_entries_mine(request):
    page = Paginator(selectors.teacher_entries(request.user), 20).get_page(request.GET.get("page"))
    return render(request, "challenges/entries_mine.html", {"page": page})


def _own_entry(request, entry_id: int) -> ChallengeEntry:
    return get_object_or_404(
        ChallengeEntry.objects.select_related("classroom", "challenge"),
        pk=entry_id,
        classroom__teacher=request.user,
    )


@login_required
@require_POST
def challenge_entry_moderate(request, entry_id):
    entry = _own_entry(request, entry_id)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose approve or reject."))
        return redirect("challenge_entries_mine")
    approve = form.cleaned_data["decision"] == "approve"
    services.entry_decide(entry=entry, teacher=request.user, approve=approve)
    if approve:
        messages.success(request, _("“%(title)s” is approved.") % {"title": entry.title})
    else:
        messages.success(request, _("“%(title)s” is not approved.") % {"title": entry.title})
    return redirect("challenge_entries_mine")


@login_required
@require_POST
def challenge_entry_consent(request, entry_id):
    entry = _own_entry(request, entry_id)
    form = ConsentForm(request.POST)
    form.is_valid()  # two check boxes: anything unticked or unreadable is "no"
    services.entry_consent(
        entry=entry,
        teacher=request.user,
        show_names=bool(form.cleaned_data.get("show_names")),
        show_faces=bool(form.cleaned_data.get("show_faces")),
    )
    messages.success(
        request, _("What the public sees of “%(title)s” is saved.") % {"title": entry.title}
    )
    return redirect("challenge_entries_mine")


@login_required
@require_GET
def challenge_certificate(request, slug):
    challenge = _challenge(request, slug)
    classes = selectors.participating_classrooms(challenge, request.user)
    if not classes:
        raise Http404
    page = request.build_absolute_uri(reverse("challenge_detail", args=[challenge.slug]))
    text = certificate_text(challenge, request.user, classes, page)
    response = HttpResponse(certificate_pdf(text), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{challenge.slug}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


def certificate_text(challenge, teacher, classes, page_url: str) -> CertificateText:
    """The certificate's words: the teacher, her classes that entered, the challenge."""
    start, end = (date_format(d, "DATE_FORMAT") for d in (challenge.starts_on, challenge.ends_on))
    return CertificateText(
        heading=_("Certificate of participation"),
        recipient=teacher.display_name or str(teacher),
        statement=_("for taking part with their classes in the global challenge"),
        title=challenge.title,
        classes=tuple(
            (c.name, str(c.teacher.school.country.name) if c.teacher.school else "")
            for c in classes
        ),
        details=(
            challenge.theme,
            _("From %(start)s to %(end)s") % {"start": start, "end": end},
            _("Issued on %(date)s") % {"date": date_format(timezone.localdate(), "DATE_FORMAT")},
            _("See the challenge at %(url)s") % {"url": page_url},
        ),
    )


# Staff --------------------------------------------------------------------------------------------


@staff_only
@require_GET
def challenge_staff_list(request):
    return render(
        request, "challenges/staff_list.html", {"challenges": selectors.staff_challenges()}
    )


def _save(request, form, save):
    """Validate and save with the service; a refusal becomes the form's error."""
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            challenge = save(data)
        except services.ChallengeError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("“%(title)s” is saved.") % {"title": challenge.title})
            return redirect("challenge_staff_list")
    return None


@staff_only
@require_http_methods(["GET", "POST"])
def challenge_create(request):
    form = ChallengeForm(request.POST if request.method == "POST" else None)
    saved = _save(
        request, form, lambda data: services.challenge_create(created_by=request.user, **data)
    )
    return saved or render(request, "challenges/challenge_form.html", {"form": form})


@staff_only
@require_http_methods(["GET", "POST"])
def challenge_edit(request, slug):
    challenge = get_object_or_404(Challenge, slug=slug)
    # The form works on a copy: a refused edit must not change the title the page shows.
    form = ChallengeForm(
        request.POST if request.method == "POST" else None, instance=copy.copy(challenge)
    )
    saved = _save(
        request, form, lambda data: services.challenge_update(challenge=challenge, **data)
    )
    return saved or render(
        request, "challenges/challenge_form.html", {"form": form, "challenge": challenge}
    )
