import factory

from diffusion.enums import FeedFormat, PartnerScope
from diffusion.models import Partner


class PartnerFactory(factory.django.DjangoModelFactory):
    """An active partner reading the Indeed-style XML of every offer. ``PartnerFactory(json=True)``: the JSON
    feed; ``PartnerFactory(opt_in=True)``: only the offers their recruiter allowed."""

    class Meta:
        model = Partner

    name = factory.Sequence(lambda n: f"Partenaire {n}")
    feed_format = FeedFormat.INDEED_XML
    scope = PartnerScope.ALL

    class Params:
        json = factory.Trait(feed_format=FeedFormat.JOBPOSTING_JSON)
        opt_in = factory.Trait(scope=PartnerScope.ALLOWED)
