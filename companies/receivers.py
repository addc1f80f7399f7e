"""What companies does when something happens in an app below it. Connected by ``CompaniesConfig.ready``."""

from django.dispatch import receiver

from accounts.signals import account_deleting

from .services import remove_member


@receiver(account_deleting, dispatch_uid="companies-remove-member")
def _remove_member_of_deleted_account(sender, user, **kwargs):
    remove_member(user)
