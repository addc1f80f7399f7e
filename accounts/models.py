from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from toolkit.memo import ProcessMemo

from .enums import UserKind

# The announcements shown today, kept per process until one is saved or deleted (``shown_today``).
_shown_announcements = ProcessMemo("accounts:announcements:version")


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("L'adresse e-mail est obligatoire.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """E-mail is the login. ``kind`` tells a recruiter from a candidate; staff are moderators."""

    username = None
    email = models.EmailField("adresse e-mail", unique=True)
    first_name = models.CharField("prénom", max_length=150)
    last_name = models.CharField("nom", max_length=150)
    kind = models.CharField("type de compte", max_length=20, choices=UserKind.choices, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = "utilisateur"
        ordering = ["last_name", "first_name"]

    def __str__(self):
        full = self.get_full_name()
        return f"{full} <{self.email}>" if full else self.email

    @property
    def is_recruiter(self) -> bool:
        return self.kind == UserKind.RECRUITER

    @property
    def is_candidate(self) -> bool:
        return self.kind == UserKind.CANDIDATE


class RecruiterProfile(models.Model):
    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="recruiter_profile")
    job_title = models.CharField("poste occupé", max_length=150)

    class Meta:
        verbose_name = "profil recruteur"
        verbose_name_plural = "profils recruteur"

    def __str__(self):
        return f"{self.user} – {self.job_title}"


class Announcement(models.Model):
    """Shown under the recruiter menu between its dates (« Aides Individuelles pour la formation… »)."""

    title = models.CharField("titre", max_length=200)
    text = models.TextField("texte", blank=True, max_length=2000)
    link = models.URLField("lien", blank=True)
    image = models.ImageField("image", upload_to="announcements/", blank=True)
    starts_on = models.DateField("début")
    ends_on = models.DateField("fin", null=True, blank=True)

    class Meta:
        verbose_name = "annonce"
        ordering = ["-starts_on"]

    def __str__(self):
        return self.title

    @classmethod
    def current(cls, today=None):
        today = today or timezone.localdate()
        return cls.objects.filter(starts_on__lte=today).filter(
            models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=today)
        )

    @classmethod
    def shown_today(cls) -> list:
        """The announcements of the recruiter space today: kept per process until one is saved or
        deleted, instead of one query on every recruiter page."""
        today = timezone.localdate()
        return _shown_announcements.get(today, lambda: list(cls.current(today)))


@receiver(post_save, sender=Announcement)
@receiver(post_delete, sender=Announcement)
def _forget_announcements(sender, **kwargs):
    """An announcement saved or deleted in the admin shows (or goes) at once on every recruiter page."""
    _shown_announcements.forget()


class RateLimitHit(models.Model):
    """One hit of a rate limit counted in the database while Redis is down (``accounts.ratelimit``)."""

    key = models.CharField("clé", max_length=200)
    at = models.DateTimeField("le", db_index=True)

    class Meta:
        verbose_name = "tentative limitée"
        indexes = [models.Index(fields=["key", "at"], name="ratelimit_key_at")]

    def __str__(self):
        return f"{self.key} {self.at:%d/%m/%Y %H:%M:%S}"
