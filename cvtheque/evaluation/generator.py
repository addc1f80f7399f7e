"""The graded evaluation set's CVs: each person is decided first (métier, previous métier, facts,
licences, diploma, years of experience), then written as an import line with varied wordings: a
headline that is sometimes silent, a synonym, a feminine form or a typo; a fact written in the skills,
the summary or only in the document text; negations (« je n'ai pas le permis B », « pas de CACES »)
and decoys (« en binôme avec des soudeurs »). Deterministic for a given seed and count."""

import dataclasses
import random

from cvtheque.cvs.generator import FIRST_NAMES_F, FIRST_NAMES_M, LAST_NAMES, _typo, fold_ascii

from .catalog import (
    DECOY_LINES,
    DIPLOMAS,
    INTERESTS,
    LICENCE_WORDINGS,
    METIERS,
    NEGATIONS,
    PLUS,
    SILENT_HEADLINES,
    WORDINGS,
    Metier,
)

PREFIX = "eval-"
HIGHER_LEVELS = {"bac2", "bac3", "bac5"}
BTS_NAMES = ["MCO", "NDRC", "Comptabilité et gestion", "SAM", "Commerce international"]


@dataclasses.dataclass(frozen=True)
class EvalCV:
    """One generated person: the facts the grades are computed from, and the line that writes them."""

    external_id: str
    metier: str
    previous: str | None
    feminine: bool
    facts: frozenset[str]
    line: dict

    @property
    def anchor_fields(self) -> dict[str, str]:
        """The texts an engine may index: the same ones the project's search reads."""
        line = self.line
        return {"headline": line["headline"], "metiers": " ; ".join(line["metiers"]), "skills": line["skills"],
                "summary": line["summary"], "experience": line["experience"], "text": line["text"]}


def _gendered(form: str, feminine: bool) -> str:
    masculine, _, fem = form.partition("/")
    return (fem or masculine) if feminine else masculine


def _decide(rng: random.Random) -> tuple[Metier, Metier | None, bool, set[str], str, int]:
    metier = rng.choice(list(METIERS.values()))
    feminine = rng.random() < 0.5
    previous = None
    if rng.random() < 0.35:
        same_family = [m for m in METIERS.values() if m.family == metier.family and m.key != metier.key]
        pool = same_family if same_family and rng.random() < 0.5 else [m for m in METIERS.values() if m is not metier]
        previous = rng.choice(pool)
    facts = {fact for fact, probability in metier.facts if rng.random() < probability}
    if previous is not None:
        facts |= {fact for fact, probability in previous.facts if rng.random() < probability / 2}
    if rng.random() < metier.licence_b:
        facts.add("licence:B")
    if "licence:C" in facts:
        facts.add("licence:B")  # a lorry licence needs a car licence
        if rng.random() < 0.6:
            facts.add("licence:CE")
    diploma = rng.choice(metier.diplomas) if rng.random() < 0.9 else rng.choice(list(DIPLOMAS))
    _wordings, level, diploma_facts = DIPLOMAS[diploma]
    facts |= set(diploma_facts)
    if level in HIGHER_LEVELS:
        facts.add("level:bac2+")
    years = rng.randint(0, 25)
    if years >= 3:
        facts.add("experienced")
    return metier, previous, feminine, facts, diploma, years


def _wording(rng, fact: str) -> str:
    return rng.choice(WORDINGS[fact]).format(cat=rng.choice([1, 3, 5]))


def _headline(rng, metier: Metier, feminine: bool, facts: set[str]) -> tuple[str, bool]:
    """(headline, silent): the title, a synonym, the title with a certificate, or nothing about the métier."""
    title = metier.title(feminine)
    draw = rng.random()
    certificates = sorted(f for f in facts if f in ("caces", "tig", "mig", "haccp", "bafa", "fimo", "django"))
    if draw < 0.52:
        headline = title
    elif draw < 0.68 and metier.synonyms:
        headline = _gendered(rng.choice(metier.synonyms), feminine)
    elif draw < 0.78 and certificates:
        headline = f"{title} {rng.choice(['–', '', '/'])} {_wording(rng, rng.choice(certificates))}".replace("  ", " ")
    elif draw < 0.90:
        return rng.choice(SILENT_HEADLINES), True
    else:
        headline = f"{title} {'polyvalente' if feminine else 'polyvalent'}"
    return (_typo(rng, headline) if rng.random() < 0.04 else headline), False


def _licence_text(rng, facts: set[str]) -> str | None:
    if "licence:CE" in facts:
        return rng.choice(LICENCE_WORDINGS["CE"]) + (", permis B" if rng.random() < 0.5 else "")
    if "licence:C" in facts:
        return rng.choice(LICENCE_WORDINGS["C"]) + (" et permis B" if rng.random() < 0.5 else "")
    if "licence:B" in facts:
        return rng.choice(LICENCE_WORDINGS["B"]) if rng.random() < 0.65 else None
    return rng.choice(NEGATIONS["licence:B"]) if rng.random() < 0.45 else None


def _experience(rng, metier: Metier, previous: Metier | None, feminine: bool, years: int) -> list[str]:
    lines, year = [], 2026
    jobs = [metier] * rng.randint(1, 3) + ([previous] if previous else [])
    for job in jobs:
        start = year - max(1, min(years, rng.randint(1, 6)))
        name = job.title(feminine) if rng.random() < 0.7 or not job.synonyms else _gendered(rng.choice(job.synonyms),
                                                                                             feminine)
        detail = f" : {', '.join(rng.sample(job.skills, k=2))}" if rng.random() < 0.6 else ""
        lines.append(f"{start}-{year} : {name} chez {rng.choice(job.employers)}{detail}")
        year = start
    if rng.random() < 0.12:  # a decoy: somebody else's métier named in one's own experience
        other = rng.choice([m for m in METIERS.values() if m.family != metier.family])
        lines[0] += ", " + rng.choice(DECOY_LINES).format(plural=other.plural)
    return lines


def make_cv(rng: random.Random, index: int) -> EvalCV:
    metier, previous, feminine, facts, diploma, years = _decide(rng)
    title = metier.title(feminine)
    headline, silent = _headline(rng, metier, feminine, facts)
    first = rng.choice(FIRST_NAMES_F if feminine else FIRST_NAMES_M)
    last = rng.choice(LAST_NAMES)

    placed = {"skills": [], "summary": [], "text": []}
    for fact in sorted(f for f in facts if f in WORDINGS):
        placed[rng.choices(["skills", "summary", "text"], weights=[55, 15, 30])[0]].append(_wording(rng, fact))
    for fact, negations in NEGATIONS.items():  # what some people say they do not have
        if fact in facts or fact in ("licence:B", "diploma:bts"):
            continue
        if fact in dict(metier.facts) and rng.random() < 0.3:
            placed[rng.choice(["skills", "text"])].append(rng.choice(negations))
    licence = _licence_text(rng, facts)
    if licence:
        placed[rng.choices(["skills", "summary", "text"], weights=[45, 15, 40])[0]].append(licence)

    wordings, level, _facts = DIPLOMAS[diploma]
    diploma_text = rng.choice(wordings).format(plus=PLUS.get(level, "") if rng.random() < 0.3 else "")
    if "diploma:bts" not in facts and level in ("bac", "cap_bep") and rng.random() < 0.08:
        placed["text"].append(rng.choice(NEGATIONS["diploma:bts"]).format(name=rng.choice(BTS_NAMES)))

    if years <= 1:
        beginner = "Débutante motivée" if feminine else "Débutant motivé"
        intro = f"{beginner}, je cherche un premier poste de {title.lower()}."
    elif rng.random() < 0.6:
        intro = f"{title} avec {years} ans d'expérience, {rng.choice(['disponible rapidement', 'mobile'])} dans l'Aude."
    else:
        intro = (f"Après {years} ans d'expérience, je souhaite mettre mes compétences au service"
                 " d'une entreprise locale.")
    summary = " ".join([
        intro,
        *([f"Points forts : {', '.join(placed['summary'])}."] if placed["summary"] else []),
        *([f"Titulaire d'un {diploma_text}."] if rng.random() < 0.4 and level != "none" else []),
    ])
    if rng.random() < 0.03:
        summary = _typo(rng, summary)
    skills = rng.sample(metier.skills, k=rng.randint(2, min(4, len(metier.skills)))) + placed["skills"]
    rng.shuffle(skills)
    experience = _experience(rng, metier, previous, feminine, years)
    text = "\n".join([
        f"{first} {last}",
        *([headline] if not silent else ([title] if rng.random() < 0.4 else [])),
        "Profil", summary, "Expériences professionnelles", *experience, "Formation", diploma_text,
        "Compétences", ", ".join(skills), *placed["text"],
        f"Centres d'intérêt : {', '.join(rng.sample(INTERESTS, k=2))}",
    ])
    if rng.random() < 0.05:
        text = _typo(rng, text)

    draw = rng.random()
    metiers = [metier.referential]
    if previous is not None and draw < 0.2:
        metiers.append(previous.referential)
    elif draw > 0.87:
        metiers = []  # the candidate left the field empty
    external_id = f"{PREFIX}{index:05d}"
    line = {
        "external_id": external_id, "first_name": first, "last_name": last,
        "email": f"{fold_ascii(first)}.{fold_ascii(last)}.{index}@exemple.fr",
        "headline": headline, "metiers": metiers,
        "contract_types": rng.sample(["cdi", "cdd", "interim", "saisonnier"], k=rng.randint(1, 2)),
        "availability": rng.choice(["immediate", "1_month", "3_months"]),
        "driving_licence": "licence:B" in facts and rng.random() < 0.85,  # the checkbox, sometimes left blank
        "education_level": level,
        "summary": summary, "skills": ", ".join(skills), "experience": "\n".join(experience), "text": text,
        "visible": True,
    }
    return EvalCV(external_id, metier.key, previous.key if previous else None, feminine, frozenset(facts), line)


def generate_set(count: int = 2000, seed: int = 14) -> list[EvalCV]:
    """The evaluation set: ``count`` people, the same ones for the same seed."""
    rng = random.Random(seed)
    return [make_cv(rng, index) for index in range(count)]
