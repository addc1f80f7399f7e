"""« Rapprochement de conjoints »: the presenting recruiter's pages and the partner's signed page."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from companies.access import company_required
from cvtheque.referrals import services
from cvtheque.referrals.forms import PartnerProfileForm, SpouseReferralForm
from cvtheque.referrals.models import SpouseReferral


@company_required
def referrals(request):
    """The referrals the recruiter made, with their status."""
    items = SpouseReferral.objects.presented_by(request.user).select_related("cv", "cv__commune")
    return render(request, "cvtheque/spouse/index.html", {"referrals": items})


@company_required
@require_http_methods(["GET", "POST"])
def referral_create(request):
    form = SpouseReferralForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        referral = services.present_partner(request.company, request.user,
                                            {**form.cleaned_data, "document_kind": form.document_kind})
        messages.success(request, f"{referral.first_name} {referral.last_name} a été présenté(e) : son profil est "
                                  "visible dans la CVthèque et un e-mail lui a été envoyé.")
        return redirect("cvtheque:spouse_referrals")
    return render(request, "cvtheque/spouse/create.html", {"form": form}, status=400 if form.errors else 200)


@never_cache
@require_http_methods(["GET", "POST"])
def partner_profile(request, token):
    """The partner's page (signed link of the e-mail, no login): correct, delete or claim the profile."""
    referral = services.referral_from_token(token)
    if referral is None or (referral.cv is not None and not referral.link_is_open):  # claimed, hidden or expired
        return render(request, "cvtheque/spouse/partner.html", {"invalid": True}, status=400)
    cv = referral.cv
    form = None
    if cv is not None:
        form = PartnerProfileForm(initial={
            "headline": cv.headline, "phone": cv.phone, "mobility_km": cv.mobility_km,
            "contract_types": cv.contract_types, "availability": cv.availability,
        })
    if request.method == "POST" and cv is not None:
        action = request.POST.get("action")
        if action == "delete":
            services.delete_profile(referral)
            messages.success(request, "Votre profil a été supprimé de la CVthèque.")
            return redirect(request.path)
        if action == "claim":
            user = request.user
            if user.is_authenticated and user.is_candidate and services.claim_profile(referral, user):
                messages.success(request, "Ce profil est maintenant rattaché à votre compte candidat.")
                return redirect("cvtheque:my_cv")
            messages.error(request, "Connectez-vous avec un compte candidat qui n'a pas encore de CV pour "
                                    "rattacher ce profil.")
            return redirect(request.path)
        form = PartnerProfileForm(request.POST)
        if form.is_valid():
            services.correct_profile(referral, form.cleaned_data)
            messages.success(request, "Votre profil a été corrigé.")
            return redirect(request.path)
    return render(request, "cvtheque/spouse/partner.html", {"referral": referral, "cv": cv, "form": form},
                  status=400 if form is not None and form.errors else 200)
