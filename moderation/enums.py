from django.db import models


class Severity(models.TextChoices):
    BLOQUANT = "bloquant", "Bloquant"
    A_VERIFIER = "a_verifier", "À vérifier"


class DecisionKind(models.TextChoices):
    APPROVE = "approve", "Approuvée"
    REJECT = "reject", "Refusée"


class RejectionReason(models.TextChoices):
    MISSING_GENDER_MENTION = "mention_hf", "Mention H/F manquante"
    DISCRIMINATORY = "discriminatoire", "Critère discriminatoire"
    INCOMPLETE = "incomplete", "Offre incomplète"
    DUPLICATE = "doublon", "Doublon"
    OUT_OF_TERRITORY = "hors_territoire", "Hors territoire"
    OTHER = "autre", "Autre"


# The refusal message prefilled for each reason (the moderator edits it; the recruiter reads it).
REFUSAL_MESSAGES: dict[str, str] = {
    RejectionReason.MISSING_GENDER_MENTION: "Ajoutez la mention « H/F » au titre (ou une forme épicène ou doublée, "
                                            "comme « Vendeur / Vendeuse »), puis soumettez de nouveau l'offre.",
    RejectionReason.DISCRIMINATORY: "L'offre contient une formulation qui écarte des candidats selon un critère "
                                    "interdit par l'article L1132-1 du Code du travail. Décrivez plutôt les "
                                    "compétences et les conditions du poste, puis soumettez de nouveau l'offre.",
    RejectionReason.INCOMPLETE: "L'offre est incomplète : décrivez les missions, le profil recherché et les "
                                "conditions de travail, puis soumettez-la de nouveau.",
    RejectionReason.DUPLICATE: "Cette offre est déjà en ligne : modifiez l'offre existante plutôt que d'en "
                               "publier une seconde.",
    RejectionReason.OUT_OF_TERRITORY: "Le poste n'est pas situé sur le territoire couvert par Terre d'Emplois.",
    RejectionReason.OTHER: "",
}

# The reason a moderator most likely gives for a « Bloquant » finding of a code (prefilled on the review page).
REASON_OF_FINDING: dict[str, str] = {
    "mention_hf_manquante": RejectionReason.MISSING_GENDER_MENTION,
    "description_trop_courte": RejectionReason.INCOMPLETE,
}


def rejection_reason_for(codes: list[str]) -> str:
    """The reason to prefill from the codes of the blocking findings (« » when none)."""
    for code in codes:
        if code.startswith("critere_") or code in {"limite_age", "offre_non_francais"}:
            return RejectionReason.DISCRIMINATORY
    for code in codes:
        if code in REASON_OF_FINDING:
            return REASON_OF_FINDING[code]
    return ""
