"""CVthèque pages: roles, consent, document access, the view log, uploads, query counts."""

import io
import re
import threading
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader, PdfWriter

from cvtheque.cvs import extraction
from cvtheque.cvs.enums import ExtractionStatus
from cvtheque.models import CV, CVView
from tests.accounts.factories import CandidateFactory, RecruiterFactory, StaffFactory
from tests.companies.factories import recruiter_with_company
from tests.conftest import committed
from tests.cvtheque.factories import CVFactory
from tests.referentials.factories import CommuneFactory, MetierFactory

pytestmark = pytest.mark.django_db


def login(client, user):
    client.force_login(user)
    return client


def cv_with_document(**kwargs):
    cv = CVFactory(visible=True, headline="Soudeur", **kwargs)
    cv.document.save("cv.pdf", ContentFile(extraction.make_pdf(["Soudeur TIG MIG"])), save=False)
    cv.document_name = "CV soudeur.pdf"
    cv.save()
    return cv


# --- search page ---------------------------------------------------------------------------------------------


def test_search_page_roles(client):
    url = reverse("cvtheque:search")
    assert client.get(url).status_code == 302
    assert login(client, CandidateFactory()).get(url).status_code == 403
    assert login(client, StaffFactory()).get(url).status_code == 403
    assert login(client, RecruiterFactory()).get(url).url == reverse("accounts:settings")
    recruiter, _ = recruiter_with_company()
    response = login(client, recruiter).get(url)
    assert response.status_code == 200
    html = response.content.decode()
    for label in ("Trouvez le candidat idéal parmi nos CV", "Pour quel poste cherchez-vous un candidat ?",
                  "Tapez des métiers ou secteurs", "Où recrutez-vous ?", "Tapez un lieu",
                  "Reconnaissance de la qualité de travailleur handicapé (RQTH) uniquement", "Rechercher"):
        assert label in html


def test_search_results_show_count_profile_and_highlighted_excerpt(client):
    recruiter, _ = recruiter_with_company()
    metier = MetierFactory(name="Préparateur de commandes", name_feminine="Préparatrice de commandes", synonyms=[])
    commune = CommuneFactory(name="Carcassonne")
    julie = CVFactory(visible=True, first_name="Julie", last_name="Martin", headline="Préparatrice de commandes",
                      metiers=[metier], commune=commune, mobility_km=20,
                      summary="Cariste et préparatrice de commandes.")
    CVFactory(headline="Préparatrice de commandes")  # not visible
    html = login(client, recruiter).get(reverse("cvtheque:search"), {"q": "preparatrice commande"}).content.decode()
    assert "1 CV correspond à votre recherche" in html
    detail = reverse("cvtheque:cv_detail", args=[julie.pk])
    assert f'href="{detail}?q=preparatrice+commande&amp;retour=q%3Dpreparatrice%2Bcommande"' in html
    assert f'action="{reverse("cvtheque:save_cv", args=[julie.pk])}"' in html
    assert "Julie M." in html and "Martin" not in html
    assert "Carcassonne" in html and "mobilité 20 km" in html and "Immédiate" in html
    assert "<span>Métiers : Préparateur de commandes</span>" in html
    assert "<mark>préparatrice</mark> de <mark>commandes</mark>" in html


def test_search_says_how_many_cvs_match(client):
    recruiter, _ = recruiter_with_company()
    for _ in range(3):
        CVFactory(visible=True, headline="Comptable")
    html = login(client, recruiter).get(reverse("cvtheque:search"), {"q": "comptable"}).content.decode()
    assert "3 CV correspondent à votre recherche" in html


@pytest.mark.parametrize("params", [{"q": "comptable"}, {"q": '"comptable confirmé"'}, {"source": "candidate"},
                                    {"q": "comptable", "source": "candidate"}])
def test_past_the_count_cap_the_page_says_more_than_the_cap_and_still_pages_through(client, monkeypatch, params):
    from cvtheque.search import counting

    monkeypatch.setattr(counting, "COUNT_CAP", 3)
    recruiter, _ = recruiter_with_company()
    for index in range(25):
        CVFactory(visible=True, headline="Comptable confirmé", first_name=f"Prénom{index:02d}")
    login(client, recruiter)
    response = client.get(reverse("cvtheque:search"), params)
    html = response.content.decode()
    assert "Plus de 3 CV correspondent à votre recherche" in html and "25 CV" not in html
    assert (response.context["page"].total, len(response.context["page"].object_list)) == (4, 20)
    monkeypatch.setattr(counting, "COUNT_CAP", 25)  # exactly the cap: counted, not « plus de »
    assert "25 CV correspondent à votre recherche" in client.get(reverse("cvtheque:search"), params).content.decode()
    monkeypatch.setattr(counting, "COUNT_CAP", 10_000)
    assert response.context["page"].count_cap == "10\u202f000"  # « Plus de 10 000 CV »


@pytest.mark.django_db(transaction=True)
def test_the_search_page_counts_its_matches_on_another_connection_while_it_builds_the_page(client, monkeypatch):
    from concurrent.futures import Future

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cvtheque.search import page as views_cv
    from toolkit.dbthreads import close_background_connections

    counted_in = []

    def count_for_page(search):
        counted_in.append(threading.current_thread().name)
        return original(search)

    original = views_cv.count_for_page
    monkeypatch.setattr(views_cv, "count_for_page", count_for_page)
    recruiter, _ = recruiter_with_company()
    for _ in range(23):
        CVFactory(visible=True, headline="Comptable")
    url = reverse("cvtheque:search")
    login(client, recruiter).get(url, {"q": "comptable"})  # the history entry exists: every run is the same
    try:
        with CaptureQueriesContext(connection) as on_this_connection:
            html = client.get(url, {"q": "comptable"}).content.decode()
        assert "23 CV correspondent à votre recherche" in html
        assert html.count('<li class="card cv-result">') == 20 and "Page 1 sur 2" in html
        assert counted_in[-1].startswith("db-background")
        # past the last page: the last one, counted once
        page = client.get(url, {"q": "comptable", "page": "7"}).context["page"]
        assert (page.number, len(page.object_list), page.total) == (2, 3, 23)
        assert len(counted_in) == 3
    finally:
        close_background_connections()  # waits for the history write too
    from cvtheque.recruiting.models import CVSearch

    assert list(CVSearch.objects.filter(user=recruiter).values_list("label", flat=True)) == ["COMPTABLE"]

    def at_once(fn, *args):
        future = Future()
        future.set_result(fn(*args))
        return future

    monkeypatch.setattr(views_cv, "query_in_background", at_once)
    with CaptureQueriesContext(connection) as all_on_this_connection:
        assert "23 CV correspondent" in client.get(url, {"q": "comptable"}).content.decode()
    assert counted_in[-1] == threading.current_thread().name
    # the count (a sample of the entries, then with only bitmap scans allowed, in a transaction of its own:
    # BEGIN, the setting, the count, COMMIT) and the query's stems (for the highlights), no longer elsewhere
    assert len(all_on_this_connection) == len(on_this_connection) + 6


def test_unknown_place_is_explained_not_an_error(client):
    recruiter, _ = recruiter_with_company()

def test_a_result_without_metier_or_commune_shows_neither(client):
    recruiter, _ = recruiter_with_company()
    CVFactory(visible=True, headline="Comptable", metiers=[], commune=None, first_name="Zoé", last_name="<b>Roux</b>")
    html = login(client, recruiter).get(reverse("cvtheque:search"), {"q": "comptable"}).content.decode()
    result = html[html.index('<li class="card cv-result">'):]
    result = result[: result.index("</li>")]
    assert "Zoé &lt;." in result  # the initial of a last name is escaped like the rest
    assert "Métiers" not in result and "None" not in result and "mobilité" not in result
    assert "Disponibilité : Immédiate" in result

    response = login(client, recruiter).get(reverse("cvtheque:search"), {"q": "x", "place": "Atlantide", "page": "zz"})
    assert response.status_code == 200
    assert "Nous ne connaissons pas le lieu « Atlantide »" in response.content.decode()


def test_search_page_query_count_does_not_grow_with_results(client, django_assert_num_queries):
    recruiter, _ = recruiter_with_company()
    metier = MetierFactory()
    login(client, recruiter)
    url = reverse("cvtheque:search")
    CVFactory(visible=True, headline="Vendeur", metiers=[metier], commune=CommuneFactory())
    client.get(url, {"q": "vendeur"})  # warms the métier forms cache, creates the default saved list

    def measure():
        # user, company, the page's CVs in rank order with their métiers' names, the number of matches (on
        # another connection outside a transaction, so on this one in a test: a sample of the entries
        # (``counting.far_past``), then with only bitmap scans allowed, inside a savepoint, the settings set and
        # set back around it: 6 statements), query stems, the history
        # (one UPDATE on a rerun), the company's saved lists (« Sauvegarder »); the session and the
        # announcements are kept in the cache / the process
        with django_assert_num_queries(12):
            assert client.get(url, {"q": "vendeur"}).status_code == 200

    measure()
    for _ in range(25):
        CVFactory(visible=True, headline="Vendeur", metiers=[metier], commune=CommuneFactory())
    measure()


# --- CV page ---------------------------------------------------------------------------------------------------


def test_cv_page_roles_and_consent(client):
    cv = CVFactory(visible=True, headline="Soudeur", email="soudeur@exemple.fr")
    hidden = CVFactory(headline="Soudeur")
    url = reverse("cvtheque:cv_detail", args=[cv.pk])
    assert client.get(url).status_code == 302
    assert login(client, CandidateFactory()).get(url).status_code == 403
    assert login(client, cv.owner).get(url).status_code == 403  # the owner uses « Mon CV »
    assert login(client, StaffFactory()).get(url).status_code == 403
    assert login(client, RecruiterFactory()).get(url).url == reverse("accounts:settings")
    other_recruiter, _ = recruiter_with_company()
    response = login(client, other_recruiter).get(url)
    assert response.status_code == 200 and "soudeur@exemple.fr" in response.content.decode()
    assert login(client, other_recruiter).get(reverse("cvtheque:cv_detail", args=[hidden.pk])).status_code == 404


def test_every_consultation_is_logged_and_shown_to_the_candidate(client):
    recruiter, company = recruiter_with_company(name="Boulangerie Cathare")
    cv = CVFactory(visible=True, headline="Vendeuse", summary="Vendeuse en boulangerie depuis 2019")
    response = login(client, recruiter).get(reverse("cvtheque:cv_detail", args=[cv.pk]), {"q": "vendeur"})
    assert "<mark>Vendeuse</mark> en boulangerie" in response.content.decode()
    view = CVView.objects.get()
    assert (view.cv, view.recruiter, view.company) == (cv, recruiter, company)
    html = login(client, cv.owner).get(reverse("cvtheque:my_cv")).content.decode()
    assert "Qui a consulté mon CV" in html and "Boulangerie Cathare" in html


def test_rqth_is_shown_only_with_consent(client):
    recruiter, _ = recruiter_with_company()
    shown = CVFactory(visible=True, rqth_shown=True)
    kept = CVFactory(visible=True, rqth=True, rqth_visible=False)
    login(client, recruiter)
    assert "reconnaissance de la qualité" in client.get(reverse("cvtheque:cv_detail", args=[shown.pk])).content.decode()
    assert "reconnaissance de la qualité" not in client.get(
        reverse("cvtheque:cv_detail", args=[kept.pk])).content.decode()


def test_the_cv_page_shows_the_facts_written_in_the_cv(client):
    recruiter, _ = recruiter_with_company()
    cv = CVFactory(visible=True, extracted_text="Permis C\nCACES R489 cat. 3\nBTS CI")
    negated = CVFactory(visible=True, summary="Je n'ai pas le permis B")
    login(client, recruiter)
    html = client.get(reverse("cvtheque:cv_detail", args=[cv.pk])).content.decode()
    assert "B, C1, C (écrit dans le CV)" in html and "R489 3" in html and "BTS Commerce international (CI)" in html
    html = client.get(reverse("cvtheque:cv_detail", args=[negated.pk])).content.decode()
    assert "<dt>Permis de conduire</dt><dd>Non indiqué</dd>" in html


# --- document --------------------------------------------------------------------------------------------------


def test_document_is_never_reachable_without_a_recruiter_login_or_by_another_candidate(client, settings):
    cv = cv_with_document()
    url = reverse("cvtheque:cv_document", args=[cv.pk])
    assert client.get(url).status_code == 302
    assert login(client, CandidateFactory()).get(url).status_code == 404
    assert login(client, RecruiterFactory()).get(url).status_code == 404  # no company yet
    assert not cv.document.path.startswith(str(settings.MEDIA_ROOT))  # never a public media URL


@pytest.mark.parametrize("who", ["owner", "recruiter", "staff"])
def test_document_is_served_as_an_attachment_with_nosniff(client, who):
    cv = cv_with_document()
    user = {"owner": lambda: cv.owner, "recruiter": lambda: recruiter_with_company()[0], "staff": StaffFactory}[who]()
    response = login(client, user).get(reverse("cvtheque:cv_document", args=[cv.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="CV soudeur.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_document_of_a_hidden_cv_is_not_served_to_recruiters(client):
    cv = cv_with_document()
    cv.set_visibility(False)
    cv.save()
    recruiter, _ = recruiter_with_company()
    assert login(client, recruiter).get(reverse("cvtheque:cv_document", args=[cv.pk])).status_code == 404


def test_deleting_a_cv_or_its_owner_removes_the_file():
    cv = cv_with_document()
    path = cv.document.path
    storage = cv.document.storage
    assert storage.exists(cv.document.name)
    cv.owner.delete()
    assert not CV.objects.exists()
    assert not storage.exists(path)


# --- « Mon CV » ------------------------------------------------------------------------------------------------


def test_my_cv_roles(client):
    url = reverse("cvtheque:my_cv")
    assert client.get(url).status_code == 302
    assert login(client, RecruiterFactory()).get(url).status_code == 403
    assert login(client, StaffFactory()).get(url).status_code == 403
    response = login(client, CandidateFactory()).get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Rendre mon CV visible dans la CVthèque des recruteurs" in html
    assert "donnée de santé" in html
    assert client.get(reverse("cvtheque:my_cv_delete")).status_code == 405


def form_data(**extra):
    data = {
        "first_name": "Julie", "last_name": "Martin", "email": "julie@exemple.fr", "phone": "0601020304",
        "headline": "Préparatrice de commandes", "commune": "Carcassonne", "mobility_km": "20",
        "availability": "immediate", "education_level": "bac", "summary": "Cariste confirmée",
        "skills": "CACES 1, 3, 5", "experience": "",
    }
    data.update(extra)
    return data


def test_candidate_creates_a_cv_hidden_by_default_then_makes_it_visible(client):
    CommuneFactory(name="Carcassonne")
    candidate = CandidateFactory()
    login(client, candidate)
    pdf = SimpleUploadedFile("mon cv.pdf", extraction.make_pdf(["Cariste préparatrice de commandes, CACES R489"]))
    with committed():
        response = client.post(reverse("cvtheque:my_cv"), form_data(document=pdf))
    assert response.status_code == 302
    cv = CV.objects.get(owner=candidate)
    assert not cv.is_visible and cv.visible_since is None
    assert cv.extraction_status == ExtractionStatus.DONE and "R489" in cv.extracted_text
    assert cv.document_name == "mon cv.pdf" and "media" not in cv.document.path
    client.post(reverse("cvtheque:my_cv"), form_data(is_visible="on"))
    cv.refresh_from_db()
    assert cv.is_visible and cv.visible_since is not None
    assert "CV analysé" in client.get(reverse("cvtheque:my_cv")).content.decode()


def test_rqth_consent_needs_the_declaration(client):
    CommuneFactory(name="Carcassonne")
    login(client, CandidateFactory())
    response = client.post(reverse("cvtheque:my_cv"), form_data(rqth_visible="on"))
    assert response.status_code == 200
    assert "Cochez d&#x27;abord la case RQTH" in response.content.decode()


def test_candidate_deletes_their_cv_and_its_file(client):
    cv = cv_with_document()
    storage, name = cv.document.storage, cv.document.name
    response = login(client, cv.owner).post(reverse("cvtheque:my_cv_delete"))
    assert response.status_code == 302
    assert not CV.objects.filter(pk=cv.pk).exists() and not storage.exists(name)


def encrypted_pdf() -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(extraction.make_pdf(["secret"]))))
    writer.encrypt("motdepasse")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize(("name", "content", "message"), [
    ("cv.pdf", b"MZ\x90\x00" + b"\x00" * 2000, "n&#x27;est pas un CV au format PDF, DOCX ou ODT"),
    ("cv.pdf", b"%PDF-1.4\n" + b"0" * (6 * 1024 * 1024), "dépasse 5 Mo"),
    ("cv.pdf", encrypted_pdf(), "protégé par un mot de passe"),
    ("cv.docx", b"PK\x03\x04" + b"garbage" * 100, "n&#x27;est pas un CV au format PDF, DOCX ou ODT"),
])
def test_bad_uploads_are_refused_with_a_french_message(client, name, content, message):
    CommuneFactory(name="Carcassonne")
    login(client, CandidateFactory())
    response = client.post(reverse("cvtheque:my_cv"), form_data(document=SimpleUploadedFile(name, content)))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not CV.objects.exists()


@pytest.mark.parametrize("kind", ["docx", "odt"])
def test_docx_and_odt_are_accepted_and_analysed(client, kind):
    CommuneFactory(name="Carcassonne")
    candidate = CandidateFactory()
    data = {"docx": extraction.make_docx, "odt": extraction.make_odt}[kind](["Soudeur TIG, habilitation électrique"])
    with committed():
        login(client, candidate).post(reverse("cvtheque:my_cv"),
                                      form_data(document=SimpleUploadedFile(f"cv.{kind}", data)))
    cv = CV.objects.get(owner=candidate)
    assert cv.extraction_status == ExtractionStatus.DONE and "habilitation" in cv.extracted_text


def test_a_scanned_pdf_is_accepted_with_a_message(client):
    CommuneFactory(name="Carcassonne")
    candidate = CandidateFactory()
    with committed():
        login(client, candidate).post(reverse("cvtheque:my_cv"), form_data(
            document=SimpleUploadedFile("scan.pdf", extraction.make_pdf([]))))
    cv = CV.objects.get(owner=candidate)
    assert cv.extraction_status == ExtractionStatus.EMPTY
    assert "par les informations de votre profil" in client.get(reverse("cvtheque:my_cv")).content.decode()


def test_an_upload_succeeds_with_the_broker_down_and_the_sweep_analyses_it_later(client, monkeypatch):
    import time_machine
    from kombu.exceptions import OperationalError

    from cvtheque.cvs import tasks

    CommuneFactory(name="Carcassonne")
    candidate = CandidateFactory()

    def broker_down(*args, **kwargs):
        raise OperationalError("Redis est arrêté")

    monkeypatch.setattr(tasks.extract_cv_text, "delay", broker_down)
    pdf = SimpleUploadedFile("cv.pdf", extraction.make_pdf(["Cariste CACES 5, six ans en entrepôt logistique"]))
    with committed():
        response = login(client, candidate).post(reverse("cvtheque:my_cv"), form_data(document=pdf))
    assert response.status_code == 302
    cv = CV.objects.get(owner=candidate)
    assert cv.extraction_status == ExtractionStatus.PENDING
    assert "Analyse en cours" in client.get(reverse("cvtheque:my_cv")).content.decode()
    assert tasks.extract_pending_cvs() == 0  # too recent: the normal task may still be on its way
    with time_machine.travel(cv.updated_at + timedelta(minutes=5)):
        assert tasks.extract_pending_cvs() == 1
        assert tasks.extract_pending_cvs() == 0  # idempotent
    cv.refresh_from_db()
    assert cv.extraction_status == ExtractionStatus.DONE and "CACES" in cv.extracted_text


def test_results_are_paginated_by_20_and_a_bad_page_number_is_harmless(client):
    recruiter, _ = recruiter_with_company()
    for index in range(25):
        CVFactory(visible=True, headline="Soudeur", first_name=f"Prénom{index:02d}")
    login(client, recruiter)
    url = reverse("cvtheque:search")
    first = client.get(url, {"q": "soudeur"})
    assert "25 CV correspondent à votre recherche" in first.content.decode()
    assert len(first.context["page"].object_list) == 20 and first.context["page"].has_next()
    second = client.get(url, {"q": "soudeur", "page": "2"})
    assert len(second.context["page"].object_list) == 5
    seen = {cv.pk for cv in first.context["page"].object_list}
    assert not seen & {cv.pk for cv in second.context["page"].object_list}
    assert client.get(url, {"q": "soudeur", "page": "99"}).context["page"].number == 2
    assert client.get(url, {"q": "soudeur", "page": "zz"}).context["page"].number == 1
    assert client.get(url, {"q": "soudeur", "page": "9" * 30}).context["page"].number == 2
    assert "Aucun CV ne correspond" in client.get(url, {"q": "astronaute"}).content.decode()


def test_search_filters_spouse_referrals_and_badges_them(client):
    spouse = CVFactory(visible=True, spouse=True, headline="Comptable")
    other = CVFactory(visible=True, headline="Comptable")
    user, _company = recruiter_with_company()
    client.force_login(user)
    html = client.get(reverse("cvtheque:search"), {"q": "comptable"}).content.decode()
    assert html.count("Rapprochement de conjoint</span>") == 1
    html = client.get(reverse("cvtheque:search"), {"q": "comptable", "source": "spouse"}).content.decode()
    assert reverse("cvtheque:cv_detail", args=[spouse.pk]) in html
    assert reverse("cvtheque:cv_detail", args=[other.pk]) not in html
    detail = client.get(reverse("cvtheque:cv_detail", args=[spouse.pk])).content.decode()
    assert "Rapprochement de conjoint</span>" in detail


def test_the_cv_page_leads_back_to_the_same_search_page_and_nothing_else(client):
    recruiter, _ = recruiter_with_company()
    carcassonne = CommuneFactory(name="Carcassonne")
    for _ in range(21):
        cv = CVFactory(visible=True, headline="Soudeur", commune=carcassonne, driving_licence=True)
    login(client, recruiter)
    search = {"q": "soudeur", "place": "Carcassonne", "driving_licence": "1", "page": "2"}
    html = client.get(reverse("cvtheque:search"), search).content.decode()
    link = re.search(r'<h3><a href="([^"]+)"', html).group(1).replace("&amp;", "&")
    page = client.get(link).content.decode()
    back = re.search(r'<a href="([^"]+)">Retour à la recherche</a>', page).group(1).replace("&amp;", "&")
    assert back == reverse("cvtheque:search") + "?q=soudeur&place=Carcassonne&driving_licence=1&page=2"
    forged = client.get(reverse("cvtheque:cv_detail", args=[cv.pk]),
                        {"q": "soudeur", "retour": "q=x&next=https://ailleurs.example&page=-1"}).content.decode()
    assert f'<a href="{reverse("cvtheque:search")}?q=x">Retour à la recherche</a>' in forged  # only what a search reads


def test_the_cv_page_title_elides_de_before_a_vowel(client):
    recruiter, _ = recruiter_with_company()
    ines = CVFactory(visible=True, first_name="Inès", last_name="Martin")
    marc = CVFactory(visible=True, first_name="Marc", last_name="Durand")
    login(client, recruiter)
    assert "<title>CV d&#x27;Inès" in client.get(reverse("cvtheque:cv_detail", args=[ines.pk])).content.decode()
    assert "<title>CV de Marc" in client.get(reverse("cvtheque:cv_detail", args=[marc.pk])).content.decode()
