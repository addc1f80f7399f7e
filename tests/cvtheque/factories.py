import factory
from django.utils import timezone

from cvtheque.cvs.enums import Availability, CVSource, EducationLevel
from cvtheque.models import CV
from cvtheque.search.documents import update_search_columns
from tests.accounts.factories import CandidateFactory


class CVFactory(factory.django.DjangoModelFactory):
    """A candidate's CV; ``visible=True`` gives consent, ``rqth=True`` declares and shows an RQTH.
    The search columns are computed after creation (and after ``metiers=[...]``)."""

    class Meta:
        model = CV
        skip_postgeneration_save = True

    class Params:
        visible = factory.Trait(is_visible=True, visible_since=factory.LazyFunction(timezone.now))
        rqth_shown = factory.Trait(rqth=True, rqth_visible=True)
        imported = factory.Trait(owner=None, source=CVSource.IMPORT, external_id=factory.Sequence(lambda n: f"ext-{n}"))

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
