"""Named actions on offers, called by other apps and by the offers' own views and tasks."""

import functools

from django.db import IntegrityError, transaction
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from mailing.models import OutgoingEmail
from mailing.services import enqueue_send, queue_email, queue_rendered, render_email
from referentials.enums import PlaceKind
from referentials.services import departement_of

from .enums import ApplicationStatus, OfferStatus
from .models import (
    OPEN_STATUSES,
    Application,
    ApplicationError,
    InvalidTransition,
    Offer,
    SupportOrganisation,
    checked_refusal,
)


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


def _recruiter_address(offer: Offer) -> str:
    return offer.contact_email or (offer.author.email if offer.author_id else "")


@transaction.atomic
def apply_to_offer(offer: Offer, candidate, message: str, *, document=None, document_name: str = "",
                   document_type: str = "", profile: dict | None = None) -> Application:
    """A candidate applies once to a public offer, with a message and optionally a CV profile (a copy) and a
    document (a ``File``, already checked by the caller). The candidate gets a confirmation; the offer's contact
    (or author) gets a link to the application in the recruiter space, never the document."""
    if not offer.is_public:
        raise ApplicationError("Cette offre n'est plus disponible.")
    if not getattr(candidate, "is_candidate", False):
        raise ApplicationError("Seul un candidat peut postuler à une offre.")
    message = (message or "").strip()
    if not message:
        raise ApplicationError("Écrivez quelques mots au recruteur.")
    if Application.objects.filter(offer=offer, candidate=candidate).exists():
        raise ApplicationError("Vous avez déjà postulé à cette offre.")
    application = Application(offer=offer, candidate=candidate, message=message, profile=profile or {},
                              document_name=document_name[:255], document_type=document_type)
    if document is not None:
        application.document.save(document_name or "cv", document, save=False)
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError:  # the same candidate applying twice at once
        if application.document:
            application.document.delete(save=False)
        raise ApplicationError("Vous avez déjà postulé à cette offre.") from None
    context = {"offer": offer, "application": application}
    queue_email(candidate.email, "offers/emails/application_sent", context,
                reason="application_sent", dedup_key=f"application-sent-{application.pk}")
    recipient = _recruiter_address(offer)
    if recipient:
        queue_email(recipient, "offers/emails/new_application", context,
                    reason="offer_application", dedup_key=f"offer-application-{application.pk}")
    return application


def open_application(application: Application, by) -> None:
    """A member of the offer's company opens an application: Nouvelle → Vue."""
    if application.status == ApplicationStatus.NEW:
        application.mark_seen(by=by)


def _status_email(application: Application) -> tuple[str, str, str, str] | None:
    """(to, subject, text, html) of the e-mail the candidate gets for the application's status: on Entretien
    and on Refusée only."""
    if application.status == ApplicationStatus.INTERVIEW:
        template = "offers/emails/application_interview"
    elif application.status == ApplicationStatus.REFUSED:
        template = "offers/emails/application_refused"
    else:
        return None
    subject, text, html = render_email(template, {"application": application, "offer": application.offer})
    return application.candidate.email, subject, text, html


@transaction.atomic
def change_application_status(application: Application, status: str, by, *, reason: str = "",
                              text: str = "") -> None:
    """The recruiter sets Retenue / Entretien / Refusée / Embauchée (checked by the model's method); the
    candidate is e-mailed on Entretien and Refusée."""
    actions = {
        ApplicationStatus.SHORTLISTED: application.shortlist,
        ApplicationStatus.INTERVIEW: application.invite_to_interview,
        ApplicationStatus.HIRED: application.hire,
    }
    if status == ApplicationStatus.REFUSED:
        application.refuse(by=by, reason=reason, text=text)
    elif status in actions:
        actions[status](by=by)
    else:
        raise InvalidTransition("Choisissez un statut.")
    email = _status_email(application)
    if email:
        to, subject, body, html = email
        queue_rendered(to, subject, body, html, reason=f"application_{application.status}",
                       dedup_key=f"application-{application.status}-{application.pk}")


@transaction.atomic
def refuse_applications(applications, by, reason: str, text: str = "") -> int:
    """« Refuser » on selected applications (a queryset the caller already limited to the user's companies):
    those still open become Refusée with the reason, each candidate is e-mailed. A fixed number of queries
    whatever the number selected. Returns how many were refused."""
    reason, text = checked_refusal(reason, text)
    now = timezone.now()
    selected = list(applications.select_for_update(of=("self",)).filter(status__in=OPEN_STATUSES)
                    .select_related("offer__company", "candidate"))
    if not selected:
        return 0
    Application.objects.filter(pk__in=[a.pk for a in selected]).update(
        status=ApplicationStatus.REFUSED, status_changed_at=now, status_changed_by=by,
        refusal_reason=reason, refusal_text=text,
    )
    emails = []
    for application in selected:
        application.status, application.refusal_reason, application.refusal_text = (
            ApplicationStatus.REFUSED, reason, text)
        to, subject, body, html = _status_email(application)
        emails.append(OutgoingEmail(to=to, subject=subject[:255], body_text=body, body_html=html,
                                    reason="application_refused",
                                    dedup_key=f"application-refused-{application.pk}"))
    for email in OutgoingEmail.objects.bulk_create(emails, ignore_conflicts=False):
        transaction.on_commit(functools.partial(enqueue_send, email.pk))
    return len(selected)


def application_counts_expressions() -> dict:
    """Annotations of an offer list: ``application_count`` and ``new_application_count`` (two subqueries)."""
    def count(**filters):
        counts = (Application.objects.filter(offer=OuterRef("pk"), **filters).order_by()
                  .values("offer").annotate(n=Count("pk")).values("n"))
        return Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))
    return {"application_count": count(), "new_application_count": count(status=ApplicationStatus.NEW)}


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


def online_counts() -> dict[str, int]:
    """What is online, in one query: {"offers": public offers, "companies": companies having one}."""
    return Offer.objects.visible_to_public().aggregate(offers=Count("pk"), companies=Count("company", distinct=True))


WIDER_RADII = [10, 20, 30, 50, 100]  # km, among ``referentials.forms.RADIUS_CHOICES``
NARROWING_FILTERS = ("metier", "contrat", "salaire", "recentes", "saisonnier")


def wider_searches(params, criteria) -> list[tuple[str, str]]:
    """What to try when a public offer search finds nothing: (label, query string) of wider searches, each
    keeping what the visitor typed: a wider radius around the commune, the place's whole département,
    anywhere, then the keywords and the place without the other filters."""
    def query(**changes) -> str:
        kept = params.copy()
        kept.pop("page", None)
        for key, value in changes.items():
            kept.pop(key, None)
            if value:
                kept.setlist(key, [str(value)])
        return kept.urlencode()

    wider, place = [], criteria.place
    if place is not None and place.kind == PlaceKind.COMMUNE:
        radius = next((km for km in WIDER_RADII if km > (criteria.radius_km or 0)), None)
        if radius is not None:
            wider.append((f"Élargir à {radius} km autour de {place.obj.name}", query(rayon=radius)))
    departement = departement_of(place) if place is not None else None
    if departement is not None:
        wider.append((f"Chercher dans tout le département : {departement}", query(ou=departement, rayon=None)))
    if place is not None:
        wider.append(("Chercher partout", query(ou=None, rayon=None)))
    if any(params.get(key) for key in NARROWING_FILTERS):
        wider.append(("Retirer les autres filtres (métier, contrat, salaire, date, saisonnier)",
                      query(**dict.fromkeys(NARROWING_FILTERS))))
    return wider
