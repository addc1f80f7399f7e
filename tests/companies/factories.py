import factory
from stdnum import luhn

from companies.enums import CompanySize, MembershipRole, MembershipStatus
from companies.models import Company, Membership
from tests.accounts.factories import RecruiterFactory
from tests.referentials.factories import CommuneFactory, SectorFactory


def valid_siret(n: int) -> str:
    """A SIRET that passes ``stdnum.fr.siret`` (Luhn on the SIREN and on the 14 digits)."""
    siren8 = f"{73282932 + n:08d}"[-8:]
    siren = siren8 + luhn.calc_check_digit(siren8)
    nic = f"{n % 1000:03d}"
    head = siren + "0" + nic
    for last in "0123456789":
        if luhn.is_valid(head + last):
            return head + last
    raise AssertionError("unreachable: one digit always completes a Luhn number")


class CompanyFactory(factory.django.DjangoModelFactory):
    """``CompanyFactory(with_members=2)`` adds accepted recruiter members (the first is admin)."""

    class Meta:
        model = Company
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Entreprise {n}")
    siret = factory.Sequence(valid_siret)
    sector = factory.SubFactory(SectorFactory)
    size = CompanySize.PME

    class Params:
        # CompanyFactory(online=True): a public page in a commune of the Aude
        online = factory.Trait(
            is_online=True,
            commune=factory.SubFactory(CommuneFactory),
            description="<p>Entreprise familiale installée à Carcassonne depuis 1987.</p>",
        )

    @factory.post_generation
    def with_members(self, create, extracted, **kwargs):
        for i in range(extracted or 0):
            MembershipFactory(company=self, role=MembershipRole.ADMIN if i == 0 else MembershipRole.MEMBER)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    company = factory.SubFactory(CompanyFactory)
    user = factory.SubFactory(RecruiterFactory)
    role = MembershipRole.ADMIN
    status = MembershipStatus.ACCEPTED


def recruiter_with_company(**company_kwargs):
    """A recruiter administering a fresh company: returns (user, company)."""
    company = CompanyFactory(**company_kwargs)
    membership = MembershipFactory(company=company)
    return membership.user, company
