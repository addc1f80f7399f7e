from allauth.account.views import SignupView as AllauthSignupView
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from companies.services import attach_recruiter, current_company, pending_membership

from .access import candidate_required, recruiter_required
from .enums import UserKind
from .forms import CandidateSettingsForm, DeleteAccountForm, RecruiterSettingsForm
from .models import RecruiterProfile
from .services import delete_account_and_logout


@login_required
def after_login(request):
    user = request.user
    if user.is_recruiter:
        return redirect("accounts:dashboard")
    if user.is_candidate:
        return redirect("accounts:candidate_space")
    if user.is_staff:
        return redirect("admin:index")
    return redirect("home")


@recruiter_required
def dashboard(request):
    """« Mon espace recruteur »: its blocks appear as the features they lead to exist."""
    return render(request, "accounts/dashboard.html", {
        "company": current_company(request.user),
        "pending": pending_membership(request.user),
    })


@candidate_required
def candidate_space(request):
    return render(request, "accounts/candidate_space.html")


def _recruiter_initial(user, company):
    profile = getattr(user, "recruiter_profile", None)
    initial = {
        "last_name": user.last_name,
        "first_name": user.first_name,
        "job_title": profile.job_title if profile else "",
    }
    if company:
        initial.update(company_name=company.name, siret=company.siret, sector=company.sector_id, size=company.size)
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def settings_view(request):
    """« Mes paramètres »."""
    user = request.user
    if user.is_recruiter:
        return _recruiter_settings(request)
    form = CandidateSettingsForm(request.POST or None,
                                 initial={"last_name": user.last_name, "first_name": user.first_name})
    if request.method == "POST" and form.is_valid():
        user.last_name = form.cleaned_data["last_name"]
        user.first_name = form.cleaned_data["first_name"]
        user.save(update_fields=["last_name", "first_name"])
        messages.success(request, "Vos paramètres ont été enregistrés.")
        return redirect("accounts:settings")
    return render(request, "accounts/settings.html", {"form": form})


@transaction.atomic
def _recruiter_settings(request):
    user = request.user
    company = current_company(user)
    pending = pending_membership(user)
    form = RecruiterSettingsForm(request.POST or None, initial=_recruiter_initial(user, company),
                                 company_locked=company is not None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user.last_name, user.first_name = data["last_name"], data["first_name"]
        user.save(update_fields=["last_name", "first_name"])
        RecruiterProfile.objects.update_or_create(user=user, defaults={"job_title": data["job_title"]})
        if company is None:
            result = attach_recruiter(user, name=data["company_name"], siret=data["siret"],
                                      sector=data["sector"], size=data["size"])
            if result.pending:
                messages.info(
                    request,
                    f"L'entreprise {result.company.name} est déjà inscrite avec ce SIRET. Votre demande de "
                    "rattachement a été envoyée à ses administrateurs : vous recevrez un e-mail dès qu'elle "
                    "sera acceptée.",
                )
            else:
                messages.success(request, f"Vous êtes rattaché(e) à l'entreprise {result.company.name}.")
        messages.success(request, "Vos paramètres ont été enregistrés.")
        return redirect("accounts:settings")
    return render(request, "accounts/settings.html", {"form": form, "company": company, "pending": pending})


@login_required
@require_http_methods(["GET", "POST"])
def delete_account_view(request):
    """« Supprimer mon compte »: asks for the password, then erases the account."""
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        delete_account_and_logout(request)
        messages.success(request, "Votre compte et vos données personnelles ont été supprimés.")
        return redirect("home")
    return render(request, "accounts/delete_account.html", {"form": form})


class SignupView(AllauthSignupView):
    """allauth's sign-up with the two tabs of the guide (CANDIDAT / RECRUTEUR) as ``?type=``."""

    def get_initial(self):
        initial = super().get_initial()
        initial["kind"] = UserKind.RECRUITER if self.request.GET.get("type") == "recruiter" else UserKind.CANDIDATE
        return initial


signup = SignupView.as_view()
