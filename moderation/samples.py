"""Realistic French offers (Carcassonne / Aude) generated for the checker's benchmark."""

import random

TITLES = [
    "Vendeur en boulangerie H/F", "Aide à domicile", "Serveur / Serveuse", "Cuisinier H/F", "Agent d'entretien H/F",
    "Comptable", "Chauffeur livreur H/F", "Infirmier·ère de nuit", "Préparateur de commandes H/F",
    "Ouvrier viticole H/F", "Assistant(e) administratif(ve)", "Technicien de maintenance H/F", "Caissier H/F",
    "Réceptionniste", "Maçon H/F", "Employé polyvalent de restauration H/F", "Animateur périscolaire H/F",
    "Hôtesse d'accueil H/F", "Vendeur", "Commercial terrain H/F",
]
INTRO = [
    "Située au cœur de la Bastide Saint-Louis à Carcassonne, notre entreprise familiale compte une vingtaine de "
    "salariés et accueille chaque année des milliers de visiteurs.",
    "Implanté dans la zone d'activités de Pont Rouge, notre établissement recrute pour renforcer son équipe avant "
    "la saison estivale.",
    "Association d'aide à domicile intervenant sur le Carcassonnais, le Lézignanais et la Montagne Noire, nous "
    "accompagnons les personnes âgées et les personnes en situation de handicap.",
    "Domaine viticole en appellation Malepère, nous produisons des vins rouges et rosés vendus en France et à "
    "l'export.",
]
MISSIONS = [
    "Vous accueillez la clientèle, la conseillez et assurez l'encaissement dans le respect des procédures.",
    "Vous réalisez la mise en rayon, le contrôle des dates et la tenue de la réserve.",
    "Vous préparez les commandes à l'aide d'un terminal de lecture et vérifiez leur conformité avant expédition.",
    "Vous intervenez au domicile des bénéficiaires pour l'aide au lever, aux repas et à l'entretien du logement.",
    "Vous participez aux travaux de la vigne : taille, palissage, relevage et vendanges.",
    "Vous assurez la maintenance préventive et curative des équipements de la ligne de production.",
    "Vous tenez la comptabilité fournisseurs, préparez les déclarations de TVA et participez à la clôture annuelle.",
    "Vous livrez nos clients professionnels sur l'Aude et les Pyrénées-Orientales avec un véhicule de moins de "
    "3,5 tonnes.",
    "Vous proposez des activités aux enfants de 3 à 11 ans pendant le temps périscolaire.",
    "Vous préparez les entrées et les desserts sous la responsabilité du chef et veillez au respect des règles "
    "d'hygiène HACCP.",
]
PROFILE = [
    "Vous êtes rigoureux, organisé et appréciez le travail en équipe.",
    "Une première expérience dans un poste similaire est appréciée, débutants acceptés si motivés.",
    "Le permis B est indispensable car les interventions se font sur plusieurs communes.",
    "Vous maîtrisez les outils bureautiques et un logiciel de comptabilité.",
    "Une expérience de 2 à 3 ans est souhaitée, idéalement dans la grande distribution.",
    "Vous aimez le contact avec le public et savez garder votre calme.",
]
CONDITIONS = [
    "Contrat à durée indéterminée à temps plein, 35 heures par semaine du mardi au samedi.",
    "Rémunération : 1 850 € brut par mois, mutuelle prise en charge à 60 %, tickets restaurant.",
    "Poste à pourvoir dès que possible, période d'essai de deux mois.",
    "Horaires en coupure, un week-end sur deux travaillé, prime de fin d'année.",
    "Formation assurée en interne par nos équipes et possibilité d'évolution.",
]
FLAWS = [
    "Profil jeune et dynamique souhaité.", "Candidats de 25-35 ans.", "Bonne présentation exigée.",
    "Pour postuler, appelez le 06 12 34 56 78.", "Envoyez votre CV à recrutement@exemple.fr.",
    "Célibataire de préférence.", "Langue maternelle française.",
]


def sample_offers(count: int, seed: int = 2026, flawed_ratio: float = 0.15) -> list[tuple[str, str]]:
    """``count`` (title, description_html) pairs of ordinary length (1 000 to 2 500 characters)."""
    rng = random.Random(seed)
    offers = []
    for _ in range(count):
        paragraphs = [rng.choice(INTRO)]
        paragraphs.append("<h3>Vos missions</h3><ul>" + "".join(
            f"<li>{mission}</li>" for mission in rng.sample(MISSIONS, rng.randint(3, 5))) + "</ul>")
        paragraphs.append("<h3>Votre profil</h3><p>" + " ".join(rng.sample(PROFILE, rng.randint(2, 4))) + "</p>")
        paragraphs.append("<h3>Conditions</h3><p>" + " ".join(rng.sample(CONDITIONS, rng.randint(2, 4))) + "</p>")
        if rng.random() < flawed_ratio:
            paragraphs.append(f"<p>{rng.choice(FLAWS)}</p>")
        offers.append((rng.choice(TITLES), "".join(
            p if p.startswith("<") else f"<p>{p}</p>" for p in paragraphs)))
    return offers
