"""The CVthèque's Celery tasks, for Celery's autodiscovery (which reads ``<app>.tasks``); each task lives
with its part."""

from .cvs.tasks import extract_cv_text, extract_pending_cvs
from .recruiting.tasks import send_cv_alerts
from .retention.tasks import apply_retention
from .search.tasks import refresh_metier_cvs

__all__ = ["apply_retention", "extract_cv_text", "extract_pending_cvs", "refresh_metier_cvs", "send_cv_alerts"]
