from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _


def is_verified_at_school(*, school_confirmed: bool, school_verified: bool | None) -> bool:
    """The "verified" rule, written once: her school is verified (`school_verified`, None for a
    teacher without a school) and staff confirmed she was among its teachers when it was. Asked
    by `User.verified_at_school` and by the partner index's bulk read of plain values."""
    return bool(school_confirmed and school_verified)


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A teacher (or an operator's staff member). Teachers log in with their email.

    Students are not users: they enter through their classroom's join code (orbis.students).
    """

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("email address"), unique=True)

    display_name = models.CharField(_("display name"), max_length=80, blank=True)
    school = models.ForeignKey(
        "schools.School",
        verbose_name=_("school"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="teachers",
    )
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    subjects = models.JSONField(_("subjects taught"), default=list, blank=True)
    bio = models.TextField(_("short bio"), max_length=600, blank=True)
    open_to_partnerships = models.BooleanField(_("open to partnerships"), default=True)
    # A hard rule for search and `orbis match`: partners only from schools staff verified.
    only_verified_partners = models.BooleanField(
        _("match me only with verified schools"), default=False
    )
    # Staff confirmed she works at her school when they verified it: a teacher who joins a
    # verified school later is not shown as verified until they verify it again.
    school_confirmed = models.BooleanField(default=False, editable=False)
    # When the teacher accepted the rules of collaboration (at sign-up).
    conduct_accepted_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The interface language the teacher last used: emails are written in it.
    language = models.CharField(max_length=10, blank=True, editable=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("teacher")
        verbose_name_plural = _("teachers")

    @property
    def verified_at_school(self) -> bool:
        """Her school is verified, and she was among its teachers when it was."""
        school = self.school if self.school_id else None
        return is_verified_at_school(
            school_confirmed=self.school_confirmed, school_verified=school and school.verified
        )

    def __str__(self) -> str:
        return self.display_name or self.email

    @property
    def profile_complete(self) -> bool:
        return bool(self.display_name and self.languages and self.subjects)
