"""The offer form says where the offer will be published, with a choice per partner; « Mes offres » says where
each offer is published."""

from html import unescape

import pytest
from django.urls import reverse

from diffusion.models import OfferChoice
from offers.models import Offer
from tests.companies.factories import recruiter_with_company
from tests.offers.factories import OfferFactory
from tests.offers.test_views import form_data

from .factories import PartnerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner(client):
    user, company = recruiter_with_company()
    client.force_login(user)
    return user, company


def text(response) -> str:
    return unescape(response.content.decode())


def test_the_form_names_the_partners_ticked_by_default_except_the_opt_in_ones(client, owner):
    indeed, fair = PartnerFactory(name="Indeed"), PartnerFactory(name="Forum Emploi Aude", opt_in=True)
    PartnerFactory(name="Ancien partenaire", is_active=False)
    response = client.get(reverse("offers:create"))
    html = text(response)
    assert "Votre offre sera diffusée sur Terre d'Emplois et chez nos partenaires :" in html
    assert "Indeed" in html and "Forum Emploi Aude" in html and "Ancien partenaire" not in html
    assert response.context["form"]["diffusion_partners"].initial == [indeed.pk]
    assert fair.pk not in response.context["form"]["diffusion_partners"].initial


def test_unticking_a_partner_opts_the_offer_out_of_it_and_ticking_an_opt_in_one_allows_it(client, owner):
    user, company = owner
    indeed, hellowork = PartnerFactory(name="Indeed"), PartnerFactory(name="HelloWork")
    fair = PartnerFactory(name="Forum Emploi Aude", opt_in=True)
    response = client.post(reverse("offers:create"), form_data(company=company.pk,
                                                                diffusion_partners=[indeed.pk, fair.pk]))
    assert response.status_code == 302
    offer = Offer.objects.get()
    assert dict(OfferChoice.objects.filter(offer=offer).values_list("partner__name", "allowed")) == {
        "Indeed": True, "HelloWork": False, "Forum Emploi Aude": True}
    assert OfferChoice.objects.filter(offer=offer, partner=hellowork).get().changed_by == user
    # the edit form shows the choices made
    response = client.get(reverse("offers:edit", args=[offer.pk]))
    assert sorted(response.context["form"]["diffusion_partners"].initial) == sorted([indeed.pk, fair.pk])


def test_editing_a_published_offer_records_the_choices_on_the_offer_not_on_its_revision(client, owner):
    user, company = owner
    hellowork = PartnerFactory(name="HelloWork")
    offer = OfferFactory(published=True, company=company, author=user)
    response = client.post(reverse("offers:edit", args=[offer.pk]), form_data(company=company.pk))
    assert response.status_code == 302
    assert Offer.objects.filter(revision_of=offer).exists()
    assert OfferChoice.objects.get(partner=hellowork).offer == offer
    assert OfferChoice.objects.get(partner=hellowork).allowed is False


def test_a_partner_id_that_is_not_offered_is_a_french_error_not_a_500(client, owner):
    user, company = owner
    PartnerFactory(name="Indeed")
    response = client.post(reverse("offers:create"), form_data(company=company.pk, diffusion_partners=["999999"]))
    assert response.status_code == 200
    assert "Ce partenaire n'existe plus : rechargez la page." in text(response)
    assert not Offer.objects.exists()


def test_without_partners_the_form_has_no_diffusion_section(client, owner):
    response = client.get(reverse("offers:create"))
    assert "diffusion_partners" not in response.context["form"].fields
    assert "chez nos partenaires" not in text(response)


def test_my_offers_say_where_each_offer_is_published(client, owner):
    user, company = owner
    PartnerFactory(name="Indeed")
    hellowork = PartnerFactory(name="HelloWork")
    PartnerFactory(name="Forum Emploi Aude", opt_in=True)
    online = OfferFactory(published=True, company=company, title="Boulanger H/F")
    OfferChoice.objects.create(offer=online, partner=hellowork, allowed=False)
    OfferFactory(company=company, title="Brouillon H/F")
    OfferFactory(expired=True, company=company, title="Expirée H/F")
    html = text(client.get(reverse("offers:mine")))
    assert "Diffusée sur : Terre d'Emplois, Indeed</p>" in html
    assert "Sera diffusée sur : Terre d'Emplois, HelloWork, Indeed</p>" in html
    assert html.count("diffusée sur") == 1 and html.count("Diffusée sur") == 1  # nothing for the expired one


@pytest.mark.parametrize("size", [2, 9])
def test_my_offers_with_partners_take_a_fixed_number_of_queries(client, owner, django_assert_num_queries, size):
    user, company = owner
    partners = [PartnerFactory(), PartnerFactory(opt_in=True)]
    for offer in OfferFactory.create_batch(size, company=company, published=True):
        OfferChoice.objects.create(offer=offer, partner=partners[0], allowed=False)
        offer.new_revision(by=user).save()
    client.get(reverse("offers:mine"))  # warm the session
    # user, current company, count, page, the active partners, the page's choices
    with django_assert_num_queries(6):
        response = client.get(reverse("offers:mine"))
    assert len(response.context["page"]) == size
    assert "Diffusée sur : Terre d'Emplois</p>" in text(response)


def test_a_duplicated_offer_goes_where_its_source_goes(client, owner):
    user, company = owner
    indeed, hellowork = PartnerFactory(name="Indeed"), PartnerFactory(name="HelloWork")
    fair = PartnerFactory(name="Forum Emploi Aude", opt_in=True)
    source = OfferFactory(published=True, company=company, author=user)
    OfferChoice.objects.create(offer=source, partner=hellowork, allowed=False)
    OfferChoice.objects.create(offer=source, partner=fair, allowed=True)
    response = client.post(reverse("offers:duplicate", args=[source.pk]))
    copy = Offer.objects.exclude(pk=source.pk).get()
    assert response.url == reverse("offers:edit", args=[copy.pk])
    assert dict(OfferChoice.objects.filter(offer=copy).values_list("partner__name", "allowed")) == {
        "HelloWork": False, "Forum Emploi Aude": True}
    assert set(OfferChoice.objects.filter(offer=copy).values_list("changed_by", flat=True)) == {user.pk}
    # the copy's form shows them: Indeed (no choice, its default) and the job fair ticked, HelloWork not
    response = client.get(reverse("offers:edit", args=[copy.pk]))
    assert sorted(response.context["form"]["diffusion_partners"].initial) == sorted([indeed.pk, fair.pk])
    assert OfferChoice.objects.filter(offer=source).count() == 2  # the source's are left as they are


def test_duplicating_a_revision_copies_the_choices_of_the_offer_it_changes(owner):
    user, company = owner
    hellowork = PartnerFactory(name="HelloWork")
    online = OfferFactory(published=True, company=company, author=user)
    OfferChoice.objects.create(offer=online, partner=hellowork, allowed=False)
    revision = online.new_revision(by=user)
    revision.save()
    copy = revision.duplicate(by=user)
    assert OfferChoice.objects.get(offer=copy).allowed is False


def test_the_choices_made_while_editing_a_published_offer_survive_the_approval_of_the_changes(client, owner):
    user, company = owner
    hellowork = PartnerFactory(name="HelloWork")
    offer = OfferFactory(published=True, company=company, author=user)
    client.post(reverse("offers:edit", args=[offer.pk]), form_data(company=company.pk))
    revision = Offer.objects.get(revision_of=offer)  # sent to moderation
    assert revision.approve(by=user) == offer  # the revision's content is copied onto the offer's own row
    assert not hellowork.offers().filter(pk=offer.pk).exists()
    assert OfferChoice.objects.get(partner=hellowork).offer == offer
