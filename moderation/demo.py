"""Demo moderation: the demo moderator in the « Modérateurs » group, two offers waiting in the
queue (one with findings) and two past decisions. Idempotent (offers found by company and title)."""

import datetime

from django.utils import timezone

from accounts.demo import demo_user
from companies.models import Company
from offers.enums import ContractType, OfferStatus
from offers.models import Offer
from referentials.models import Commune, Metier

from .checker import check_offer
from .demo_history import load_history
from .enums import DecisionKind, RejectionReason
from .models import MODERATORS_GROUP, ModerationDecision
from .signals import ensure_moderators_group

MODERATOR = "moderation@demo.terredemplois.fr"
RECRUITER = "recruteur@demo.terredemplois.fr"
COMPANY = "Boulangerie du Canal"

OFFERS = [
    # title, status, hours since submission, description, decision, reason, reason text
    ("Vendeuse en boulangerie", OfferStatus.PENDING, 50,
     "<p>La Boulangerie du Canal recherche une vendeuse <strong>jeune et dynamique</strong> pour sa boutique du "
     "quai Riquet. Vous accueillez la clientèle, conseillez sur nos pains au levain et viennoiseries, tenez la "
     "caisse et participez à la mise en place des vitrines.</p><p>Bonne présentation exigée. Temps plein du "
     "mardi au samedi, 1 850 € brut par mois.</p>", None, "", ""),
    ("Boulanger H/F", OfferStatus.PENDING, 5,
     "<p>Au fournil de la Boulangerie du Canal, vous préparez nos pains au levain naturel, baguettes de tradition "
     "et fougasses. Vous travaillez de nuit avec le chef boulanger et formez nos deux apprentis.</p><p>CAP "
     "boulanger exigé, première expérience appréciée. CDI à temps plein, deux jours de repos consécutifs.</p>",
     None, "", ""),
    ("Pâtissier H/F", OfferStatus.PUBLISHED, 30,
     "<p>Vous réalisez nos entremets, tartes et gâteaux de fête, de la préparation des bases au dressage. Vous "
     "gérez les commandes des mariages et baptêmes avec la responsable de boutique.</p><p>CAP pâtissier et "
     "deux ans d'expérience souhaités. CDI, horaires du matin, 2 000 € brut par mois.</p>",
     DecisionKind.APPROVE, "", ""),
    ("Livreur", OfferStatus.REFUSED, 80,
     "<p>Vous livrez chaque matin le pain des restaurants et épiceries du Carcassonnais avec le véhicule de la "
     "boulangerie, et vous chargez les tournées de la veille.</p><p>Permis B exigé. CDD de six mois à temps "
     "partiel, de 5 h à 9 h.</p>",
     DecisionKind.REJECT, RejectionReason.MISSING_GENDER_MENTION,
     "Ajoutez « H/F » au titre (par exemple « Livreur H/F ») puis soumettez l'offre à nouveau."),
]


def load(stdout):
    moderator = demo_user(MODERATOR)
    moderator.groups.add(ensure_moderators_group())
    company = Company.objects.filter(name=COMPANY).first()
    metier = Metier.objects.filter(name__icontains="boulang").first() or Metier.objects.order_by("pk").first()
    commune = Commune.objects.filter(insee="11069").first()
    if company is None or metier is None or commune is None:
        stdout.write("Modération : modérateur prêt ; offres de démonstration ignorées (entreprise, métiers ou "
                     "communes absents).")
        return
    recruiter = demo_user(RECRUITER)
    now = timezone.now()
    created_count = 0
    for title, status, hours, description, decision, reason, text in OFFERS:
        submitted_at = now - datetime.timedelta(hours=hours)
        offer, created = Offer.objects.get_or_create(
            company=company, title=title, revision_of=None,
            defaults={"author": recruiter, "submitted_by": recruiter, "metier": metier, "commune": commune,
                      "contact_name": "Sophie Durand", "contact_phone": "04 68 25 12 34",
                      "contract_type": ContractType.CDI, "description": description, "status": status,
                      "submitted_at": submitted_at},
        )
        if not created or decision is None:
            continue
        created_count += 1
        decided_at = submitted_at + datetime.timedelta(hours=3)
        if decision == DecisionKind.APPROVE:
            offer.published_at = decided_at
            offer.expires_at = offer.compute_expires_at(decided_at)
            offer.approved_by = moderator
        else:
            offer.refused_at = decided_at
            offer.refused_by = moderator
            offer.refused_reason = f"{RejectionReason(reason).label} : {text}"
        offer.save()
        ModerationDecision.objects.get_or_create(
            offer=offer, decision=decision,
            defaults={"moderator": moderator, "reason": reason, "reason_text": text, "submitted_at": submitted_at,
                      "decided_at": decided_at,
                      "findings": [f.as_dict() for f in check_offer(offer.title, offer.description)]},
        )
    load_history(moderator, stdout, now)
    stdout.write(f"Modération : modérateur dans le groupe « {MODERATORS_GROUP} », {created_count} décision(s) "
                 "de démonstration ajoutée(s).")
