import factory

from moderation.enums import DecisionKind, RejectionReason
from moderation.models import ModerationDecision
from moderation.signals import ensure_moderators_group
from tests.accounts.factories import UserFactory


class ModeratorFactory(UserFactory):
    """Staff (not superuser) in the « Modérateurs » group created by the data migration.
    ``ModeratorFactory(moderators_group=False)`` is staff without the right to moderate."""

    kind = ""
    is_staff = True

    @factory.post_generation
    def moderators_group(self, create, extracted, **kwargs):
        if create and extracted is not False:
            self.groups.add(ensure_moderators_group())


class ModerationDecisionFactory(factory.django.DjangoModelFactory):
    """A past decision (``refused=True`` for a refusal with a reason)."""

    class Meta:
        model = ModerationDecision

    offer = factory.SubFactory("tests.offers.factories.OfferFactory", published=True)
    moderator = factory.SubFactory(ModeratorFactory)
    decision = DecisionKind.APPROVE
    submitted_at = factory.SelfAttribute("offer.submitted_at")

    class Params:
        refused = factory.Trait(decision=DecisionKind.REJECT, reason=RejectionReason.MISSING_GENDER_MENTION,
                                reason_text="Ajoutez « H/F » au titre.")
