"""The public « Offres » search: the query language and normalisation shared with the CVthèque, each
filter of ``OfferFilterSet``, their combinations, bad values, the order, the query count, the widening."""

import datetime
import re
from decimal import Decimal
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from offers import search
from offers.enums import ContractType, SalaryPeriod
from offers.filters import MyOffersFilterSet, OfferFilterSet
from offers.models import Offer
from offers.search import OfferCriteria, Sort, in_weights, ordered, search_offers, search_page, update_search_vectors
from referentials.loader import load_referentials
from referentials.models import Metier
from referentials.query import metier_forms_index
from referentials.services import place_from_key, resolve_place
from tests.companies.factories import CompanyFactory, recruiter_with_company
from tests.referentials.factories import CommuneFactory, MetierFactory

from .factories import OfferFactory

pytestmark = pytest.mark.django_db

URL = reverse("offers:public_list")


def found(**data) -> list[str]:
    """Titles the public FilterSet finds for these GET parameters, in the page's order."""
    return [o.title for o in OfferFilterSet(data).qs]


def keywords(q: str) -> set[str]:
    return {o.title for o in search_offers(OfferCriteria(q=q))}


def offer(title, **kwargs) -> Offer:
    kwargs.setdefault("metier", None)
    return OfferFactory(published=True, title=title, **kwargs)


# --- keywords: the CVthèque's normalisation and query language ---------------------------------------------

def test_boulanger_and_boulangere_find_the_same_offers():
    offer("Boulanger H/F")
    offer("Boulangère confirmée")
    offer("Ouvrier boulanger de nuit")
    offer("Aide à domicile H/F")
    assert keywords("boulanger") == keywords("boulangère") == keywords("BOULANGERE") == {
        "Boulanger H/F", "Boulangère confirmée", "Ouvrier boulanger de nuit"}


def test_accents_case_and_plural_are_ignored():
    offer("Électricien bâtiment H/F")
    offer("Comptable H/F")
    assert keywords("electricien") == keywords("ÉLECTRICIENS") == {"Électricien bâtiment H/F"}


def test_a_metier_name_finds_its_synonyms_and_the_offers_of_that_metier():
    boulanger = MetierFactory(name="Boulanger")
    offer("Mitron H/F")  # a synonym of « Boulanger » in the referential
    offer("Fournil de la Cité : renfort H/F", metier=boulanger)  # the métier's forms are in its document
    offer("Serveur H/F")
    assert keywords("boulangère") == {"Mitron H/F", "Fournil de la Cité : renfort H/F"}


def test_phrases_or_and_exclusions():
    offer("Vendeur en boulangerie H/F")
    offer("Boulangerie : responsable de vente H/F")
    offer("Cuisinier H/F")
    offer("Plongeur H/F", description="<p>Plonge et nettoyage de la cuisine.</p>")
    assert keywords('"vendeur en boulangerie"') == {"Vendeur en boulangerie H/F"}
    assert keywords("cuisinier OU plongeur") == {"Cuisinier H/F", "Plongeur H/F"}
    assert keywords("boulangerie -vendeur") == {"Boulangerie : responsable de vente H/F"}


def test_bac_plus_2_is_one_word():
    offer("Assistant de gestion H/F", description="<p>Niveau Bac+2 en comptabilité.</p>")
    offer("Manutentionnaire H/F", description="<p>Bac ou 2 ans d'expérience.</p>")
    assert keywords("bac+2") == keywords("BAC+2") == {"Assistant de gestion H/F"}


def test_the_company_name_is_searched_and_follows_a_renaming():
    company = CompanyFactory(name="Fournil des Corbières")
    offer("Vendeur H/F", company=company)
    assert keywords("corbieres") == {"Vendeur H/F"}
    company.name = "Pains du Minervois"
    company.save()
    assert keywords("corbieres") == set() and keywords("minervois") == {"Vendeur H/F"}


def test_junk_keywords_find_without_error():
    offer("Vendeur H/F")
    assert found(q="!!! & | ( ' \" :*") == ["Vendeur H/F"]  # nothing searchable: no keyword filter
    assert found(q="-vendeur") == ["Vendeur H/F"]  # only an exclusion: nothing to look for


# --- order -------------------------------------------------------------------------------------------------

def test_relevance_puts_title_words_before_description_words_then_fresher_first():
    now = timezone.now()
    offer("Agent d'entretien H/F", description="<p>Entretien des locaux, aide au cuisinier.</p>",
          published_at=now - datetime.timedelta(hours=1))
    offer("Cuisinier H/F", published_at=now - datetime.timedelta(days=3))
    offer("Cuisinier de collectivité H/F", published_at=now - datetime.timedelta(days=1))
    assert found(q="cuisinière") == ["Cuisinier de collectivité H/F", "Cuisinier H/F", "Agent d'entretien H/F"]
    assert found(q="cuisinière", tri="date") == ["Agent d'entretien H/F", "Cuisinier de collectivité H/F",
                                              "Cuisinier H/F"]


def days_ago(days: float):
    return timezone.now() - datetime.timedelta(days=days)


def page_titles(data: dict, number=1) -> list[str]:
    """Titles of one page of the public page's search (``search_page``: its bounded statement)."""
    return [o.title for o in search_page(OfferFilterSet(data).criteria, number).object_list]


def test_an_offer_with_the_words_in_its_title_comes_before_one_with_them_only_in_its_description_whatever_their_dates():
    company = CompanyFactory(name="Maison Martin")
    offer("Agent polyvalent H/F", company=company, description="<p>Vous aidez le soudeur de l'atelier.</p>",
          published_at=days_ago(0.1))
    offer("Soudeur H/F", company=company, published_at=days_ago(40))
    offer("Renfort atelier H/F", company=CompanyFactory(name="Les Soudeurs Martin"), published_at=days_ago(0.2))
    expected = ["Soudeur H/F", "Renfort atelier H/F", "Agent polyvalent H/F"]  # title, company, description
    assert found(q="soudeur") == page_titles({"q": "soudeur"}) == expected


def test_within_a_tier_the_freshest_first():
    for title, days in [("Cuisinier H/F", 5), ("Cuisinière de collectivité", 1), ("Chef cuisinier H/F", 3)]:
        offer(title, published_at=days_ago(days))
    for title, days in [("Plongeur H/F", 4), ("Serveur H/F", 2)]:
        offer(title, description="<p>En renfort du cuisinier.</p>", published_at=days_ago(days))
    expected = ["Cuisinière de collectivité", "Chef cuisinier H/F", "Cuisinier H/F", "Serveur H/F", "Plongeur H/F"]
    assert found(q="cuisinier") == page_titles({"q": "cuisinier"}) == expected


def test_an_exclusion_holds_for_the_whole_offer_in_every_tier():
    offer("Vendeur H/F", description="<p>Rayon alimentation.</p>", published_at=days_ago(1))
    offer("Vendeur en magasin H/F", published_at=days_ago(2))
    assert page_titles({"q": "vendeur -alimentation"}) == ["Vendeur en magasin H/F"]


def test_the_words_of_a_tier_are_restricted_to_its_parts_except_the_exclusions():
    assert in_weights("'vendeur' & !'alimentair'", "A") == "'vendeur':A & !'alimentair'"
    assert in_weights("('vendeur' <-> 'boulangeri') & !('grand' <-> 'surfac') & ('cdi' | 'cdd')", "AB") == (
        "('vendeur':AB <-> 'boulangeri':AB) & !('grand' <-> 'surfac') & ('cdi':AB | 'cdd':AB)")
    assert in_weights("'vendeur'", "") == "'vendeur'"


@pytest.mark.parametrize("data", [{"q": "vendeur"}, {"q": "vendeur -alimentation"}, {"q": '"vendeur en magasin"'},
                                  {"q": "vendeur OU caissier", "contrat": ["cdi"]},
                                  {"q": "vendeur", "ou": "commune:11069", "rayon": "20"}])
def test_the_bounded_walk_and_the_indexes_give_the_order_of_the_whole_ranking(monkeypatch, data):
    """With a walk of 3 offers, each tier is found by the walk, the deeper walk or its GIN index: the pages
    are those of ``ordered`` over every match."""
    monkeypatch.setattr(search, "WALK_ROWS", 3)
    monkeypatch.setattr(search, "MAX_WALK_ROWS", 3)
    monkeypatch.setattr(search, "DEEP_WALK_ROWS", 12)
    monkeypatch.setattr(search, "PAGE_SIZE", 4)
    carcassonne = CommuneFactory(carcassonne=True)
    vendeurs = CompanyFactory(name="Les vendeurs réunis")
    texts = [{"title": "Vendeur en magasin H/F"}, {"title": "Caissier H/F"},
             {"title": "Employé libre-service", "company": vendeurs},
             {"title": "Magasinier H/F", "description": "<p>Vous épaulez le vendeur en magasin.</p>"},
             {"title": "Équipier H/F", "description": "<p>Aide au vendeur, rayon alimentation.</p>"},
             {"title": "Vendeur rayon alimentation H/F"}, {"title": "Comptable H/F"}]
    for n in range(40):
        offer(f"{texts[n % 7]['title']} {n}", **{k: v for k, v in texts[n % 7].items() if k != "title"},
              published_at=days_ago((n * 7919) % 97 / 3), commune=carcassonne if n % 3 else None,
              contract_type=ContractType.CDI if n % 2 else ContractType.CDD)
    metier_forms_index()
    everything = found(**data)
    assert everything
    pages = [title for number in range(1, (len(everything) + 3) // 4 + 1) for title in page_titles(data, number)]
    assert pages == everything


def test_the_count_stops_at_the_cap_and_the_pages_with_it(client, monkeypatch):
    monkeypatch.setattr(search, "COUNT_CAP", 25)
    for n in range(27):
        offer(f"Vendeur numéro {n}")
    html = unescape(client.get(URL, {"q": "vendeuse"}).content.decode())
    assert "Plus de 25 offres correspondent à votre recherche" in html and "Page 1 sur 2" in html
    response = client.get(URL, {"q": "vendeuse", "page": 9999})
    assert response.status_code == 200 and response.context["page"].number == 2
    html = unescape(response.content.decode())
    assert "Seules les 25 premières offres sont affichées" in html and 'rel="next"' not in html
    assert len(response.context["page"]) == 5  # offers 21 to 25: no page past the cap
    assert "26 offres correspondent" not in unescape(client.get(URL, {"q": '"vendeur numéro 3"'}).content.decode())


def test_a_page_past_the_last_shows_the_last_with_a_message(client):
    offer("Vendeur H/F")
    response = client.get(URL, {"q": "vendeur", "page": "12"})
    assert response.status_code == 200 and [o.title for o in response.context["page"]] == ["Vendeur H/F"]
    assert "voici la dernière page des résultats" in unescape(response.content.decode())


def test_without_keywords_the_freshest_come_first():
    now = timezone.now()
    offer("Ancienne H/F", published_at=now - datetime.timedelta(days=9))
    offer("Récente H/F", published_at=now - datetime.timedelta(hours=2))
    assert found() == found(tri=Sort.RELEVANCE) == ["Récente H/F", "Ancienne H/F"]


def test_ordered_without_keywords_sorts_by_date():
    criteria = OfferCriteria(contract_types=[ContractType.CDI])
    assert ordered(search_offers(criteria), criteria).query.order_by == ("-published_at", "-id")


# --- each filter -------------------------------------------------------------------------------------------

def test_metier_filter_keeps_the_offers_of_that_metier_or_naming_it():
    vendeur = MetierFactory()  # « Vendeur / Vendeuse »
    offer("Équipier polyvalent H/F", metier=vendeur)
    offer("Vendeuse en magasin H/F")
    offer("Soudeur H/F", metier=MetierFactory(name="Soudeur"))
    assert set(found(metier="Vendeuse")) == {"Équipier polyvalent H/F", "Vendeuse en magasin H/F"}


def test_radius_around_a_commune_uses_the_communes_coordinates():
    carcassonne = CommuneFactory(carcassonne=True)
    offer("À Carcassonne H/F", commune=carcassonne)
    offer("À Trèbes H/F", commune=CommuneFactory(insee="11397"))  # ≈ 8 km
    offer("À Limoux H/F", commune=CommuneFactory(insee="11206"))  # ≈ 21 km
    offer("À Castelnaudary H/F", commune=CommuneFactory(castelnaudary=True))  # ≈ 36 km
    label = str(resolve_place("commune:11069"))
    assert set(found(ou=label)) == {"À Carcassonne H/F"}
    assert set(found(ou=label, rayon="10")) == {"À Carcassonne H/F", "À Trèbes H/F"}
    assert set(found(ou=label, rayon="30")) == {"À Carcassonne H/F", "À Trèbes H/F", "À Limoux H/F"}
    assert len(found(ou=label, rayon="50")) == 4
    assert len(found(ou="Aude")) == 4  # a département: its communes
    assert len(found(rayon="30")) == 4  # a radius without a place: ignored


def test_contract_types_filter_takes_several():
    offer("En CDI H/F", contract_type=ContractType.CDI)
    offer("En CDD H/F", contract_type=ContractType.CDD)
    offer("En intérim H/F", contract_type=ContractType.INTERIM)
    assert found(contrat=["cdi"]) == ["En CDI H/F"]
    assert set(found(contrat=["cdi", "cdd"])) == {"En CDI H/F", "En CDD H/F"}


def test_minimum_salary_compares_monthly_amounts_whatever_the_period():
    offer("Horaire H/F", salary_min=Decimal("12"), salary_period=SalaryPeriod.HOUR)  # ≈ 1 820 € a month
    offer("Fourchette H/F", salary_min=Decimal("1700"), salary_max=Decimal("2100"), salary_period=SalaryPeriod.MONTH)
    offer("Annuel H/F", salary_min=Decimal("30000"), salary_period=SalaryPeriod.YEAR)  # 2 500 € a month
    offer("Sans salaire H/F")
    assert set(found(salaire="1 800")) == {"Horaire H/F", "Fourchette H/F", "Annuel H/F"}
    assert set(found(salaire="2 000 €")) == {"Fourchette H/F", "Annuel H/F"}
    assert found(salaire="2500,50") == []


def test_recent_filter_keeps_the_offers_published_less_than_seven_days_ago():
    offer("Récente H/F", published_at=timezone.now() - datetime.timedelta(days=6, hours=23))
    offer("Ancienne H/F", published_at=timezone.now() - datetime.timedelta(days=7, hours=1))
    assert found(recentes="on") == ["Récente H/F"]


def test_seasonal_filter():
    offer("Saisonnier H/F", is_seasonal=True)
    offer("À l'année H/F")
    assert found(saisonnier="on") == ["Saisonnier H/F"]
    assert len(found(saisonnier="")) == 2


def test_filters_combine():
    carcassonne = CommuneFactory(carcassonne=True)
    boulanger = MetierFactory(name="Boulanger")
    wanted = offer("Boulanger H/F", metier=boulanger, commune=carcassonne, contract_type=ContractType.CDI,
                   salary_min=Decimal("1900"), salary_period=SalaryPeriod.MONTH, is_seasonal=True)
    offer("Boulanger en CDD H/F", metier=boulanger, commune=carcassonne, contract_type=ContractType.CDD,
          salary_min=Decimal("1900"), salary_period=SalaryPeriod.MONTH, is_seasonal=True)
    offer("Boulanger à Castelnaudary H/F", metier=boulanger, commune=CommuneFactory(castelnaudary=True),
          salary_min=Decimal("1900"), salary_period=SalaryPeriod.MONTH, is_seasonal=True)
    offer("Boulanger mal payé H/F", metier=boulanger, commune=carcassonne, salary_min=Decimal("1500"),
          salary_period=SalaryPeriod.MONTH, is_seasonal=True)
    data = {"q": "boulangère", "metier": "Boulanger", "ou": "Carcassonne", "rayon": "20", "contrat": ["cdi"],
            "salaire": "1800", "recentes": "on", "saisonnier": "on", "tri": "date"}
    assert found(**data) == [wanted.title]


# --- bad values: a French message on the field, the other filters kept, never a 500 ----------------------

@pytest.mark.parametrize(("field", "value", "message"), [
    ("contrat", "xxx", "Sélectionnez un choix valide"),
    ("ou", "Zzyzx-sur-Mer", "Aucun lieu ne correspond à « Zzyzx-sur-Mer »"),
    ("metier", "Astronaute lunaire", "Aucun métier ne correspond à « Astronaute lunaire »"),
    ("rayon", "7", "Sélectionnez un choix valide"),
    ("salaire", "beaucoup", "Saisissez un montant en euros"),
    ("tri", "hasard", "Sélectionnez un choix valide"),
    ("q", "x" * 201, "200 caractères"),
])
def test_a_bad_value_shows_a_french_message_on_its_field_and_keeps_the_other_filters(client, field, value, message):
    offer("Vendeur H/F", contract_type=ContractType.CDI)
    offer("Soudeur H/F", contract_type=ContractType.CDD)
    kept = {"contrat": ["cdi"]} if field == "q" else {"q": "vendeuse"}
    response = client.get(URL, {field: value, **kept})
    assert response.status_code == 200
    html = unescape(response.content.decode())
    assert message in html and "field-error" in html
    assert [o.title for o in response.context["page"]] == ["Vendeur H/F"]


def test_bad_pages_and_junk_never_fail(client):
    response = client.get(URL, {"page": "-1", "salaire": "1e400", "rayon": "abc", "ou": "\x00", "q": "(((",
                                "recentes": "peut-être", "contrat": ""})
    assert response.status_code == 200


# --- the page ----------------------------------------------------------------------------------------------

def test_the_page_says_how_many_offers_match_and_shows_20_a_page(client):
    for n in range(21):
        offer(f"Vendeur numéro {n}")
    html = unescape(client.get(URL, {"q": "vendeuse"}).content.decode())
    assert "21 offres correspondent à votre recherche" in html and html.count('class="row offer-row"') == 20
    assert len(client.get(URL, {"q": "vendeur", "page": 2}).context["page"]) == 1
    html = unescape(client.get(URL, {"q": '"vendeur numéro 3"'}).content.decode())
    assert "1 offre correspond à votre recherche" in html


COMBINATIONS = [
    {},
    {"q": "boulangère", "tri": "date"},
    {"q": "cuisinier OU serveur -plonge", "contrat": ["cdi", "cdd"], "salaire": "1500", "recentes": "on",
     "saisonnier": "on"},
    {"q": "vendeur", "ou": "commune:11069", "rayon": "20", "contrat": ["cdi"]},
    {"ou": "departement:11", "recentes": "on"},
    {"q": "vendeur", "ou": "commune:11069", "rayon": "30", "contrat": ["cdi"], "salaire": "1200", "recentes": "on",
     "saisonnier": "on", "tri": "pertinence", "metier": "Vendeur"},
]


@pytest.mark.parametrize("size", [3, 25])
@pytest.mark.parametrize("data", COMBINATIONS)
def test_the_query_count_is_fixed_whatever_the_filters_and_the_results(client, django_assert_num_queries, size,
                                                                       data):
    carcassonne = CommuneFactory(carcassonne=True)
    for n in range(size):
        offer(f"Vendeur serveur cuisinier boulanger {n}", commune=carcassonne, is_seasonal=True,
              metier=MetierFactory(), salary_min=Decimal("1800"), salary_period=SalaryPeriod.MONTH)
    metier_forms_index()  # the query language's métier index: built once per process
    # count, page; one look-up per referential the visitor typed (place, métier), and the place's communes,
    # read once per process (``search.place_commune_ids``): the same search again does not read them
    lookups = bool(data.get("ou")) + bool(data.get("metier"))
    with django_assert_num_queries(2 + lookups + bool(data.get("ou"))):
        response = client.get(URL, data)
    assert response.status_code == 200 and not response.context["form"].errors
    assert len(response.context["page"]) == min(size, 20)
    with django_assert_num_queries(2 + lookups):
        assert client.get(URL, data).status_code == 200


def test_an_empty_result_proposes_a_wider_radius_the_departement_anywhere_and_fewer_filters(client):
    CommuneFactory(carcassonne=True)
    html = client.get(URL, {"q": "astronaute", "ou": "Carcassonne", "rayon": "10", "contrat": "cdi",
                            "recentes": "on"}).content.decode()
    assert "Aucune offre ne correspond à votre recherche" in html
    links = dict((unescape(label), unescape(href)) for href, label in
                 re.findall(r'<li><a href="\?([^"]*)">([^<]*)</a></li>', html))
    assert links["Élargir à 20 km autour de Carcassonne"] == (
        "q=astronaute&ou=Carcassonne&contrat=cdi&recentes=on&rayon=20")
    departement = links["Chercher dans tout le département : Aude (11)"]
    assert departement == "q=astronaute&contrat=cdi&recentes=on&ou=Aude+%2811%29"
    assert links["Chercher partout"] == "q=astronaute&contrat=cdi&recentes=on"
    assert links["Retirer les autres filtres (métier, contrat, salaire, date, saisonnier)"] == (
        "q=astronaute&ou=Carcassonne&rayon=10")
    wider = client.get(URL + "?" + departement).content.decode()
    assert "field-error" not in wider and 'value="Aude' in wider


def test_a_full_result_proposes_nothing(client):
    offer("Vendeur H/F")
    assert client.get(URL, {"q": "vendeur"}).context["wider"] == []


# --- « Mes offres » and « Entreprises » ------------------------------------------------------------------

def test_my_offers_filterset_by_title_and_status():
    user, company = recruiter_with_company()
    OfferFactory(company=company, title="Électricien H/F", published=True)
    OfferFactory(company=company, title="Comptable H/F")
    OfferFactory(company=company, title="Ancienne H/F", deleted=True)
    offers = Offer.objects.of_member(user).originals()

    def titles(**data):
        return {o.title for o in MyOffersFilterSet(data, queryset=offers).qs}

    assert titles(q="electricien") == {"Électricien H/F"}
    assert titles(statut="published") == {"Électricien H/F"}
    assert titles(statut="deleted") == {"Ancienne H/F"}
    assert titles(statut="draft") == {"Comptable H/F"}
    bad = MyOffersFilterSet({"statut": "nimporte"}, queryset=offers)
    assert len(bad.qs) == 3 and "Sélectionnez un choix valide" in str(bad.form.errors["statut"])


def test_companies_filterset_bad_place_is_a_french_message(client):
    CompanyFactory(name="Boulangerie du Canal", is_online=True)
    response = client.get(reverse("companies:public_list"), {"place": "Zzyzx-sur-Mer", "q": "canal"})
    assert response.status_code == 200
    assert "Aucun lieu ne correspond" in unescape(response.content.decode())
    assert [c.name for c in response.context["companies"]] == ["Boulangerie du Canal"]


def test_the_bulk_vector_writer_stores_what_saving_an_offer_stores():
    saved = offer("Boulangère H/F", company=CompanyFactory(name="Fournil du Canal"), metier=MetierFactory(),
                  description="<p>Pains au <strong>levain</strong>.</p>")
    stored = Offer.objects.values_list("search_vector", flat=True).get(pk=saved.pk)
    Offer.objects.filter(pk=saved.pk).update(search_vector=None)
    assert update_search_vectors(Offer.objects.filter(pk=saved.pk)) == 1
    assert Offer.objects.values_list("search_vector", flat=True).get(pk=saved.pk) == stored
    assert "'levain':" in stored and "'boulang':1A" in stored and "'canal':" in stored


def test_a_job_alert_keeps_every_filter_and_links_back_to_the_same_search(client):
    offer("Boulanger H/F", metier=MetierFactory(name="Boulanger"), is_seasonal=True, salary_min=Decimal("2000"),
          salary_period=SalaryPeriod.MONTH)
    data = {"q": "boulangère", "metier": "Boulanger", "ou": "commune:11069", "rayon": "20", "contrat": ["cdi"],
            "salaire": "1 800", "saisonnier": "on"}
    criteria = OfferFilterSet(data).criteria
    params = criteria.to_params()
    assert params == {"q": "boulangère", "metier": "Boulanger", "ou": "commune:11069", "rayon": 20,
                      "contrat": ["cdi"], "salaire": "1800", "saisonnier": True}
    again = OfferCriteria.from_params(params)
    assert [o.title for o in search_offers(again)] == [o.title for o in search_offers(criteria)] == ["Boulanger H/F"]
    response = client.get(URL + "?" + criteria.querystring())
    assert not response.context["form"].errors and [o.title for o in response.context["page"]] == ["Boulanger H/F"]


def test_a_synonym_added_to_a_metier_finds_its_offers():
    metier = MetierFactory(name="Ouvrier de banc d'essai", name_feminine="", synonyms=[])
    offer("Renfort H/F", metier=metier)
    assert keywords("gâcheur") == set()
    metier.synonyms = ["Gâcheur"]
    metier.save()
    assert keywords("gâcheur") == {"Renfort H/F"}


def test_load_referentials_rewrites_the_vectors_of_the_offers_of_the_metiers_it_changed_only(
        django_assert_max_num_queries):
    """``load_referentials --reset-metiers`` writes the métiers in bulk (no post_save): its signal names them,
    and their offers only are written again, in one UPDATE."""
    soudeur, macon = Metier.objects.get(name="Soudeur"), Metier.objects.get(name="Maçon")
    welder, mason = offer("Renfort atelier H/F", metier=soudeur), offer("Renfort chantier H/F", metier=macon)
    untouched = offer("Caissier H/F", metier=Metier.objects.get(name="Caissier"))
    # staff removed their synonyms behind the admin's back; the offers' vectors follow
    Metier.objects.filter(pk__in=[soudeur.pk, macon.pk]).update(synonyms=[])
    update_search_vectors(Offer.objects.filter(pk__in=[welder.pk, mason.pk]))
    assert keywords("tig") == keywords("vrd") == set()
    Offer.objects.filter(pk=untouched.pk).update(search_vector=None)  # stale on purpose: must stay so
    with CaptureQueriesContext(connection) as queries:
        load_referentials(reset_metiers=True)
    assert "Soudeur TIG" in Metier.objects.get(pk=soudeur.pk).synonyms
    assert keywords("tig") == {"Renfort atelier H/F"}
    assert keywords("vrd") == {"Renfort chantier H/F"}
    assert Offer.objects.get(pk=untouched.pk).search_vector is None
    offer_updates = [q["sql"] for q in queries.captured_queries if q["sql"].lstrip().startswith("UPDATE offers_offer")]
    assert len(offer_updates) == 1


def test_a_place_s_communes_are_read_once_and_again_after_the_geography_changes():
    carcassonne = CommuneFactory(carcassonne=True)
    place = place_from_key(f"commune:{carcassonne.insee}")
    before = search.place_commune_ids(place, 20)
    assert carcassonne.pk in before
    near = CommuneFactory(name="Hameau-Neuf", insee="11999", latitude=carcassonne.latitude + 0.01,
                          longitude=carcassonne.longitude)  # saved: every process reads the communes again
    after = search.place_commune_ids(place, 20)
    assert near.pk in after and set(before) < set(after)
