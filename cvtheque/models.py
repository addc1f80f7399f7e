"""The CVthèque's models, for Django's registry (one app, ``cvtheque``; each model lives with its part).

- ``cvs``: candidates' CVs, their search entries and who viewed them;
- ``recruiting``: the recruiters' saved lists, search history, favourites and alerts;
- ``referrals``: spouse referrals (« Rapprochement de conjoints »);
- ``retention``: the warnings sent before retention hides a CV or deletes an account."""

from .cvs.models import CV, CVSearchEntry, CVView
from .recruiting.models import CVAlertSent, CVSearch, SavedCV, SavedList
from .referrals.models import SpouseReferral
from .retention.models import RetentionNotice

__all__ = ["CV", "CVAlertSent", "CVSearch", "CVSearchEntry", "CVView", "RetentionNotice", "SavedCV", "SavedList",
           "SpouseReferral"]
