from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from coordination.emails import normalize_email
from coordination.models import NotificationPreference


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create(self, email, password, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=normalize_email(email), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True, kind=User.Kind.ADMIN)
        return self._create(email, password, **extra)

    def get_by_natural_key(self, username):
        return self.get(email=normalize_email(username))


class User(AbstractBaseUser, PermissionsMixin):
    """A login. What a user may do follows from ``kind`` and, for government
    staff, their per-SWG appointments (``swg.SWGAppointment``); see
    ``swg.permissions``."""

    class Kind(models.TextChoices):
        PARTNER = "partner", _("Partner focal point")
        GOVERNMENT = "government", _("Ministry staff (secretariat or chair)")
        COORDINATION = "coordination", _("Coordination team")
        ADMIN = "admin", _("Administrator")

    email = models.EmailField(_("email"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    kind = models.CharField(_("role"), max_length=20, choices=Kind.choices, default=Kind.PARTNER)
    organization = models.ForeignKey(
        "swg.Organization",
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        help_text=_("Required for partner focal points: the organization they act for."),
    )
    language = models.CharField(
        _("language"), max_length=5, choices=settings.LANGUAGES, default="en"
    )
    # Notifications that are not duties (coordination/notifications.py): by
    # email at once, in a weekly digest, or only under the bell.
    notification_email = models.CharField(
        _("notifications by email"),
        max_length=10,
        choices=NotificationPreference.choices,
        default=NotificationPreference.IMMEDIATE,
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("may use the admin site"), default=False)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]
        constraints = [
            # One account per mailbox, whatever the spelling (coordination/emails.py).
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
        ]

    def __str__(self):
        return self.full_name or self.email

    def save(self, *args, **kwargs):
        # The admin's forms and the shell save directly, not through the manager.
        self.email = normalize_email(self.email)
        super().save(*args, **kwargs)

    def get_full_name(self):
        return self.full_name or self.email

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.kind == self.Kind.PARTNER and not self.organization_id:
            raise ValidationError(
                {"organization": _("A partner focal point needs an organization.")}
            )
