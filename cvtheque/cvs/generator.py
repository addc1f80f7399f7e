"""Realistic synthetic French CVs (demo data, benchmarks): métiers from the referential (or a built-in
list), communes weighted by population, diplomas, experience lines, skills, masculine and feminine
forms, and typos in a few percent of them. Deterministic for a given seed."""

import itertools
import json
import random

from django.db import transaction

from cvtheque.cvs.importing import import_lines
from referentials.models import Commune, Departement, Epci, Metier, Region
from toolkit.text import fold

# (masculine, feminine, skills, typical employers)
METIERS = [
    ("Commercial", "Commerciale", ["prospection", "négociation", "fidélisation client", "CRM Salesforce"],
     ["Distrib'Aude", "Occitanie Matériaux"]),
    ("Vendeur", "Vendeuse", ["encaissement", "conseil client", "mise en rayon", "vitrine"],
     ["Boulangerie du Pont Vieux", "Intersport Carcassonne", "Cave de la Cité"]),
    ("Assistant commercial", "Assistante commerciale", ["devis", "suivi des commandes", "relances", "Excel"],
     ["Aude Négoce", "Minervois Emballages"]),
    ("Assistant de direction", "Assistante de direction", ["agenda", "comptes rendus", "Word", "accueil"],
     ["Mairie de Carcassonne", "Clinique Montréal"]),
    ("Préparateur de commandes", "Préparatrice de commandes", ["CACES 1", "CACES 3", "scanner", "picking"],
     ["Plateforme logistique Lidl", "Entrepôt Arterris"]),
    ("Glacier", "Glacière", ["fabrication de glaces", "sorbets", "hygiène HACCP", "vente à emporter"],
     ["Glaces de la Cité", "Gruissan Plage"]),
    ("Comptable", "Comptable", ["saisie comptable", "rapprochement bancaire", "Sage", "bilan", "TVA"],
     ["Cabinet Fiducial", "Expertise Audoise"]),
    ("Soudeur", "Soudeuse", ["soudure TIG", "soudure MIG", "lecture de plans", "chaudronnerie"],
     ["Métallerie Bram", "Ateliers du Lauragais"]),
    ("Aide à domicile", "Aide à domicile", ["aide au repas", "entretien du logement", "accompagnement", "PSC1"],
     ["ADMR de l'Aude", "Vivre à domicile 11"]),
    ("Serveur", "Serveuse", ["service en salle", "bar", "prise de commande", "anglais"],
     ["Brasserie Le Donjon", "Camping Le Lac"]),
    ("Cuisinier", "Cuisinière", ["cuisine traditionnelle", "cassoulet", "HACCP", "gestion des stocks"],
     ["Restaurant La Barbacane", "Cuisine centrale de Narbonne"]),
    ("Agent d'entretien", "Agente d'entretien", ["nettoyage", "autolaveuse", "produits d'entretien"],
     ["Onet Carcassonne", "Collège Jules Verne"]),
    ("Cariste", "Cariste", ["CACES 3", "CACES 5", "chargement", "inventaire"], ["Transports Audois", "SAS Logidis"]),
    ("Électricien", "Électricienne", ["habilitation électrique B1V", "tableaux électriques", "domotique"],
     ["Electricité du Razès", "Spie Sud-Ouest"]),
    ("Aide-soignant", "Aide-soignante", ["soins d'hygiène", "transmissions", "EHPAD", "bientraitance"],
     ["EHPAD Les Tilleuls", "Centre hospitalier de Carcassonne"]),
    ("Caissier", "Caissière", ["encaissement", "caisse automatique", "accueil client"],
     ["Carrefour Salvaza", "Leclerc Carcassonne"]),
    ("Boulanger", "Boulangère", ["pétrissage", "viennoiseries", "pain au levain", "four"],
     ["Boulangerie Saint-Vincent", "Fournil de Trèbes"]),
    ("Chauffeur poids lourd", "Chauffeuse poids lourd", ["permis C", "FIMO", "FCO", "tachygraphe"],
     ["Transports Cazaux", "Sud Fret"]),
    ("Secrétaire médical", "Secrétaire médicale", ["prise de rendez-vous", "Doctolib", "terminologie médicale"],
     ["Cabinet médical de la Bastide", "Clinique du Languedoc"]),
    ("Ouvrier viticole", "Ouvrière viticole", ["taille de la vigne", "vendanges", "palissage", "tracteur"],
     ["Domaine de Cabrol", "Château de Pennautier"]),
    ("Réceptionniste", "Réceptionniste", ["accueil", "réservations", "anglais", "espagnol"],
     ["Hôtel de la Cité", "Ibis Carcassonne"]),
    ("Développeur web", "Développeuse web", ["Python", "Django", "JavaScript", "PostgreSQL"],
     ["Agence Pixel Aude", "Occitanie Numérique"]),
    ("Mécanicien automobile", "Mécanicienne automobile", ["diagnostic", "distribution", "freinage", "climatisation"],
     ["Garage Renault Carcassonne", "Norauto Salvaza"]),
    ("Animateur", "Animatrice", ["BAFA", "animation enfants", "activités manuelles", "sorties"],
     ["Centre de loisirs de Trèbes", "Village vacances de Gruissan"]),
    ("Employé libre-service", "Employée libre-service", ["mise en rayon", "étiquetage", "réception marchandises"],
     ["Intermarché Limoux", "Super U Bram"]),
    ("Jardinier paysagiste", "Jardinière paysagiste", ["taille", "tonte", "débroussaillage", "arrosage"],
     ["Jardins du Minervois", "Services techniques de Narbonne"]),
]
DIPLOMAS = {
    "none": ["Sans diplôme", "Brevet des collèges"],
    "cap_bep": ["CAP Cuisine", "CAP Vente", "BEP Métiers de l'électricité", "CAP Boulanger", "CAP Petite enfance"],
    "bac": ["Bac pro Commerce", "Bac professionnel Logistique", "Bac STMG", "Bac général", "Bac pro ASSP"],
    "bac2": ["BTS Commerce international", "BTS MCO", "BTS NDRC", "BTS Comptabilité et gestion", "DUT GEA",
             "BTS Assistant de manager"],
    "bac3": ["Licence professionnelle Logistique", "Bachelor Commerce", "Licence de gestion", "BUT Informatique"],
    "bac5": ["Master Management", "Master Ressources humaines", "Diplôme d'ingénieur"],
}
FIRST_NAMES_F = ["Julie", "Camille", "Léa", "Manon", "Chloé", "Sarah", "Inès", "Emma", "Laura", "Nadia", "Sophie",
                 "Mélanie", "Fatima", "Céline", "Amandine", "Océane", "Marion", "Élodie", "Karima", "Aurélie"]
FIRST_NAMES_M = ["Lucas", "Thomas", "Hugo", "Nicolas", "Mehdi", "Julien", "Kevin", "Maxime", "Antoine", "Romain",
                 "Yanis", "Pierre", "Sébastien", "Karim", "Florian", "Jérôme", "Bruno", "Théo", "Rachid", "Alexis"]
LAST_NAMES = ["Martin", "Bernard", "Garcia", "Martinez", "Lopez", "Fabre", "Roux", "Sanchez", "Durand", "Moreau",
              "Vidal", "Puech", "Castel", "Benali", "Rouquette", "Sabatier", "Authié", "Bousquet", "Fernandez",
              "Mas", "Cros", "Rigal", "Pujol", "Barthe", "Estève", "Delmas", "Ferrand", "Bonnet", "Ortiz", "Maury"]
# Used only when the referential has no communes (a fresh benchmark database).
FALLBACK_COMMUNES = [  # insee, name, postal code, population, lat, lon, in CA Carcassonne Agglo
    ("11069", "Carcassonne", "11000", 46031, 43.2130, 2.3491, True),
    ("11262", "Narbonne", "11100", 55516, 43.1840, 3.0036, False),
    ("11076", "Castelnaudary", "11400", 12000, 43.3183, 1.9539, False),
    ("11206", "Limoux", "11300", 10100, 43.0546, 2.2186, False),
    ("11203", "Lézignan-Corbières", "11200", 11300, 43.2006, 2.7575, False),
    ("11266", "Port-la-Nouvelle", "11210", 5800, 43.0198, 3.0434, False),
    ("11397", "Trèbes", "11800", 5600, 43.2108, 2.4410, True),
    ("11170", "Gruissan", "11430", 4900, 43.1070, 3.0869, False),
    ("11049", "Bram", "11150", 3300, 43.2436, 2.1139, False),
    ("11068", "Capendu", "11700", 1700, 43.1853, 2.5581, True),
    ("11099", "Conques-sur-Orbiel", "11600", 2600, 43.2667, 2.4000, True),
    ("11430", "Villemoustaussou", "11620", 3900, 43.2536, 2.3650, True),
    ("11272", "Pennautier", "11610", 2600, 43.2453, 2.3186, True),
    ("11037", "Berriac", "11000", 1200, 43.2178, 2.3953, True),
    ("11105", "Coursan", "11110", 6200, 43.2333, 3.0575, False),
    ("11202", "Leucate", "11370", 4400, 42.9107, 3.0287, False),
    ("11304", "Quillan", "11500", 3200, 42.8756, 2.1856, False),
]


def ensure_communes() -> None:
    """Benchmarks on an empty referential: create a few Aude communes and the Carcassonne Agglo EPCI."""
    if Commune.objects.exists():
        return
    region, _ = Region.objects.get_or_create(code="76", defaults={"name": "Occitanie", "search_name": "occitanie"})
    aude, _ = Departement.objects.get_or_create(code="11", defaults={"name": "Aude", "region": region,
                                                                      "search_name": "aude"})
    agglo, _ = Epci.objects.get_or_create(code="200035715", defaults={"name": "CA Carcassonne Agglo",
                                                                      "search_name": "ca carcassonne agglo"})
    for insee, name, postal, population, lat, lon, in_agglo in FALLBACK_COMMUNES:
        Commune.objects.get_or_create(insee=insee, defaults={
            "name": name, "search_name": fold(name), "postal_codes": [postal], "departement": aude,
            "epci": agglo if in_agglo else None, "population": population, "latitude": lat, "longitude": lon,
        })


def _typo(rng, text: str) -> str:
    words = text.split()
    candidates = [i for i, w in enumerate(words) if len(w) > 4]
    if not candidates:
        return text
    i = rng.choice(candidates)
    w = words[i]
    j = rng.randrange(len(w) - 1)
    words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
    return " ".join(words)


# The demo's territory: the Aude, Carcassonne Agglo weighing more than its population alone (the
# platform is the agglomeration's), so that « vendeur » in « Carcassonne Agglo » finds people.
TERRITORY_DEPARTEMENT = "11"
AGGLO_EPCI = "200035715"  # CA Carcassonne Agglo
AGGLO_WEIGHT = 4


def territory_communes(departement: str = TERRITORY_DEPARTEMENT) -> list[tuple[str, int]]:
    """(insee, weight) of the département's communes: their population, times AGGLO_WEIGHT in the agglomeration."""
    rows = Commune.objects.filter(departement_id=departement).values_list("insee", "population", "epci_id")
    return [(insee, max(population, 50) * (AGGLO_WEIGHT if epci == AGGLO_EPCI else 1))
            for insee, population, epci in rows]


class Generator:
    """``territory=True`` (the demo) draws the communes of the Aude, the agglomeration first; otherwise
    (benchmarks) every commune of the referential, weighted by population."""

    def __init__(self, seed: int = 2026, typo_rate: float = 0.03, visible_rate: float = 0.92,
                 territory: bool = False):
        self.rng = random.Random(seed)
        self.typo_rate, self.visible_rate = typo_rate, visible_rate
        ensure_communes()
        communes = territory_communes() if territory else []
        if not communes:
            communes = [(insee, max(population, 50)) for insee, population
                        in Commune.objects.exclude(population=0).values_list("insee", "population")]
        if not communes:
            communes = [(insee, 50) for insee in Commune.objects.values_list("insee", flat=True)]
        self.communes = [c[0] for c in communes]
        self.weights = [c[1] for c in communes]
        # the same draws as ``weights=``, without summing 35 000 weights for every CV
        self.cum_weights = list(itertools.accumulate(self.weights))
        self.referential = {m.name: m for m in Metier.objects.all()}

    def _metier(self):
        masc, fem, skills, employers = self.rng.choice(METIERS)
        return masc, fem, skills, employers

    def line(self, index: int, prefix: str = "gen") -> dict:
        rng = self.rng
        feminine = rng.random() < 0.5
        masc, fem, skills, employers = self._metier()
        title = fem if feminine else masc
        first = rng.choice(FIRST_NAMES_F if feminine else FIRST_NAMES_M)
        last = rng.choice(LAST_NAMES)
        level = rng.choices(list(DIPLOMAS), weights=[8, 22, 30, 22, 10, 8])[0]
        diploma = rng.choice(DIPLOMAS[level])
        years = rng.randint(0, 25)
        second = self._metier()
        experiences = []
        year = 2026
        for _ in range(rng.randint(1, 4)):
            start = year - rng.randint(1, 5)
            job = rng.choice([title, fem if feminine else masc, second[1] if feminine else second[0]])
            experiences.append(f"{start}-{year} : {job} chez {rng.choice(employers + second[3])}")
            year = start
        chosen_skills = rng.sample(skills, k=min(len(skills), rng.randint(2, 4))) + rng.sample(second[2], k=1)
        if rng.random() < 0.6:
            chosen_skills.append("permis B")
        summary = (
            f"{title} avec {years} an{'s' if years > 1 else ''} d'expérience, "
            f"{'disponible rapidement' if rng.random() < 0.5 else 'à l’écoute de nouvelles opportunités'} "
            f"dans l'Aude. Titulaire d'un {diploma}."
        )
        text = "\n".join([
            f"{first} {last}", title, "Expériences professionnelles", *experiences, "Formation", diploma,
            "Compétences", ", ".join(chosen_skills), "Centres d'intérêt : rugby, randonnée, bénévolat associatif",
        ])
        if rng.random() < self.typo_rate:
            text = _typo(rng, text)
            summary = _typo(rng, summary)
        metier_names = [m for m in (masc, second[0]) if m in self.referential]
        return {
            "external_id": f"{prefix}-{index}",
            "first_name": first, "last_name": last,
            "email": f"{fold_ascii(first)}.{fold_ascii(last)}{index}@exemple.fr",
            "phone": f"06 {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
            "headline": title if rng.random() > self.typo_rate else _typo(rng, title),
            "metiers": metier_names,
            "commune": rng.choices(self.communes, cum_weights=self.cum_weights)[0],
            "mobility_km": rng.choice([0, 5, 10, 20, 30, 50]),
            "contract_types": rng.sample(["cdi", "cdd", "interim", "saisonnier", "alternance"], k=rng.randint(1, 3)),
            "availability": rng.choice(["immediate", "immediate", "1_month", "3_months", "later"]),
            "driving_licence": "permis B" in chosen_skills,
            "education_level": level,
            "summary": summary, "skills": ", ".join(chosen_skills), "experience": "\n".join(experiences),
            "text": text,
            "visible": rng.random() < self.visible_rate,
            "rqth": (rqth := rng.random() < 0.06), "rqth_visible": rqth and rng.random() < 0.7,
        }

    def lines(self, count: int, prefix: str = "gen"):
        for index in range(count):
            yield self.line(index, prefix)


def fold_ascii(text: str) -> str:
    return "".join(c for c in fold(text) if c.isalnum())


def generate(count: int, *, seed: int = 2026, prefix: str = "gen", progress=None, territory: bool = False):
    """Create ``count`` CVs in the database through the import path; returns the ImportReport."""
    generator = Generator(seed=seed, territory=territory)
    with transaction.atomic():
        lines = (json.dumps(line, ensure_ascii=False) for line in generator.lines(count, prefix))
        return import_lines(lines, chunk_size=1000, progress=progress)
