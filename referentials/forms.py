"""Form fields for referentials, used by offers, the CVthèque, companies and settings.

Each field renders a plain text input (``AutocompleteInput``) that works without JavaScript: what the
person typed is resolved on the server (best match, see ``referentials.services``) and an unknown value
gives a French error. With JavaScript, ``static/js/autocomplete.js`` turns the input into an ARIA
combobox fed by the JSON endpoints (``referentials:places``, ``referentials:metiers``,
``referentials:sectors``). Templates that render these fields include ``{{ form.media }}``
(the script and its small stylesheet).

    CommuneField()          -> Commune
    PlaceField(kinds=None)  -> services.Place (commune, EPCI, département or région; ``.commune_ids()``)
    RadiusField()           -> int km (5 to 100) or None; expand with ``services.communes_within(commune, km)``
    MetierField()           -> Metier
    MetierMultipleField()   -> list[Metier] (comma-separated text, or repeated inputs of the same name)
    SectorField()           -> Sector (NAF sub-class, typed by code « 47.11F » or by label)
"""

from django import forms
from django.urls import reverse_lazy

from . import sectors, services
from .enums import PlaceKind
from .models import Commune, Metier, Sector

RADIUS_CHOICES = [(5, "5 km"), (10, "10 km"), (20, "20 km"), (30, "30 km"), (50, "50 km"), (100, "100 km")]


class AutocompleteInput(forms.TextInput):
    """A text input that autocomplete.js enhances into an ARIA combobox (the script adds the list box)."""

    def __init__(self, url, attrs=None, kinds=None, multiple=False):
        base = {"autocomplete": "off", "spellcheck": "false", "data-autocomplete": "", "maxlength": "200"}
        if multiple:
            base["data-autocomplete-multiple"] = ""
            base["maxlength"] = "1000"
        base.update(attrs or {})
        super().__init__(base)
        self.url = url
        self.kinds = kinds

    class Media:
        js = ["js/autocomplete.js"]
        css = {"all": ["css/referentials.css"]}

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        url = str(self.url)
        if self.kinds:
            url += "?types=" + ",".join(self.kinds)
        context["widget"]["attrs"]["data-autocomplete-url"] = url
        return context


class MultipleAutocompleteInput(AutocompleteInput):
    """Accepts ``name=a&name=b`` (repeated inputs) as well as one comma-separated text."""

    def __init__(self, url, attrs=None):
        super().__init__(url, attrs=attrs, multiple=True)

    def value_from_datadict(self, data, files, name):
        if hasattr(data, "getlist"):
            values = [v for v in data.getlist(name) if v and v.strip()]
            return values if len(values) > 1 else (values[0] if values else "")
        return data.get(name)

    def format_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(str(v) for v in value)
        return super().format_value(value)


class _ReferentialField(forms.Field):
    """A text field resolved to a referential object on the server."""

    url = None
    model = None
    not_found = "Aucune correspondance pour « {value} »."

    def __init__(self, *, max_length=200, attrs=None, **kwargs):
        self.max_length = max_length
        kwargs.setdefault("widget", self.make_widget(attrs))
        super().__init__(**kwargs)

    def make_widget(self, attrs):
        return AutocompleteInput(self.url, attrs=attrs)

    def resolve(self, text):  # pragma: no cover - overridden
        raise NotImplementedError

    def is_resolved(self, value):
        return False

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if self.is_resolved(value):
            return value
        if isinstance(value, int) and self.model is not None:  # a primary key (ModelForm initial)
            return self.model.objects.filter(pk=value).first()
        text = str(value).strip()
        if not text:
            return None
        if len(text) > self.max_length:
            raise forms.ValidationError(f"{self.max_length} caractères au maximum.", code="max_length")
        obj = self.resolve(text)
        if obj is None:
            raise forms.ValidationError(self.not_found.format(value=text[:60]), code="not_found")
        return obj

    def prepare_value(self, value):
        if value in self.empty_values:
            return ""
        if isinstance(value, str):
            return value
        if self.model is not None and not isinstance(value, self.model) and not self.is_resolved(value):
            value = self.model.objects.filter(pk=value).first()  # a primary key (ModelForm initial)
            if value is None:
                return ""
        return self.label_of(value)

    def label_of(self, value):
        return str(value)

    def has_changed(self, initial, data):
        return self.prepare_value(initial) != (data or "")


class CommuneField(_ReferentialField):
    url = reverse_lazy("referentials:places")
    model = Commune
    not_found = "Aucune commune ne correspond à « {value} ». Choisissez une commune dans la liste proposée."

    def make_widget(self, attrs):
        return AutocompleteInput(self.url, attrs=attrs, kinds=[PlaceKind.COMMUNE.value])

    def is_resolved(self, value):
        return isinstance(value, Commune)

    def resolve(self, text):
        place = services.resolve_place(text, kinds=(PlaceKind.COMMUNE,))
        return place.obj if place else None

    def label_of(self, value):
        return services.place_label(PlaceKind.COMMUNE, value)


class PlaceField(_ReferentialField):
    """A commune, an EPCI, a département or a région → ``services.Place``."""

    url = reverse_lazy("referentials:places")
    not_found = "Aucun lieu ne correspond à « {value} ». Tapez une ville, un code postal, un département ou une région."

    def __init__(self, *, kinds=None, **kwargs):
        self.kinds = tuple(kinds) if kinds else None
        super().__init__(**kwargs)

    def make_widget(self, attrs):
        return AutocompleteInput(self.url, attrs=attrs, kinds=[str(k) for k in self.kinds] if self.kinds else None)

    def is_resolved(self, value):
        return isinstance(value, services.Place)

    def resolve(self, text):
        return services.resolve_place(text, kinds=self.kinds)

    def label_of(self, value):
        if isinstance(value, Commune):
            return services.place_label(PlaceKind.COMMUNE, value)
        return str(value)


class RadiusField(forms.TypedChoiceField):
    """« dans un rayon de » : 5 to 100 km, optional."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", "Rayon")
        kwargs.setdefault("required", False)
        kwargs.setdefault("choices", [("", "Lieu exact"), *RADIUS_CHOICES])
        kwargs.setdefault("coerce", int)
        kwargs.setdefault("empty_value", None)
        super().__init__(**kwargs)


class MetierField(_ReferentialField):
    url = reverse_lazy("referentials:metiers")
    model = Metier
    not_found = "Aucun métier ne correspond à « {value} ». Choisissez un métier dans la liste proposée."

    def is_resolved(self, value):
        return isinstance(value, Metier)

    def resolve(self, text):
        return services.resolve_metier(text)


class MetierMultipleField(_ReferentialField):
    """Several métiers: « Vendeur, Soudeur » or repeated inputs → list of Metier (deduplicated, in order)."""

    url = reverse_lazy("referentials:metiers")
    not_found = "Aucun métier ne correspond à : {value}."

    def __init__(self, *, max_items=10, **kwargs):
        self.max_items = max_items
        kwargs.setdefault("max_length", 1000)
        super().__init__(**kwargs)

    def make_widget(self, attrs):
        return MultipleAutocompleteInput(self.url, attrs=attrs)

    def to_python(self, value):
        if value in self.empty_values:
            return []
        items = value if isinstance(value, list | tuple) else str(value)[: self.max_length * 2].split(",")
        metiers, unknown = [], []
        for item in items:
            if isinstance(item, Metier):
                found = item
            else:
                text = str(item).strip()
                if not text:
                    continue
                found = services.resolve_metier(text)
                if found is None:
                    unknown.append(f"« {text[:60]} »")
                    continue
            if found not in metiers:
                metiers.append(found)
        if unknown:
            raise forms.ValidationError(self.not_found.format(value=", ".join(unknown)), code="not_found")
        if len(metiers) > self.max_items:
            raise forms.ValidationError(f"{self.max_items} métiers au maximum.", code="max_items")
        return metiers

    def validate(self, value):
        if self.required and not value:
            raise forms.ValidationError(self.error_messages["required"], code="required")

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(str(v) for v in value)
        return super().prepare_value(value)


class SectorField(_ReferentialField):
    url = reverse_lazy("referentials:sectors")
    model = Sector
    not_found = "Aucun secteur d'activité ne correspond à « {value} ». Tapez un code NAF (ex : 47.11F) ou un libellé."

    def is_resolved(self, value):
        return isinstance(value, Sector)

    def resolve(self, text):
        return sectors.resolve_sector(text)

    def prepare_value(self, value):
        """A sector is shown by its code and label (« 01.21Z – Culture de la vigne »), also when the form
        holds only its code (a ModelForm's initial value, the code being the primary key)."""
        if isinstance(value, str) and (sector := Sector.objects.filter(pk=value, section__isnull=False).first()):
            return str(sector)
        return super().prepare_value(value)
