"""Factories of the recruiter side of the CVthèque (lists, searches, referrals) and a minimal CV."""

import factory
from django.utils import timezone

from cvtheque.cvs.enums import CVSource
from cvtheque.cvs.models import CV
from cvtheque.recruiting.models import CVSearch, SavedCV, SavedList
from cvtheque.recruiting.services import search_label
from cvtheque.referrals.models import SpouseReferral
from tests.companies.factories import CompanyFactory, MembershipFactory


class CVFactory(factory.django.DjangoModelFactory):
    """``CVFactory()`` is visible in the CVthèque; ``CVFactory(hidden=True)`` is not."""

    class Meta:
        model = CV
        skip_postgeneration_save = True

    class Params:
        hidden = factory.Trait(is_visible=False, visible_since=None)

    source = CVSource.CANDIDATE
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    email = factory.Sequence(lambda n: f"cv{n}@exemple.fr")
    headline = "Vendeuse en boulangerie"
    is_visible = True
    visible_since = factory.LazyFunction(timezone.now)
    updated_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def search_columns(self, create, extracted, **kwargs):
        if create:
            self.refresh_search()


class SavedListFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SavedList

    company = factory.SubFactory(CompanyFactory)
    name = factory.Sequence(lambda n: f"Liste {n}")


class SavedCVFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SavedCV

    saved_list = factory.SubFactory(SavedListFactory)
    cv = factory.SubFactory(CVFactory)


class CVSearchFactory(factory.django.DjangoModelFactory):
    """``CVSearchFactory(favourite=True)`` is starred (alert daily)."""

    class Meta:
        model = CVSearch

    class Params:
        favourite = factory.Trait(is_favourite=True, favourite_since=factory.LazyFunction(timezone.now))

    user = factory.LazyAttribute(lambda o: MembershipFactory(company=o.company).user)
    company = factory.SubFactory(CompanyFactory)
    params = factory.Sequence(lambda n: {"q": [f"vendeuse {n}"]})
    label = factory.LazyAttribute(lambda o: search_label(o.params))


class SpouseReferralFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SpouseReferral

    cv = factory.SubFactory(CVFactory, source=CVSource.SPOUSE)
    company = factory.SubFactory(CompanyFactory)
    presented_by = factory.LazyAttribute(lambda o: MembershipFactory(company=o.company).user)
    first_name = factory.LazyAttribute(lambda o: o.cv.first_name)
    last_name = factory.LazyAttribute(lambda o: o.cv.last_name)
    email = factory.LazyAttribute(lambda o: o.cv.email)
    consent_at = factory.LazyFunction(timezone.now)
