import io

import pytest
from django.urls import reverse
from PIL import Image

from companies.models import Company
from tests.accounts.factories import CandidateFactory, RecruiterFactory, StaffFactory
from tests.companies.factories import CompanyFactory, MembershipFactory, recruiter_with_company
from tests.images import EXE_BYTES, jpeg_upload, jpeg_with_gps, png_bomb, png_upload, upload
from tests.referentials.factories import CommuneFactory

pytestmark = pytest.mark.django_db

EDIT_URL = reverse("companies:edit")


def form_data(company, **overrides):
    commune = company.commune or CommuneFactory(carcassonne=True)
    data = {
        "name": company.name, "phone": "04 68 11 22 33", "email": "contact@boulangerie-canal.fr",
        "sector": company.sector.code, "size": company.size, "employee_count": "12", "founded_on": "1987-05-04",
        "street_number": "12", "street_name": "quai Riquet", "commune": str(commune),
        "description": "<p>Pain au levain et viennoiseries maison.</p>",
        "website": "https://boulangerie-canal.fr", "twitter_url": "https://x.com/boulangeriecanal",
        "facebook_url": "https://www.facebook.com/boulangeriecanal",
        "instagram_url": "https://www.instagram.com/boulangeriecanal",
        "linkedin_url": "https://fr.linkedin.com/company/boulangerie-canal",
        "youtube_url": "https://www.youtube.com/@boulangeriecanal", "is_online": "1",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


# --- who may open « Ma fiche entreprise » ---------------------------------------------------

def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get(EDIT_URL)
    assert response.status_code == 302 and "/compte/login/" in response["Location"]


def test_candidate_gets_the_page_reserved_to_recruiters(client):
    client.force_login(CandidateFactory())
    response = client.get(EDIT_URL)
    assert response.status_code == 403 and response.context["reserved_for"] == "recruteurs"


def test_staff_without_recruiter_account_gets_the_page_reserved_to_recruiters(client):
    client.force_login(StaffFactory())
    response = client.get(EDIT_URL)
    assert response.status_code == 403 and response.context["reserved_for"] == "recruteurs"


def test_recruiter_without_company_is_sent_to_settings(client):
    client.force_login(RecruiterFactory())
    response = client.get(EDIT_URL)
    assert response.status_code == 302 and response["Location"] == reverse("accounts:settings")


def test_member_sees_the_form_of_their_company_grouped_as_in_the_guide(client):
    user, company = recruiter_with_company(name="Boulangerie du Canal")
    client.force_login(user)
    response = client.get(EDIT_URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="Boulangerie du Canal"' in html
    for text in ["Informations", "Adresse", "Description", "Liens", "Images", "Gestion", "Nom de l&#x27;entreprise",
                 "Votre logo", "Téléphone", "Email", "Secteur d&#x27;activité", "Type d&#x27;entreprise",
                 "Nombre d&#x27;employé", "Date de création", "Numéro de rue", "Nom de rue", "Ville", "Site web",
                 "Lien Twitter", "Lien Facebook", "Lien Instagram", "Lien LinkedIn", "Lien Youtube",
                 "Image de bannière", "Mettre en ligne ma fiche entreprise ?", "Enregistrer",
                 "L&#x27;image ne doit pas excéder 1 Mo et doit être au format jpg ou png."]:
        assert text in html, text
    assert 'type="date"' in html
    assert "django_ckeditor_5/dist/bundle.js" in html


def test_another_company_recruiter_only_ever_edits_their_own_company(client):
    _, company = recruiter_with_company(name="Boulangerie du Canal")
    other_user, other = recruiter_with_company(name="Garage de la Cité")
    client.force_login(other_user)
    html = client.get(EDIT_URL).content.decode()
    assert "Garage de la Cité" in html and "Boulangerie du Canal" not in html
    client.post(EDIT_URL, form_data(company, name="Piratée"))
    company.refresh_from_db()
    other.refresh_from_db()
    assert company.name == "Boulangerie du Canal" and other.name == "Piratée"


def test_a_second_member_can_edit_the_company(client):
    company = CompanyFactory(with_members=2)
    second = company.memberships.order_by("pk")[1].user
    client.force_login(second)
    response = client.post(EDIT_URL, form_data(company, name="Cave des Corbières"))
    assert response.status_code == 302
    company.refresh_from_db()
    assert company.name == "Cave des Corbières"


def test_pending_member_cannot_edit(client):
    company = CompanyFactory(with_members=1)
    pending = MembershipFactory(company=company, status="pending")
    client.force_login(pending.user)
    response = client.post(EDIT_URL, form_data(company, name="Piratée"))
    assert response.status_code == 302 and response["Location"] == reverse("accounts:settings")
    company.refresh_from_db()
    assert company.name != "Piratée"


def test_editor_page_csp_allows_inline_styles_but_public_pages_do_not(client):
    user, company = recruiter_with_company()
    client.force_login(user)
    edit_csp = client.get(EDIT_URL)["Content-Security-Policy"]
    assert "style-src 'self' 'unsafe-inline'" in edit_csp
    other_csp = client.get(reverse("companies:public_list"))["Content-Security-Policy"]
    assert "unsafe-inline" not in other_csp


# --- saving ------------------------------------------------------------------------------------

def test_saving_the_whole_form_with_logo_and_banner(client):
    user, company = recruiter_with_company(name="Boulangerie du canal")
    client.force_login(user)
    data = form_data(company, name="Boulangerie  du Canal", logo=png_upload(), banner=jpeg_upload())
    response = client.post(EDIT_URL, data, follow=True)
    assert "Votre fiche entreprise est enregistrée et en ligne." in response.content.decode()
    assert "Voir ma fiche" in response.content.decode()
    company.refresh_from_db()
    assert company.name == "Boulangerie du Canal"
    assert company.search_name == "boulangerie du canal"
    assert company.is_online and company.is_public
    assert company.employee_count == 12 and str(company.founded_on) == "1987-05-04"
    assert company.street_name == "quai Riquet" and company.commune.insee == "11069"
    assert company.logo.name.startswith("companies/logos/") and company.logo.name.endswith(".png")
    assert "logo" not in company.logo.name.removeprefix("companies/logos/")
    assert company.banner.name.startswith("companies/banners/") and company.banner.name.endswith(".jpg")


def test_required_fields_are_reported_in_french(client):
    user, company = recruiter_with_company()
    client.force_login(user)
    response = client.post(EDIT_URL, form_data(company, name="", sector="", commune=""))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("Ce champ est obligatoire.") == 3
    assert "La fiche n&#x27;a pas été enregistrée" in html


def test_saying_non_keeps_the_page_offline(client):
    user, company = recruiter_with_company()
    client.force_login(user)
    response = client.post(EDIT_URL, form_data(company, is_online="0"), follow=True)
    company.refresh_from_db()
    assert not company.is_online
    assert "Voir ma fiche (aperçu)" in response.content.decode()


@pytest.mark.parametrize("field, url", [
    ("twitter_url", "https://www.facebook.com/pas-twitter"),
    ("facebook_url", "https://facebook.com.evil.example/page"),
    ("instagram_url", "https://x.com/insta"),
    ("linkedin_url", "https://linkedin.example.com/company/x"),
    ("youtube_url", "https://vimeo.com/123456"),
    ("youtube_url", "javascript:alert(1)//youtube.com"),
    ("website", "ftp://boulangerie-canal.fr"),
    ("website", "javascript:alert(1)"),
])
def test_each_link_must_be_an_address_of_its_site(client, field, url):
    user, company = recruiter_with_company()
    client.force_login(user)
    response = client.post(EDIT_URL, form_data(company, **{field: url}))
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    company.refresh_from_db()
    assert getattr(company, field) == ""


@pytest.mark.parametrize("field, url", [
    ("twitter_url", "https://twitter.com/cave"), ("twitter_url", "https://x.com/cave"),
    ("youtube_url", "https://youtu.be/dQw4w9WgXcQ"), ("linkedin_url", "https://www.linkedin.com/company/cave"),
    ("website", "http://cave-corbieres.fr"),
])
def test_links_of_the_right_site_are_accepted(client, field, url):
    user, company = recruiter_with_company()
    client.force_login(user)
    assert client.post(EDIT_URL, form_data(company, **{field: url})).status_code == 302
    company.refresh_from_db()
    assert getattr(company, field) == url


@pytest.mark.parametrize("content, message", [
    (EXE_BYTES, "L&#x27;image doit être au format jpg ou png."),
    (png_bomb(), "trop de pixels"),
])
def test_bad_logo_is_refused_with_a_message_not_a_crash(client, content, message):
    user, company = recruiter_with_company()
    client.force_login(user)
    response = client.post(EDIT_URL, form_data(company, logo=upload("logo.png", content, "image/png")))
    assert response.status_code == 200
    assert message in response.content.decode()
    company.refresh_from_db()
    assert not company.logo


def test_uploaded_banner_loses_its_gps_metadata(client):
    user, company = recruiter_with_company()
    client.force_login(user)
    client.post(EDIT_URL, form_data(company, banner=upload("photo.jpg", jpeg_with_gps(), "image/jpeg")))
    company.refresh_from_db()
    with company.banner.open("rb") as f:
        data = f.read()
    assert not Image.open(io.BytesIO(data)).getexif() and b"Exif" not in data


def test_description_is_sanitised_on_save(client):
    user, company = recruiter_with_company()
    client.force_login(user)
    client.post(EDIT_URL, form_data(company, description='<p onclick="x()">Bonjour<script>alert(1)</script></p>'))
    company.refresh_from_db()
    assert company.description == "<p>Bonjour</p>"


def test_staff_taken_offline_page_stays_offline_when_a_member_saves(client):
    user, company = recruiter_with_company(online=True)
    company.take_offline(by=StaffFactory(), reason="Contenu trompeur")
    client.force_login(user)
    response = client.post(EDIT_URL, form_data(company, is_online="1"), follow=True)
    company.refresh_from_db()
    assert company.is_online and company.offline_by_staff and not company.is_public
    assert "reste hors ligne" in response.content.decode()
    assert Company.objects.online().count() == 0


def test_a_replaced_logo_file_is_deleted(client, settings):
    from tests.conftest import committed

    user, company = recruiter_with_company()
    client.force_login(user)
    with committed():
        client.post(EDIT_URL, form_data(company, logo=png_upload()))
    company.refresh_from_db()
    first = settings.MEDIA_ROOT / company.logo.name
    assert first.exists()
    with committed():
        client.post(EDIT_URL, form_data(company, logo=png_upload()))
    company.refresh_from_db()
    assert not first.exists() and (settings.MEDIA_ROOT / company.logo.name).exists()
    with committed():
        client.post(EDIT_URL, form_data(company, **{"logo-clear": "on"}))
    company.refresh_from_db()
    assert not company.logo
