"""The CVthèque's admin pages, registered by each part's ``admin`` module (Django's autodiscovery reads
this module only)."""

from .cvs import admin as cvs_admin
from .recruiting import admin as recruiting_admin
from .referrals import admin as referrals_admin
from .retention import admin as retention_admin

__all__ = ["cvs_admin", "recruiting_admin", "referrals_admin", "retention_admin"]
