from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from toolkit.text import fold

from .enums import CompanySize, MembershipRole, MembershipStatus
from .hooks import published_offer_count_expression

# The editor's HTML, tags included: the same bound as an offer's description (offers.validators).
DESCRIPTION_MAX_HTML_CHARS = 50_000

class CompanyStateError(Exception):
    """An illegal change of a company page's state (e.g. taking offline without a reason)."""


class CompanyQuerySet(models.QuerySet):
    def online(self):
        """Companies whose public page is visible: put online by a member, not taken offline by staff."""
        return self.filter(is_online=True, offline_by_staff=False)

    def name_matches(self, text: str):
        """Name search, accents / case / ligatures folded (« boulangerie CANAL » finds « Boulangerie du Canal »)."""
        qs = self
        for word in fold(text).split():
            qs = qs.filter(search_name__contains=word)
        return qs

    def in_sector(self, sector):
        """A NAF section (one letter) matches every sub-class in it; a sub-class matches itself."""
        if sector is None:
            return self
        return self.filter(models.Q(sector=sector) | models.Q(sector__section=sector))

    def in_place(self, place):
        """``place`` is a ``referentials.services.Place`` (commune, EPCI, département or région)."""
        return self if place is None else self.filter(place.q("commune"))

    def with_published_offer_count(self):
        """Annotates ``published_offer_count`` (as the offers app registered it in ``hooks``)."""
        return self.annotate(published_offer_count=published_offer_count_expression())

    def for_public_list(self):
        return self.online().select_related("sector", "commune").with_published_offer_count()

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
    description = models.TextField("description", blank=True, max_length=DESCRIPTION_MAX_HTML_CHARS)
    website = models.URLField("site web", blank=True)
    twitter_url = models.URLField("lien Twitter", blank=True)
    facebook_url = models.URLField("lien Facebook", blank=True)
    instagram_url = models.URLField("lien Instagram", blank=True)
    linkedin_url = models.URLField("lien LinkedIn", blank=True)
    youtube_url = models.URLField("lien Youtube", blank=True)
    is_online = models.BooleanField("mettre en ligne ma fiche entreprise ?", default=False)
    offline_by_staff = models.BooleanField("hors ligne (modération)", default=False)
    offline_reason = models.TextField("motif de mise hors ligne", blank=True, max_length=3000)
    offline_at = models.DateTimeField("mise hors ligne le", null=True, blank=True)
    offline_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name="mise hors ligne par",
    )
    search_name = models.CharField(max_length=200, editable=False, default="", db_index=True)
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
        self.search_name = fold(self.name)
        if kwargs.get("update_fields") is not None and "name" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_name"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("companies:public_detail", args=[self.slug])

    @property
    def is_public(self) -> bool:
        """The public page is visible to everyone."""
        return self.is_online and not self.offline_by_staff

    @property
    def address_lines(self) -> list[str]:
        street = " ".join(p for p in [self.street_number, self.street_name] if p)
        lines = [street] if street else []
        if self.commune_id:
            code = self.commune.postal_codes[0] if self.commune.postal_codes else ""
            lines.append(f"{code} {self.commune.name}".strip())
        return lines

    @property
    def links(self) -> list[tuple[str, str]]:
        """(label, url) of the filled-in links, in the form's order."""
        pairs = [("Site web", self.website), ("Twitter", self.twitter_url), ("Facebook", self.facebook_url),
                 ("Instagram", self.instagram_url), ("LinkedIn", self.linkedin_url), ("YouTube", self.youtube_url)]
        return [(label, url) for label, url in pairs if url]

    def _unique_slug(self) -> str:
        base = slugify(self.name)[:200] or "entreprise"
        slug, n = base, 2
        while Company.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            slug, n = f"{base}-{n}", n + 1
        return slug

    def can_be_previewed_by(self, user) -> bool:
        """Members and staff see the page even when it is offline (as a preview)."""
        if not getattr(user, "is_authenticated", False):
            return False
        return user.is_staff or self.has_member(user)

    def take_offline(self, *, by, reason: str) -> None:
        """Staff take the public page offline (``services.take_offline`` also tells the members why)."""
        reason = (reason or "").strip()
        if not getattr(by, "is_staff", False):
            raise CompanyStateError("Seule la modération peut mettre une fiche entreprise hors ligne.")
        if not reason:
            raise CompanyStateError("Indiquez le motif de la mise hors ligne : il est envoyé aux membres.")
        if self.offline_by_staff:
            raise CompanyStateError("Cette fiche entreprise est déjà hors ligne.")
        self.offline_by_staff = True
        self.offline_reason = reason
        self.offline_at = timezone.now()
        self.offline_by = by
        self.save(update_fields=["offline_by_staff", "offline_reason", "offline_at", "offline_by", "updated_at"])

    def put_back_online(self, *, by) -> None:
        """Staff lift their decision; the page shows again if its members had put it online."""
        if not getattr(by, "is_staff", False):
            raise CompanyStateError("Seule la modération peut remettre une fiche entreprise en ligne.")
        if not self.offline_by_staff:
            raise CompanyStateError("Cette fiche entreprise n'a pas été mise hors ligne par la modération.")
        self.offline_by_staff = False
        self.offline_reason = ""
        self.offline_at = None
        self.offline_by = None
        self.save(update_fields=["offline_by_staff", "offline_reason", "offline_at", "offline_by", "updated_at"])

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

    def accept(self, by):
        """En attente → Acceptée (``services.decide_membership_request`` also e-mails the recruiter)."""
        self._decide(by, MembershipStatus.ACCEPTED)

    def refuse(self, by):
        """En attente → Refusée (``services.decide_membership_request`` also e-mails the recruiter)."""
        self._decide(by, MembershipStatus.REFUSED)
