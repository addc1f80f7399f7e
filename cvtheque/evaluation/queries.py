"""The recruiters' queries of the evaluation set, each with its grading rule written as data.

One rule, the same for every CV (``grade``):
- 0 when the CV holds a fact the query excludes (« vendeuse -boulangerie »: a bakery saleswoman);
- a query naming métiers: 3 for a person of one of those métiers holding every requirement; 2 for that
  métier with a requirement missing, or for a close métier holding every requirement; 1 for a close
  métier missing a requirement, a métier of the same family, or a person who used to do the métier; 0 else;
- a query of requirements only (« permis B », « BTS », « master »): 3 when every requirement is held,
  1 when only a « near » fact is (« permis C » for « permis CE »), 0 else.
The CV's facts come from the generator's decisions, never from its text."""

import dataclasses

from .catalog import METIERS
from .generator import EvalCV


@dataclasses.dataclass(frozen=True)
class Rule:
    metiers: frozenset[str] = frozenset()
    close: frozenset[str] = frozenset()
    requires: tuple[str, ...] = ()
    near: tuple[str, ...] = ()
    excludes: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class EvalQuery:
    q: str
    kind: (
        str  # what the query exercises: métier, requirement, feminine, synonym, phrase, or, exclusion, permit, diploma,
        # negation (a fact some CVs state as not held)
    )
    rule: Rule


def _q(q, kind, metiers=(), close=(), requires=(), near=(), excludes=()):
    unknown = {*metiers, *close} - set(METIERS)
    assert not unknown, unknown
    return EvalQuery(q, kind, Rule(frozenset(metiers), frozenset(close), tuple(requires), tuple(near), tuple(excludes)))


SELLERS = ["caissier", "els", "vendeur_boulangerie", "vendeur_pap", "vendeur_auto", "employe_polyvalent"]

QUERIES = [
    # the guide's « Historique de recherche »
    _q("COMMERCIAL", "métier", ["commercial"], ["assistant_commercial", "technico_commercial", "vendeur_auto"]),
    _q("VENDEUSE", "feminine", ["vendeur"], SELLERS),
    _q("ASSISTANTE COMMERCIALE", "feminine", ["assistant_commercial"], ["commercial", "assistant_administratif"]),
    _q(
        "ASSISTANT",
        "métier",
        ["assistant_commercial", "assistant_direction", "assistant_administratif"],
        ["secretaire_medicale", "secretaire"],
    ),
    _q("GLACIER", "métier", ["glacier"], ["patissier"]),
    _q("PRÉPARATRICE COMMANDE", "feminine", ["preparateur"], ["cariste", "magasinier", "agent_quai"]),
    _q("BTS COMMERCE INTERNATIONAL", "diploma", requires=["diploma:bts-commerce-international"], near=["diploma:bts"]),
    _q("BTS", "diploma", requires=["diploma:bts"]),
    _q("BAC+2", "diploma", requires=["level:bac2+"]),
    _q("COMPTABLE", "métier", ["comptable"]),
    _q("SOUDEUR", "métier", ["soudeur"], ["chaudronnier"]),
    _q("ASSISTANTE DE DIRECTION", "feminine", ["assistant_direction"], ["assistant_administratif", "secretaire"]),
    _q(
        "ASSISTANTE DE DIRECTION EXPÉRIENCE",
        "requirement",
        ["assistant_direction"],
        ["assistant_administratif", "secretaire"],
        requires=["experienced"],
    ),
    _q("PERMIS B", "permit", requires=["licence:B"]),
    _q("PERMIS B AIDE À DOMICILE", "permit", ["aide_domicile"], ["employe_menage"], requires=["licence:B"]),
    # more, as recruiters type them
    _q("aide-soignante", "feminine", ["aide_soignant"], ["aide_domicile", "infirmier"]),
    _q("cariste CACES", "requirement", ["cariste"], ["preparateur", "magasinier", "agent_quai"], requires=["caces"]),
    _q("soudeur TIG", "requirement", ["soudeur"], ["chaudronnier"], requires=["tig"]),
    _q("comptable BTS", "requirement", ["comptable"], requires=["diploma:bts"]),
    _q("serveuse anglais", "requirement", ["serveur"], ["barman"], requires=["anglais"]),
    _q("cuisinier HACCP", "requirement", ["cuisinier"], ["cuisinier_collectif", "commis_cuisine"], requires=["haccp"]),
    _q("électricienne", "feminine", ["electricien"], ["electricien_industriel", "agent_entretien_batiment"]),
    _q("boulangère", "feminine", ["boulanger"], ["boulanger_patissier", "patissier"]),
    _q("chauffeur poids lourd FIMO", "requirement", ["chauffeur_pl"], ["chauffeur_livreur"], requires=["fimo"]),
    _q(
        "secrétaire médicale doctolib",
        "requirement",
        ["secretaire_medicale"],
        ["assistant_administratif", "secretaire"],
        requires=["doctolib"],
    ),
    _q("développeur django", "requirement", ["developpeur"], requires=["django"]),
    _q("mécanicien OR garagiste", "or", ["mecanicien_auto"], ["carrossier", "mecanicien_pl"]),
    _q("garagiste", "synonym", ["mecanicien_auto"], ["carrossier", "mecanicien_pl"]),
    _q(
        "agent d'entretien -nettoyage",
        "exclusion",
        ["agent_entretien_batiment"],
        ["electricien", "technicien_maintenance"],
        excludes=["nettoyage"],
    ),
    _q('"service en salle"', "phrase", requires=["service_en_salle"]),
    _q("ouvrière viticole vendanges", "requirement", ["ouvrier_viticole"], requires=["vendanges"]),
    _q("animatrice BAFA", "requirement", ["animateur"], requires=["bafa"]),
    _q("réceptionniste espagnol", "requirement", ["receptionniste"], requires=["espagnol"]),
    _q("caissière", "feminine", ["caissier"], ["vendeur", "els"]),
    _q("jardinier", "métier", ["jardinier"], ["jardinier_domicile", "ouvrier_viticole"]),
    _q("CAP cuisine", "diploma", requires=["diploma:cap-cuisine"], near=["diploma:cap"]),
    _q("master", "diploma", requires=["diploma:master"], near=["level:bac2+"]),
    _q("permis CE", "permit", requires=["licence:CE"], near=["licence:C"]),
    _q("chauffeur permis C", "permit", ["chauffeur_pl"], ["chauffeur_livreur"], requires=["licence:C"]),
    _q("auxiliaire de vie", "synonym", ["aide_domicile"], ["aide_soignant", "employe_menage"]),
    _q("technicien de surface", "synonym", ["agent_entretien"], ["employe_menage"]),
    _q('"aide à domicile"', "phrase", ["aide_domicile"], ["employe_menage"]),
    _q("cariste OU magasinier", "or", ["cariste", "magasinier"], ["preparateur", "agent_quai"]),
    _q("vendeuse -boulangerie", "exclusion", ["vendeur"], SELLERS, excludes=["sector:boulangerie"]),
    _q(
        "électricien habilitation",
        "requirement",
        ["electricien"],
        ["electricien_industriel", "agent_entretien_batiment"],
        requires=["habilitation"],
    ),
    _q("infirmière", "feminine", ["infirmier"], ["infirmier_bloc", "aide_soignant"]),
    _q(
        "préparateur de commandes CACES",
        "requirement",
        ["preparateur"],
        ["cariste", "magasinier", "agent_quai"],
        requires=["caces"],
    ),
    _q("livreur permis B", "permit", ["chauffeur_livreur"], ["chauffeur_pl", "livreur_velo"], requires=["licence:B"]),
    _q("barmaid", "feminine", ["barman"], ["serveur"]),
    _q("plongeur", "métier", ["plongeur"], ["commis_cuisine"]),
    # facts stated in the text, and their negations (« pas de CACES », « sans permis », « permis C en préparation »)
    _q("CACES", "negation", requires=["caces"]),
    _q("permis", "negation", requires=["licence:B"]),
    _q("permis C", "negation", requires=["licence:C"]),
    _q("magasinier CACES", "requirement", ["magasinier"], ["cariste", "preparateur", "agent_quai"], requires=["caces"]),
    _q("CAP", "diploma", requires=["diploma:cap"]),
]


def grade(rule: Rule, cv: EvalCV) -> int:
    """0–3: how well this person answers the query, from the person's facts (see the module's docstring)."""
    if any(fact in cv.facts for fact in rule.excludes):
        return 0
    held = all(fact in cv.facts for fact in rule.requires)
    if not rule.metiers:
        if held:
            return 3
        return 1 if any(fact in cv.facts for fact in rule.near) else 0
    if cv.metier in rule.metiers:
        return 3 if held else 2
    if cv.metier in rule.close:
        return 2 if held else 1
    families = {METIERS[key].family for key in rule.metiers}
    if METIERS[cv.metier].family in families or cv.previous in rule.metiers | rule.close:
        return 1
    return 0


def grades(query: EvalQuery, cvs: list[EvalCV]) -> dict[str, int]:
    """external id → grade, for the CVs of grade ≥ 1."""
    return {cv.external_id: g for cv in cvs if (g := grade(query.rule, cv))}
