"""Factories of the CVthèque: CVs, the recruiters' lists and searches, spouse referrals."""

import factory
from django.utils import timezone

from cvtheque.cvs.enums import Availability, CVSource, EducationLevel
from cvtheque.cvs.models import CV
from cvtheque.recruiting.models import CVSearch, SavedCV, SavedList
from cvtheque.recruiting.services import search_label
from cvtheque.referrals.models import SpouseReferral
from cvtheque.search.documents import update_search_columns
from tests.accounts.factories import CandidateFactory
from tests.companies.factories import CompanyFactory, MembershipFactory


class CVFactory(factory.django.DjangoModelFactory):
    """A candidate's CV, hidden from recruiters like a new CV (no consent given yet).

    Traits: ``visible=True`` gives the consent to appear in the CVthèque; ``rqth_shown=True`` declares
    an RQTH and shows it; ``imported=True`` / ``spouse=True`` make a CV without owner, imported (with an
    external id) or presented by a recruiter (spouse referral). The search columns are computed after
    creation (and after ``metiers=[...]``)."""

    class Meta:
        model = CV
        skip_postgeneration_save = True

    class Params:
        visible = factory.Trait(is_visible=True, visible_since=factory.LazyFunction(timezone.now))
        rqth_shown = factory.Trait(rqth=True, rqth_visible=True)
        imported = factory.Trait(owner=None, source=CVSource.IMPORT, external_id=factory.Sequence(lambda n: f"ext-{n}"))
        spouse = factory.Trait(owner=None, source=CVSource.SPOUSE)

    owner = factory.SubFactory(CandidateFactory)
    source = CVSource.CANDIDATE
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    email = factory.Sequence(lambda n: f"cv{n}@exemple.fr")
    phone = "06 12 34 56 78"
    headline = "Employé polyvalent"
    availability = Availability.IMMEDIATE
    education_level = EducationLevel.BAC
    summary = ""
    skills = ""
    experience = ""

    @factory.post_generation
    def metiers(self, create, extracted, **kwargs):
        if create and extracted:
            self.metiers.set(extracted)

    @factory.post_generation
    def index(self, create, extracted, **kwargs):
        if create:
            update_search_columns([self.pk])


class SavedListFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SavedList

    company = factory.SubFactory(CompanyFactory)
    name = factory.Sequence(lambda n: f"Liste {n}")


class SavedCVFactory(factory.django.DjangoModelFactory):
    """A visible CV in a list."""

    class Meta:
        model = SavedCV

    saved_list = factory.SubFactory(SavedListFactory)
    cv = factory.SubFactory(CVFactory, visible=True)


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
    """A referral and its partner's CV (visible, source « spouse »)."""

    class Meta:
        model = SpouseReferral

    cv = factory.SubFactory(CVFactory, spouse=True, visible=True)
    company = factory.SubFactory(CompanyFactory)
    presented_by = factory.LazyAttribute(lambda o: MembershipFactory(company=o.company).user)
    first_name = factory.LazyAttribute(lambda o: o.cv.first_name)
    last_name = factory.LazyAttribute(lambda o: o.cv.last_name)
    email = factory.LazyAttribute(lambda o: o.cv.email)
    consent_at = factory.LazyFunction(timezone.now)
