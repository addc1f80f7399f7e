from django.db import models
from django.utils import timezone


class OutgoingEmailQuerySet(models.QuerySet):
    def unsent(self):
        return self.filter(sent_at__isnull=True, attempts__lt=OutgoingEmail.MAX_ATTEMPTS)


class OutgoingEmail(models.Model):
    """An e-mail is a row first (what, to whom, why), then sent by a Celery task.

    ``dedup_key`` makes a periodic job idempotent: queueing the same key twice keeps one row.
    """

    MAX_ATTEMPTS = 8

    to = models.EmailField("destinataire")
    subject = models.CharField("objet", max_length=255)
    body_text = models.TextField("texte")
    body_html = models.TextField("HTML", blank=True)
    reason = models.CharField("motif", max_length=100)
    dedup_key = models.CharField(max_length=255, unique=True, null=True, blank=True)
    created_at = models.DateTimeField("créé le", default=timezone.now, db_index=True)
    sent_at = models.DateTimeField("envoyé le", null=True, blank=True)
    attempts = models.PositiveSmallIntegerField("tentatives", default=0)
    last_error = models.TextField("dernière erreur", blank=True)

    objects = OutgoingEmailQuerySet.as_manager()

    class Meta:
        verbose_name = "e-mail"
        verbose_name_plural = "e-mails"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["sent_at", "attempts"], name="mailing_unsent_idx")]

    def __str__(self):
        return f"{self.reason} → {self.to}"
