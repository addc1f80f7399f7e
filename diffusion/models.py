"""Multi-posting: the partner job boards that read a feed of the published offers, what each read, and
each recruiter's choice, offer by offer, of the partners it goes to."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from offers.models import Offer

from .enums import FeedFormat, PartnerScope

TOKEN_BYTES = 32


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


class PartnerQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Partner(models.Model):
    name = models.CharField("nom", max_length=100)
    slug = models.SlugField("identifiant dans l'adresse du flux", max_length=60, unique=True, blank=True)
    feed_format = models.CharField("format du flux", max_length=20, choices=FeedFormat.choices,
                                   default=FeedFormat.INDEED_XML)
    token = models.CharField("jeton secret", max_length=64, default=new_token, editable=False)
    is_active = models.BooleanField("actif", default=True,
                                    help_text="Un partenaire inactif ne lit plus son flux (404) et n'est plus "
                                              "proposé aux recruteurs.")
    scope = models.CharField("offres reçues", max_length=10, choices=PartnerScope.choices, default=PartnerScope.ALL)
    created_at = models.DateTimeField("créé le", default=timezone.now)

    objects = PartnerQuerySet.as_manager()

    class Meta:
        verbose_name = "partenaire de multidiffusion"
        verbose_name_plural = "partenaires de multidiffusion"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:60] or "partenaire"
        super().save(*args, **kwargs)

    def check_token(self, token: str) -> bool:
        """The partner's token, compared in constant time; an inactive partner has none."""
        return self.is_active and secrets.compare_digest(self.token.encode(), (token or "").encode())

    def regenerate_token(self) -> None:
        self.token = new_token()
        self.save(update_fields=["token"])

    def feed_path(self) -> str:
        return reverse("diffusion:partner_feed", kwargs={"slug": self.slug, "token": self.token})

    def default_choice(self) -> bool:
        """Whether an offer goes to this partner when its recruiter has said nothing."""
        return self.scope == PartnerScope.ALL

    def offers(self, now=None):
        """The offers this partner receives now: online, and not refused by their recruiter (or allowed, for a
        partner that only receives the offers its recruiter allowed). One query, whatever their number."""
        choices = OfferChoice.objects.filter(offer=OuterRef("pk"), partner=self)
        online = Offer.objects.visible_to_public(now)
        if self.scope == PartnerScope.ALLOWED:
            return online.filter(Exists(choices.filter(allowed=True)))
        return online.exclude(Exists(choices.filter(allowed=False)))


def offers_for_every_site(now=None):
    """The online offers that may go to any site (the partner-less public feed, which any other job board can
    read): those whose recruiter kept every partner that receives all offers. An offer taken off one of those
    partners (a refusal, active partner or not) is left out: that partner would otherwise read it there. An
    unticked partner that only receives the offers its recruiter allows is its default, not a refusal (the form
    records it unticked all the same), and keeps no offer out. One query, whatever their number."""
    refused = OfferChoice.objects.filter(offer=OuterRef("pk"), allowed=False, partner__scope=PartnerScope.ALL)
    return Offer.objects.visible_to_public(now).exclude(Exists(refused))


class PartnerRead(models.Model):
    """One read of a partner's feed: who, when, how many offers it got."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="reads", verbose_name="partenaire")
    read_at = models.DateTimeField("lu le", default=timezone.now)
    offer_count = models.PositiveIntegerField("nombre d'offres")

    class Meta:
        verbose_name = "lecture du flux"
        verbose_name_plural = "lectures des flux"
        ordering = ["-read_at", "-id"]
        indexes = [models.Index(fields=["partner", "-read_at"], name="diffusion_read_partner_date")]

    def __str__(self):
        return f"{self.partner} — {self.read_at:%d/%m/%Y %H:%M} — {self.offer_count} offres"


class OfferChoice(models.Model):
    """A recruiter's choice for one offer and one partner (no row: the partner's default, ``default_choice``).
    Revisions of a published offer share the choices of the offer itself."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="diffusion_choices",
                              verbose_name="offre")
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="offer_choices",
                                verbose_name="partenaire")
    allowed = models.BooleanField("diffusée chez ce partenaire")
    changed_at = models.DateTimeField("modifié le", auto_now=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name="modifié par")

    class Meta:
        verbose_name = "choix de diffusion d'une offre"
        verbose_name_plural = "choix de diffusion des offres"
        constraints = [models.UniqueConstraint(fields=["offer", "partner"], name="diffusion_one_choice")]

    def __str__(self):
        return f"{self.offer} → {self.partner} : {'oui' if self.allowed else 'non'}"
