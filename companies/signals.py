"""Signals of the companies app: what the apps above it (offers…) react to."""

from django.dispatch import Signal

# Sent with ``company`` when its last member left (account deleted): the offers app withdraws its offers.
company_left_without_members = Signal()
