from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts.access import recruiter_required

from .enums import MembershipRole, MembershipStatus
from .models import Membership, MembershipError


def _requests_for(user):
    return Membership.objects.filter(
        status=MembershipStatus.PENDING,
        company__memberships__user=user,
        company__memberships__role=MembershipRole.ADMIN,
        company__memberships__status=MembershipStatus.ACCEPTED,
    ).select_related("user", "company").order_by("requested_at")


@recruiter_required
def membership_requests(request):
    """Pending requests to join the companies this recruiter administers."""
    return render(request, "companies/membership_requests.html", {"requests": _requests_for(request.user)})


@recruiter_required
@require_POST
def decide_membership(request, pk, decision):
    membership = get_object_or_404(_requests_for(request.user), pk=pk)
    try:
        if decision == "accepter":
            membership.accept(by=request.user)
            messages.success(request, f"{membership.user.get_full_name()} a rejoint {membership.company.name}.")
        else:
            membership.refuse(by=request.user)
            messages.info(request, f"La demande de {membership.user.get_full_name()} a été refusée.")
    except MembershipError as exc:
        messages.error(request, str(exc))
    return redirect("companies:membership_requests")
