import datetime

import factory
from django.utils import timezone

from offers.enums import ContractType, OfferStatus
from offers.models import Application, Offer
from tests.accounts.factories import StaffFactory
from tests.companies.factories import CompanyFactory
from tests.referentials.factories import CommuneFactory, MetierFactory


class OfferFactory(factory.django.DjangoModelFactory):
    """A complete offer, in Brouillon by default. Traits: ``pending``, ``published``, ``expired``,
    ``refused``, ``deleted``; ``OfferFactory(published=True, company=c)``."""

    class Meta:
        model = Offer

    company = factory.SubFactory(CompanyFactory)
    author = None
    title = factory.Sequence(lambda n: f"Vendeur H/F en boulangerie {n}")
    metier = factory.SubFactory(MetierFactory)
    commune = factory.SubFactory(CommuneFactory, insee="11069", name="Carcassonne")
    contact_name = "Sophie Durand"
    contact_phone = "04 68 12 34 56"
    contact_email = "contact-prive@example.org"
    contract_type = ContractType.CDI
    description = "<p>Accueil des clients, mise en rayon et encaissement.</p>"
    status = OfferStatus.DRAFT

    class Params:
        pending = factory.Trait(
            status=OfferStatus.PENDING, submitted_at=factory.LazyFunction(timezone.now),
        )
        published = factory.Trait(
            status=OfferStatus.PUBLISHED,
            submitted_at=factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=2)),
            published_at=factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1)),
            expires_at=factory.LazyAttribute(lambda o: o.published_at + datetime.timedelta(days=60)),
        )
        expired = factory.Trait(
            status=OfferStatus.EXPIRED,
            published_at=factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=70)),
            expires_at=factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=10)),
            expired_at=factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=10)),
        )
        refused = factory.Trait(status=OfferStatus.REFUSED, refused_reason="Mention H/F manquante.",
                                refused_at=factory.LazyFunction(timezone.now))
        deleted = factory.Trait(
            deleted_at=factory.LazyFunction(timezone.now),
            status_before_delete=factory.SelfAttribute("status"),
        )


class ApplicationFactory(factory.django.DjangoModelFactory):
    """A candidate's application (Nouvelle) to a published offer."""

    class Meta:
        model = Application

    offer = factory.SubFactory(OfferFactory, published=True)
    candidate = factory.SubFactory("tests.accounts.factories.CandidateFactory")
    message = "Disponible tout de suite, deux ans d'expérience."


def approve_an_edit(offer: Offer, **changes) -> Offer:
    """A published offer edited (a revision with ``changes``), submitted and approved by a moderator."""
    revision = offer.new_revision(by=None)
    for name, value in changes.items():
        setattr(revision, name, value)
    revision.save()
    revision.submit(by=None)
    revision.approve(by=StaffFactory())
    return revision
