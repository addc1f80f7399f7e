from allauth.account.views import SignupView as AllauthSignupView
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from .access import candidate_required
from .enums import UserKind
from .forms import CandidateSettingsForm, DeleteAccountForm
from .personal_data import personal_data_zip
from .services import delete_account_and_logout

# A page of the site a candidate was on when they had to log in or sign up (set by « Postuler »), kept in the
# session so that it survives the sign-up and the e-mail confirmation
RESUME_SESSION_KEY = "after-login-url"


@login_required
def after_login(request):
    user = request.user
    resume = request.session.pop(RESUME_SESSION_KEY, "")
    if user.is_candidate and url_has_allowed_host_and_scheme(resume, allowed_hosts=None) and resume.startswith("/"):
        return redirect(resume)
    if user.is_recruiter:
        return redirect("accounts:dashboard")
    if user.is_candidate:
        return redirect("accounts:candidate_space")
    if user.is_staff:
        return redirect("admin:index")
    return redirect("home")


@candidate_required
def candidate_space(request):
    return render(request, "accounts/candidate_space.html")


@login_required
@require_http_methods(["GET", "POST"])
def personal_settings(request):
    """« Mes paramètres » of a person without a company part (candidates, moderators); a recruiter's
    page adds their company (``companies.views.settings_view`` serves the URL)."""
    user = request.user
    form = CandidateSettingsForm(request.POST or None,
                                 initial={"last_name": user.last_name, "first_name": user.first_name})
    if request.method == "POST" and form.is_valid():
        user.last_name = form.cleaned_data["last_name"]
        user.first_name = form.cleaned_data["first_name"]
        user.save(update_fields=["last_name", "first_name"])
        messages.success(request, "Vos paramètres ont été enregistrés.")
        return redirect("accounts:settings")
    return render(request, "accounts/settings.html", {"form": form})


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


@login_required
def my_data(request):
    """« Mes données »: download everything held about me, or delete my account."""
    return render(request, "accounts/my_data.html")


@login_required
def my_data_download(request):
    """« Télécharger mes données »: a ZIP built in this request."""
    response = HttpResponse(personal_data_zip(request.user), content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="mes-donnees-terre-d-emplois.zip"'
    response["Cache-Control"] = "no-store"
    return response


class SignupView(AllauthSignupView):
    """allauth's sign-up with the two tabs of the guide (CANDIDAT / RECRUTEUR) as ``?type=``."""

    def get_initial(self):
        initial = super().get_initial()
        initial["kind"] = UserKind.RECRUITER if self.request.GET.get("type") == "recruiter" else UserKind.CANDIDATE
        return initial

    def form_valid(self, form):
        """A sign-up started from a page (``next``: « Postuler », « Créer une alerte ») goes back to it after
        the e-mail confirmation and the first login: allauth's ``next`` does not survive the confirmation
        (which ends on the login page), the session does (``after_login`` reads it)."""
        back = self.request.POST.get("next") or self.request.GET.get("next") or ""
        if back.startswith("/") and url_has_allowed_host_and_scheme(back, allowed_hosts={self.request.get_host()}):
            self.request.session[RESUME_SESSION_KEY] = back
        return super().form_valid(form)


signup = SignupView.as_view()
