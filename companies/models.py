from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import slugify

from .enums import CompanySize, MembershipRole, MembershipStatus


class CompanyQuerySet(models.QuerySet):
    def online(self):
        return self.filter(is_online=True, offline_by_staff=False)

    def of_member(self, user):
        return self.filter(
            memberships__user=user, memberships__status=MembershipStatus.ACCEPTED
        )


class Company(models.Model):
    # Legal part
    name = models.CharField("société", max_length=200)
    siret = models.CharField("numéro SIRET", max_length=14, unique=True)
    sector = models.ForeignKey(
        "referentials.Sector", on_delete=models.PROTECT, verbose_name="secteur d'activité", related_name="+",
    )
    size = models.CharField("taille de l'entreprise", max_length=10, choices=CompanySize.choices)
    # Public part (« Ma fiche entreprise »)
    slug = models.SlugField(max_length=220, unique=True)
    logo = models.ImageField("logo", upload_to="companies/logos/", blank=True)
    banner = models.ImageField("image de bannière", upload_to="companies/banners/", blank=True)
    phone = models.CharField("téléphone", max_length=20, blank=True)
    email = models.EmailField("e-mail", blank=True)
    employee_count = models.PositiveIntegerField("nombre d'employés", null=True, blank=True)
    founded_on = models.DateField("date de création", null=True, blank=True)
    street_number = models.CharField("numéro de rue", max_length=20, blank=True)
    street_name = models.CharField("nom de rue", max_length=200, blank=True)
    commune = models.ForeignKey(
        "referentials.Commune", on_delete=models.PROTECT, null=True, blank=True, verbose_name="ville",
        related_name="+",
    )
    description = models.TextField("description", blank=True)
    website = models.URLField("site web", blank=True)
    twitter_url = models.URLField("lien Twitter", blank=True)
    facebook_url = models.URLField("lien Facebook", blank=True)
    instagram_url = models.URLField("lien Instagram", blank=True)
    linkedin_url = models.URLField("lien LinkedIn", blank=True)
    youtube_url = models.URLField("lien Youtube", blank=True)
    is_online = models.BooleanField("mettre en ligne ma fiche entreprise ?", default=False)
    offline_by_staff = models.BooleanField("hors ligne (modération)", default=False)
    offline_reason = models.TextField("motif de mise hors ligne", blank=True)
    created_at = models.DateTimeField("créée le", default=timezone.now)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)

    objects = CompanyQuerySet.as_manager()

    class Meta:
        verbose_name = "entreprise"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self._unique_slug()
        super().save(*args, **kwargs)

    def _unique_slug(self) -> str:
        base = slugify(self.name)[:200] or "entreprise"
        slug, n = base, 2
        while Company.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            slug, n = f"{base}-{n}", n + 1
        return slug

    def has_member(self, user) -> bool:
        return self.memberships.filter(user=user, status=MembershipStatus.ACCEPTED).exists()

    def is_admin(self, user) -> bool:
        return self.memberships.filter(
            user=user, status=MembershipStatus.ACCEPTED, role=MembershipRole.ADMIN
        ).exists()

    def accepted_members(self):
        return self.memberships.filter(status=MembershipStatus.ACCEPTED).select_related("user")


class MembershipError(Exception):
    pass


class Membership(models.Model):
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField("rôle", max_length=10, choices=MembershipRole.choices, default=MembershipRole.MEMBER)
    status = models.CharField("statut", max_length=10, choices=MembershipStatus.choices,
                              default=MembershipStatus.PENDING)
    requested_at = models.DateTimeField("demandée le", default=timezone.now)
    decided_at = models.DateTimeField("décidée le", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name="décidée par",
    )

    class Meta:
        verbose_name = "rattachement"
        verbose_name_plural = "rattachements"
        constraints = [models.UniqueConstraint(fields=["company", "user"], name="unique_membership")]

    def __str__(self):
        return f"{self.user} @ {self.company} ({self.get_status_display()})"

    def can_be_decided_by(self, user) -> bool:
        return user.is_staff or self.company.is_admin(user)

    def _decide(self, by, status):
        if self.status != MembershipStatus.PENDING:
            raise MembershipError("Cette demande a déjà été traitée.")
        if not self.can_be_decided_by(by):
            raise MembershipError("Vous ne pouvez pas traiter cette demande.")
        self.status = status
        self.decided_at = timezone.now()
        self.decided_by = by
        self.save(update_fields=["status", "decided_at", "decided_by"])

    @transaction.atomic
    def accept(self, by):
        self._decide(by, MembershipStatus.ACCEPTED)
        from .services import notify_membership_decision

        notify_membership_decision(self)

    @transaction.atomic
    def refuse(self, by):
        self._decide(by, MembershipStatus.REFUSED)
        from .services import notify_membership_decision

        notify_membership_decision(self)
