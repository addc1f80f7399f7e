"""Demo offers of the Carcassonne area, in every status, for the demo companies (companies.demo).

Idempotent: an offer is found by (company, title); existing offers are left as they are."""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from accounts.enums import UserKind
from companies.demo import COMPANIES, commune, sector, siret
from companies.models import Company
from referentials.models import Metier, MetierFamily

from .enums import ApplicationStatus, ContractType, OfferStatus, RefusalReason
from .models import Application, Offer, SupportOrganisation

C = ContractType
S = OfferStatus
CARCASSONNE, CASTELNAUDARY, LEZIGNAN, LIMOUX, TREBES = "11069", "11076", "11203", "11206", "11397"
BOULANGERIE, HOTEL, HYPER, AIDE, ELEC = range(5)

# company, title, métier, commune, contract, (min, max, period), seasonal, status, days ago, missions, profile
OFFERS = [
    (BOULANGERIE, "Boulanger / Boulangère H/F", "Boulanger", CARCASSONNE, C.CDI, (2050, 2300, "month"), False,
     S.PUBLISHED, 3,
     ["Pétrir, façonner et cuire les pains au levain naturel", "Préparer les fougasses et pains spéciaux",
      "Entretenir le fournil dans le respect des règles d'hygiène"], "CAP Boulanger ou expérience équivalente."),
    (BOULANGERIE, "Vendeur / Vendeuse en boulangerie H/F", "Vendeur en boulangerie", CARCASSONNE, C.CDI,
     (1801.80, None, "month"), False, S.PUBLISHED, 6,
     ["Accueillir et conseiller la clientèle", "Mettre en valeur les pains et viennoiseries", "Tenir la caisse"],
     "Première expérience en vente appréciée ; le sourire et la ponctualité sont indispensables."),
    (BOULANGERIE, "Apprenti pâtissier / Apprentie pâtissière H/F", "Pâtissier", CARCASSONNE, C.ALTERNANCE, None, False,
     S.PUBLISHED, 12, ["Préparer les pâtes et crèmes de base", "Dresser les entremets de fête",
                      "Apprendre le travail du chocolat avec le chef"],
     "Inscription en CAP Pâtissier au CFA de l'Aude."),
    (BOULANGERIE, "Vendeur / Vendeuse H/F — saison estivale", "Vendeur en boulangerie", CARCASSONNE, C.SAISONNIER,
     (11.88, None, "hour"), True, S.PENDING, 1,
     ["Servir la clientèle touristique du quai Riquet", "Réassortir la vitrine", "Encaisser"],
     "Disponible en juillet et août, week-ends compris."),
    (BOULANGERIE, "Boulanger de nuit H/F", "Boulanger", CARCASSONNE, C.CDD, (2100, None, "month"), False, S.DRAFT, 0,
     ["Assurer la fournée de nuit", "Gérer les pousses et la cuisson"], "Autonomie sur le levain."),
    # the public search's examples: « boulangère » near Carcassonne within 20 km (Trèbes ≈ 8 km), not at
    # Castelnaudary (≈ 36 km), CDI or not
    (BOULANGERIE, "Boulangère / Boulanger au fournil de Trèbes H/F", "Boulanger", TREBES, C.CDI,
     (1950, 2150, "month"), False, S.PUBLISHED, 2,
     ["Fabriquer les baguettes de tradition et les pains au levain", "Préparer les viennoiseries du matin",
      "Tenir le fournil propre et rangé"], "CAP Boulanger ; débutant(e) motivé(e) accepté(e)."),
    (HYPER, "Ouvrier boulanger / Ouvrière boulangère H/F", "Boulanger", CASTELNAUDARY, C.CDD,
     (1850, None, "month"), False, S.PUBLISHED, 4,
     ["Cuire les pains du rayon boulangerie", "Préparer les commandes des collectivités"],
     "Première expérience en boulangerie souhaitée."),
    (BOULANGERIE, "Boulanger / Boulangère saisonnier H/F — Cité de Carcassonne", "Boulanger", CARCASSONNE,
     C.SAISONNIER, (12.50, None, "hour"), True, S.PUBLISHED, 8,
     ["Renforcer l'équipe du fournil pendant la saison", "Cuire les fougasses et pains spéciaux"],
     "Disponible de juin à septembre."),
    (BOULANGERIE, "Livreur / Livreuse de pain H/F", "Chauffeur livreur", TREBES, C.CDD, (1801.80, None, "month"), False,
     S.EXPIRED, 80, ["Livrer les restaurants et épiceries de Trèbes à Carcassonne", "Charger le véhicule"],
     "Permis B indispensable."),
    (HOTEL, "Réceptionniste tournant(e) H/F", "Réceptionniste", CARCASSONNE, C.CDI, (1900, 2100, "month"), False,
     S.PUBLISHED, 2, ["Accueillir les clients en français et en anglais", "Gérer les réservations et le planning",
                      "Assurer les clôtures de caisse"], "Anglais courant ; une deuxième langue est un plus."),
    (HOTEL, "Valet / Femme de chambre H/F", "Valet de chambre", CARCASSONNE, C.SAISONNIER, (11.88, 12.50, "hour"), True,
     S.PUBLISHED, 4, ["Nettoyer et préparer les chambres", "Signaler les anomalies à la gouvernante"],
     "Débutant(e) accepté(e) ; logement possible."),
    (HOTEL, "Serveur / Serveuse H/F — restaurant de la Cité", "Serveur", CARCASSONNE, C.SAISONNIER,
     (1850, 2000, "month"), True, S.PUBLISHED, 5,
     ["Dresser la salle et accueillir les clients", "Prendre les commandes et conseiller les vins du Minervois",
      "Débarrasser et encaisser"], "Une saison en restauration au minimum."),
    (HOTEL, "Commis de cuisine H/F", "Commis de cuisine", CARCASSONNE, C.CDD, (1850, None, "month"), True,
     S.PUBLISHED, 7,
     ["Réaliser les mises en place", "Préparer les entrées et desserts", "Respecter les règles HACCP"],
     "CAP Cuisine apprécié."),
    (HOTEL, "Chef de partie H/F", "Cuisinier", CARCASSONNE, C.CDI, (2200, 2500, "month"), False, S.PUBLISHED, 9,
     ["Tenir le poste chaud", "Participer à l'élaboration de la carte occitane", "Encadrer un commis"],
     "Trois ans d'expérience en restauration traditionnelle."),
    (HOTEL, "Veilleur / Veilleuse de nuit H/F", "Veilleur de nuit", CARCASSONNE, C.CDI, (1950, None, "month"), False,
     S.PUBLISHED, 15, ["Assurer l'accueil et la sécurité de nuit", "Réaliser l'audit de nuit"],
     "Sens des responsabilités ; anglais opérationnel."),
    (HOTEL, "Barman / Barmaid H/F", "Barman", CARCASSONNE, C.SAISONNIER, (1900, None, "month"), True, S.REFUSED, 3,
     ["Préparer les cocktails", "Gérer le bar de la terrasse"], "Expérience en bar à cocktails."),
    (HOTEL, "Gouvernant(e) d'étage H/F", "Valet de chambre", CARCASSONNE, C.CDI, (2000, 2200, "month"), False,
     S.EXPIRED, 90, ["Encadrer l'équipe des étages", "Contrôler les chambres"], "Expérience d'encadrement."),
    (HYPER, "Employé(e) libre-service H/F", "Employé libre-service", CARCASSONNE, C.CDI,
     (1801.80, None, "month"),
     False, S.PUBLISHED, 1, ["Mettre en rayon les produits frais", "Contrôler les dates", "Renseigner les clients"],
     "Débutant(e) accepté(e)."),
    (HYPER, "Hôte / Hôtesse de caisse H/F", "Caissier", CARCASSONNE, C.CDD, (11.88, None, "hour"), False,
     S.PUBLISHED, 2, ["Enregistrer les achats et encaisser", "Accueillir les clients au point information"],
     "Temps partiel 24 h ; travail le samedi."),
    (HYPER, "Préparateur / Préparatrice de commandes drive H/F", "Préparateur de commandes", CARCASSONNE, C.INTERIM,
     (11.88, None, "hour"), False, S.PUBLISHED, 3,
     ["Préparer les commandes drive au scanner", "Charger les coffres des clients"], "Port de charges jusqu'à 15 kg."),
    (HYPER, "Boucher / Bouchère H/F", "Boulanger-pâtissier", CARCASSONNE, C.CDI, (2100, 2400, "month"), False,
     S.PUBLISHED, 8, ["Découper et préparer les viandes", "Tenir le stand traditionnel"], "CAP Boucher."),
    (HYPER, "Manager de rayon fruits et légumes H/F", "Chef de rayon", CARCASSONNE, C.CDI, (2300, 2700, "month"), False,
     S.PUBLISHED, 10, ["Gérer les commandes et les stocks", "Animer une équipe de cinq personnes",
                       "Suivre le chiffre d'affaires du rayon"], "Expérience en grande distribution."),
    (HYPER, "Magasinier / Magasinière cariste H/F", "Cariste", CARCASSONNE, C.INTERIM, (12.20, None, "hour"), False,
     S.PUBLISHED, 11, ["Réceptionner les livraisons", "Ranger la réserve au chariot"], "CACES 1, 3 et 5 à jour."),
    (HYPER, "Employé(e) commercial(e) — renfort de Noël H/F", "Employé polyvalent de magasin", CARCASSONNE, C.CDD,
     (11.88, None, "hour"), True, S.PENDING, 2, ["Mettre en rayon les jouets", "Conseiller les clients"],
     "Disponible de novembre à janvier."),
    (HYPER, "Vendeur / Vendeuse bricolage H/F", "Vendeur en bricolage", CARCASSONNE, C.CDI, None, False, S.DRAFT, 1,
     ["Conseiller les clients", "Mettre en rayon"], "Goût du bricolage."),
    (HYPER, "Agent(e) de sécurité H/F", "Employé polyvalent de magasin", CARCASSONNE, C.CDD, (11.88, None, "hour"),
     False, S.EXPIRED, 75, ["Surveiller le magasin", "Prévenir les vols"], "Carte professionnelle CQP APS."),
    (AIDE, "Aide à domicile H/F — secteur Castelnaudary", "Aide à domicile", CASTELNAUDARY, C.CDI,
     (11.88, 12.60, "hour"), False, S.PUBLISHED, 1,
     ["Accompagner les personnes âgées dans les actes du quotidien", "Préparer les repas",
      "Entretenir le logement"], "Permis B et véhicule (frais kilométriques remboursés)."),
    (AIDE, "Auxiliaire de vie sociale H/F", "Auxiliaire de vie sociale", CASTELNAUDARY, C.CDI, (1850, 2000, "month"),
     False, S.PUBLISHED, 4, ["Aider au lever et au coucher", "Accompagner aux sorties et rendez-vous"],
     "DEAES ou DEAVS souhaité ; débutant(e) formé(e) en interne."),
    (AIDE, "Aide à domicile H/F — remplacements d'été", "Aide à domicile", LIMOUX, C.CDD, (11.88, None, "hour"), True,
     S.PUBLISHED, 6, ["Remplacer les intervenantes en congés", "Faire les courses avec les bénéficiaires"],
     "Permis B."),
    (AIDE, "Responsable de secteur H/F", "Responsable de secteur en aide à domicile", CASTELNAUDARY, C.CDI,
     (2300, 2600, "month"), False, S.PUBLISHED, 13,
     ["Évaluer les besoins des bénéficiaires", "Organiser les plannings", "Recruter et accompagner les intervenants"],
     "Bac+2 dans le social ou le médico-social."),
    (AIDE, "Infirmier / Infirmière coordinateur(trice) H/F", "Infirmier", CASTELNAUDARY, C.CDI, (2600, 3000, "month"),
     False, S.PENDING, 1, ["Coordonner les soins à domicile", "Encadrer les aides-soignants"], "Diplôme d'État."),
    (ELEC, "Électricien / Électricienne du bâtiment H/F", "Électricien", LEZIGNAN, C.CDI, (2000, 2400, "month"), False,
     S.PUBLISHED, 2, ["Réaliser les installations électriques neuves", "Poser les tableaux et appareillages",
                      "Intervenir en rénovation chez les particuliers"], "CAP ou BP Électricien, habilitation B1V."),
    (ELEC, "Apprenti(e) électricien(ne) H/F", "Électricien", LEZIGNAN, C.ALTERNANCE, None, False, S.PUBLISHED, 9,
     ["Tirer les câbles et poser les gaines", "Accompagner le chef d'équipe sur les chantiers"],
     "Inscription en CAP ou Bac pro MELEC."),
    (ELEC, "Plombier chauffagiste H/F", "Plombier", LEZIGNAN, C.CDD, (2100, None, "month"), False, S.PUBLISHED, 14,
     ["Installer les pompes à chaleur", "Dépanner les installations sanitaires"], "Permis B ; expérience en PAC."),
    (ELEC, "Électricien industriel H/F", "Électricien industriel", LEZIGNAN, C.INTERIM, (14, 16, "hour"), False,
     S.REFUSED, 5, ["Câbler les armoires", "Dépanner les lignes"], "Habilitations électriques."),
    (ELEC, "Aide-maçon H/F", "Aide-maçon", LEZIGNAN, C.CDD, (11.88, None, "hour"), False, S.DRAFT, 20,
     ["Préparer le mortier", "Approvisionner le chantier"], "Débutant accepté."),
]
DELETED_TITLES = {"Aide-maçon H/F", "Agent(e) de sécurité H/F"}
REFUSAL = "La mention H/F doit figurer dans le titre et le profil ne doit pas évoquer l'âge : merci de corriger."
REVISED_TITLE = "Boulanger / Boulangère H/F"  # a published offer with changes awaiting moderation


def _description(company_name, missions, profile, seasonal):
    items = "".join(f"<li>{m}</li>" for m in missions)
    season = "<p>Poste saisonnier : logement et repas possibles selon les dates.</p>" if seasonal else ""
    return (f"<p>{company_name} recrute pour renforcer son équipe.</p><h3>Vos missions</h3><ul>{items}</ul>"
            f"<h3>Votre profil</h3><p>{profile}</p>{season}")


def _metier(name):
    found = Metier.objects.filter(name=name).first()
    if found:
        return found
    family, _ = MetierFamily.objects.get_or_create(slug="demo", defaults={"name": "Métiers de démonstration"})
    return Metier.objects.get_or_create(name=name, defaults={"family": family})[0]


def _company(index):
    spec = COMPANIES[index]
    company = Company.objects.filter(siret=siret(spec["siren"], spec["nic"])).first()
    if company is None:  # companies.demo not loaded: a bare company with the same SIRET
        company, _ = Company.objects.get_or_create(
            siret=siret(spec["siren"], spec["nic"]),
            defaults={"name": spec["name"], "sector": sector(spec["sector"]), "size": spec["size"]},
        )
    return company


def _author(company):
    membership = company.memberships.filter(status="accepted").select_related("user").order_by("requested_at").first()
    return membership.user if membership else None


def load(stdout):
    SupportOrganisation.objects.get_or_create(pk=1, defaults={
        "name": "Maison de l'emploi du Carcassonnais", "email": "sessions-recrutement@carcassonne-agglo.fr"})
    now = timezone.now()
    created = 0
    for company_index, title, metier, insee, contract, salary, seasonal, status, days_ago, missions, profile in OFFERS:
        company = _company(company_index)
        if Offer.objects.filter(company=company, title=title, revision_of__isnull=True).exists():
            continue
        author = _author(company)
        created_at = now - datetime.timedelta(days=days_ago + 1)
        offer = Offer(
            company=company, author=author, title=title, metier=_metier(metier), commune=commune(insee),
            contract_type=contract, is_seasonal=seasonal, status=status, created_at=created_at,
            contact_name=f"{author.first_name} {author.last_name}" if author else "Service recrutement",
            contact_phone="04 68 25 12 34", contact_email=author.email if author else company.email,
            description=_description(company.name, missions, profile, seasonal),
            wants_support=company_index == AIDE,
            start_date=(now + datetime.timedelta(days=20)).date() if seasonal else None,
        )
        if salary:
            offer.salary_min = Decimal(str(salary[0]))
            offer.salary_max = Decimal(str(salary[1])) if salary[1] else None
            offer.salary_period = salary[2]
        if status != S.DRAFT:
            offer.submitted_at, offer.submitted_by = created_at, author
        if status == S.PUBLISHED:
            offer.published_at = now - datetime.timedelta(days=days_ago)
            offer.expires_at = offer.published_at + datetime.timedelta(days=60)
        elif status == S.EXPIRED:
            offer.published_at = now - datetime.timedelta(days=days_ago)
            offer.expires_at = offer.expired_at = offer.published_at + datetime.timedelta(days=60)
        elif status == S.REFUSED:
            offer.refused_at, offer.refused_reason = now - datetime.timedelta(days=days_ago), REFUSAL
        if status in (S.PUBLISHED, S.EXPIRED):
            offer.support_notified_at = offer.published_at if offer.wants_support else None
        offer.save()
        if title in DELETED_TITLES:
            offer.soft_delete(by=author)
        if title == REVISED_TITLE:
            revision = offer.new_revision(by=author)
            revision.title = "Boulanger / Boulangère de nuit H/F"
            revision.save()
            revision.submit(by=author)
        created += 1
    stdout.write(f"Offres : {created} offres de démonstration créées ({Offer.objects.originals().count()} au total).")
    load_applications(stdout)


A = ApplicationStatus
DEMO_CANDIDATE = "candidat@demo.terredemplois.fr"
# Other applicants: email, first name, last name (no password: they never log in)
APPLICANTS = [
    ("ines.garcia@demo.terredemplois.fr", "Inès", "Garcia"),
    ("thomas.roux@demo.terredemplois.fr", "Thomas", "Roux"),
    ("camille.bonnet@demo.terredemplois.fr", "Camille", "Bonnet"),
    ("yanis.mercier@demo.terredemplois.fr", "Yanis", "Mercier"),
    ("julie.fabre@demo.terredemplois.fr", "Julie", "Fabre"),
    ("hugo.lopez@demo.terredemplois.fr", "Hugo", "Lopez"),
]
# offer title, applicant (index in APPLICANTS, or None for the demo candidate), status, days ago, message
APPLICATIONS = [
    ("Boulanger / Boulangère H/F", 0, A.NEW, 1, "Boulangère depuis six ans au levain naturel, je cherche un CDI "
     "à Carcassonne. Disponible sous un mois."),
    ("Boulanger / Boulangère H/F", 1, A.SEEN, 2, "Titulaire du CAP Boulanger, deux ans en boulangerie artisanale."),
    ("Boulanger / Boulangère H/F", 2, A.SHORTLISTED, 3, "Je souhaite rejoindre une boulangerie de qualité."),
    ("Vendeur / Vendeuse en boulangerie H/F", 3, A.INTERVIEW, 4, "Trois saisons de vente en boulangerie à Gruissan."),
    ("Vendeur / Vendeuse en boulangerie H/F", 4, A.REFUSED, 5, "Bonjour, je suis disponible tout de suite."),
    ("Apprenti pâtissier / Apprentie pâtissière H/F", 5, A.HIRED, 10, "Inscrit au CFA de l'Aude en CAP Pâtissier."),
    ("Réceptionniste tournant(e) H/F", None, A.NEW, 1, "Bilingue anglais, j'ai travaillé deux étés à la réception "
     "d'un camping de Narbonne-Plage."),
    ("Serveur / Serveuse H/F — restaurant de la Cité", None, A.INTERVIEW, 3, "Une saison en brasserie à "
     "Carcassonne, disponible dès juin."),
    ("Livreur / Livreuse de pain H/F", None, A.REFUSED, 75, "Permis B depuis cinq ans, je connais bien la route "
     "de Trèbes."),
]


def _applicant(index):
    User = get_user_model()
    if index is None:
        return User.objects.filter(email=DEMO_CANDIDATE).first()
    email, first, last = APPLICANTS[index]
    user, created = User.objects.get_or_create(email=email, defaults={
        "first_name": first, "last_name": last, "kind": UserKind.CANDIDATE})
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def load_applications(stdout):
    """Applications in every status on the demo offers, three of them by the demo candidate. Idempotent."""
    now = timezone.now()
    created = 0
    for title, applicant, status, days_ago, message in APPLICATIONS:
        offer = Offer.objects.originals().filter(title=title).order_by("pk").first()
        candidate = _applicant(applicant)
        if offer is None or candidate is None:
            continue
        sent = now - datetime.timedelta(days=days_ago)
        _, new = Application.objects.get_or_create(offer=offer, candidate=candidate, defaults={
            "message": message, "created_at": sent, "status": status,
            "status_changed_at": None if status == A.NEW else sent + datetime.timedelta(hours=20),
            "refusal_reason": RefusalReason.POSITION_FILLED if status == A.REFUSED else "",
        })
        created += new
    stdout.write(f"Candidatures : {created} candidatures de démonstration créées.")
