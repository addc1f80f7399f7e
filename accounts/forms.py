from allauth.account.forms import LoginForm as AllauthLoginForm
from django import forms

from .enums import UserKind
from .models import RecruiterProfile


class SignupExtraForm(forms.Form):
    """Extra sign-up fields (allauth ``ACCOUNT_SIGNUP_FORM_CLASS``): two tabs, one form."""

    kind = forms.ChoiceField(choices=UserKind.choices, widget=forms.HiddenInput, initial=UserKind.CANDIDATE)
    last_name = forms.CharField(label="Nom", max_length=150)
    first_name = forms.CharField(label="Prénom", max_length=150)
    job_title = forms.CharField(label="Poste occupé", max_length=150, required=False)

    field_order = ["kind", "last_name", "first_name", "job_title", "email", "password1"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == UserKind.RECRUITER and not cleaned.get("job_title", "").strip():
            self.add_error("job_title", "Indiquez le poste que vous occupez.")
        return cleaned

    def signup(self, request, user):
        user.first_name = self.cleaned_data["first_name"].strip()
        user.last_name = self.cleaned_data["last_name"].strip()
        user.kind = self.cleaned_data["kind"]
        user.save(update_fields=["first_name", "last_name", "kind"])
        if user.kind == UserKind.RECRUITER:
            RecruiterProfile.objects.create(user=user, job_title=self.cleaned_data["job_title"].strip())


class CandidateSettingsForm(forms.Form):
    last_name = forms.CharField(label="Nom", max_length=150)
    first_name = forms.CharField(label="Prénom", max_length=150)


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label="Votre mot de passe", widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("Mot de passe incorrect.")
        return password


class LoginForm(AllauthLoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"].label = "Votre e-mail"
        self.fields["password"].label = "Mot de passe"
        # allauth adds « Mot de passe oublié ? » under the field; the login page already has the link.
        self.fields["password"].help_text = ""
        if "remember" in self.fields:
            self.fields["remember"].label = "Se souvenir de moi"
