"""Demo moderation history: 26 weeks of offers submitted, approved or refused by the demo moderator, so that
the staff page « Statistiques » shows realistic weeks (a few offers a week, more before the summer season,
decisions within hours or a weekend, one refusal in five). Idempotent: offers found by company and title."""

import datetime

from django.utils import timezone

from companies.models import Company
from offers.enums import ContractType, OfferStatus
from offers.models import OFFER_LIFETIME_DAYS, Offer
from referentials.models import Commune, Metier

from .checker import check_offer
from .enums import REFUSAL_MESSAGES, DecisionKind, RejectionReason
from .models import ModerationDecision

JOBS = [
    ("Vendeur / Vendeuse en boulangerie", "vend"), ("Serveur / Serveuse H/F", "serv"),
    ("Aide à domicile H/F", "domicile"), ("Agent d'entretien H/F", "entretien"),
    ("Cuisinier H/F", "cuisin"), ("Préparateur de commandes H/F", "prépar"),
    ("Ouvrier viticole H/F", "viti"), ("Chauffeur livreur H/F", "livr"),
    ("Assistant administratif H/F", "administ"), ("Maçon H/F", "maçon"),
    ("Réceptionniste d'hôtel H/F", "récept"), ("Caissier / Caissière H/F", "caiss"),
    ("Animateur périscolaire H/F", "anim"),
]
VARIANTS = ["CDI temps plein", "CDD de 6 mois", "saison d'été", "temps partiel", "CDD de 3 mois", "week-end"]
CONTRACTS = {"CDI temps plein": ContractType.CDI, "CDD de 6 mois": ContractType.CDD,
             "saison d'été": ContractType.SAISONNIER, "temps partiel": ContractType.CDI,
             "CDD de 3 mois": ContractType.CDD, "week-end": ContractType.CDD}
# Hours from the submission to the decision, in turn: most within the day, some over a weekend.
WAITS = [2, 5, 26, 3, 7, 50, 1, 9, 4, 20, 6, 70, 3]
REFUSALS = [RejectionReason.MISSING_GENDER_MENTION, RejectionReason.DISCRIMINATORY, RejectionReason.INCOMPLETE,
            RejectionReason.DUPLICATE, RejectionReason.DISCRIMINATORY]
DESCRIPTION = ("<p>{company} recrute pour son équipe de {commune} : {job} ({variant}). Vous travaillez avec une "
               "équipe de cinq personnes, dans le respect des consignes d'hygiène et de sécurité.</p>"
               "<p>Expérience appréciée, formation assurée à l'arrivée. Salaire selon la convention collective, "
               "mutuelle et tickets restaurant.</p>")
REFUSED_DESCRIPTIONS = {
    RejectionReason.DISCRIMINATORY: "<p>Nous recherchons une personne jeune et dynamique, de moins de 30 ans, "
                                    "pour renforcer notre équipe de {commune}.</p>",
    RejectionReason.INCOMPLETE: "<p>Poste à pourvoir rapidement.</p>",
}


def history_plan(weeks: int = 26):
    """(weeks ago, day of week, job index, variant index, hours to decision, refusal reason or "") — the same
    plan on every run: 2 to 4 offers a week over the 25 weeks before this one (the statistics' window, whose
    current week has the queue's demo offers), more in the spring (seasonal hiring). Titles stay distinct."""
    plan = []
    index = 0
    for ago in range(weeks - 1, 0, -1):
        per_week = 2 + (ago % 3 == 0) + (8 <= ago <= 16)
        for slot in range(per_week):
            refused = REFUSALS[index // 5 % len(REFUSALS)] if index % 5 == 4 else ""
            plan.append((ago, (slot * 2 + ago) % 5, index % len(JOBS), index // len(JOBS) % len(VARIANTS),
                         WAITS[index % len(WAITS)], refused))
            index += 1
    return plan


def load_history(moderator, stdout, now=None) -> int:
    """Adds what is missing of the plan; returns the number of decisions added."""
    companies = list(Company.objects.order_by("pk")[:4])
    metiers = list(Metier.objects.order_by("pk")[:20])
    commune = Commune.objects.filter(insee="11069").first() or Commune.objects.order_by("pk").first()
    if not companies or not metiers or commune is None:
        stdout.write("Modération : historique de démonstration ignoré (entreprises, métiers ou communes absents).")
        return 0
    now = now or timezone.now()
    monday = timezone.localdate(now) - datetime.timedelta(days=timezone.localdate(now).weekday())
    added = 0
    for number, (ago, weekday, job_index, variant_index, wait, reason) in enumerate(history_plan()):
        job, metier_hint = JOBS[job_index]
        variant = VARIANTS[variant_index]
        company = companies[number % len(companies)]
        if reason == RejectionReason.MISSING_GENDER_MENTION:
            job = job.replace(" H/F", "").split(" / ")[0]
        title = f"{job} — {variant}"
        day = monday - datetime.timedelta(weeks=ago) + datetime.timedelta(days=weekday)
        submitted_at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(8 + number % 9, 15)))
        decided_at = submitted_at + datetime.timedelta(hours=wait)
        metier = next((m for m in metiers if metier_hint in m.name.lower()), metiers[number % len(metiers)])
        template = REFUSED_DESCRIPTIONS.get(reason, DESCRIPTION)
        description = template.format(company=company.name, commune=commune.name, job=job.lower(), variant=variant)
        offer, created = Offer.objects.get_or_create(
            company=company, title=title, revision_of=None,
            defaults={"metier": metier, "commune": commune, "contact_name": "Service recrutement",
                      "contract_type": CONTRACTS[variant], "description": description,
                      "status": OfferStatus.PENDING, "submitted_at": submitted_at, "created_at": submitted_at},
        )
        if not created:
            continue
        if reason:
            offer.status = OfferStatus.REFUSED
            offer.refused_at, offer.refused_by = decided_at, moderator
            offer.refused_reason = f"{RejectionReason(reason).label} : {REFUSAL_MESSAGES[reason]}"
        else:
            offer.published_at, offer.approved_by = decided_at, moderator
            offer.expires_at = offer.compute_expires_at(decided_at)
            offer.status = OfferStatus.PUBLISHED
            if decided_at + datetime.timedelta(days=OFFER_LIFETIME_DAYS) < now:
                offer.status, offer.expired_at = OfferStatus.EXPIRED, offer.expires_at
        offer.save()
        ModerationDecision.objects.create(
            offer=offer, moderator=moderator, decision=DecisionKind.REJECT if reason else DecisionKind.APPROVE,
            reason=reason, reason_text=REFUSAL_MESSAGES.get(reason, "") if reason else "",
            submitted_at=submitted_at, decided_at=decided_at,
            findings=[finding.as_dict() for finding in check_offer(offer.title, offer.description)])
        added += 1
    stdout.write(f"Modération : historique de 26 semaines, {added} décision(s) ajoutée(s).")
    return added

