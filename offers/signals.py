"""Signals of the offers app, for the apps above it (offers never imports them)."""

from django.dispatch import Signal

# Sent by ``Offer.duplicate`` once the copy is saved, in the same transaction, with ``source`` (the duplicated
# offer, possibly a revision), ``copy`` (the new Brouillon) and ``by`` (who duplicated it): an app keeping
# something per offer (multi-posting's choices per partner) gives the copy the same.
offer_duplicated = Signal()
