"""``import_cvs`` and the generator."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from cvtheque.cvs import extraction
from cvtheque.cvs.enums import CVSource, ExtractionStatus
from cvtheque.cvs.generator import Generator
from cvtheque.models import CV, CVSearchEntry
from cvtheque.search.params import CVSearchParams
from cvtheque.search.queryset import search_cvs
from tests.accounts.factories import CandidateFactory
from tests.referentials.factories import CommuneFactory, MetierFactory

pytestmark = pytest.mark.django_db


def line(**fields):
    data = {"external_id": "salon-1", "first_name": "Julie", "last_name": "Martin",
            "headline": "Préparatrice de commandes", "commune": "11069", "visible": True,
            "text": "Cariste CACES 3, préparation de commandes"}
    data.update(fields)
    return json.dumps(data, ensure_ascii=False)


def run(tmp_path, lines, *args):
    path = tmp_path / "cvs.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out, err = StringIO(), StringIO()
    call_command("import_cvs", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_good_lines_are_imported_and_bad_ones_reported_with_number_and_reason(tmp_path):
    CommuneFactory(insee="11069", name="Carcassonne")
    MetierFactory(name="Préparateur de commandes", name_feminine="Préparatrice de commandes", synonyms=[])
    out, err = run(tmp_path, [
        line(metiers=["Préparatrice de commandes"]),
        "{pas du json",
        line(external_id="salon-2", commune="Atlantide"),
        line(external_id="salon-3", first_name=""),
        line(external_id="salon-4", contract_types=["cdi", "cdx"]),
        line(external_id="salon-5", rqth_visible=True),
        line(external_id="salon-6", commune="carcassonne", metiers=["Astronaute"], visible=False),
    ])
    assert "Ligne 2 : JSON invalide" in err
    assert "Ligne 3 : commune inconnue : 'Atlantide'" in err
    assert "Ligne 4 : champ(s) obligatoire(s) manquant(s) : first_name" in err
    assert "Ligne 5 : « contract_types »" in err
    assert "Ligne 6 : « rqth_visible » sans « rqth »" in err
    assert "Ligne 7 (avertissement) : métier inconnu ignoré : 'Astronaute'" in out
    assert "2 CV importés (2 créés, 0 mis à jour), 5 ligne(s) refusée(s)" in out
    cv = CV.objects.get(external_id="salon-1")
    assert cv.source == CVSource.IMPORT and cv.owner is None and cv.is_visible and cv.visible_since
    assert [m.name for m in cv.metiers.all()] == ["Préparateur de commandes"]
    assert not CV.objects.get(external_id="salon-6").is_visible
    assert list(search_cvs(CVSearchParams(q="caces preparatrice"))) == [cv]


def test_reimporting_updates_instead_of_duplicating(tmp_path):
    CommuneFactory(insee="11069", name="Carcassonne")
    run(tmp_path, [line()])
    out, _ = run(tmp_path, [line(headline="Soudeuse", text=""), line(external_id="salon-2")])
    assert "2 CV importés (1 créés, 1 mis à jour)" in out
    assert CV.objects.count() == 2
    assert CV.objects.get(external_id="salon-1").headline == "Soudeuse"
    assert list(search_cvs(CVSearchParams(q="soudeur"))) == [CV.objects.get(external_id="salon-1")]
    assert list(search_cvs(CVSearchParams(q="caces"))) == [CV.objects.get(external_id="salon-2")]


def test_dry_run_writes_nothing(tmp_path):
    CommuneFactory(insee="11069", name="Carcassonne")
    out, _ = run(tmp_path, [line()], "--dry-run")
    assert "1 CV seraient importés" in out and not CV.objects.exists()


def test_a_document_path_is_attached_and_read(tmp_path):
    CommuneFactory(insee="11069", name="Carcassonne")
    (tmp_path / "julie.pdf").write_bytes(extraction.make_pdf(["Soudeuse TIG MIG"]))
    (tmp_path / "virus.pdf").write_bytes(b"MZ" + b"\x00" * 100)
    _, err = run(tmp_path, [line(document="julie.pdf", text=""), line(external_id="x2", document="virus.pdf"),
                            line(external_id="x3", document="absent.pdf")])
    cv = CV.objects.get(external_id="salon-1")
    assert cv.document_name == "julie.pdf" and "Soudeuse" in cv.extracted_text
    assert cv.extraction_status == ExtractionStatus.DONE
    assert "Ligne 2 : document refusé : virus.pdf" in err and "Ligne 3 : document introuvable : absent.pdf" in err
    assert CV.objects.count() == 1


def test_generator_makes_realistic_varied_cvs(tmp_path):
    out = StringIO()
    call_command("generate_cvs", "40", stdout=out)
    assert "40 CV créés" in out.getvalue()
    cvs = list(CV.objects.all())
    assert len({cv.headline for cv in cvs}) > 10
    assert all(cv.commune_id and cv.extracted_text and cv.summary for cv in cvs)
    lines = list(Generator(seed=1).lines(200))
    assert any("Vendeuse" == x["headline"] for x in lines) or any(x["headline"].endswith("trice") for x in lines)


def test_a_copy_imported_cv_is_searched_exactly_as_the_same_cv_written_in_the_form(client, tmp_path):
    CommuneFactory(insee="11069", name="Carcassonne")
    MetierFactory(name="Préparateur de commandes", name_feminine="Préparatrice de commandes",
                  synonyms=["Magasinier préparateur"])
    profile = {"first_name": "Julie", "last_name": "Martin", "headline": "Préparatrice de commandes",
               "mobility_km": 20, "availability": "1_month", "education_level": "bac", "driving_licence": True,
               "summary": "Cariste confirmée, « service en salle » l'été", "skills": "CACES 1, 3, 5 ; Bac+2",
               "experience": "2019-2024 : préparatrice chez Lidl"}
    candidate = CandidateFactory()
    client.force_login(candidate)
    response = client.post(reverse("cvtheque:my_cv"), {
        **profile, "commune": "Carcassonne", "metiers": "Préparatrice de commandes",
        "contract_types": ["cdi", "interim"], "driving_licence": "on", "is_visible": "on"})
    assert response.status_code == 302
    by_form = CV.objects.get(owner=candidate)
    run(tmp_path, [json.dumps({**profile, "external_id": "salon-9", "commune": "11069", "visible": True,
                               "metiers": ["Préparatrice de commandes"], "contract_types": ["cdi", "interim"]},
                              ensure_ascii=False)])
    imported = CV.objects.get(external_id="salon-9")

    def stored(cv):
        entry = CVSearchEntry.objects.filter(cv=cv).values().get()
        return (CV.objects.filter(pk=cv.pk).values("search_document", "search_vector", "fulltext_vector").get(),
                {k: v for k, v in entry.items() if k not in ("cv_id", "source", "updated_at")})

    assert stored(imported) == stored(by_form)
    assert imported.visible_since and imported.extraction_status == ExtractionStatus.NONE
    assert [m.name for m in imported.metiers.all()] == ["Préparateur de commandes"]
    for q in ("préparateur commande", "magasinier", "caces permis", '"service en salle"', "bac+2",
              "preparatrice -lidl", "lidl"):
        found = {cv.pk: cv.tier for cv in search_cvs(CVSearchParams(q=q, place="Carcassonne"))}
        assert set(found) == {by_form.pk, imported.pk} or not found, q
        assert found.get(by_form.pk) == found.get(imported.pk), q
    assert {cv.pk for cv in search_cvs(CVSearchParams(q="lidl"))} == {by_form.pk, imported.pk}


def test_reimporting_keeps_when_a_cv_became_visible_and_replaces_its_metiers(tmp_path):
    CommuneFactory(insee="11069", name="Carcassonne")
    MetierFactory(name="Soudeur", name_feminine="Soudeuse", synonyms=[])
    MetierFactory(name="Cariste", name_feminine="Cariste", synonyms=[])
    run(tmp_path, [line(metiers=["Soudeuse"])])
    first = CV.objects.get(external_id="salon-1")
    run(tmp_path, [line(metiers=["Cariste"], headline="Cariste")])
    again = CV.objects.get(external_id="salon-1")
    assert again.visible_since == first.visible_since and again.created_at == first.created_at
    assert again.updated_at > first.updated_at
    assert [m.name for m in again.metiers.all()] == ["Cariste"]
    assert list(search_cvs(CVSearchParams(q="cariste"))) == [again]
    assert not search_cvs(CVSearchParams(q="soudeur")).exists()
    run(tmp_path, [line(visible=False)])
    assert not CVSearchEntry.objects.filter(cv_id=first.pk).exists()
    assert CV.objects.get(external_id="salon-1").visible_since is None


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_chunks_are_written_on_another_connection_in_order(tmp_path):
    CommuneFactory(insee="11069", name="Carcassonne")
    lines = [line(external_id=f"salon-{i}", headline=f"Soudeuse {i}") for i in range(7)]
    lines[3] = "{pas du json"
    lines.append(line(external_id="salon-1", headline="Cariste"))  # a later line for the same CV wins
    out, err = run(tmp_path, lines, "--chunk-size", "2")
    assert "7 CV importés (6 créés, 1 mis à jour), 1 ligne(s) refusée(s)" in out
    assert err.strip() == "Ligne 4 : JSON invalide (Expecting property name enclosed in double quotes, colonne 2)"
    assert CV.objects.get(external_id="salon-1").headline == "Cariste"
    assert CVSearchEntry.objects.count() == 6
    assert {cv.external_id for cv in search_cvs(CVSearchParams(q="soudeuse"))} == {
        "salon-0", "salon-2", "salon-4", "salon-5", "salon-6"}


def test_a_copy_imported_cv_stores_the_facts_of_its_text_as_the_form_does(tmp_path):
    CommuneFactory(insee="11069", name="Carcassonne")
    text = ('Permis C et CE. CACES R489 catégorie 3. BTS Commerce international obtenu en 2019. '
            'Je n\'ai pas le permis D.')
    run(tmp_path, [line(text=text), line(external_id="salon-2", text="Pas de permis, CACES en cours.")])
    imported = CV.objects.get(external_id="salon-1")
    form_made = CV(headline=imported.headline, extracted_text=text)
    from cvtheque.cvs.facts import derive_facts

    facts = derive_facts(form_made)
    assert (imported.licences, imported.caces, imported.diplomas) == (facts.licences, facts.caces, facts.diplomas)
    assert "B" in imported.licences and "D" not in imported.licences and imported.diplomas
    negated = CV.objects.get(external_id="salon-2")
    assert (negated.licences, negated.caces) == ([], [])
    # the « permis B » filter reads the stored licences: the C+CE holder is found, the negated one is not
    assert list(search_cvs(CVSearchParams(driving_licence=True))) == [imported]


def _stored_cvs() -> list[tuple]:
    """What an import stores of each CV (ids aside): its fields, facts, search columns, métiers and entry."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("""
SELECT cv.external_id, cv.headline, cv.licences, cv.caces, cv.diplomas, cv.search_document,
       cv.search_vector::text, cv.fulltext_vector::text,
       ARRAY(SELECT m.name FROM cvtheque_cv_metiers cm JOIN referentials_metier m ON m.id = cm.metier_id
              WHERE cm.cv_id = cv.id ORDER BY m.name),
       (SELECT to_jsonb(e) - 'id' - 'cv_id' - 'updated_at' FROM cvtheque_cvsearchentry e WHERE e.cv_id = cv.id)::text
  FROM cvtheque_cv cv ORDER BY cv.external_id""")
        return cursor.fetchall()


STAGED_TEXTS = [
    "Permis C et CE. CACES R489 catégorie 3. BTS Commerce international obtenu en 2019.",
    "Je n'ai pas le permis B. Bac+2, CAP Cuisine. Œuvre d'art, ÉLECTRICIENNE\xa0confirmée",
    "Préparatrice de commandes, permis de conduire, CACES 1, 3 et 5 — DE infirmier",
    "Soudeuse TIG, licence pro Métiers de l'électricité (non validé), sans CACES",
]


@pytest.mark.django_db(transaction=True)
def test_staging_processes_store_exactly_what_the_serial_import_stores(tmp_path):
    CommuneFactory(insee="11069", name="Carcassonne")
    MetierFactory(name="Préparateur de commandes", name_feminine="Préparatrice de commandes", synonyms=["Cariste"])
    MetierFactory(name="Soudeur", name_feminine="Soudeuse", synonyms=["Soudeur TIG"])
    lines = [line(external_id=f"salon-{i}", headline=["Soudeuse", "Cariste", "Préparatrice de commandes"][i % 3],
                  metiers=[["Soudeur TIG"], ["Cariste", "Soudeuse"], []][i % 3], driving_licence=i % 2 == 0,
                  text=STAGED_TEXTS[i % len(STAGED_TEXTS)], skills=STAGED_TEXTS[(i + 1) % len(STAGED_TEXTS)])
             for i in range(10)]
    serial_out, _err = run(tmp_path, lines, "--chunk-size", "3", "--workers", "0")
    serial = _stored_cvs()
    CV.objects.all().delete()
    out, _err = run(tmp_path, lines, "--chunk-size", "3", "--workers", "2")
    assert "10 CV importés (10 créés, 0 mis à jour)" in serial_out and "10 CV importés (10 créés" in out
    assert "préparés par 2 processus" in out and "processus" not in serial_out
    assert len(serial) == 10 and _stored_cvs() == serial
    assert any(row[2] for row in serial) and any(row[4] for row in serial)  # facts were read


@pytest.mark.django_db(transaction=True)
def test_with_staging_processes_a_bad_line_of_a_middle_chunk_is_reported_with_its_number(tmp_path):
    CommuneFactory(insee="11069", name="Carcassonne")
    lines = [line(external_id=f"salon-{i}", headline=f"Soudeuse {i}") for i in range(9)]
    lines[4] = line(external_id="salon-4", commune="Atlantide")
    lines[5] = "{pas du json"
    (tmp_path / "faux.pdf").write_bytes(b"pas un PDF")
    lines[7] = line(external_id="salon-7", document="faux.pdf")  # refused when written: its chunk line by line
    out, err = run(tmp_path, lines, "--chunk-size", "3", "--workers", "2")
    assert "6 CV importés (6 créés, 0 mis à jour), 3 ligne(s) refusée(s)" in out and "par 2 processus" in out
    errors = err.splitlines()
    assert errors[:2] == ["Ligne 5 : commune inconnue : 'Atlantide'",
                          "Ligne 6 : JSON invalide (Expecting property name enclosed in double quotes, colonne 2)"]
    assert errors[2].startswith("Ligne 8 : document refusé : faux.pdf") and len(errors) == 3
    assert sorted(CV.objects.values_list("external_id", flat=True)) == [
        f"salon-{i}" for i in (0, 1, 2, 3, 6, 8)]
    assert CVSearchEntry.objects.count() == 6
