"""Job offers and their life: Brouillon → En attente de modération → Publiée → Expirée, or Refusée.

Rule for editing a published offer: the approved version stays online; the recruiter's changes
are saved as a *revision* (another ``Offer`` row with ``revision_of`` set) that goes through
moderation like any offer. Approving the revision copies its content onto the online offer
(same URL, same publication and end dates unless the removal date changed); refusing it leaves
the online offer untouched and shows the reason to the recruiter, who can edit and resubmit.
"""

import datetime
import uuid

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.files.storage import storages
from django.db import connection, models, transaction
from django.db.models import F, Func, OuterRef, Q, Subquery, Value
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import slugify

from companies.enums import MembershipStatus
from referentials.query import CONFIG, metier_forms
from toolkit.richtext import sanitize_html
from toolkit.text import normalize_text

from .enums import ApplicationStatus, ContractType, OfferStatus, RefusalReason, SalaryPeriod
from .signals import offer_duplicated
from .validators import DESCRIPTION_MAX_HTML_CHARS, OFFER_LIFETIME_DAYS, validate_description_length

# Content copied by duplicate() and by revisions (everything the recruiter types, no dates of life)
CONTENT_FIELDS = [
    "company_id", "title", "metier_id", "commune_id", "salary_min", "salary_max", "salary_period",
    "contact_name", "contact_phone", "contact_email", "start_date", "is_seasonal", "contract_type",
    "description", "wants_support", "removal_date",
]
# What « Ajouter l'offre » requires (a draft only needs a title)
REQUIRED_FOR_SUBMISSION = {
    "title": "Titre de l'annonce",
    "metier": "Métier",
    "commune": "Lieu du poste",
    "contact_phone": "Téléphone du contact",
    "contract_type": "Type de contrat",
}


class InvalidTransition(Exception):
    """An illegal change of status; ``str(exc)`` is a French message for the user."""


def search_vector_expression(parts: dict[str, str]):
    """The stored ``search_vector`` of an offer's ``search_document``."""
    return (SearchVector(Value(parts["A"]), config=CONFIG, weight="A")
            + SearchVector(Value(parts["B"]), config=CONFIG, weight="B")
            + SearchVector(Value(parts["C"]), config=CONFIG, weight="C"))


def update_company_name_in_search_vectors(company) -> int:
    """A company's name is part of its offers' vectors (weight B): replace it in one UPDATE, only in the
    vectors where it changed. Returns how many offers were updated."""
    name = normalize_text(company.name)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE offers_offer SET search_vector = ts_filter(search_vector, '{{a,c}}') "
            f"|| setweight(to_tsvector('{CONFIG}', %s), 'B') "
            f"WHERE company_id = %s AND search_vector IS NOT NULL "
            f"AND strip(ts_filter(search_vector, '{{b}}')) IS DISTINCT FROM strip(to_tsvector('{CONFIG}', %s))",
            [name, company.pk, name])
        return cursor.rowcount


class OfferQuerySet(models.QuerySet):
    def not_deleted(self):
        return self.filter(deleted_at__isnull=True)

    def originals(self):
        """Offers themselves, not the pending revisions of published offers."""
        return self.filter(revision_of__isnull=True)

    def published(self):
        return self.filter(status=OfferStatus.PUBLISHED, deleted_at__isnull=True, revision_of__isnull=True)

    def visible_to_public(self, now=None):
        now = now or timezone.now()
        return self.published().filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))

    def of_company(self, company):
        return self.filter(company=company)

    def of_member(self, user):
        return self.filter(
            company__memberships__user=user, company__memberships__status=MembershipStatus.ACCEPTED
        )

    def due_for_expiry(self, now=None):
        return self.published().filter(expires_at__lte=now or timezone.now())

    def for_list(self):
        return self.select_related("company", "commune", "metier")

    def with_open_revision(self):
        """Annotate ``revision_status`` / ``revision_reason`` of each offer's unapproved changes (if any)."""
        revisions = (Offer.objects.filter(revision_of=OuterRef("pk"), deleted_at__isnull=True)
                     .exclude(status=OfferStatus.PUBLISHED).order_by("-created_at"))
        return self.annotate(revision_status=Subquery(revisions.values("status")[:1]),
                             revision_reason=Subquery(revisions.values("refused_reason")[:1]))


class Offer(models.Model):
    company = models.ForeignKey(
        "companies.Company", on_delete=models.CASCADE, related_name="offers", verbose_name="entreprise"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="offers",
        verbose_name="auteur",
    )
    title = models.CharField("titre de l'annonce", max_length=200)
    slug = models.SlugField(max_length=90, editable=False, default="")
    metier = models.ForeignKey(
        "referentials.Metier", on_delete=models.PROTECT, null=True, blank=True, related_name="offers",
        verbose_name="métier",
    )
    commune = models.ForeignKey(
        "referentials.Commune", on_delete=models.PROTECT, null=True, blank=True, related_name="offers",
        verbose_name="lieu du poste",
    )
    # Salary: min (or single amount) and optional max, with a period; see validators.validate_salary
    salary_min = models.DecimalField("salaire minimum (€)", max_digits=9, decimal_places=2, null=True, blank=True)
    salary_max = models.DecimalField("salaire maximum (€)", max_digits=9, decimal_places=2, null=True, blank=True)
    salary_period = models.CharField("période du salaire", max_length=10, choices=SalaryPeriod.choices, blank=True)
    # Contact: never shown to candidates nor anywhere public
    contact_name = models.CharField("nom du contact", max_length=150, blank=True)
    contact_phone = models.CharField("téléphone du contact", max_length=20, blank=True)
    contact_email = models.EmailField("e-mail du contact", blank=True)
    start_date = models.DateField("date de début souhaitée", null=True, blank=True)
    is_seasonal = models.BooleanField("offre saisonnière", default=False)
    contract_type = models.CharField("type de contrat", max_length=20, choices=ContractType.choices, blank=True)
    description = models.TextField("description", blank=True, max_length=DESCRIPTION_MAX_HTML_CHARS,
                                   validators=[validate_description_length])
    wants_support = models.BooleanField("souhaite être accompagné", default=False)
    removal_date = models.DateField("date de retrait souhaitée", null=True, blank=True)
    # Life
    status = models.CharField("statut", max_length=20, choices=OfferStatus.choices, default=OfferStatus.DRAFT,
                              db_index=True)
    revision_of = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="revisions",
        verbose_name="modification de l'offre",
    )
    submitted_at = models.DateTimeField("soumise le", null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name="soumise par")
    published_at = models.DateTimeField("publiée le", null=True, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name="validée par")
    expires_at = models.DateTimeField("fin de publication", null=True, blank=True)
    expired_at = models.DateTimeField("expirée le", null=True, blank=True)
    refused_at = models.DateTimeField("refusée le", null=True, blank=True)
    refused_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name="refusée par")
    refused_reason = models.TextField("motif du refus", blank=True, max_length=3000)
    # The recruiter's justification when the offer was sent despite a « Bloquant » finding of the automatic
    # check (« Demander une vérification par l'équipe »); empty otherwise. Shown to the moderator.
    verification_request = models.TextField("demande de vérification par l'équipe", blank=True, max_length=1000)
    status_before_delete = models.CharField("statut avant suppression", max_length=20, choices=OfferStatus.choices,
                                            blank=True)
    deleted_at = models.DateTimeField("supprimée le", null=True, blank=True)
    deleted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name="supprimée par")
    support_notified_at = models.DateTimeField("organisme d'accompagnement prévenu le", null=True, blank=True)
    expiry_warning_sent_at = models.DateTimeField("avertissement d'expiration envoyé le", null=True, blank=True)
    created_at = models.DateTimeField("créée le", default=timezone.now, db_index=True)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)
    search_vector = SearchVectorField(null=True, editable=False)
    # The title, métier (A) and company (B) part of ``search_vector``, computed by PostgreSQL from it (every
    # writer of the vector keeps it right): a small vector whose GIN index finds the offers having the words
    # there without reading their description (``search``'s relevance tiers).
    head_vector = models.GeneratedField(
        expression=Func(F("search_vector"), Value("{a,b}"), function="ts_filter"),
        output_field=SearchVectorField(null=True), db_persist=True)

    objects = OfferQuerySet.as_manager()

    class Meta:
        verbose_name = "offre"
        ordering = ["-created_at", "-id"]
        indexes = [
            GinIndex(fields=["search_vector"], name="offer_search_gin"),
            GinIndex(fields=["head_vector"], name="offer_head_gin"),
            models.Index(fields=["status", "expires_at"], name="offer_status_expiry"),
            models.Index(fields=["company", "-created_at"], name="offer_company_created"),
            models.Index(fields=["-published_at"], name="offer_published_at"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.description = sanitize_html(self.description)
        self.slug = (slugify(self.title)[:80].strip("-") or "offre")
        super().save(*args, **kwargs)
        update_fields = kwargs.get("update_fields")
        if update_fields is None or set(update_fields) & {"title", "description", "metier", "commune", "company"}:
            self.update_search_vector()

    # ----- properties -----

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def is_revision(self) -> bool:
        return self.revision_of_id is not None

    @property
    def is_public(self) -> bool:
        return (self.status == OfferStatus.PUBLISHED and not self.is_deleted and not self.is_revision
                and (self.expires_at is None or self.expires_at > timezone.now()))

    @property
    def status_label(self) -> str:
        """« Publiée », or « Supprimée (Brouillon) » for a deleted offer."""
        if self.is_deleted:
            return f"Supprimée ({OfferStatus(self.status_before_delete or self.status).label})"
        return self.get_status_display()

    @property
    def salary_display(self) -> str:
        if self.salary_min is None:
            return ""

        def euros(amount):
            text = f"{amount:,.2f}".replace(",", "\u202f").replace(".", ",").removesuffix(",00")
            return f"{text} €"

        period = SalaryPeriod(self.salary_period).label if self.salary_period else ""
        if self.salary_max is not None and self.salary_max != self.salary_min:
            return f"{euros(self.salary_min)} à {euros(self.salary_max)} {period}".strip()
        return f"{euros(self.salary_min)} {period}".strip()

    # ----- what its owner may do (the views and templates ask these; the transitions check them) -----

    @property
    def can_edit(self) -> bool:
        """A deleted offer is kept as it is: duplicate it to reuse it."""
        return not self.is_deleted

    @property
    def can_delete(self) -> bool:
        return not self.is_deleted

    @property
    def can_republish(self) -> bool:
        """Expirée → back to moderation (« Republier »)."""
        return self.status == OfferStatus.EXPIRED and not self.is_deleted

    @property
    def has_public_preview(self) -> bool:
        """Its owner can see the public page of a draft or pending offer before it is online."""
        return self.status in (OfferStatus.DRAFT, OfferStatus.PENDING) and not self.is_deleted

    # ----- search -----

    def search_document(self) -> dict[str, str]:
        """The offer's text by weight, normalised as the CVthèque's documents and queries
        (``toolkit.text.normalize_text``): A the title and every form of its métier (name, feminine,
        synonyms), B the company's name, C the description's text."""
        return {
            "A": normalize_text(" ".join([self.title, *(metier_forms(self.metier) if self.metier_id else [])])),
            "B": normalize_text(self.company.name if self.company_id else ""),
            "C": normalize_text(strip_tags(self.description)),
        }

    def update_search_vector(self) -> None:
        Offer.objects.filter(pk=self.pk).update(search_vector=search_vector_expression(self.search_document()))

    # ----- transitions (one per change; each checks the source status and records who / when) -----

    def _check_not_deleted(self):
        if self.is_deleted:
            raise InvalidTransition("Cette offre a été supprimée.")

    def missing_fields(self) -> list[str]:
        """French labels of the fields « Ajouter l'offre » requires and this offer lacks."""
        return [label for field, label in REQUIRED_FOR_SUBMISSION.items()
                if not getattr(self, f"{field}_id" if field in ("metier", "commune") else field)]

    def _check_complete(self):
        missing = self.missing_fields()
        if missing:
            raise InvalidTransition("Complétez les champs obligatoires : " + ", ".join(missing) + ".")

    @transaction.atomic
    def submit(self, by):
        """Brouillon or Refusée → En attente de modération."""
        self._check_not_deleted()
        if self.status not in (OfferStatus.DRAFT, OfferStatus.REFUSED):
            raise InvalidTransition(
                f"Seule une offre en brouillon ou refusée peut être soumise (statut actuel : {self.status_label})."
            )
        self._check_complete()
        self.status = OfferStatus.PENDING
        self.submitted_at = timezone.now()
        self.submitted_by = by
        self.save()

    def _lock_pending(self) -> "Offer":
        """Lock the row and re-read its status: of two moderators deciding at once, the second fails."""
        locked = Offer.objects.select_for_update().get(pk=self.pk)
        if locked.is_deleted:
            raise InvalidTransition("Cette offre a été supprimée entre-temps.")
        if locked.status != OfferStatus.PENDING:
            raise InvalidTransition(
                f"Cette offre n'est pas en attente de modération (statut actuel : {locked.status_label})."
            )
        return locked

    def compute_expires_at(self, published_at: datetime.datetime) -> datetime.datetime:
        """OFFER_LIFETIME_DAYS after publication, or the start of the chosen removal date if earlier."""
        end = published_at + datetime.timedelta(days=OFFER_LIFETIME_DAYS)
        if self.removal_date:
            removal = timezone.make_aware(datetime.datetime.combine(self.removal_date, datetime.time.min))
            end = min(end, removal)
        return end

    @transaction.atomic
    def approve(self, by):
        """En attente → Publiée for OFFER_LIFETIME_DAYS (or until the removal date). For a revision, its
        content replaces the online offer's. Returns the offer online (``services.approve_offer`` also
        e-mails the support organisation)."""
        locked = self._lock_pending()
        now = timezone.now()
        if locked.is_revision:
            target = Offer.objects.select_for_update().get(pk=locked.revision_of_id)
            if target.status != OfferStatus.PUBLISHED or target.is_deleted:
                raise InvalidTransition(
                    "L'offre modifiée n'est plus en ligne : cette modification ne peut être validée."
                )
            for field in CONTENT_FIELDS:
                setattr(target, field, getattr(locked, field))
            new_end = target.compute_expires_at(target.published_at)
            if new_end != target.expires_at:  # a new removal date: a new warning before the new end
                target.expires_at, target.expiry_warning_sent_at = new_end, None
            target.approved_by = by
            target.save()
            locked.published_at = now
        else:
            target = locked
            locked.published_at = now
            locked.expires_at = locked.compute_expires_at(now)
            locked.expiry_warning_sent_at = None
        locked.status = OfferStatus.PUBLISHED
        locked.approved_by = by
        locked.refused_reason = ""
        locked.save()
        self.refresh_from_db()
        return target

    @transaction.atomic
    def reject(self, by, reason: str):
        """En attente → Refusée with the moderator's reason (shown to the recruiter)."""
        reason = (reason or "").strip()
        if not reason:
            raise InvalidTransition("Indiquez le motif du refus.")
        locked = self._lock_pending()
        locked.status = OfferStatus.REFUSED
        locked.refused_at = timezone.now()
        locked.refused_by = by
        locked.refused_reason = reason
        locked.save()
        self.refresh_from_db()

    def expire(self, now=None):
        """Publiée → Expirée (the hourly task does the same for many offers in one UPDATE)."""
        self._check_not_deleted()
        if self.status != OfferStatus.PUBLISHED or self.is_revision:
            raise InvalidTransition(f"Seule une offre publiée peut expirer (statut actuel : {self.status_label}).")
        self.status = OfferStatus.EXPIRED
        self.expired_at = now or timezone.now()
        self.save(update_fields=["status", "expired_at", "updated_at"])

    @transaction.atomic
    def republish(self, by):
        """Expirée → En attente de modération (a past removal date is cleared). Changes made while
        it was online and not approved yet (an open revision) are folded into it first."""
        self._check_not_deleted()
        if not self.can_republish:
            raise InvalidTransition(
                f"Seule une offre expirée peut être republiée (statut actuel : {self.status_label})."
            )
        revision = self.open_revision()
        if revision is not None:
            for field in CONTENT_FIELDS:
                setattr(self, field, getattr(revision, field))
            revision.soft_delete(by=by)
        self._check_complete()
        if self.removal_date and self.removal_date <= timezone.localdate():
            self.removal_date = None
        self.status = OfferStatus.PENDING
        self.submitted_at = timezone.now()
        self.submitted_by = by
        self.save()

    @transaction.atomic
    def soft_delete(self, by):
        """Any status → deleted (kept, never public; its owner sees « Supprimée (<former status>) »)."""
        if not self.can_delete:
            raise InvalidTransition("Cette offre est déjà supprimée.")
        self.status_before_delete = self.status
        self.deleted_at = timezone.now()
        self.deleted_by = by
        self.save(update_fields=["status_before_delete", "deleted_at", "deleted_by", "updated_at"])
        # pending changes of a deleted offer are dropped with it
        self.revisions.filter(deleted_at__isnull=True).exclude(status=OfferStatus.PUBLISHED).update(
            status_before_delete=models.F("status"), deleted_at=self.deleted_at, deleted_by=by
        )

    @transaction.atomic
    def duplicate(self, by) -> "Offer":
        """A new Brouillon with every field copied and every date cleared; the apps above offers copy what they
        keep per offer (``signals.offer_duplicated``: the choices of multi-posting partners)."""
        source = self
        copy = Offer(author=by, status=OfferStatus.DRAFT)
        for field in CONTENT_FIELDS:
            setattr(copy, field, getattr(source, field))
        copy.start_date = None
        copy.removal_date = None
        copy.save()
        offer_duplicated.send(sender=Offer, source=source, copy=copy, by=by)
        return copy

    # ----- revisions of published offers -----

    def open_revision(self) -> "Offer | None":
        """The changes of this published offer not yet approved (draft, pending or refused), if any."""
        return (self.revisions.filter(deleted_at__isnull=True)
                .exclude(status=OfferStatus.PUBLISHED).order_by("-created_at").first())

    def new_revision(self, by) -> "Offer":
        """An unsaved revision carrying this offer's current content."""
        if self.status != OfferStatus.PUBLISHED or self.is_deleted or self.is_revision:
            raise InvalidTransition("Seule une offre publiée se modifie par une révision.")
        revision = Offer(author=by, status=OfferStatus.DRAFT, revision_of=self)
        for field in CONTENT_FIELDS:
            setattr(revision, field, getattr(self, field))
        return revision


class SupportOrganisation(models.Model):
    """Singleton (staff edit it in the admin): who accompanies recruiters for recruitment sessions."""

    name = models.CharField("nom de l'organisme", max_length=200)
    email = models.EmailField("e-mail de contact")
    updated_at = models.DateTimeField(auto_now=True)

    DEFAULT_NAME = "Carcassonne Agglo – Service emploi"
    DEFAULT_EMAIL = "emploi@carcassonne-agglo.fr"

    class Meta:
        verbose_name = "organisme d'accompagnement des recrutements"
        verbose_name_plural = "organisme d'accompagnement des recrutements"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    @classmethod
    def get(cls) -> "SupportOrganisation":
        obj = cls.objects.filter(pk=1).first()
        return obj or cls(pk=1, name=cls.DEFAULT_NAME, email=cls.DEFAULT_EMAIL)


class ApplicationError(Exception):
    """An application that cannot be made; ``str(exc)`` is a French message."""


def private_storage():
    """Application documents live outside MEDIA_ROOT and are only served by an authenticated view."""
    return storages["private"]


def application_document_path(instance, filename):
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"applications/{uuid.uuid4().hex}.{ext}"


# Which status each transition leaves from (Refusée and Embauchée are final)
OPEN_STATUSES = (ApplicationStatus.NEW, ApplicationStatus.SEEN, ApplicationStatus.SHORTLISTED,
                 ApplicationStatus.INTERVIEW)
TRANSITION_SOURCES = {
    ApplicationStatus.SEEN: (ApplicationStatus.NEW,),
    ApplicationStatus.SHORTLISTED: (ApplicationStatus.NEW, ApplicationStatus.SEEN, ApplicationStatus.INTERVIEW),
    ApplicationStatus.INTERVIEW: (ApplicationStatus.NEW, ApplicationStatus.SEEN, ApplicationStatus.SHORTLISTED),
    ApplicationStatus.REFUSED: OPEN_STATUSES,
    ApplicationStatus.HIRED: (ApplicationStatus.SEEN, ApplicationStatus.SHORTLISTED, ApplicationStatus.INTERVIEW),
}


def checked_refusal(reason: str, text: str) -> tuple[str, str]:
    """(reason, text) of a refusal, or InvalidTransition: a reason from the list, and a text for « Autre »."""
    text = (text or "").strip()
    if reason not in RefusalReason.values:
        raise InvalidTransition("Choisissez le motif du refus.")
    if reason == RefusalReason.OTHER and not text:
        raise InvalidTransition("Précisez le motif du refus.")
    return reason, (text if reason == RefusalReason.OTHER else "")


class ApplicationQuerySet(models.QuerySet):
    def of_member(self, user):
        """Applications to the offers of the user's companies."""
        return self.filter(offer__company__memberships__user=user,
                           offer__company__memberships__status=MembershipStatus.ACCEPTED)

    def for_list(self):
        return self.select_related("offer__company", "candidate")

    def status_counts(self) -> dict[str, int]:
        """{status: count} for every status (zeros included), in one query."""
        counts = dict(self.order_by().values_list("status").annotate(n=models.Count("pk")))
        return {status: counts.get(status, 0) for status in ApplicationStatus.values}


class Application(models.Model):
    """A candidate applies to a published offer with a message, and with their CVthèque CV (a copy of its
    profile and document, taken when applying) or a document uploaded for this application. Statuses:
    ``ApplicationStatus``; one checked method per transition."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="applications", verbose_name="offre")
    candidate = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="applications",
                                  verbose_name="candidat")
    message = models.TextField("message au recruteur", max_length=3000)
    created_at = models.DateTimeField("envoyée le", default=timezone.now)
    # What the candidate sent besides the message
    profile = models.JSONField("profil du CV", default=dict, blank=True)
    document = models.FileField("document", storage=private_storage, upload_to=application_document_path,
                                blank=True)
    document_name = models.CharField("nom du document", max_length=255, blank=True)
    document_type = models.CharField("type du document", max_length=100, blank=True)
    # Life
    status = models.CharField("statut", max_length=20, choices=ApplicationStatus.choices,
                              default=ApplicationStatus.NEW)
    status_changed_at = models.DateTimeField("statut changé le", null=True, blank=True)
    status_changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                          blank=True, related_name="+", verbose_name="statut changé par")
    refusal_reason = models.CharField("motif du refus", max_length=30, choices=RefusalReason.choices, blank=True)
    refusal_text = models.TextField("précision du motif", blank=True, max_length=1000)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = "candidature"
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["offer", "candidate"], name="offers_apply_once")]
        indexes = [
            models.Index(fields=["offer", "status"], name="application_offer_status"),
            models.Index(fields=["candidate", "-created_at"], name="application_candidate_date"),
        ]

    def __str__(self):
        return f"{self.candidate} → {self.offer}"

    @property
    def refusal_label(self) -> str:
        """The reason shown to the candidate: the list's wording, never the recruiter's « Autre » text."""
        if self.refusal_reason and self.refusal_reason != RefusalReason.OTHER:
            return RefusalReason(self.refusal_reason).label
        return ""

    def allowed_statuses(self) -> list[ApplicationStatus]:
        """The statuses a recruiter may set from this one (what the application page offers)."""
        return [status for status, sources in TRANSITION_SOURCES.items()
                if self.status in sources and status != ApplicationStatus.SEEN]

    # ----- transitions (each checks the status it leaves, on the locked row) -----

    @transaction.atomic
    def _move(self, to: ApplicationStatus, by, **fields):
        locked = Application.objects.select_for_update().get(pk=self.pk)
        if locked.status not in TRANSITION_SOURCES[to]:
            raise InvalidTransition(
                f"Une candidature « {locked.get_status_display()} » ne peut pas passer à « {to.label} »."
            )
        self.status, self.status_changed_at, self.status_changed_by = to, timezone.now(), by
        for name, value in fields.items():
            setattr(self, name, value)
        self.save(update_fields=["status", "status_changed_at", "status_changed_by", *fields])

    def mark_seen(self, by):
        """Nouvelle → Vue: a member of the offer's company opened it."""
        self._move(ApplicationStatus.SEEN, by)

    def shortlist(self, by):
        self._move(ApplicationStatus.SHORTLISTED, by)

    def invite_to_interview(self, by):
        self._move(ApplicationStatus.INTERVIEW, by)

    def refuse(self, by, reason: str, text: str = ""):
        reason, text = checked_refusal(reason, text)
        self._move(ApplicationStatus.REFUSED, by, refusal_reason=reason, refusal_text=text)

    def hire(self, by):
        self._move(ApplicationStatus.HIRED, by)


@receiver(post_delete, sender=Application, dispatch_uid="offers-delete-application-document")
def _delete_application_document(sender, instance, **kwargs):
    """An application's document goes with it."""
    if instance.document:
        instance.document.delete(save=False)

# issue 15 part B (job alerts, retention counts): defined in their own module
from .alert_models import ErasedApplicationCount, JobAlert, JobAlertSent  # noqa: E402, F401
