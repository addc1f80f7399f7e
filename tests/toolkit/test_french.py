"""French elision before a name (toolkit.french and its « de » / « le » template filters)."""

import pytest
from django.template import Context, Template

from toolkit.french import de, le


@pytest.mark.parametrize(("name", "expected"), [
    ("Inès", "d'Inès"),
    ("Hôtel des Remparts", "d'Hôtel des Remparts"),
    ("Marc", "de Marc"),
    ("Éric", "d'Éric"),
    ("Yves", "d'Yves"),
    ("Yannick", "de Yannick"),
    ("Hollande Boulangerie", "de Hollande Boulangerie"),
    ("Hameau des Oliviers", "de Hameau des Oliviers"),
    ("Océane", "d'Océane"),
    ("3 Vallées Services", "de 3 Vallées Services"),
    ("", "de "),
])
def test_de_elides_before_a_vowel_or_a_mute_h(name, expected):
    assert de(name) == expected


def test_le_elides_like_de():
    assert le("Hôtel des Remparts") == "l'Hôtel des Remparts"
    assert le("Moulin de la Cité") == "le Moulin de la Cité"


def test_the_filters_are_built_into_every_template_and_escape_the_name():
    rendered = Template("CV {{ a|de }}, {{ b|de }} et {{ c|le }}").render(
        Context({"a": "Inès", "b": "Marc & <b>Fils</b>", "c": "Hôtel"}))
    assert rendered == "CV d&#x27;Inès, de Marc &amp; &lt;b&gt;Fils&lt;/b&gt; et l&#x27;Hôtel"
