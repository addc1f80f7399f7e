"""Signals of the referentials app."""

from django.dispatch import Signal

# Sent after the referentials were loaded or restored in bulk (``load_referentials``, the tests' snapshot):
# the rows were written without ``post_save``, so whoever keeps something derived from them forgets it.
referentials_loaded = Signal()
