"""Recruiters' tools: saved lists of CVs (shared by the company's recruiters), the search history
(one per recruiter) with favourites and the record of the CVs their e-mail alerts sent."""

import hashlib
import json
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from cvtheque.recruiting.enums import AlertFrequency

DEFAULT_LIST_NAME = "MES CV SAUVEGARDÉS"
HISTORY_SIZE = 100


class SavedListQuerySet(models.QuerySet):
    def of_company(self, company):
        return self.filter(company=company)


class SavedList(models.Model):
    """A named list of CVs. Lists belong to the company: every recruiter of it sees and edits them."""

    company = models.ForeignKey("companies.Company", on_delete=models.CASCADE, related_name="cv_lists",
                                verbose_name="entreprise")
    name = models.CharField("nom de la liste", max_length=100)
    is_default = models.BooleanField("liste par défaut", default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name="créée par")
    created_at = models.DateTimeField("créée le", default=timezone.now)

    objects = SavedListQuerySet.as_manager()

    class Meta:
        verbose_name = "liste de CV sauvegardés"
        verbose_name_plural = "listes de CV sauvegardés"
        ordering = ["-is_default", "name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["company"], condition=models.Q(is_default=True),
                                    name="cvtheque_one_default_list_per_company"),
        ]

    def __str__(self):
        return self.name

    def delete(self, *args, **kwargs):
        if self.is_default:
            raise ValidationError("La liste « MES CV SAUVEGARDÉS » ne peut pas être supprimée.")
        return super().delete(*args, **kwargs)

    @classmethod
    def default_for(cls, company) -> "SavedList":
        saved_list, _ = cls.objects.get_or_create(company=company, is_default=True,
                                                  defaults={"name": DEFAULT_LIST_NAME})
        return saved_list


class SavedCV(models.Model):
    saved_list = models.ForeignKey(SavedList, on_delete=models.CASCADE, related_name="items", verbose_name="liste")
    cv = models.ForeignKey("cvtheque.CV", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    note = models.TextField("note privée", blank=True, max_length=2000)
    saved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="+", verbose_name="sauvegardé par")
    saved_at = models.DateTimeField("sauvegardé le", default=timezone.now)

    class Meta:
        verbose_name = "CV sauvegardé"
        verbose_name_plural = "CV sauvegardés"
        ordering = ["-saved_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["saved_list", "cv"], name="cvtheque_cv_once_per_list"),
        ]

    def __str__(self):
        return f"{self.cv_id} dans {self.saved_list_id}"


def search_fingerprint(params: dict) -> str:
    """The identity of a search: same parameters (in any order) → same fingerprint."""
    canonical = json.dumps(params, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


class CVSearchQuerySet(models.QuerySet):
    def of_user(self, user):
        return self.filter(user=user)

    def favourites(self):
        return self.filter(is_favourite=True)

    def due_for_alert(self, now):
        """Favourites whose alert is due at ``now`` (a small tolerance keeps a daily run daily)."""
        daily = now - timedelta(hours=23)
        weekly = now - timedelta(days=7) + timedelta(hours=1)
        return self.favourites().filter(
            models.Q(alert_frequency=AlertFrequency.DAILY)
            & (models.Q(last_alert_at__isnull=True) | models.Q(last_alert_at__lte=daily))
            | models.Q(alert_frequency=AlertFrequency.WEEKLY)
            & (models.Q(last_alert_at__isnull=True) | models.Q(last_alert_at__lte=weekly)),
            is_favourite=True, user__is_active=True,
        )


class CVSearch(models.Model):
    """A search a recruiter ran (history), possibly starred as a favourite with an e-mail alert."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cv_searches",
                             verbose_name="recruteur")
    company = models.ForeignKey("companies.Company", on_delete=models.CASCADE, related_name="+",
                                verbose_name="entreprise")
    params = models.JSONField("paramètres", default=dict)
    fingerprint = models.CharField(max_length=64, editable=False)
    label = models.CharField("libellé", max_length=300)
    last_run_at = models.DateTimeField("dernière recherche", default=timezone.now)
    is_favourite = models.BooleanField("favorite", default=False)
    favourite_since = models.DateTimeField("favorite depuis", null=True, blank=True)
    alert_frequency = models.CharField("fréquence de l'alerte", max_length=10, choices=AlertFrequency.choices,
                                       default=AlertFrequency.DAILY)
    last_alert_at = models.DateTimeField("dernière alerte", null=True, blank=True)

    objects = CVSearchQuerySet.as_manager()

    class Meta:
        verbose_name = "recherche de CV"
        verbose_name_plural = "recherches de CV"
        ordering = ["-last_run_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "fingerprint"], name="cvtheque_search_once_per_user"),
        ]
        indexes = [models.Index(fields=["user", "-last_run_at"], name="cvtheque_search_history_idx")]

    def __str__(self):
        return self.label

    def save(self, *args, **kwargs):
        self.fingerprint = search_fingerprint(self.params)
        super().save(*args, **kwargs)

    @property
    def alert_since(self):
        """CVs visible or updated after this moment are new for the next alert."""
        return self.last_alert_at or self.favourite_since or self.last_run_at

    def star(self, now=None) -> None:
        if self.is_favourite:
            return
        self.is_favourite = True
        self.favourite_since = now or timezone.now()
        self.last_alert_at = None
        self.save(update_fields=["is_favourite", "favourite_since", "last_alert_at"])

    def unstar(self) -> None:
        self.is_favourite = False
        self.favourite_since = None
        self.save(update_fields=["is_favourite", "favourite_since"])

    def set_alert_frequency(self, frequency: str) -> None:
        self.alert_frequency = AlertFrequency(frequency)
        self.save(update_fields=["alert_frequency"])

    def stop_alert(self) -> None:
        self.set_alert_frequency(AlertFrequency.NONE)


class CVAlertSent(models.Model):
    """A CV already e-mailed for a favourite search: never sent twice for the same search."""

    search = models.ForeignKey(CVSearch, on_delete=models.CASCADE, related_name="sent_cvs")
    cv = models.ForeignKey("cvtheque.CV", on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "CV envoyé par alerte"
        verbose_name_plural = "CV envoyés par alerte"
        constraints = [models.UniqueConstraint(fields=["search", "cv"], name="cvtheque_alert_cv_once")]

    def __str__(self):
        return f"{self.cv_id} → {self.search_id}"
