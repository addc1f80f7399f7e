"""Demo CVs: 520 generated CVs with real text around Carcassonne, a few with real small PDF / DOCX / ODT
documents, and the demo candidate's own CV. Idempotent (external ids, the candidate's one CV)."""

from django.core.files.base import ContentFile

from accounts.demo import demo_user
from cvtheque.cvs import extraction
from cvtheque.cvs.enums import Availability, ContractType, CVSource, EducationLevel, ExtractionStatus
from cvtheque.cvs.generator import generate
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
