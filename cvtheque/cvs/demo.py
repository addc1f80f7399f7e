"""Demo CVs: 520 generated CVs with real text around Carcassonne, a few with real small PDF / DOCX / ODT
documents, and the demo candidate's own CV. Idempotent (external ids, the candidate's one CV)."""

import json

from django.core.files.base import ContentFile

from accounts.demo import demo_user
from cvtheque.cvs import extraction
from cvtheque.cvs.enums import Availability, ContractType, CVSource, EducationLevel, ExtractionStatus
from cvtheque.cvs.generator import generate
from cvtheque.cvs.importing import import_lines
from cvtheque.cvs.models import CV
from cvtheque.search.documents import update_search_columns
from referentials.models import Commune, Metier

DEMO_COUNT = 520
WITH_DOCUMENTS = 12


def load(stdout):
    existing = CV.objects.filter(external_id__startswith="demo-").count()
    if existing < DEMO_COUNT:
        report = generate(DEMO_COUNT, seed=11, prefix="demo", territory=True)
        stdout.write(f"CVthèque : {report.created} CV de démonstration créés.")
    makers = [("pdf", extraction.make_pdf), ("docx", extraction.make_docx), ("odt", extraction.make_odt)]
    demo_cvs = CV.objects.filter(external_id__startswith="demo-")
    missing = max(0, WITH_DOCUMENTS - demo_cvs.exclude(document="").count())
    for index, cv in enumerate(demo_cvs.filter(document="").order_by("pk")[:missing]):
        kind, make = makers[index % 3]
        lines = [f"{cv.first_name} {cv.last_name}", cv.headline, *cv.extracted_text.splitlines()[2:]]
        cv.document.save(f"cv.{kind}", ContentFile(make(lines)), save=False)
        cv.document_name = f"CV {cv.first_name} {cv.last_name}.{kind}"
        cv.save()
    _candidate_cv(stdout)
    _facts_cvs(stdout)


# CVs whose licence, CACES or diploma is only in the document's text (the fields silent), one with a negation:
# the « Permis de conduire B » filter and the queries « permis C », « CACES 3 », « BTS commerce
# international », « infirmière » find them through their facts (``cvs.facts``); « permis B » does not find the
# aide à domicile who has none.
FACTS_CVS = [
    ("Karim", "Benali", "Chauffeur poids lourd", ["Chauffeur poids lourd"],
     "Karim Benali\nChauffeur poids lourd\nExpérience\n2015-2026 : chauffeur régional chez Transports Cazaux\n"
     "Permis et formations\nPermis C et CE obtenus en 2015, FIMO marchandises, FCO à jour"),
    ("Sandrine", "Py", "Cariste", ["Cariste"],
     "Sandrine Py\nCariste\nExpérience\n2019-2026 : cariste chez SAS Logidis, chargement des camions\n"
     "Habilitations\nCACES R489 catégories 1A, 3 et 5 (renouvelés en 2024)"),
    ("Inès", "Garcia", "Assistante export", ["Assistant commercial"],
     "Inès Garcia\nAssistante export\nFormation\nBTS CI (Commerce international), lycée Jules Fil, 2019\n"
     "Langues : anglais et espagnol courants"),
    ("Claire", "Fabre", "Infirmière", ["Infirmier"],
     "Claire Fabre\nInfirmière\nFormation\nDiplôme d'État d'infirmier, IFSI de Carcassonne, 2012\n"
     "Expérience\n2012-2026 : infirmière en EHPAD puis en service de soins à domicile"),
    ("Nadia", "Roussel", "Aide à domicile", ["Aide à domicile"],
     "Nadia Roussel\nAide à domicile\nJe n'ai pas le permis B : je me déplace en bus et à vélo dans Carcassonne.\n"
     "Expérience\n2018-2026 : aide à domicile à l'ADMR de l'Aude (courses, repas, entretien du logement)"),
]


def _facts_cvs(stdout):
    """Import (idempotent: by external id) the ``FACTS_CVS``."""
    carcassonne = Commune.objects.filter(name="Carcassonne").order_by("-population").first()
    lines = [json.dumps({
        "external_id": f"faits-{index}", "first_name": first, "last_name": last, "headline": headline,
        "metiers": metiers, "commune": carcassonne.insee if carcassonne else None, "mobility_km": 20,
        "contract_types": ["cdi"], "availability": "immediate", "driving_licence": False, "text": text,
        "visible": True,
    }, ensure_ascii=False) for index, (first, last, headline, metiers, text) in enumerate(FACTS_CVS, start=1)]
    report = import_lines(lines)
    if report.created:
        stdout.write(f"CVthèque : {report.created} CV dont le permis, le CACES ou le diplôme n'est écrit que dans le"
                     " texte.")


def _candidate_cv(stdout):
    """The demo candidate's own CV: Lucas Martin, so a « préparateur » (masculine forms throughout)."""
    candidate = demo_user("candidat@demo.terredemplois.fr")
    if CV.objects.filter(owner=candidate).exists():
        return
    cv = CV(
        owner=candidate, source=CVSource.CANDIDATE, first_name=candidate.first_name, last_name=candidate.last_name,
        email=candidate.email, phone="06 42 18 77 03", headline="Préparateur de commandes",
        commune=Commune.objects.filter(name="Carcassonne").order_by("-population").first(), mobility_km=30,
        contract_types=[ContractType.CDI, ContractType.INTERIM], availability=Availability.IMMEDIATE,
        driving_licence=True, education_level=EducationLevel.BAC,
        summary="Préparateur de commandes depuis six ans en entrepôt logistique, CACES 1 et 3 à jour.",
        skills="CACES 1, CACES 3, préparation vocale, inventaires, permis B",
        experience="2020-2026 : Préparateur de commandes chez Arterris, Carcassonne\n"
                   "2018-2020 : Employé libre-service chez Intermarché, Trèbes",
    )
    cv.set_visibility(True)
    lines = [cv.headline, cv.summary, *cv.experience.splitlines(), "Compétences : " + cv.skills]
    cv.document.save("cv.pdf", ContentFile(extraction.make_pdf(lines)), save=False)
    cv.document_name = "CV préparateur de commandes.pdf"
    cv.extracted_text = "\n".join(lines)
    cv.extraction_status = ExtractionStatus.DONE
    cv.save()
    cv.metiers.set(Metier.objects.filter(name__in=["Préparateur de commandes", "Cariste"]))
    update_search_columns([cv.pk])
    stdout.write("CVthèque : CV du candidat de démonstration créé.")
