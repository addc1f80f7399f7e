import factory

from accounts.enums import UserKind
from accounts.models import RecruiterProfile, User
from tests.conftest import PASSWORD


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"personne{n}@exemple.fr")
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    kind = UserKind.CANDIDATE

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or PASSWORD)
        if create:
            self.save(update_fields=["password"])

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        """allauth needs a verified EmailAddress row to let the user log in."""
        if create and extracted is not False:
            from allauth.account.models import EmailAddress

            EmailAddress.objects.update_or_create(
                user=self, email=self.email, defaults={"verified": True, "primary": True}
            )


class CandidateFactory(UserFactory):
    kind = UserKind.CANDIDATE


class RecruiterFactory(UserFactory):
    kind = UserKind.RECRUITER
    profile = factory.RelatedFactory(
        "tests.accounts.factories.RecruiterProfileFactory", factory_related_name="user"
    )


class RecruiterProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RecruiterProfile

    user = factory.SubFactory(RecruiterFactory, profile=None)
    job_title = "Responsable des ressources humaines"


class StaffFactory(UserFactory):
    kind = ""
    is_staff = True
    is_superuser = True
