import datetime
import json
import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from offers import hooks
from offers.enums import OfferStatus
from offers.models import Offer, SupportOrganisation
from tests.accounts.factories import CandidateFactory, RecruiterFactory, StaffFactory
from tests.companies.factories import MembershipFactory, recruiter_with_company
from tests.referentials.factories import CommuneFactory, MetierFactory

from .factories import OfferFactory

pytestmark = pytest.mark.django_db

CONTACT = ["Sophie Durand", "04 68 12 34 56", "contact-prive@example.org"]


def text(response) -> str:
    return unescape(response.content.decode())


def form_data(**overrides):
    data = {
        "title": "Vendeur / Vendeuse H/F",
        "metier": str(MetierFactory()),
        "commune": str(CommuneFactory(insee="11069", name="Carcassonne")),
        "salary_min": "1 900",
        "salary_max": "2 100",
        "salary_period": "month",
        "contact_name": "Sophie Durand",
        "contact_phone": "+33 4 68 12 34 56",
        "contact_email": "rh@boulangerie.example",
        "contract_type": "cdi",
        "description": "<p>Accueil et <strong>conseil</strong> des clients de la boulangerie, mise en rayon des pains "
                       "et viennoiseries, encaissement et tenue de la caisse, entretien du magasin. Travail un "
                       "week-end sur deux.</p><script>alert(1)</script>",
        "action": "submit",
    }
    data.update(overrides)
    return data


@pytest.fixture
def owner():
    """(user, company) of a recruiter administering a company."""
    return recruiter_with_company()


# --- permissions per URL and role -------------------------------------------------------------

OWNER_URLS = ["offers:detail", "offers:edit", "offers:delete"]
POST_URLS = ["offers:duplicate", "offers:republish"]


def _url(name, offer):
    return reverse(name, kwargs={"pk": offer.pk})


@pytest.mark.parametrize("name", ["offers:create", "offers:mine"])
def test_anonymous_are_sent_to_login_and_candidates_and_staff_refused_on_recruiter_pages(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
    for user in (CandidateFactory(), StaffFactory()):
        client.force_login(user)
        response = client.get(reverse(name))
        assert response.status_code == 403 and response.context["reserved_for"] == "recruteurs"


@pytest.mark.parametrize("name", ["offers:create", "offers:mine"])
def test_recruiter_without_company_is_sent_to_settings(client, name):
    client.force_login(RecruiterFactory())
    response = client.get(reverse(name))
    assert response.status_code == 302 and response["Location"] == reverse("accounts:settings")


@pytest.mark.parametrize("name", ["offers:create", "offers:mine"])
def test_recruiter_with_company_opens_offer_pages(client, owner, name):
    client.force_login(owner[0])
    assert client.get(reverse(name)).status_code == 200


@pytest.mark.parametrize("name", OWNER_URLS + POST_URLS)
def test_offer_pages_need_a_recruiter(client, name):
    offer = OfferFactory(expired=True)
    response = client.post(_url(name, offer)) if name in POST_URLS else client.get(_url(name, offer))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
    for user in (CandidateFactory(), StaffFactory()):
        client.force_login(user)
        response = client.post(_url(name, offer)) if name in POST_URLS else client.get(_url(name, offer))
        assert response.status_code == 403


@pytest.mark.parametrize("name", OWNER_URLS + POST_URLS)
def test_another_companys_recruiter_sees_nothing_of_an_offer(client, name):
    offer = OfferFactory(expired=True)
    other, _ = recruiter_with_company()
    client.force_login(other)
    response = client.post(_url(name, offer)) if name in POST_URLS else client.get(_url(name, offer))
    assert response.status_code == 404
    if name == "offers:delete":
        assert client.post(_url(name, offer)).status_code == 404
    offer.refresh_from_db()
    assert offer.status == OfferStatus.EXPIRED and not offer.is_deleted
    assert Offer.objects.count() == 1


@pytest.mark.parametrize("name", OWNER_URLS)
def test_every_member_of_the_company_opens_its_offer_pages(client, owner, name):
    user, company = owner
    colleague = MembershipFactory(company=company, role="member").user
    offer = OfferFactory(company=company, author=user)
    for member in (user, colleague):
        client.force_login(member)
        assert client.get(_url(name, offer)).status_code == 200


def test_actions_are_post_only(client, owner):
    user, company = owner
    offer = OfferFactory(company=company, expired=True)
    client.force_login(user)
    assert client.get(_url("offers:duplicate", offer)).status_code == 405
    assert client.get(_url("offers:republish", offer)).status_code == 405
    assert Offer.objects.count() == 1


@pytest.mark.parametrize("name", ["offers:help_writing", "offers:help_sessions", "offers:public_list", "offers:feed"])
def test_public_pages_open_for_every_role(client, name):
    for user in (None, CandidateFactory(), RecruiterFactory(), StaffFactory()):
        if user:
            client.force_login(user)
        assert client.get(reverse(name)).status_code == 200


# --- « Mon offre d'emploi » --------------------------------------------------------------------

def test_form_shows_the_guide_texts_and_the_support_organisation(client, owner):
    SupportOrganisation.objects.create(name="Plateforme de démo (csm)", email="csm@example.org")
    client.force_login(owner[0])
    html = text(client.get(reverse("offers:create")))
    for expected in ["Mon offre d'emploi",
                     "Trouvez le candidat idéal en publiant l'offre d'emploi la plus précise possible",
                 "* Champs obligatoires", "Comment bien rédiger une offre ?", "Comment fonctionne une session de "
                 "recrutement ?", "En savoir +",
                 "Pour mes recrutements, je souhaite être accompagné par Plateforme de démo (csm) qui propose une "
                 "organisation matérielle des sessions de recrutements.",
                 "Titre de l'annonce", "Métier", "Lieu du poste", "Entreprise", "Salaire en €", "Nom du contact",
                 "Téléphone du contact", "Ces informations ne seront pas visibles pour les candidats",
                 "Date de début souhaitée", "Offre saisonnière", "Type de contrat",
                 "Une fois validée, elle sera disponible en ligne pendant 60 jours",
                 "Ajouter l'offre", "Sauvegarder le brouillon"]:
        assert expected in html, expected


def test_the_help_pages_open_in_a_new_tab_and_say_so_to_screen_readers(client, owner):
    """What the recruiter typed stays in the form: the help opens beside it."""
    client.force_login(owner[0])
    html = client.get(reverse("offers:create")).content.decode()
    for name in ("offers:help_writing", "offers:help_sessions"):
        link = re.search(rf'<a href="{reverse(name)}"[^>]*>En savoir \+<span class="visually-hidden">[^<]*</span>',
                         html).group(0)
        assert 'target="_blank"' in link and 'rel="noopener"' in link and "(nouvel onglet)" in link


def test_form_preselects_the_only_company_and_prefills_the_recruiters_email(client, owner):
    user, company = owner
    client.force_login(user)
    form = client.get(reverse("offers:create")).context["form"]
    assert form.initial["company"] == company.pk and form.initial["contact_email"] == user.email


def test_form_only_offers_the_recruiters_companies(client, owner):
    user, company = owner
    other_company = recruiter_with_company()[1]
    client.force_login(user)
    response = client.post(reverse("offers:create"), form_data(company=other_company.pk))
    assert response.status_code == 200 and "company" in response.context["form"].errors
    assert Offer.objects.count() == 0


def test_save_draft_needs_only_a_title(client, owner):
    user, company = owner
    client.force_login(user)
    response = client.post(reverse("offers:create"), {"title": "Serveur H/F", "company": company.pk,
                                                      "action": "draft"})
    offer = Offer.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("offers:edit", args=[offer.pk])
    assert offer.status == OfferStatus.DRAFT and offer.author == user and offer.company == company


def test_save_draft_without_a_title_is_refused(client, owner):
    client.force_login(owner[0])
    response = client.post(reverse("offers:create"), {"company": owner[1].pk, "action": "draft"})
    assert response.status_code == 200 and "title" in response.context["form"].errors
    assert not Offer.objects.exists()


def test_add_offer_requires_every_starred_field(client, owner):
    client.force_login(owner[0])
    response = client.post(reverse("offers:create"), {"title": "Serveur H/F", "company": owner[1].pk,
                                                      "action": "submit"})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"metier", "commune", "contact_phone", "contract_type"} <= set(errors)
    assert "Le formulaire contient des erreurs" in text(response)
    assert not Offer.objects.exists()


def test_add_offer_sends_it_to_moderation_with_normalised_phone_and_sanitised_description(client, owner):
    user, company = owner
    client.force_login(user)
    response = client.post(reverse("offers:create"), form_data(company=company.pk))
    assert response.status_code == 302 and response["Location"] == reverse("offers:mine")
    offer = Offer.objects.get()
    assert offer.status == OfferStatus.PENDING and offer.submitted_by == user
    assert offer.contact_phone == "04 68 12 34 56"
    assert "<script>" not in offer.description and "<strong>conseil</strong>" in offer.description
    assert str(offer.salary_min) == "1900.00" and str(offer.salary_max) == "2100.00"


@pytest.mark.parametrize("field,value,message", [
    ("contact_phone", "12 34", "numéro de téléphone français"),
    ("salary_min", "beaucoup", "montant en euros"),
    ("salary_max", "1 000", "supérieur ou égal"),
    ("removal_date", "2000-01-01", "postérieure à aujourd"),
])
def test_field_rules_apply_even_to_drafts(client, owner, field, value, message):
    client.force_login(owner[0])
    response = client.post(reverse("offers:create"), form_data(company=owner[1].pk, action="draft", **{field: value}))
    assert response.status_code == 200
    assert message in " ".join(str(e) for e in response.context["form"].errors.values())


def test_removal_date_beyond_sixty_days_is_refused_and_within_is_accepted(client, owner):
    client.force_login(owner[0])
    too_late = timezone.localdate() + datetime.timedelta(days=61)
    response = client.post(reverse("offers:create"), form_data(company=owner[1].pk, removal_date=too_late))
    assert "removal_date" in response.context["form"].errors
    fine = timezone.localdate() + datetime.timedelta(days=60)
    response = client.post(reverse("offers:create"), form_data(company=owner[1].pk, removal_date=fine))
    assert response.status_code == 302 and Offer.objects.get().removal_date == fine


def test_editing_a_refused_offer_shows_the_reason_and_resubmits(client, owner):
    user, company = owner
    offer = OfferFactory(company=company, refused=True, refused_reason="Mention H/F manquante.")
    client.force_login(user)
    assert "Mention H/F manquante." in text(client.get(_url("offers:edit", offer)))
    client.post(_url("offers:edit", offer), form_data(company=company.pk))
    offer.refresh_from_db()
    assert offer.status == OfferStatus.PENDING and offer.title == "Vendeur / Vendeuse H/F"


def test_editing_a_published_offer_keeps_it_online_until_the_changes_are_approved(client, owner):
    user, company = owner
    offer = OfferFactory(company=company, published=True, title="Serveur H/F")
    client.force_login(user)
    response = client.post(_url("offers:edit", offer), form_data(company=company.pk, title="Serveur / Serveuse H/F"))
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.title == "Serveur H/F" and offer.is_public
    revision = offer.open_revision()
    assert revision.status == OfferStatus.PENDING and revision.title == "Serveur / Serveuse H/F"
    mine = text(client.get(reverse("offers:mine")))
    assert "Modifications en attente de modération" in mine and mine.count("offer-row-title") == 1
    # the edit form shows the pending changes, and editing again updates the same revision
    assert client.get(_url("offers:edit", offer)).context["form"].initial["title"] == "Serveur / Serveuse H/F"
    client.post(_url("offers:edit", offer), form_data(company=company.pk, title="Serveur en salle H/F"))
    assert offer.revisions.count() == 1 and offer.open_revision().title == "Serveur en salle H/F"
    offer.open_revision().approve(by=StaffFactory())
    offer.refresh_from_db()
    assert offer.title == "Serveur en salle H/F" and offer.is_public


def test_a_deleted_offer_cannot_be_edited(client, owner):
    user, company = owner
    offer = OfferFactory(company=company, deleted=True)
    client.force_login(user)
    response = client.post(_url("offers:edit", offer), form_data(company=company.pk))
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.title != "Vendeur / Vendeuse H/F"


def test_real_wording_checker_findings_to_check_are_shown_and_the_offer_can_still_be_added(client, owner):
    user, company = owner
    offer = OfferFactory(company=company, title="VENDEUR H/F")  # capitals only: « À vérifier »
    client.force_login(user)
    html = text(client.get(_url("offers:edit", offer)))
    assert "Points à vérifier avant l'envoi" in html
    response = client.post(_url("offers:edit", offer), form_data(company=company.pk, title=offer.title))
    assert response.status_code == 200 and "pas encore envoyée" in text(response)
    assert Offer.objects.get(pk=offer.pk).status == OfferStatus.DRAFT
    response = client.post(_url("offers:edit", offer), form_data(company=company.pk, title=offer.title,
                                                                 findings_seen="1"))
    assert response.status_code == 302
    assert Offer.objects.get(pk=offer.pk).status == OfferStatus.PENDING


def test_wording_checker_findings_are_shown_on_the_form(client, owner, monkeypatch):
    class Finding:
        code, severity, severity_label = "age", "bloquant", "Bloquant"
        message, excerpt = "Critère d'âge discriminatoire", "jeune"

    monkeypatch.setattr(hooks, "_wording_checkers", [lambda title, description: [Finding()]])
    user, company = owner
    offer = OfferFactory(company=company, title="Vendeur jeune")
    client.force_login(user)
    html = text(client.get(_url("offers:edit", offer)))
    assert "Critère d'âge discriminatoire" in html and "Points à vérifier avant l'envoi" in html


def test_without_a_registered_wording_checker_the_form_shows_no_finding(client, owner, monkeypatch):
    monkeypatch.setattr(hooks, "_wording_checkers", [])
    user, company = owner
    offer = OfferFactory(company=company, title="VENDEUR JEUNE")
    client.force_login(user)
    assert "Points à vérifier avant l'envoi" not in text(client.get(_url("offers:edit", offer)))


# --- delete, duplicate, republish ------------------------------------------------------------------

def test_delete_asks_for_confirmation_then_soft_deletes(client, owner):
    user, company = owner
    offer = OfferFactory(company=company, pending=True)
    client.force_login(user)
    assert "Supprimer l'offre" in text(client.get(_url("offers:delete", offer)))
    assert Offer.objects.get(pk=offer.pk).deleted_at is None
    response = client.post(_url("offers:delete", offer))
    assert response.status_code == 302
    mine = text(client.get(reverse("offers:mine")))
    assert "Supprimée (En attente de modération)" in mine


def test_duplicate_creates_a_draft_and_opens_it(client, owner):
    user, company = owner
    offer = OfferFactory(company=company, published=True, start_date=datetime.date(2026, 5, 1))
    client.force_login(user)
    response = client.post(_url("offers:duplicate", offer))
    copy = Offer.objects.exclude(pk=offer.pk).get()
    assert response["Location"] == reverse("offers:edit", args=[copy.pk])
    assert copy.status == OfferStatus.DRAFT and copy.title == offer.title and copy.start_date is None


def test_republish_sends_an_expired_offer_to_moderation(client, owner):
    user, company = owner
    offer = OfferFactory(company=company, expired=True, description=form_data()["description"])
    client.force_login(user)
    client.post(_url("offers:republish", offer))
    offer.refresh_from_db()
    assert offer.status == OfferStatus.PENDING


def test_republish_of_a_non_expired_offer_is_refused_with_a_message(client, owner):
    user, company = owner
    offer = OfferFactory(company=company, pending=True)
    client.force_login(user)
    response = client.post(_url("offers:republish", offer), follow=True)
    assert "Seule une offre expirée peut être republiée" in text(response)


# --- « Vos offres d'emploi » -------------------------------------------------------------------------

def test_mine_lists_the_companys_offers_newest_first_with_their_row(client, owner):
    user, company = owner
    old = OfferFactory(company=company, title="Boulanger H/F", created_at=timezone.make_aware(
        datetime.datetime(2021, 10, 7, 9)), contract_type="interim")
    new = OfferFactory(company=company, title="Pâtissier H/F")
    OfferFactory(title="Offre d'une autre entreprise")
    client.force_login(user)
    response = client.get(reverse("offers:mine"))
    html = text(response)
    assert [o.pk for o in response.context["page"]] == [new.pk, old.pk]
    assert "Vos offres d'emploi" in html and "Veuillez saisir un titre" in html and "Toutes les offres" in html
    assert "2 offres correspondent aux filtres" in html
    assert "BOULANGER H/F" in html
    assert f"Dépôt le 07/10/2021 - Carcassonne | {company.name} | Intérim | Vendeur" in html
    assert "autre entreprise" not in html
    assert "DUPLIQUER" in html


def test_mine_filters_by_title_and_status_with_the_count_sentence(client, owner):
    user, company = owner
    OfferFactory(company=company, title="Électricien H/F", published=True)
    OfferFactory(company=company, title="Comptable H/F")
    OfferFactory(company=company, title="Electricien chantier", expired=True)
    OfferFactory(company=company, title="Plombier H/F", deleted=True)
    client.force_login(user)
    html = text(client.get(reverse("offers:mine"), {"q": "electricien"}))
    assert "2 offres correspondent aux filtres" in html
    html = text(client.get(reverse("offers:mine"), {"q": "électricien", "statut": "published"}))
    assert "1 offre correspond aux filtres" in html and "ÉLECTRICIEN H/F" in html
    html = text(client.get(reverse("offers:mine"), {"statut": "refused"}))
    assert "Aucune offre ne correspond aux filtres" in html
    html = text(client.get(reverse("offers:mine"), {"statut": "deleted"}))
    assert "1 offre correspond aux filtres" in html and "Supprimée (Brouillon)" in html
    html = text(client.get(reverse("offers:mine"), {"statut": "expired"}))
    assert "Republier" in html


def test_mine_survives_a_bad_status_or_page(client, owner):
    client.force_login(owner[0])
    assert client.get(reverse("offers:mine"), {"statut": "nimporte", "page": "abc"}).status_code == 200


def test_mine_is_paginated(client, owner, monkeypatch):
    from offers import views

    monkeypatch.setattr(views, "PAGE_SIZE", 3)
    user, company = owner
    OfferFactory.create_batch(7, company=company)
    client.force_login(user)
    response = client.get(reverse("offers:mine"), {"page": 3})
    assert len(response.context["page"]) == 1 and "7 offres correspondent aux filtres" in text(response)


@pytest.mark.parametrize("size", [3, 8])
def test_mine_query_count_does_not_grow_with_the_page(client, owner, django_assert_num_queries, size):
    user, company = owner
    for offer in OfferFactory.create_batch(size, company=company, published=True):
        offer.new_revision(by=user).save()
    OfferFactory.create_batch(size, company=company, deleted=True)
    client.force_login(user)
    client.get(reverse("offers:mine"))  # warm the session
    # user, current company, count, page (with revision annotations) (session, announcements: kept)
    with django_assert_num_queries(4):
        response = client.get(reverse("offers:mine"))
    assert len(response.context["page"]) == 2 * size


@pytest.mark.parametrize("size", [2, 9])
def test_dashboard_lists_published_and_pending_offers_with_a_fixed_query_count(
        client, owner, django_assert_num_queries, size):
    user, company = owner
    OfferFactory.create_batch(size, company=company, published=True)
    OfferFactory(company=company, pending=True, title="Offre en attente")
    OfferFactory(company=company, title="Brouillon caché")
    OfferFactory(company=company, expired=True, title="Expirée cachée")
    client.force_login(user)
    client.get(reverse("accounts:dashboard"))  # warm the session and the announcements
    # user, current company, current offers: loaded by the view, none by the template
    with django_assert_num_queries(3):
        response = client.get(reverse("accounts:dashboard"))
    assert len(response.context["current_offers"]) == size + 1
    html = text(response)
    assert "Offre en attente" in html and "Brouillon caché" not in html and "Expirée cachée" not in html
    assert "en ligne jusqu'au" in html


def test_dashboard_of_a_recruiter_without_company_queries_no_offer(client, django_assert_num_queries):
    client.force_login(RecruiterFactory())
    client.get(reverse("accounts:dashboard"))
    with django_assert_num_queries(3):  # user, current company, pending request
        response = client.get(reverse("accounts:dashboard"))
    assert response.context["current_offers"] == []


# --- public pages ----------------------------------------------------------------------------------

def _jsonld(html):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def test_public_detail_shows_the_offer_and_its_jobposting_but_never_the_contact(client):
    offer = OfferFactory(published=True, title="Cuisinier H/F", salary_min=1900, salary_max=2200,
                         salary_period="month", is_seasonal=True, start_date=datetime.date(2026, 4, 1))
    response = client.get(reverse("offers:public_detail", args=[offer.slug, offer.pk]))
    html = text(response)
    assert response.status_code == 200
    for expected in ["Cuisinier H/F", offer.company.name, "Carcassonne", "CDI", "offre saisonnière", "brut par mois",
                 "01/04/2026", "Publiée le", "En ligne jusqu'au"]:
        assert expected in html, expected
    for secret in CONTACT:
        assert secret not in html
    data = _jsonld(html)
    assert data["@type"] == "JobPosting" and data["title"] == "Cuisinier H/F"
    assert data["hiringOrganization"]["name"] == offer.company.name
    assert data["jobLocation"]["address"]["addressCountry"] == "FR"
    assert data["employmentType"] == "FULL_TIME"
    assert data["baseSalary"]["value"] == {"@type": "QuantitativeValue", "unitText": "MONTH", "minValue": 1900.0,
                                           "maxValue": 2200.0}
    assert {"description", "datePosted", "validThrough"} <= set(data)
    for secret in CONTACT:
        assert secret not in json.dumps(data, ensure_ascii=False)


def test_public_detail_links_the_company_page_only_when_it_is_online(client):
    offer = OfferFactory(published=True)
    url = reverse("offers:public_detail", args=[offer.slug, offer.pk])
    company_url = reverse("companies:public_detail", kwargs={"slug": offer.company.slug})
    assert company_url not in text(client.get(url))
    offer.company.is_online = True
    offer.company.save()
    assert company_url in text(client.get(url))


def test_owner_detail_shows_the_contact_fields_and_the_status(client, owner):
    user, company = owner
    offer = OfferFactory(company=company, refused=True, refused_reason="Mention H/F manquante.")
    client.force_login(user)
    html = text(client.get(_url("offers:detail", offer)))
    assert all(secret in html for secret in CONTACT)
    assert "Refusée" in html and "Mention H/F manquante." in html


def test_jsonld_cannot_break_out_of_its_script(client):
    offer = OfferFactory(published=True, title="</script><script>alert(1)</script> H/F")
    html = client.get(reverse("offers:public_detail", args=[offer.slug, offer.pk])).content.decode()
    assert "</script><script>alert(1)" not in html
    assert _jsonld(html)["title"] == offer.title


def test_public_detail_redirects_to_the_canonical_slug(client):
    offer = OfferFactory(published=True, title="Maçon H/F")
    response = client.get(reverse("offers:public_detail", args=["ancien-titre", offer.pk]))
    assert response.status_code == 301 and response["Location"] == reverse("offers:public_detail",
                                                                             args=["macon-hf", offer.pk])


@pytest.mark.parametrize("traits", [{"expired": True}, {"published": True, "deleted": True}])  # never published: 404
def test_gone_offers_answer_410_with_similar_published_offers(client, traits):
    offer = OfferFactory(**traits)
    similar = OfferFactory(published=True, metier=offer.metier, title="Offre similaire H/F")
    for user in (None, StaffFactory()):
        if user:
            client.force_login(user)
        response = client.get(reverse("offers:public_detail", args=[offer.slug, offer.pk]))
        html = text(response)
        assert response.status_code == 410
        assert "Cette offre n'est plus disponible" in html and similar.title in html
        for secret in CONTACT:
            assert secret not in html.replace(similar.title, "")


@pytest.mark.parametrize("traits", [{}, {"pending": True}])
def test_draft_and_pending_offers_are_404_except_for_members_and_staff(client, traits):
    user, company = recruiter_with_company()
    offer = OfferFactory(company=company, **traits)
    url = reverse("offers:public_detail", args=[offer.slug, offer.pk])
    assert client.get(url).status_code == 404
    for outsider in (CandidateFactory(), recruiter_with_company()[0]):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
    for insider in (user, StaffFactory()):
        client.force_login(insider)
        response = client.get(url)
        assert response.status_code == 200 and "Aperçu" in text(response)


def test_unknown_offer_is_404(client):
    assert client.get(reverse("offers:public_detail", args=["rien", 999999])).status_code == 404


def test_public_list_shows_published_offers_newest_first_without_contacts(client):
    older = OfferFactory(published=True, title="Ancienne H/F",
                         published_at=timezone.now() - datetime.timedelta(days=5))
    newer = OfferFactory(published=True, title="Récente H/F")
    OfferFactory(pending=True, title="En attente H/F")
    OfferFactory(expired=True, title="Expirée H/F")
    OfferFactory(title="Brouillon H/F")
    response = client.get(reverse("offers:public_list"))
    html = text(response)
    assert [o.pk for o in response.context["page"]] == [newer.pk, older.pk]
    assert "En attente" not in html and "Expirée H/F" not in html and "Brouillon H/F" not in html
    for secret in CONTACT:
        assert secret not in html


def test_public_list_filters_by_keyword_place_and_contract(client):
    limoux = CommuneFactory(insee="11206", name="Limoux")
    electrician = OfferFactory(published=True, title="Électricien H/F", contract_type="cdd", commune=limoux)
    OfferFactory(published=True, title="Comptable H/F", contract_type="cdi")
    OfferFactory(published=True, title="Électricien bâtiment", contract_type="interim")
    page = client.get(reverse("offers:public_list"), {"q": "electricien"}).context["page"]
    assert len(page) == 2
    page = client.get(reverse("offers:public_list"), {"q": "electricien", "contrat": "cdd"}).context["page"]
    assert [o.pk for o in page] == [electrician.pk]
    page = client.get(reverse("offers:public_list"), {"ou": "limoux"}).context["page"]
    assert [o.pk for o in page] == [electrician.pk]
    html = text(client.get(reverse("offers:public_list"), {"q": "astronaute"}))
    assert "Aucune offre ne correspond à votre recherche" in html


def test_public_list_survives_bad_input(client):
    response = client.get(reverse("offers:public_list"), {"contrat": "xxx", "ou": "abc", "page": "-1",
                                                          "q": "!!! & | ("})
    assert response.status_code == 200


@pytest.mark.parametrize("size", [3, 15])
def test_public_list_query_count_does_not_grow_with_the_page(client, django_assert_num_queries, size):
    OfferFactory.create_batch(size, published=True)
    with django_assert_num_queries(2):  # count, page
        response = client.get(reverse("offers:public_list"))
    assert len(response.context["page"]) == size


def test_help_pages_have_real_content(client):
    SupportOrganisation.objects.create(name="Maison de l'emploi du Carcassonnais", email="sessions@mde.example")
    html = text(client.get(reverse("offers:help_writing")))
    assert "H/F" in html and "discriminatoire" in html and "60 jours" in html
    html = text(client.get(reverse("offers:help_sessions")))
    assert "Maison de l'emploi du Carcassonnais" in html and "sessions@mde.example" in html


@pytest.mark.parametrize("size", [2, 7])
def test_xml_feed_lists_public_offers_without_contacts_in_one_query(client, django_assert_num_queries, size):
    from xml.etree import ElementTree

    OfferFactory.create_batch(size, published=True, title="Serveur <H/F> & co")
    OfferFactory(pending=True)
    OfferFactory(expired=True)
    with django_assert_num_queries(1):
        response = client.get(reverse("offers:feed"))
    assert response["Content-Type"].startswith("application/xml")
    root = ElementTree.fromstring(response.content)
    jobs = root.findall("job")
    assert len(jobs) == size and jobs[0].findtext("title") == "Serveur <H/F> & co"
    assert jobs[0].findtext("country") == "FR"
    for secret in CONTACT:
        assert secret not in response.content.decode()
