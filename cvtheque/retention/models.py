from django.conf import settings
from django.db import models
from django.utils import timezone


class RetentionNoticeKind(models.TextChoices):
    CV_HIDING = "cv_hiding", "CV bientôt masqué"
    ACCOUNT_DELETION = "account_deletion", "Compte bientôt supprimé"


class RetentionNotice(models.Model):
    """A warning e-mailed before retention hides a CV or deletes an account. ``reference`` is the date the
    delay runs from (the CV's last update, the account's last login): a warning is sent once per reference,
    and the action only happens 30 days after it; once the person acts, the reference moves on."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=RetentionNoticeKind.choices)
    reference = models.DateTimeField("délai compté depuis")
    sent_at = models.DateTimeField("envoyé le", default=timezone.now)

    class Meta:
        verbose_name = "avertissement de conservation"
        verbose_name_plural = "avertissements de conservation"
        constraints = [models.UniqueConstraint(fields=["user", "kind", "reference"], name="cvtheque_notice_once")]

    def __str__(self):
        return f"{self.get_kind_display()} : {self.user_id} ({self.sent_at:%d/%m/%Y})"
