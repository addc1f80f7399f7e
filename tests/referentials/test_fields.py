import pytest
from django import forms

from referentials.forms import CommuneField, MetierField, MetierMultipleField, PlaceField, RadiusField, SectorField
from referentials.services import Place
from tests.referentials.factories import CommuneFactory, MetierFactory, SectorFactory

pytestmark = pytest.mark.django_db


class SampleForm(forms.Form):
    commune = CommuneField(label="Ville", required=False)
    place = PlaceField(label="Lieu", required=False)
    radius = RadiusField()
    metier = MetierField(label="Métier", required=False)
    metiers = MetierMultipleField(label="Métiers", required=False)
    sector = SectorField(label="Secteur d'activité", required=False)


def test_text_typed_without_javascript_is_resolved_on_the_server():
    commune = CommuneFactory(carcassonne=True)
    vendeur = MetierFactory(name="Vendeur", name_feminine="Vendeuse")
    soudeur = MetierFactory(name="Soudeur", name_feminine="Soudeuse", synonyms=[])
    sector = SectorFactory()
    form = SampleForm({"commune": "carcassonne", "place": "Carcassonne (11000)", "radius": "50",
                       "metier": "vendeuse", "metiers": "Soudeur, vendeuse", "sector": "47.11F"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["commune"] == commune
    assert isinstance(form.cleaned_data["place"], Place)
    assert form.cleaned_data["place"].commune_ids() == [commune.pk]
    assert form.cleaned_data["radius"] == 50
    assert form.cleaned_data["metier"] == vendeur
    assert form.cleaned_data["metiers"] == [soudeur, vendeur]
    assert form.cleaned_data["sector"] == sector


def test_repeated_inputs_give_several_metiers():
    vendeur = MetierFactory(name="Vendeur", name_feminine="Vendeuse")
    soudeur = MetierFactory(name="Soudeur", name_feminine="Soudeuse", synonyms=[])
    from django.http import QueryDict

    data = QueryDict(mutable=True)
    data.setlist("metiers", ["Soudeur / Soudeuse", "Vendeur / Vendeuse"])
    form = SampleForm(data)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["metiers"] == [soudeur, vendeur]


def test_unknown_values_give_french_errors():
    form = SampleForm({"commune": "zzzzqqq", "place": "xxyyzz", "metier": "qwxz", "metiers": "qwxz, vendeur",
                       "sector": "99.99Z"})
    assert not form.is_valid()
    assert "Aucune commune ne correspond à « zzzzqqq »" in form.errors["commune"][0]
    assert "Aucun lieu ne correspond" in form.errors["place"][0]
    assert "Aucun métier ne correspond" in form.errors["metier"][0]
    assert "« qwxz »" in form.errors["metiers"][0]
    assert "Aucun secteur d'activité" in form.errors["sector"][0]


def test_widget_renders_an_accessible_text_input_with_the_lookup_url():
    html = str(SampleForm()["commune"])
    assert 'type="text"' in html
    assert 'data-autocomplete-url="/api/lieux/?types=commune"' in html
    assert "js/autocomplete.js" in str(SampleForm().media)


def test_initial_objects_are_shown_as_their_label():
    commune = CommuneFactory(carcassonne=True)
    metier = MetierFactory(name="Vendeur", name_feminine="Vendeuse")
    form = SampleForm(initial={"commune": commune.pk, "metier": metier, "metiers": [metier]})
    assert 'value="Carcassonne (11000)"' in str(form["commune"])
    assert 'value="Vendeur / Vendeuse"' in str(form["metier"])
    assert 'value="Vendeur / Vendeuse"' in str(form["metiers"])
