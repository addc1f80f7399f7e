from django.contrib.auth import logout
from django.db import transaction

from .signals import account_deleting


@transaction.atomic
def delete_account(user) -> None:
    """Erase a person's account and personal data.

    The apps above accounts settle what they keep about the person first (``account_deleting``:
    companies removes the memberships, so that a company left with no member has its offers withdrawn
    while one that keeps members keeps them). Everything the user owns personally (profile, CV, saved
    lists, searches) is deleted with the user row by ``on_delete=CASCADE``."""
    account_deleting.send(sender=user.__class__, user=user)
    user.delete()


def delete_account_and_logout(request) -> None:
    user = request.user
    logout(request)
    delete_account(user)
