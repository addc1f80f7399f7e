"""The autocomplete widget of the referential fields, in a real browser: keyboard, ARIA combobox, fallback."""

import pytest

from referentials.forms import CommuneField, MetierMultipleField, PlaceField

pytestmark = pytest.mark.django_db(transaction=True)


def _inject_fields(page, live_server, html):
    """The widget is used by other apps' forms; here it is put on the home page with its script."""
    page.goto(live_server.url + "/")
    page.evaluate(
        """([html]) => {
            const form = document.createElement('form');
            form.id = 'test-form';
            form.innerHTML = html;
            document.querySelector('main, body').prepend(form);
            const script = document.createElement('script');
            script.src = '/static/js/autocomplete.js';
            document.body.appendChild(script);
        }""",
        [html],
    )
    page.wait_for_selector("input[role=combobox]")


def test_place_is_chosen_with_the_keyboard(page, live_server):
    field = PlaceField()
    html = '<label for="id_lieu">Lieu</label>' + field.widget.render("lieu", "", {"id": "id_lieu"})
    _inject_fields(page, live_server, html)
    combobox = page.get_by_role("combobox", name="Lieu")
    assert combobox.get_attribute("aria-expanded") == "false"
    combobox.press_sequentially("carcas", delay=30)
    listbox = page.get_by_role("listbox", name="Lieu")
    listbox.get_by_role("option").first.wait_for()
    assert combobox.get_attribute("aria-expanded") == "true"
    assert listbox.get_by_role("option").first.inner_text().startswith("Carcassonne (11000)")
    combobox.press("ArrowDown")
    first_id = listbox.get_by_role("option").first.get_attribute("id")
    assert combobox.get_attribute("aria-activedescendant") == first_id
    assert listbox.get_by_role("option").first.get_attribute("aria-selected") == "true"
    combobox.press("Enter")
    assert combobox.input_value() == "Carcassonne (11000)"
    assert combobox.get_attribute("aria-expanded") == "false"


def test_escape_closes_the_list_and_communes_only_lists_communes(page, live_server):
    field = CommuneField()
    html = '<label for="id_ville">Ville</label>' + field.widget.render("ville", "", {"id": "id_ville"})
    _inject_fields(page, live_server, html)
    combobox = page.get_by_role("combobox", name="Ville")
    combobox.press_sequentially("aude", delay=30)
    options = page.get_by_role("listbox", name="Ville").get_by_role("option")
    options.first.wait_for()
    assert "Département" not in " ".join(options.all_inner_texts())
    combobox.press("Escape")
    assert combobox.get_attribute("aria-expanded") == "false"
    assert combobox.input_value() == "aude"


def test_several_metiers_are_completed_one_after_the_other(page, live_server):
    field = MetierMultipleField()
    html = '<label for="id_metiers">Métiers</label>' + field.widget.render("metiers", "", {"id": "id_metiers"})
    _inject_fields(page, live_server, html)
    combobox = page.get_by_role("combobox", name="Métiers")
    combobox.press_sequentially("soudeu", delay=30)
    listbox = page.get_by_role("listbox", name="Métiers")
    listbox.get_by_role("option", name="Soudeur / Soudeuse").first.click()
    assert combobox.input_value() == "Soudeur / Soudeuse, "
    combobox.press_sequentially("preparatrice comm", delay=30)
    listbox.get_by_role("option").first.wait_for()
    combobox.press("ArrowDown")
    combobox.press("Enter")
    assert combobox.input_value() == "Soudeur / Soudeuse, Préparateur de commandes / Préparatrice de commandes, "
