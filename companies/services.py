"""Named actions on companies: attaching a recruiter (« Mes paramètres »), membership requests, a member
leaving, the moderation taking a page offline. E-mails are sent here, never by the models."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from mailing.services import queue_email

from .enums import MembershipRole, MembershipStatus
from .models import Company, Membership
from .signals import company_left_without_members


@dataclass
class AttachResult:
    company: Company
    membership: Membership
    created_company: bool
    pending: bool


@transaction.atomic
def attach_recruiter(user, *, name: str, siret: str, sector, size: str) -> AttachResult:
    """Attach ``user`` to the company with this SIRET.

    A new SIRET creates the company with the user as its administrator. A SIRET already
    registered never gives access by itself: it creates a pending request that an
    administrator of the company or a moderator accepts or refuses."""
    # get_or_create on the unique SIRET: of two recruiters posting the same new SIRET at the same moment, one
    # creates the company, the other waits for that commit, then finds it and becomes a member request.
    company, created_company = Company.objects.get_or_create(
        siret=siret, defaults={"name": name, "sector": sector, "size": size})
    if created_company:
        membership = Membership.objects.create(
            company=company, user=user, role=MembershipRole.ADMIN, status=MembershipStatus.ACCEPTED
        )
        return AttachResult(company, membership, created_company=True, pending=False)
    company = Company.objects.select_for_update().get(pk=company.pk)
    membership, created = Membership.objects.get_or_create(company=company, user=user)
    if membership.status == MembershipStatus.ACCEPTED:
        return AttachResult(company, membership, created_company=False, pending=False)
    if not created and membership.status == MembershipStatus.REFUSED:
        membership.status = MembershipStatus.PENDING
        membership.decided_at = None
        membership.decided_by = None
        membership.save(update_fields=["status", "decided_at", "decided_by"])
        created = True
    if created:
        notify_membership_request(membership)
    return AttachResult(company, membership, created_company=False, pending=True)


def current_company(user) -> Company | None:
    """The company a recruiter acts for (their first accepted membership), or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    membership = (
        Membership.objects.filter(user=user, status=MembershipStatus.ACCEPTED)
        .select_related("company")
        .order_by("requested_at")
        .first()
    )
    return membership.company if membership else None


def companies_of(user):
    return Company.objects.of_member(user).order_by("name")


def pending_membership(user) -> Membership | None:
    return (
        Membership.objects.filter(user=user, status=MembershipStatus.PENDING).select_related("company").first()
    )


def notify_membership_request(membership: Membership) -> None:
    admins = [m.user for m in membership.company.memberships.filter(
        role=MembershipRole.ADMIN, status=MembershipStatus.ACCEPTED).select_related("user")]
    recipients = admins or list(get_user_model().objects.filter(is_staff=True, is_active=True))
    for admin_user in recipients:
        queue_email(
            admin_user.email, "companies/emails/membership_request",
            {"membership": membership, "recipient": admin_user},
            reason="membership_request", dedup_key=f"membership-request-{membership.pk}-{admin_user.pk}-"
            f"{membership.requested_at:%Y%m%d%H%M%S}",
        )


def notify_membership_decision(membership: Membership) -> None:
    queue_email(
        membership.user.email, "companies/emails/membership_decision", {"membership": membership},
        reason="membership_decision",
    )


@transaction.atomic
def decide_membership_request(membership: Membership, *, by, accept: bool) -> None:
    """Accept or refuse a pending request to join a company; the recruiter is e-mailed the decision."""
    if accept:
        membership.accept(by=by)
    else:
        membership.refuse(by=by)
    notify_membership_decision(membership)


def remove_member(user) -> None:
    """Called when a recruiter deletes their account: a company left with no member has its
    offers withdrawn (``company_left_without_members``); one that keeps members keeps its offers."""
    for membership in Membership.objects.filter(user=user).select_related("company"):
        company = membership.company
        membership.delete()
        others = company.memberships.filter(status=MembershipStatus.ACCEPTED)
        if not others.exists():
            company_left_without_members.send(sender=Company, company=company)
        elif not others.filter(role=MembershipRole.ADMIN).exists():
            first = others.order_by("requested_at").first()
            first.role = MembershipRole.ADMIN
            first.save(update_fields=["role"])


@transaction.atomic
def take_offline(company: Company, *, by, reason: str) -> None:
    """Staff take a company page offline; every member is e-mailed the reason."""
    company.take_offline(by=by, reason=reason)
    notify_taken_offline(company)


def notify_taken_offline(company: Company) -> None:
    """E-mail every member the reason why the moderation took their company page offline."""
    for membership in company.accepted_members():
        queue_email(
            membership.user.email, "companies/emails/taken_offline",
            {"company": company, "recipient": membership.user},
            reason="company_taken_offline",
            dedup_key=f"company-offline-{company.pk}-{membership.user_id}-{company.offline_at:%Y%m%d%H%M%S}",
        )
