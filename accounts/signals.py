"""Signals of the accounts app: what the apps above it (companies…) react to."""

from django.dispatch import Signal

# Sent with ``user`` inside the transaction that erases a person's account, before the user row is
# deleted: an app above accounts that keeps something about the person settles it (companies: the
# memberships, and the offers of a company left without members).
account_deleting = Signal()

# Sent with ``user`` when the person downloads « Mes données »: each app above accounts returns what it
# holds about them, as an ``accounts.personal_data.PersonalData`` (or a list of them).
personal_data_requested = Signal()
