import re

import pytest

from companies.models import Company
from tests.companies.factories import recruiter_with_company
from tests.conftest import PASSWORD
from tests.images import image_bytes
from tests.referentials.factories import SectorFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_recruiter_fills_the_whole_company_page_and_a_visitor_finds_it(page, live_server):
    SectorFactory(code="10.71C", label="Boulangerie et boulangerie-pâtisserie")
    user, company = recruiter_with_company(name="Fournil provisoire")
    console_errors = []
    page.on("console", lambda msg: console_errors.append(msg.text) if msg.type == "error" else None)

    page.goto(live_server.url + "/compte/login/")
    page.get_by_label(re.compile(r"^Votre e-mail")).fill(user.email)
    page.get_by_label(re.compile(r"^Mot de passe")).fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_role("link", name="Ma fiche entreprise").first.click()
    page.get_by_role("heading", name="Ma fiche entreprise").wait_for()

    # Informations
    page.get_by_label(re.compile(r"^Nom de l'entreprise")).fill("Boulangerie du Canal")
    page.get_by_label(re.compile(r"^Votre logo")).set_input_files(
        {"name": "logo.png", "mimeType": "image/png", "buffer": image_bytes("PNG", (200, 200))})
    page.get_by_label(re.compile(r"^Téléphone")).fill("04 68 25 12 34")
    page.get_by_label(re.compile(r"^Email")).fill("contact@boulangerie-du-canal.fr")
    sector = page.get_by_role("combobox", name=re.compile(r"^Secteur d'activité"))
    sector.fill("10.71")
    page.get_by_role("option", name=re.compile("10.71C")).click()
    page.get_by_label(re.compile(r"^Type d'entreprise")).select_option(label="Microentreprise : moins de 10 salariés")
    page.get_by_label(re.compile(r"^Nombre d'employé")).fill("8")
    page.get_by_label(re.compile(r"^Date de création")).fill("1987-05-04")
    # Adresse
    page.get_by_label(re.compile(r"^Numéro de rue")).fill("12")
    page.get_by_label(re.compile(r"^Nom de rue")).fill("quai Riquet")
    page.get_by_role("combobox", name=re.compile(r"^Ville")).fill("Carcassonne")
    page.get_by_role("option", name=re.compile(r"^Carcassonne \(11000\)")).click()
    # Description: the CKEditor 5 editor really loads (its own static files, under the page's CSP)
    editable = page.locator(".ck-editor__editable")
    editable.wait_for()
    editable.click()
    page.keyboard.type("Pain au levain et viennoiseries, au bord du canal du Midi.")
    # a photo inserted in the editor goes through our upload view (recruiter, CSRF, re-encoded)
    page.locator(".ck-editor input[type=file]").first.set_input_files(
        {"name": "fournil.jpg", "mimeType": "image/jpeg", "buffer": image_bytes("JPEG", (640, 480))})
    photo = page.locator(".ck-editor__editable img[src*='/media/editor/']")
    photo.wait_for()
    # its alternative text, required (toolkit.richtext.clean_rich_text), through the editor's image toolbar
    photo.click()
    page.get_by_role("button", name="Changer le texte alternatif à l’image").click()
    page.get_by_label("Texte alternatif").fill("Le fournil et ses pains au levain")
    page.keyboard.press("Enter")
    # Liens
    page.get_by_label(re.compile(r"^Site web")).fill("https://www.boulangerie-du-canal.fr")
    page.get_by_label(re.compile(r"^Lien Twitter")).fill("https://x.com/boulangeriecanal")
    page.get_by_label(re.compile(r"^Lien Facebook")).fill("https://www.facebook.com/boulangeriecanal")
    page.get_by_label(re.compile(r"^Lien Instagram")).fill("https://www.instagram.com/boulangeriecanal")
    page.get_by_label(re.compile(r"^Lien LinkedIn")).fill("https://www.linkedin.com/company/boulangerie-canal")
    page.get_by_label(re.compile(r"^Lien Youtube")).fill("https://www.youtube.com/@boulangeriecanal")
    # Images and Gestion
    page.get_by_label(re.compile(r"^Image de bannière")).set_input_files(
        {"name": "banniere.jpg", "mimeType": "image/jpeg", "buffer": image_bytes("JPEG", (1200, 300))})
    page.get_by_label("Oui").check()
    page.get_by_role("button", name="Enregistrer").click()
    page.get_by_text("Votre fiche entreprise est enregistrée et en ligne.").wait_for()

    company.refresh_from_db()
    assert company.name == "Boulangerie du Canal" and company.is_public
    assert company.logo and company.banner and company.commune.insee == "11069"
    assert company.sector_id == "10.71C"
    assert "Pain au levain" in company.description
    assert re.search(r'<img src="/media/editor/\d{4}/\d{2}/[0-9a-f]{32}\.jpg"', company.description)
    assert 'alt="Le fournil et ses pains au levain"' in company.description
    assert not [e for e in console_errors if "Content Security Policy" in e]

    page.get_by_role("button", name="Me déconnecter").first.click()
    page.get_by_role("link", name="Se connecter").wait_for()

    # A visitor finds it under « Entreprises »
    page.get_by_role("navigation", name="Navigation principale").get_by_role("link", name="Entreprises").click()
    page.get_by_label(re.compile(r"^Nom de l'entreprise")).fill("boulangerie canal")
    page.get_by_role("button", name="Rechercher").click()
    page.get_by_role("link", name=re.compile("Boulangerie du Canal")).click()
    page.get_by_role("heading", name="Boulangerie du Canal").wait_for()
    assert "Pain au levain" in page.content()
    assert Company.objects.online().count() == 1
