"""Demo multi-posting partners, with their secret tokens, and a few recruiters' choices. Idempotent: a partner
is found by its slug, a choice by (offer, partner); what exists is left as it is."""

from django.conf import settings

from offers.models import Offer

from .enums import FeedFormat, PartnerScope
from .models import OfferChoice, Partner

# slug, name, format, scope
PARTNERS = [
    ("indeed", "Indeed", FeedFormat.INDEED_XML, PartnerScope.ALL),
    ("hellowork", "HelloWork", FeedFormat.JOBPOSTING_JSON, PartnerScope.ALL),
    ("forum-emploi-aude", "Forum Emploi Aude", FeedFormat.JOBPOSTING_JSON, PartnerScope.ALLOWED),
]
# offer title, partner slug, goes there: recruiters who keep an offer off a partner (Sophie Durand, the demo
# recruiter, her apprenticeship off Indeed; the hotel, a seasonal offer off HelloWork: « Mes offres » says where
# each goes, and neither is in the partner-less public feed), and the offers their recruiters sent to the job fair
CHOICES = [
    ("Apprenti pâtissier / Apprentie pâtissière H/F", "indeed", False),
    ("Valet / Femme de chambre H/F", "hellowork", False),
    ("Serveur / Serveuse H/F — restaurant de la Cité", "forum-emploi-aude", True),
    ("Boulanger / Boulangère H/F", "forum-emploi-aude", True),
    ("Réceptionniste tournant(e) H/F", "forum-emploi-aude", True),
]


def load(stdout):
    created = 0
    for slug, name, feed_format, scope in PARTNERS:
        partner, new = Partner.objects.get_or_create(slug=slug, defaults={
            "name": name, "feed_format": feed_format, "scope": scope})
        created += new
        stdout.write(f"Multidiffusion : {partner.name} lit {settings.SITE_URL}{partner.feed_path()}")
    choices = 0
    for title, slug, allowed in CHOICES:
        offer = Offer.objects.originals().filter(title=title).order_by("pk").first()
        if offer is None:
            continue
        _, new = OfferChoice.objects.get_or_create(offer=offer, partner=Partner.objects.get(slug=slug),
                                                   defaults={"allowed": allowed, "changed_by": offer.author})
        choices += new
    stdout.write(f"Multidiffusion : {created} partenaires et {choices} choix de diffusion créés.")
