from dataclasses import dataclass, field

from django import forms
from django.db import transaction
from django_ckeditor_5.widgets import CKEditor5Widget
from stdnum.exceptions import InvalidChecksum, InvalidFormat, InvalidLength, ValidationError
from stdnum.fr import siret as stdnum_siret

from referentials.forms import CommuneField, SectorField
from toolkit.images import validate_and_clean_image
from toolkit.richtext import clean_rich_text

from .enums import CompanySize
from .models import DESCRIPTION_MAX_HTML_CHARS, Company
from .validators import validate_social_url, validate_web_url

IMAGE_HELP = "L'image ne doit pas excéder 1 Mo et doit être au format jpg ou png."
LOGO_MAX_SIDE = 800
BANNER_MAX_SIDE = 2400


@dataclass
class Fieldset:
    """A titled group of bound fields, shaped like a form for ``includes/form_fields.html``."""

    legend: str
    fields: list = field(default_factory=list)
    non_field_errors: str = ""

    def visible_fields(self):
        return self.fields

    def hidden_fields(self):
        return []


class ImageUploadField(forms.FileField):
    """A JPEG or PNG checked by content (``toolkit.images``); cleans to a re-encoded ``ContentFile``."""

    widget = forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"})

    def __init__(self, *, max_side=None, **kwargs):
        self.max_side = max_side
        super().__init__(**kwargs)

    def to_python(self, data):
        data = super().to_python(data)
        if data is None:
            return None
        return validate_and_clean_image(data, max_side=self.max_side)


class CompanyPageForm(forms.ModelForm):
    """« Ma fiche entreprise »: the public page of a company, edited by its members."""

    FIELDSETS = [
        ("Informations", ["name", "logo", "phone", "email", "sector", "size", "employee_count", "founded_on"]),
        ("Adresse", ["street_number", "street_name", "commune"]),
        ("Description", ["description"]),
        ("Liens", ["website", "twitter_url", "facebook_url", "instagram_url", "linkedin_url", "youtube_url"]),
        ("Images", ["banner"]),
    ]
    SOCIAL_FIELDS = {"twitter_url": "twitter", "facebook_url": "facebook", "instagram_url": "instagram",
                     "linkedin_url": "linkedin", "youtube_url": "youtube"}

    name = forms.CharField(label="Nom de l'entreprise", max_length=200)
    logo = ImageUploadField(label="Votre logo", required=False, help_text=IMAGE_HELP, max_side=LOGO_MAX_SIDE)
    phone = forms.RegexField(
        label="Téléphone", required=False, max_length=20, regex=r"^\+?[0-9 .()-]{6,20}$",
        error_messages={"invalid": "Saisissez un numéro de téléphone valide, par exemple 04 68 11 22 33."},
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(label="Email", required=False)
    sector = SectorField(label="Secteur d'activité")
    size = forms.ChoiceField(label="Type d'entreprise", choices=CompanySize.choices)
    employee_count = forms.IntegerField(label="Nombre d'employé", required=False, min_value=0, max_value=10_000_000)
    founded_on = forms.DateField(
        label="Date de création", required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
    )
    street_number = forms.CharField(label="Numéro de rue", required=False, max_length=20)
    street_name = forms.CharField(label="Nom de rue", required=False, max_length=200)
    commune = CommuneField(label="Ville")
    description = forms.CharField(label="Description", required=False, max_length=DESCRIPTION_MAX_HTML_CHARS,
                                  widget=CKEditor5Widget(config_name="default"))
    website = forms.URLField(label="Site web", required=False, assume_scheme="https", validators=[validate_web_url])
    twitter_url = forms.URLField(label="Lien Twitter", required=False, assume_scheme="https")
    facebook_url = forms.URLField(label="Lien Facebook", required=False, assume_scheme="https")
    instagram_url = forms.URLField(label="Lien Instagram", required=False, assume_scheme="https")
    linkedin_url = forms.URLField(label="Lien LinkedIn", required=False, assume_scheme="https")
    youtube_url = forms.URLField(label="Lien Youtube", required=False, assume_scheme="https")
    banner = ImageUploadField(
        label="Image de bannière", required=False, max_side=BANNER_MAX_SIDE,
        help_text="Elle sera affichée sur la page de votre entreprise. " + IMAGE_HELP,
    )
    is_online = forms.TypedChoiceField(
        label="Mettre en ligne ma fiche entreprise ?", choices=[("1", "Oui"), ("0", "Non")],
        coerce=lambda v: v == "1", widget=forms.RadioSelect, empty_value=False,
    )

    class Meta:
        model = Company
        fields = [
            "name", "logo", "phone", "email", "sector", "size", "employee_count", "founded_on",
            "street_number", "street_name", "commune", "description",
            "website", "twitter_url", "facebook_url", "instagram_url", "linkedin_url", "youtube_url",
            "banner", "is_online",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["is_online"] = "1" if self.instance.is_online else "0"
        for name, network in self.SOCIAL_FIELDS.items():
            self.fields[name].validators.append(lambda url, network=network: validate_social_url(url, network))

    def save(self, commit=True):
        """Replaced or cleared logo and banner files are deleted once the new ones are committed."""
        replaced = [self.initial.get(name) for name in ("logo", "banner") if name in self.changed_data]
        company = super().save(commit=commit)
        for old in replaced:
            if old and old.name and old.name not in {company.logo.name, company.banner.name}:
                storage, name = old.storage, old.name
                transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))
        return company

    def fieldsets(self) -> list[Fieldset]:
        return [Fieldset(legend, [self[name] for name in names]) for legend, names in self.FIELDSETS]

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean_description(self):
        return clean_rich_text(self.cleaned_data.get("description", ""))


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
