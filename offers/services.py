"""Named actions on offers, called by other apps and by the offers' own views and tasks."""

from django.db import transaction
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from mailing.services import queue_email
from referentials.services import departement_of

from .enums import OfferStatus
from .models import Application, ApplicationError, Offer, SupportOrganisation


@transaction.atomic
def withdraw_company_offers(company) -> int:
    """A company left with no member: its published and pending offers (and pending revisions)
    are withdrawn (soft-deleted, never public again). Returns how many were withdrawn."""
    offers = list(
        Offer.objects.select_for_update().of_company(company).not_deleted()
        .filter(status__in=[OfferStatus.PUBLISHED, OfferStatus.PENDING])
    )
    for offer in offers:
        offer.soft_delete(by=None)
    return len(offers)


@transaction.atomic
def approve_offer(offer: Offer, by) -> Offer:
    """En attente → Publiée (``Offer.approve``); returns the offer now online (for a revision, the
    offer it changed). The support organisation is e-mailed once when the offer asks for it."""
    online = offer.approve(by=by)
    notify_support_organisation(online)
    return online


def notify_support_organisation(offer: Offer) -> bool:
    """Once an offer asking for support (« je souhaite être accompagné ») is published, the
    support organisation is e-mailed, once per offer."""
    if not offer.wants_support or offer.support_notified_at is not None:
        return False
    organisation = SupportOrganisation.get()
    queue_email(
        organisation.email, "offers/emails/support_request",
        {"offer": offer, "organisation": organisation},
        reason="offer_support_request", dedup_key=f"offer-support-{offer.pk}",
    )
    Offer.objects.filter(pk=offer.pk).update(support_notified_at=timezone.now())
    offer.support_notified_at = timezone.now()
    return True


def send_to_moderation(offer: Offer, by) -> bool:
    """« Ajouter l'offre » on any editable offer: a draft or refused offer (or revision) is submitted,
    an expired one republished; a pending one simply stays pending. Returns True if the status changed."""
    if offer.status in (OfferStatus.DRAFT, OfferStatus.REFUSED):
        offer.submit(by=by)
        return True
    if offer.status == OfferStatus.EXPIRED:
        offer.republish(by=by)
        return True
    return False


def editable_version(offer: Offer, by) -> Offer:
    """What the edit form works on: a published offer is edited through its open revision (created,
    unsaved, when there is none); any other offer is edited in place."""
    if offer.status == OfferStatus.PUBLISHED and not offer.is_revision:
        return offer.open_revision() or offer.new_revision(by)
    return offer


def similar_offers(offer: Offer, limit: int = 5):
    """Published offers close to ``offer`` (same métier, else same place), for its 410 page."""
    criteria = Q()
    if offer.metier_id:
        criteria |= Q(metier_id=offer.metier_id)
    if offer.commune_id:
        criteria |= Q(commune_id=offer.commune_id)
    qs = Offer.objects.visible_to_public().exclude(pk=offer.pk).for_list().order_by("-published_at")
    similar = list(qs.filter(criteria)[:limit]) if criteria else []
    return similar or list(qs[:limit])


def current_offers_of(user, limit: int = 10) -> list[Offer]:
    """Dashboard « Mes offres en cours »: published and pending offers of the user's companies."""
    return list(
        Offer.objects.of_member(user).originals().not_deleted()
        .filter(status__in=[OfferStatus.PUBLISHED, OfferStatus.PENDING])
        .select_related("commune").order_by("-created_at")[:limit]
    )


@transaction.atomic
def apply_to_offer(offer: Offer, candidate, message: str):
    """A candidate applies once to a public offer; the offer's contact (or author) is e-mailed."""
    if not offer.is_public:
        raise ApplicationError("Cette offre n'est plus disponible.")
    if not getattr(candidate, "is_candidate", False):
        raise ApplicationError("Seul un candidat peut postuler à une offre.")
    message = (message or "").strip()
    if not message:
        raise ApplicationError("Écrivez quelques mots au recruteur.")
    application, created = Application.objects.get_or_create(offer=offer, candidate=candidate,
                                                             defaults={"message": message})
    if not created:
        raise ApplicationError("Vous avez déjà postulé à cette offre.")
    recipient = offer.contact_email or (offer.author.email if offer.author_id else "")
    if recipient:
        queue_email(recipient, "offers/emails/new_application", {"offer": offer, "application": application},
                    reason="offer_application", dedup_key=f"offer-application-{application.pk}")
    return application


def published_offer_count_expression():
    """An expression counting a company's published offers (one SQL query for a whole list of companies)."""
    counts = (
        Offer.objects.visible_to_public().filter(company=OuterRef("pk")).order_by()
        .values("company").annotate(n=Count("pk")).values("n")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))


def company_published_offers(company, limit: int = 50) -> list[Offer]:
    """The company's published offers, newest first (its public page)."""
    return list(
        Offer.objects.visible_to_public().filter(company=company)
        .select_related("commune").order_by("-published_at", "-pk")[:limit]
    )


def wider_searches(data: dict) -> list[tuple[str, dict]]:
    """What to try when a public offer search finds nothing: (label, GET parameters) of wider searches,
    the place's whole département first, then anywhere, then every contract."""
    params = {key: data[key] for key in ("q", "contrat") if data.get(key)}
    place = data.get("ou")
    wider = []
    departement = departement_of(place) if place is not None else None
    if departement is not None:
        wider.append((f"Chercher dans tout le département : {departement}", {**params, "ou": str(departement)}))
    if place is not None:
        wider.append(("Chercher partout", dict(params)))
    if data.get("contrat"):
        wider.append(("Tous les types de contrat", {key: value for key, value in
                                                   {**params, "ou": str(place) if place else ""}.items()
                                                   if key != "contrat" and value}))
    return wider
