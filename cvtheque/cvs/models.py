"""Candidates' CVs (written by the candidate, imported, or presented as a recruit's spouse), the search's
narrow copy of the visible ones (``CVSearchEntry``) and the log of who consulted them (``CVView``)."""

import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.files.storage import storages
from django.db import models
from django.db.models import F
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone

from cvtheque.cvs.enums import Availability, ContractType, CVSource, EducationLevel, ExtractionStatus
from cvtheque.cvs.facts import apply_facts

SEARCH_COLUMNS = ("search_document", "search_vector", "fulltext_vector")
# What a candidate types in « Mon CV » (the document's own text is bounded by the extraction).
SUMMARY_MAX_CHARS = 3_000
SKILLS_MAX_CHARS = 3_000
EXPERIENCE_MAX_CHARS = 15_000


def private_storage():
    """CV documents live outside MEDIA_ROOT and are only served by an authenticated view."""
    return storages["private"]


def cv_document_path(instance, filename):
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"cvs/{uuid.uuid4().hex}.{ext}"


class CVQuerySet(models.QuerySet):
    def visible(self):
        """CVs whose owner consented to be found by recruiters."""
        return self.filter(is_visible=True)


class CV(models.Model):
    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="cv",
        verbose_name="candidat",
    )
    source = models.CharField("origine", max_length=20, choices=CVSource.choices, default=CVSource.CANDIDATE)
    external_id = models.CharField("identifiant externe", max_length=100, blank=True, default="")

    first_name = models.CharField("prénom", max_length=100)
    last_name = models.CharField("nom", max_length=100)
    email = models.EmailField("e-mail", blank=True)
    phone = models.CharField("téléphone", max_length=30, blank=True)

    headline = models.CharField("Titre", max_length=200)
    metiers = models.ManyToManyField("referentials.Metier", blank=True, related_name="cvs", verbose_name="métiers")
    commune = models.ForeignKey(
        "referentials.Commune", on_delete=models.SET_NULL, null=True, blank=True, related_name="cvs",
        verbose_name="commune",
    )
    mobility_km = models.PositiveSmallIntegerField("mobilité (km)", default=0)
    contract_types = ArrayField(
        models.CharField(max_length=30, choices=ContractType.choices), default=list, blank=True,
        verbose_name="types de contrat souhaités",
    )
    availability = models.CharField(
        "disponibilité", max_length=20, choices=Availability.choices, default=Availability.IMMEDIATE
    )
    driving_licence = models.BooleanField("permis de conduire", default=False)
    education_level = models.CharField(
        "niveau de diplôme", max_length=20, choices=EducationLevel.choices, blank=True, default=""
    )
    # What the CV's text states when its fields are silent (``cvs.facts``: negations left out), recomputed with it.
    licences = ArrayField(
        models.CharField(max_length=4), default=list, blank=True, editable=False,
        verbose_name="permis (déclarés ou écrits dans le CV)",
    )
    caces = ArrayField(
        models.CharField(max_length=20), default=list, blank=True, editable=False,
        verbose_name="CACES écrits dans le CV",
    )
    diplomas = ArrayField(
        models.CharField(max_length=120), default=list, blank=True, editable=False,
        verbose_name="diplômes écrits dans le CV",
    )
    summary = models.TextField("présentation", blank=True, max_length=SUMMARY_MAX_CHARS)
    skills = models.TextField("compétences", blank=True, max_length=SKILLS_MAX_CHARS)
    experience = models.TextField("expérience", blank=True, max_length=EXPERIENCE_MAX_CHARS)

    is_visible = models.BooleanField("visible dans la CVthèque", default=False)
    visible_since = models.DateTimeField("visible depuis", null=True, blank=True)
    rqth = models.BooleanField("RQTH", default=False)
    rqth_visible = models.BooleanField("RQTH visible par les recruteurs", default=False)

    document = models.FileField("document", storage=private_storage, upload_to=cv_document_path, blank=True)
    document_name = models.CharField("nom du document", max_length=255, blank=True)
    extraction_status = models.CharField(
        "analyse du document", max_length=20, choices=ExtractionStatus.choices, default=ExtractionStatus.NONE
    )
    extraction_error = models.CharField("erreur d'analyse", max_length=300, blank=True)
    extracted_text = models.TextField("texte extrait", blank=True)

    # Folded, compact text that is ranked (headline, métiers with feminine forms and synonyms, skills, summary).
    # The vectors are copied to CVSearchEntry (indexed there) by the triggers of migration 0005.
    search_document = models.TextField(editable=False, default="")
    search_vector = SearchVectorField(null=True, editable=False)
    # Every word of the CV (profile + experience + extracted text): only filters, never ranked.
    fulltext_vector = SearchVectorField(null=True, editable=False)

    created_at = models.DateTimeField("créé le", default=timezone.now, editable=False)
    updated_at = models.DateTimeField("mis à jour le", default=timezone.now, db_index=True)

    objects = CVQuerySet.as_manager()

    class Meta:
        verbose_name = "CV"
        verbose_name_plural = "CV"
        constraints = [
            models.UniqueConstraint(
                fields=["source", "external_id"], condition=~models.Q(external_id=""), name="cv_unique_external_id"
            ),
        ]
        indexes = [
            models.Index(fields=["is_visible", "-updated_at"], name="cv_visible_updated"),
        ]

    def __str__(self):
        return f"{self.first_name} {self.last_name} – {self.headline}"

    def save(self, *args, **kwargs):
        """Saving never writes the (possibly stale) in-memory search columns: they are recomputed in SQL
        right after, from what was just saved (see ``cvtheque.search.update_search_columns``). The facts its
        text states (``cvs.facts``) are recomputed before."""
        self.updated_at = timezone.now()
        apply_facts(self)
        if not self._state.adding and kwargs.get("update_fields") is None:
            kwargs["update_fields"] = [
                f.name for f in self._meta.concrete_fields if not f.primary_key and f.name not in SEARCH_COLUMNS
            ]
        super().save(*args, **kwargs)
        self.refresh_search()

    @property
    def display_name(self) -> str:
        """First name and initial of the last name: what a search result shows."""
        initial = f" {self.last_name[:1].upper()}." if self.last_name else ""
        return f"{self.first_name}{initial}"

    @property
    def contract_type_labels(self) -> list[str]:
        return [ContractType(c).label for c in self.contract_types if c in ContractType.values]

    @property
    def shows_rqth(self) -> bool:
        return self.rqth and self.rqth_visible

    def set_visibility(self, visible: bool):
        """Turn the CVthèque consent on or off; ``visible_since`` records when it was given."""
        if visible and not self.is_visible:
            self.visible_since = timezone.now()
        if not visible:
            self.visible_since = None
        self.is_visible = visible

    def refresh_search(self):
        """Recompute the stored search columns from the CV (after a profile change or a text extraction)."""
        from cvtheque.search.documents import update_search_columns

        update_search_columns([self.pk])


class CVSearchEntry(models.Model):
    """The search's narrow copy of one visible CV: what the CVthèque search filters and ranks on, and
    nothing it displays. A search reads these ~100-byte rows (the vectors of the full text are stored
    out of line) instead of the wide CV rows, which is what makes a query matching half of the CVs fast.

    Written only by PostgreSQL triggers (migration 0005): a row exists exactly when the CV is visible,
    and it follows every INSERT or UPDATE of the CV, whatever wrote it (forms, admin, import, bulk
    updates); deleting the CV deletes it (Django cascade). ``title_vector`` is the A-weighted part of ``search_vector``
    (titre + métiers), ``latitude`` / ``longitude`` those of the CV's commune. One more column, ``reach_box``
    (PostgreSQL ``box``, GiST-indexed, no Django field), is the area the candidate's mobility covers."""

    cv = models.OneToOneField(
        CV, on_delete=models.CASCADE, primary_key=True, related_name="search_entry", editable=False
    )
    updated_at = models.DateTimeField(editable=False)
    commune_id = models.BigIntegerField(null=True, editable=False)
    latitude = models.FloatField(null=True, editable=False)
    longitude = models.FloatField(null=True, editable=False)
    mobility_km = models.PositiveSmallIntegerField(default=0, editable=False)
    rqth_shown = models.BooleanField(default=False, editable=False)
    contract_types = ArrayField(models.CharField(max_length=30), default=list, editable=False)
    availability = models.CharField(max_length=20, editable=False)
    driving_licence = models.BooleanField(default=False, editable=False)
    education_level = models.CharField(max_length=20, default="", editable=False)
    source = models.CharField(max_length=20, editable=False)
    title_vector = SearchVectorField(null=True, editable=False)
    search_vector = SearchVectorField(null=True, editable=False)
    fulltext_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = "entrée de recherche de CV"
        verbose_name_plural = "entrées de recherche de CV"
        indexes = [
            GinIndex(fields=["fulltext_vector"], name="cv_entry_fulltext_gin"),
            GinIndex(fields=["search_vector"], name="cv_entry_search_gin"),
            GinIndex(fields=["title_vector"], name="cv_entry_title_gin"),
            models.Index(F("updated_at").desc(), F("cv").desc(), name="cv_entry_fresh"),
            models.Index(fields=["commune_id"], name="cv_entry_commune"),
        ]

    def __str__(self):
        return f"Entrée de recherche du CV {self.cv_id}"


class CVView(models.Model):
    recruiter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="cv_views",
        verbose_name="recruteur",
    )
    company = models.ForeignKey(
        "companies.Company", on_delete=models.CASCADE, related_name="cv_views", verbose_name="entreprise"
    )
    cv = models.ForeignKey(CV, on_delete=models.CASCADE, related_name="views", verbose_name="CV")
    viewed_at = models.DateTimeField("consulté le", default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "consultation de CV"
        verbose_name_plural = "consultations de CV"
        ordering = ["-viewed_at"]

    def __str__(self):
        return f"{self.cv} vu par {self.company} le {self.viewed_at:%d/%m/%Y}"


@receiver(post_delete, sender=CV)
def _delete_cv_document(sender, instance, **kwargs):
    """Deleting a CV (or its owner, by cascade) removes its file."""
    if instance.document:
        instance.document.delete(save=False)
