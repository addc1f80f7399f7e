"""Signals of the referentials app."""

from django.dispatch import Signal

# Sent after the referentials were loaded or restored in bulk (``load_referentials``, the tests' snapshot):
# the rows were written without ``post_save``, so whoever keeps something derived from them forgets it.
# ``changed_metier_ids`` (``load_referentials`` only; absent otherwise): the existing métiers whose forms the load
# rewrote (new métiers are not in it: nothing refers to them yet).
referentials_loaded = Signal()
