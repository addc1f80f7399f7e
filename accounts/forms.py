from allauth.account.forms import LoginForm as AllauthLoginForm
from django import forms
from django.contrib.auth import get_user_model
from stdnum.exceptions import InvalidChecksum, InvalidFormat, InvalidLength, ValidationError
from stdnum.fr import siret as stdnum_siret

from companies.enums import CompanySize
from referentials.forms import SectorField

from .enums import UserKind
from .models import RecruiterProfile

User = get_user_model()

PASSWORD_RULE = "8 caractères minimum, pas uniquement des chiffres, ni trop courant, ni trop proche de votre nom."


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


def normalize_siret(value: str) -> str:
    """Return the 14 digits of a valid SIRET or raise ``forms.ValidationError`` in French."""
    try:
        return stdnum_siret.validate(value)
    except InvalidLength:
        raise forms.ValidationError("Le numéro SIRET doit comporter 14 chiffres.") from None
    except InvalidFormat:
        raise forms.ValidationError("Le numéro SIRET ne doit contenir que des chiffres.") from None
    except InvalidChecksum:
        raise forms.ValidationError(
            "Ce numéro SIRET n'est pas valide (clé de contrôle incorrecte). Vérifiez-le sur votre extrait Kbis."
        ) from None
    except ValidationError:
        raise forms.ValidationError("Ce numéro SIRET n'est pas valide.") from None


class RecruiterSettingsForm(forms.Form):
    """« Mes paramètres » of a recruiter."""

    last_name = forms.CharField(label="Nom", max_length=150)
    first_name = forms.CharField(label="Prénom", max_length=150)
    job_title = forms.CharField(label="Poste occupé", max_length=150)
    company_name = forms.CharField(label="Société", max_length=200)
    siret = forms.CharField(
        label="Numéro SIRET", max_length=20,
        widget=forms.TextInput(attrs={"placeholder": "ex: 73282932000074", "inputmode": "numeric"}),
    )
    sector = SectorField(
        label="Secteur d'activité",
        help_text="Code NAF (ex : 47.11F) ou libellé : « boulangerie », « hypermarchés »…",
    )
    size = forms.ChoiceField(label="Taille de l'entreprise", choices=[("", "Choisissez une taille"),
                                                                       *CompanySize.choices])

    def __init__(self, *args, company_locked=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.company_locked = company_locked
        if company_locked:
            for name in ("company_name", "siret", "sector", "size"):
                self.fields[name].disabled = True
                self.fields[name].help_text = (
                    "Gérée par votre entreprise : modifiez-la depuis « Ma fiche entreprise »."
                    if name != "siret" else "Le SIRET de votre entreprise ne peut pas être modifié ici."
                )

    def clean_siret(self):
        if self.company_locked:
            return self.initial.get("siret", "")
        return normalize_siret(self.cleaned_data["siret"])


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
        if "remember" in self.fields:
            self.fields["remember"].label = "Se souvenir de moi"
