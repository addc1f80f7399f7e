"""Retention (CNIL recruitment guide): personal data kept no longer than needed. See ``services``."""
